import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace

/// Paths and scratch workspaces shared by the collect tests.
enum TestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty directory under the system temp directory.
    static func scratch(_ label: String = "ws") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh default workspace for `year`.
    static func workspace(year: Int = 2025) throws -> Workspace {
        let root = scratch()
        try Workspace.create(at: root, year: year, department: "测试区科学技术协会")
        return try Workspace.open(at: root)
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func copyFixture(_ name: String, to inbox: URL, as newName: String? = nil) throws {
        let target = inbox.appendingPathComponent(newName ?? (name as NSString).lastPathComponent)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: target)
    }

    static func inboxContents(_ ws: Workspace) -> [String] {
        (try? InboxScanner.files(in: ws.inboxURL)) ?? []
    }

    static func archiveNames(_ ws: Workspace) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: ws.archiveURL.path)) ?? [])
    }
}
