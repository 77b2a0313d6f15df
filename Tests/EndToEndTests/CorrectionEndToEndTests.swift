import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
import JixiaoWorkspace
import TestSupport
import Testing

/// Withdraw and restore on the example workspace, collected under the golden tests' clock:
/// JD03 sent May twice, and its 更正 file is the one that counts.
@Suite(.serialized) struct CorrectionEndToEndTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_768_442_400)   // 2026-01-15T02:00:00Z
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!
    static let december = Period(year: 2025, month: 12)!
    static let may = Period(year: 2025, month: 5)!
    static let original = "2025-05/JD03_慈惠街道科协_2025-05.xlsx"
    static let corrected = "2025-05/JD03_慈惠街道科协_2025-05_更正.xlsx"

    static func collectedExample(_ name: String) throws -> (Scratch, Workspace) {
        let scratch = try Scratch(name)
        let root = scratch.file("dongxihu-2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        let ws = try Workspace.open(at: root)
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run(now: { receivedAt })
        return (scratch, ws)
    }

    static func report(_ ws: Workspace) throws -> (snapshot: LedgerSnapshot, outputs: ReportOutputs) {
        let result = try ReportProducer.produce(workspace: ws, through: december, today: today)
        var snapshot = try Ledger.open(for: ws, check: .presence).snapshot(of: ws, through: december, today: today)
        // Held in memory: the ledger changes after this report, and the test compares states.
        snapshot.activities = ActivityRecords(try snapshot.activities.collected())
        return (snapshot, result.outputs)
    }

    static func corrector(_ ws: Workspace) throws -> Corrector {
        Corrector(workspace: ws, ledger: try Ledger.open(for: ws, check: .integrity))
    }

    static func jd03May(_ snapshot: LedgerSnapshot) throws -> [ActivityRecord] {
        try snapshot.activities.collected().filter { $0.unitCode == "JD03" && $0.period == may }
    }

    static func rows(_ url: URL, sheet: String) throws -> [[String]] {
        let doc = try SpreadsheetReader.read(Data(contentsOf: url), name: url.lastPathComponent)
        let found = try #require(doc.sheets.first { $0.name == sheet })
        return found.rows.map { $0.cells.map(\.value.displayText) }
    }

    @Test func withdrawingTheCorrectionBringsBackTheFirstMayFileAndRestoringGivesTheSameTable() throws {
        let (scratch, ws) = try Self.collectedExample("correction-e2e")
        defer { withExtendedLifetime(scratch) {} }
        let before = try Self.report(ws)
        let table = try Data(contentsOf: before.outputs.indicatorTable)
        #expect(try Self.jd03May(before.snapshot).map(\.source.file) == [Self.corrected, Self.corrected])
        #expect(try Self.rows(before.outputs.validationReport, sheet: "文件").count > 1)
        let sheetsBefore = try SpreadsheetReader.read(Data(contentsOf: before.outputs.validationReport), name: "校验报告.xlsx").sheets.map(\.name)
        #expect(!sheetsBefore.contains("更正记录"), "no corrections, no sheet")

        let withdrawal = try Self.corrector(ws).withdraw(Self.corrected, reason: "单位来电：更正表漏填活动", now: Self.receivedAt.addingTimeInterval(3600))
        #expect(withdrawal.line.contains("改为计入此前的 \(Self.original)（活动 2 → 3 条）"), "\(withdrawal.line)")
        let withdrawn = try Self.report(ws)
        let records = try Self.jd03May(withdrawn.snapshot)
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.source.file == Self.original && $0.source.sheet == "活动明细" })
        #expect(records.map(\.source.row) == [2, 3, 4])
        #expect(try withdrawn.snapshot.activities.collected().count == before.snapshot.activities.collected().count + 1)

        // 校验报告: the file's 说明 and the 更正记录 row.
        let files = try Self.rows(withdrawn.outputs.validationReport, sheet: "文件")
        let line = try #require(files.first { $0.count > 2 && $0[2] == Self.corrected })
        #expect(line[5] == "已撤回" && line.last == "已撤回（单位来电：更正表漏填活动）", "\(line)")
        let corrections = try Self.rows(withdrawn.outputs.validationReport, sheet: "更正记录")
        #expect(corrections.first == ["时间", "操作", "单位", "月份", "文件", "原因", "结果"])
        #expect(Array(corrections[1].dropFirst()) == ["撤回", "JD03 慈惠街道科协", "2025-05", Self.corrected, "单位来电：更正表漏填活动",
                                                      "改为计入此前的 \(Self.original)"])

        _ = try Self.corrector(ws).restore(Self.corrected, reason: "核实后更正表无误", now: Self.receivedAt.addingTimeInterval(7200))
        let restored = try Self.report(ws)
        #expect(try Data(contentsOf: restored.outputs.indicatorTable) == table, "指标表 byte-identical to before the withdrawal")
        #expect(try restored.snapshot.activities.collected() == before.snapshot.activities.collected())
        let log = try Self.rows(restored.outputs.validationReport, sheet: "更正记录").dropFirst().map { $0[1] }
        #expect(log == ["恢复", "撤回"])
    }

    @Test func aWithdrawalSurvivesRebuildWithTheSameOutputs() throws {
        let (scratch, ws) = try Self.collectedExample("correction-rebuild")
        defer { withExtendedLifetime(scratch) {} }
        _ = try Self.corrector(ws).withdraw(Self.corrected, reason: "更正表作废", now: Self.receivedAt.addingTimeInterval(3600))
        let before = try Self.report(ws)
        let bytes = try before.outputs.all.map { try Data(contentsOf: $0) }

        _ = try Rebuilder(workspace: ws, source: SubmissionSources.standard(for: ws)).run(now: Self.receivedAt.addingTimeInterval(7200))
        let after = try Self.report(ws)
        #expect(try after.snapshot.files.collected() == before.snapshot.files.collected())
        #expect(try after.snapshot.activities.collected() == before.snapshot.activities.collected())
        #expect(after.snapshot.corrections == before.snapshot.corrections)
        #expect(try Self.jd03May(after.snapshot).count == 3)
        #expect(try after.outputs.all.map { try Data(contentsOf: $0) } == bytes, "the same workbooks, byte for byte")
        #expect(ArchiveVerifier(workspace: ws).run().isClean)
    }
}
