import Foundation

/// What every test target shares: where the repository is, scratch folders, running
/// programs, the built `jixiao` and the third-party tools the cross-checks read with.
public enum TestSupport {
    /// Found from this file's place in the checkout, so tests run from any directory.
    public static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder of the checkout, by its path from the root.
    public static func repoFile(_ path: String) -> URL { repoRoot.appendingPathComponent(path) }

    /// `Tests/Fixtures`, made by its make_fixtures.py and shared by several targets.
    public static let sharedFixtures = repoFile("Tests/Fixtures")

    /// `Tests/<target>/Fixtures`.
    public static func fixtureFolder(_ target: String) -> URL { repoFile("Tests/\(target)/Fixtures") }

    /// Under CI a missing tool fails the tests that need it instead of skipping them, so a
    /// broken `make test-deps` cannot pass unnoticed.
    public static var isCI: Bool {
        ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
    }

    /// Writes UTF-8 text, creating the folders on the way.
    public static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
