import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace
import Testing
import TestSupport

/// The archive is the year's system of record: with the ledger gone, nothing reports from an
/// empty one, and `rebuild` gives back the same tables from archive/ alone.
@Suite(.serialized) struct RebuildTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_768_442_400)   // 2026-01-15T02:00:00Z
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!
    static let december = Period(year: 2025, month: 12)!

    /// The example collected in two runs (so receipts span runs), then reported.
    static func collectedExample() throws -> Workspace {
        let root = TestSupport.scratch("rebuild").appendingPathComponent("ws")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        let ws = try Workspace.open(at: root)
        // Months up to June first, the rest a night later.
        let later = TestSupport.scratch("later")
        for month in 7...12 {
            let folder = String(format: "2025-%02d", month)
            let from = ws.inboxURL.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.moveItem(at: from, to: later.appendingPathComponent(folder))
            }
        }
        let ledger = try Ledger.open(for: ws, check: .integrity)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run(now: { receivedAt })
        for name in try FileManager.default.contentsOfDirectory(atPath: later.path) {
            try FileManager.default.moveItem(at: later.appendingPathComponent(name), to: ws.inboxURL.appendingPathComponent(name))
        }
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws))
            .run(now: { receivedAt.addingTimeInterval(86_400) })
        return ws
    }

    static func report(_ ws: Workspace) throws -> (result: ReportResult, snapshot: LedgerSnapshot, bytes: [Data]) {
        let result = try ReportProducer.produce(workspace: ws, through: december, today: today)
        var snapshot = try Ledger.open(for: ws, check: .presence).snapshot(of: ws, through: december, today: today)
        // Held in memory: the test rebuilds the ledger and compares the states.
        snapshot.activities = ActivityRecords(try snapshot.activities.collected())
        return (result, snapshot, try result.outputs.all.map { try Data(contentsOf: $0) })
    }

    static func removeLedger(_ ws: Workspace) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ws.ledgerURL.path + suffix) }
    }

    @Test func aDeletedLedgerIsRefusedThenRebuiltToTheSameTables() throws {
        let ws = try Self.collectedExample()
        let before = try Self.report(ws)
        #expect(before.result.evaluation.total == Decimal(string: "97.4")!)
        try Self.removeLedger(ws)

        // Refused, naming the way out; nothing is created in its place.
        #expect {
            _ = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains("jixiao rebuild")
        }
        #expect(!FileManager.default.fileExists(atPath: ws.ledgerURL.path))

        let summary = try Rebuilder(workspace: ws, source: SubmissionSources.standard(for: ws)).run()
        #expect(summary.runs == 2 && summary.keptLedger == nil)
        let after = try Self.report(ws)
        #expect(after.result.evaluation.indicators.map(\.actualText) == before.result.evaluation.indicators.map(\.actualText))
        #expect(after.result.evaluation.indicators.map(\.score) == before.result.evaluation.indicators.map(\.score))
        #expect(try after.snapshot.activities.collected() == before.snapshot.activities.collected())
        // QU00's 偏差原因 come back from its archived December file, cells and all.
        #expect(before.snapshot.deviationReasons?.reasons.map(\.source.location) == ["偏差原因!D2"])
        #expect(after.snapshot.deviationReasons == before.snapshot.deviationReasons)
        #expect(try after.snapshot.files.collected() == before.snapshot.files.collected(), "same outcomes, supersession and diagnostics")
        #expect(after.bytes == before.bytes, "the same workbooks, byte for byte")
    }

    @Test func rebuildingOverALedgerKeepsTheOldOneAndGivesTheSameRecords() throws {
        let ws = try Self.collectedExample()
        let before = try Self.report(ws)
        let summary = try Rebuilder(workspace: ws, source: SubmissionSources.standard(for: ws)).run()
        let kept = try #require(summary.keptLedger)
        #expect(FileManager.default.fileExists(atPath: ws.root.appendingPathComponent(kept).path))
        let after = try Self.report(ws)
        #expect(after.bytes == before.bytes)
        // Collecting goes on from the rebuilt ledger: the same bytes again are a duplicate.
        let copy = try #require(try FileManager.default.contentsOfDirectory(atPath: ws.archiveURL.path).first { $0.hasSuffix(".xlsx") })
        try FileManager.default.copyItem(at: ws.archiveURL.appendingPathComponent(copy), to: ws.inboxURL.appendingPathComponent("again.xlsx"))
        let ledger = try Ledger.open(for: ws, check: .integrity)
        let run = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        #expect(run.duplicates == 1 && run.accepted == 0)
    }

    @Test func anAlteredArchiveCopyStopsTheRebuildAndLeavesTheLedger() throws {
        let ws = try Self.collectedExample()
        let copy = try #require(try FileManager.default.contentsOfDirectory(atPath: ws.archiveURL.path).sorted().first { $0.hasSuffix(".xlsx") })
        let url = ws.archiveURL.appendingPathComponent(copy)
        var data = try Data(contentsOf: url)
        data[data.count / 2] ^= 0xFF
        try data.write(to: url)
        let ledgerBefore = try Data(contentsOf: ws.ledgerURL)
        #expect {
            _ = try Rebuilder(workspace: ws, source: SubmissionSources.standard(for: ws)).run()
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains(copy) && message.contains("改动")
        }
        #expect(try Data(contentsOf: ws.ledgerURL) == ledgerBefore)
        #expect(!FileManager.default.fileExists(atPath: ws.root.appendingPathComponent("ledger.sqlite.rebuilding").path))
    }

    @Test func aDamagedLedgerIsRefusedBeforeCollecting() throws {
        let root = TestSupport.scratch("damaged").appendingPathComponent("ws")
        _ = try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let ws = try Workspace.open(at: root)
        try Data("not a database, just bytes".utf8).write(to: ws.ledgerURL)
        #expect {
            _ = try Ledger.open(for: ws, check: .integrity)
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains("已损坏") && message.contains("jixiao rebuild")
        }
    }

    @Test func verifyFindsAlteredAndMissingCopiesAndEachRunNoticesAMissingOne() throws {
        let ws = try Self.collectedExample()
        let clean = ArchiveVerifier(workspace: ws).run()
        #expect(clean.isClean, "\(clean.problems)")
        #expect(clean.copies > 200 && clean.ledgerFiles >= clean.copies)

        let copies = try FileManager.default.contentsOfDirectory(atPath: ws.archiveURL.path).filter { $0.hasSuffix(".xlsx") }.sorted()
        let altered = ws.archiveURL.appendingPathComponent(copies[0])
        var data = try Data(contentsOf: altered)
        data[data.count - 10] ^= 0x01
        try data.write(to: altered)
        try FileManager.default.removeItem(at: ws.archiveURL.appendingPathComponent(copies[1]))
        let report = ArchiveVerifier(workspace: ws).run()
        #expect(report.problems.count == 2)
        #expect(report.problems.contains { $0.contains(copies[0]) && $0.contains("哈希不符") })
        #expect(report.problems.contains { $0.contains(copies[1]) && $0.contains("不见了") })

        // The next run's cheap check (sizes) sees the missing copy and says so.
        let ledger = try Ledger.open(for: ws, check: .integrity)
        let run = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        #expect(run.archiveProblems == 1 && run.needsAttention)
        #expect(run.line.contains("jixiao verify"))
    }

    @Test func eachRunLeavesAConsistentBackupAndKeepsTheNewest() throws {
        let ws = try Self.collectedExample()
        let backups = Ledger.backups(in: ws)
        #expect(backups.count == 2)
        let copy = try Ledger.open(at: try #require(backups.last))
        #expect(try copy.receivedFiles() == (try Ledger.open(for: ws, check: .presence).receivedFiles()))
    }
}
