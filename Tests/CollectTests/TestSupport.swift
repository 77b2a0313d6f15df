import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// Fixtures and scratch workspaces of the collect tests.
extension TestSupport {
    static let fixtures = fixtureFolder("CollectTests")

    /// A fresh default workspace for `year`.
    static func workspace(year: Int = 2025) throws -> Workspace {
        let root = scratch("ws")
        try Workspace.create(at: root, year: year, department: "测试区科学技术协会")
        return try Workspace.open(at: root)
    }

    static func copyFixture(_ name: String, to inbox: URL, as newName: String? = nil) throws {
        let target = inbox.appendingPathComponent(newName ?? (name as NSString).lastPathComponent)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: target)
    }

    static func inboxContents(_ ws: Workspace) -> [String] {
        (try? InboxScanner.files(in: ws.inboxURL)) ?? []
    }

    /// The archived copies (the receipts folder beside them is not one).
    static func archiveNames(_ ws: Workspace) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: ws.archiveURL.path)) ?? []).subtracting([Archive.receiptsFolder])
    }

    /// Every receipt in the archive, in the order received.
    static func receipts(_ ws: Workspace) -> [Receipt] {
        Archive(directory: ws.archiveURL).allReceipts().receipts.map(\.receipt)
    }
}

extension ActivityRecords {
    /// Every record, for assertions; a failed read is recorded as a test issue.
    var all: [ActivityRecord] {
        do {
            return try collected()
        } catch {
            Issue.record("reading the records failed: \(error)")
            return []
        }
    }
}

extension LedgerListing {
    /// Every row (工作量 entry, file), for assertions; a failed read is recorded as a test issue.
    var all: [Element] {
        do {
            return try collected()
        } catch {
            Issue.record("reading the listing failed: \(error)")
            return []
        }
    }
}
