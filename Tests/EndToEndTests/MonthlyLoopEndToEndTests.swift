import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// The month as the office lives it, on the example workspace: files that must not count the
/// way they look, and the official table they must leave alone.
@Suite(.serialized) struct MonthlyLoopEndToEndTests {
    static let script = TestSupport.repoFile("Tests/EndToEndTests/monthly_loop_files.py")
    static let december = Period(year: 2025, month: 12)!
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!

    /// A copy of the example; the scratch folder lives as long as the caller keeps it.
    static func example(_ name: String) throws -> (Scratch, Workspace) {
        let scratch = try Scratch(name)
        let root = scratch.file("dongxihu-2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        return (scratch, try Workspace.open(at: root))
    }

    /// Collects the inbox and reports; the snapshot and the 指标表's bytes.
    static func collectAndReport(_ ws: Workspace) throws -> (LedgerSnapshot, Data) {
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        let result = try ReportProducer.produce(workspace: ws, through: december, today: today)
        return (try ledger.snapshot(of: ws, through: december, today: today),
                try Data(contentsOf: result.outputs.indicatorTable))
    }

    @Test(.requires(.openpyxl))
    func aReusedWorkbookUnderLastMonthIsRefusedAndTheTableStays() throws {
        let (scratch, ws) = try Self.example("reused-month")
        defer { withExtendedLifetime(scratch) {} }
        let (before, table) = try Self.collectAndReport(ws)
        // The office's own April workbook, reused for May with only the dates changed.
        let may = try #require(before.files.collected().first { $0.unitCode == "QU00" && $0.period?.description == "2025-04" })
        #expect(may.status == .accepted)
        let reused = ws.inboxURL.appendingPathComponent("2025-05/QU00_东西湖区科协_2025-05（沿用四月）.xlsx")
        try FileManager.default.createDirectory(at: reused.deletingLastPathComponent(), withIntermediateDirectories: true)
        let made = try Tool.openpyxl.run([Self.script.path, "reuse",
                                          TestSupport.repoFile("examples/dongxihu-2025/inbox/" + may.fileName).path,
                                          reused.path, "2025-05"])
        #expect(made.status == 0, "\(made.stderr)")
        let (after, tableAfter) = try Self.collectAndReport(ws)
        let refused = try #require(after.files.collected().first { $0.fileName == "2025-05/" + reused.lastPathComponent })
        #expect(refused.status == .rejected)
        let error = try #require(refused.diagnostics.first { $0.severity == .error })
        #expect(error.code == "period.mismatch")
        #expect(error.location == "基本信息!B3")
        #expect(error.message == "报送月份填的是 2025-04，但 7 条活动中有 7 条日期在 2025-05，请核对报送月份或活动日期")
        #expect(refused.diagnostics.filter { $0.severity == .error }.count == 1)
        #expect(!refused.diagnostics.contains { $0.code == "date.outsidePeriod" })
        // April still counts, and the official table is the one signed before.
        #expect(try after.files.collected().first { $0.fileName == may.fileName }?.status == .accepted)
        #expect(tableAfter == table)
    }

    /// JD04 owes August. An untouched template does not pay that debt; a declared 零报告 does.
    @Test(.requires(.openpyxl))
    func aBlankTemplateIsEmptyAndADeclaredZeroReportCounts() throws {
        let (scratch, ws) = try Self.example("zero-report")
        defer { withExtendedLifetime(scratch) {} }
        let (before, table) = try Self.collectAndReport(ws)
        let unit = try #require(ws.unitsByCode["JD04"])
        let august = Period(year: 2025, month: 8)!
        func owes(_ s: LedgerSnapshot) throws -> CallList.Month? {
            try s.callList.entries.first { $0.unit.code == "JD04" }?.months.first { $0.period == august }
        }
        #expect(try owes(before)?.reason == .notSubmitted)

        let blank = ws.inboxURL.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: august))
        try TemplateWriter.write(unit: unit, period: august, to: blank)
        let (afterBlank, tableAfterBlank) = try Self.collectAndReport(ws)
        let refused = try #require(afterBlank.files.collected().first { $0.fileName == blank.lastPathComponent })
        #expect(refused.status == .rejected)
        let error = try #require(refused.diagnostics.first { $0.severity == .error })
        #expect(error.code == "submission.empty")
        #expect(error.location == "基本信息!B7")
        #expect(try owes(afterBlank)?.reason.sentSomething == true)
        #expect(tableAfterBlank == table)

        let template = scratch.file(blank.lastPathComponent)
        try TemplateWriter.write(unit: unit, period: august, to: template)
        let declared = ws.inboxURL.appendingPathComponent("JD04_2025-08_零报告.xlsx")
        let filled = try Tool.openpyxl.run([TemplateRoundTripTests.filler.path, template.path, declared.path,
                                            #"{"basic": {"本月无活动": "是"}}"#])
        #expect(filled.status == 0, "\(filled.stderr)")
        let (after, tableAfter) = try Self.collectAndReport(ws)
        let accepted = try #require(after.files.collected().first { $0.fileName == declared.lastPathComponent })
        #expect(accepted.status == .accepted, "\(accepted.diagnostics.map(\.message))")
        #expect(try owes(after) == nil)
        #expect(after.zeroReportPeriods["JD04"]?.contains(august) == true)
        #expect(try RollupBuilder.build(after).units.first { $0.unit.code == "JD04" }?.zeroReports.contains(august) == true)
        // Nothing was counted, so the official table is unchanged.
        #expect(tableAfter == table)
    }
}
