import Foundation

extension TestSupport {
    /// One folder per test process holds every scratch folder, so a single removal at exit
    /// cleans up after tests whose folders must outlive the test (suite-wide workspaces).
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("jixiao-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratchRoot) }
        return url
    }()

    /// A new empty folder, removed when the test process exits.
    public static func scratch(_ label: String = "tmp") -> URL {
        let url = scratchRoot.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A new empty folder removed as soon as the test lets go of it, for tests that write
/// large files or many of them.
public final class Scratch {
    public let url: URL

    public init(_ label: String = "scratch") throws {
        url = TestSupport.scratch(label)
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
