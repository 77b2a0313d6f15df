import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
import JixiaoSubmission
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// A file still being copied into inbox/ when collect reads it must not be deleted with
/// only its first part recorded: it stays, and the next run takes the whole file.
@Suite struct InboxChangeTests {
    @Test func fileWrittenDuringCollectStaysForTheNextRun() throws {
        let ws = try TestSupport.workspace()
        let ledger = try Ledger.open(at: ws.ledgerURL)
        let url = ws.inboxURL.appendingPathComponent("JD01.txt")
        try TestSupport.write("unit=JD01 period=2025-03 n=1", to: url)
        // The source runs after the file was read: it plays the copy that is still writing.
        let appendingSource: SubmissionSource = { data, name in
            if let handle = try? FileHandle(forWritingTo: url) {
                handle.seekToEndOfFile()
                handle.write(Data(" n=5".utf8))
                try? handle.close()
            }
            return CollectorTests.fakeSource(data, name)
        }
        var events: [CollectEvent] = []
        let first = try Collector(workspace: ws, ledger: ledger, source: appendingSource).run(report: { events.append($0) })
        #expect(first.keptInInbox == 1)
        #expect(events.contains { $0.kind == .keptInInbox && $0.logLine.hasPrefix("[保留]") })
        #expect(FileManager.default.fileExists(atPath: url.path))

        let second = try Collector(workspace: ws, ledger: ledger, source: CollectorTests.fakeSource).run()
        #expect(second.accepted == 1 && second.keptInInbox == 0)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        let snapshot = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        // The whole file (n=5, the last key wins) replaced the part read first.
        #expect(snapshot.activities.all.count == 5)
    }
}

@Suite struct InboxOrderTests {
    @Test func reDownloadedCopiesFollowTheirOriginal() {
        let paths = ["三月/JD01_2025-03(1).xlsx", "三月/JD01_2025-03.xlsx", "三月/JD01_2025-03（2）.xlsx",
                     "三月/JD01_2025-03 (3).xlsx", "三月/JD01_2025-03_更正.xlsx", "三月/JD00.xlsx", "三月/JD01_2025-03(10).xlsx"]
        let sorted = paths.sorted { DownloadCopyOrder($0) < DownloadCopyOrder($1) }
        #expect(sorted == ["三月/JD00.xlsx", "三月/JD01_2025-03.xlsx", "三月/JD01_2025-03(1).xlsx", "三月/JD01_2025-03（2）.xlsx",
                           "三月/JD01_2025-03 (3).xlsx", "三月/JD01_2025-03(10).xlsx", "三月/JD01_2025-03_更正.xlsx"])
    }

    @Test func laterCopyInTheSameRunSupersedes() throws {
        let ws = try TestSupport.workspace()
        let ledger = try Ledger.open(at: ws.ledgerURL)
        try TestSupport.write("unit=JD01 period=2025-03 n=2", to: ws.inboxURL.appendingPathComponent("JD01_2025-03.txt"))
        try TestSupport.write("unit=JD01 period=2025-03 n=7", to: ws.inboxURL.appendingPathComponent("JD01_2025-03(1).txt"))
        _ = try Collector(workspace: ws, ledger: ledger, source: CollectorTests.fakeSource).run()
        let snapshot = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        #expect(snapshot.activities.all.count == 7)
    }
}
