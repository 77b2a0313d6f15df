import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
import JixiaoWorkspace
import TestSupport
import Testing

/// 退回修改 from collection to resubmission: the report writes a return copy of each rejected
/// file into out/退回/, the unit corrects the marked cells (openpyxl, as its Excel would), sends
/// the copy back, and it is accepted like any submission; its return copy then disappears.
@Suite(.serialized) struct ReturnCopyEndToEndTests {
    static let script = TestSupport.repoFile("Tests/EndToEndTests/return_copy_files.py")
    static let december = Period(year: 2025, month: 12)!
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!
    static let received = Date(timeIntervalSince1970: 1_768_442_400)   // 2026-01-15T02:00:00Z

    static func collectAndReport(_ ws: Workspace) throws -> (ReportResult, LedgerSnapshot) {
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run(now: { received })
        let result = try ReportProducer.produce(workspace: ws, through: december, today: today)
        return (result, try ledger.snapshot(of: ws, through: december, today: today))
    }

    static func returnCopies(_ ws: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.returnsURL.path).sorted()
    }

    /// What openpyxl sees in a workbook: comments, fills and values per sheet.
    static func report(_ url: URL) throws -> [String: Any] {
        let result = try Tool.openpyxl.run([script.path, "report", url.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] ?? [:]
    }

    static func sheet(_ report: [String: Any], _ name: String, _ part: String) -> [String: String] {
        (report[name] as? [String: Any])?[part] as? [String: String] ?? [:]
    }

    @Test(.requires(.openpyxl))
    func theRejectedJuneFileComesBackCorrectedAndIsAccepted() throws {
        let scratch = try Scratch("returns")
        let root = scratch.file("dongxihu-2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        let ws = try Workspace.open(at: root)
        let (first, snapshot) = try Self.collectAndReport(ws)
        #expect(try snapshot.callList.rows.contains { $0.unit.code == "JD05" && $0.period.description == "2025-06" })
        #expect(try Self.returnCopies(ws) == ["JD05_2025-06_退回修改.xlsx"])
        #expect(first.outputs.returnCopies.map(\.lastPathComponent) == ["JD05_2025-06_退回修改.xlsx"])
        #expect(first.line.hasSuffix("；退回修改 1 份（out/退回/）"))
        let copy = ws.returnsURL.appendingPathComponent("JD05_2025-06_退回修改.xlsx")

        // Our own reader: the notes come first, the data is the unit's as sent.
        let doc = try SpreadsheetReader.read(Data(contentsOf: copy), name: copy.lastPathComponent)
        #expect(doc.sheets.map(\.name).prefix(4) == ["修改说明", "基本信息", "活动明细", "工作量"])
        let activities = try #require(doc.sheets.first { $0.name == "活动明细" })
        #expect(activities.cell(CellRef(a1: "C7")!)?.value == .text("2025-13-05"))
        #expect(activities.cell(CellRef(a1: "B7")!)?.value == .text("夏季用电安全科普"))
        #expect(activities.rows.filter { $0.index > 1 && !$0.cells.isEmpty }.count == 6)

        let seen = try Self.report(copy)
        #expect(seen["active"] as? String == "修改说明")
        #expect(Self.sheet(seen, "活动明细", "comments") == ["C7": "错误：活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期"])
        #expect(Self.sheet(seen, "活动明细", "fills")["C7"] == "FFC7CE")
        #expect(Self.sheet(seen, "活动明细", "values")["C7"] == "2025-13-05")
        let notes = Self.sheet(seen, "修改说明", "values")
        #expect(notes["B8"] == "活动明细!C7")
        #expect(notes["D8"] == "2025-13-05")
        #expect(notes["B9"] == nil)

        // The unit corrects the marked cell and sends the copy back.
        let back = ws.inboxURL.appendingPathComponent("JD05_2025-06_退回修改.xlsx")
        let fixed = try Tool.openpyxl.run([Self.script.path, "fix", copy.path, back.path, #"{"活动明细!C7": "2025-06-15"}"#])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let (second, after) = try Self.collectAndReport(ws)
        let resent = try #require(after.files.collected().first { $0.fileName == "JD05_2025-06_退回修改.xlsx" })
        #expect(resent.status == .accepted, "\(resent.diagnostics.map(\.message))")
        #expect(resent.diagnostics.isEmpty, "\(resent.diagnostics.map(\.message))")
        #expect(resent.unitCode == "JD05" && resent.period?.description == "2025-06")
        #expect(try !after.callList.rows.contains { $0.unit.code == "JD05" && $0.period.description == "2025-06" })
        #expect(try after.activities.collected().filter { $0.source.file == "JD05_2025-06_退回修改.xlsx" }.count == 6)
        #expect(try Self.returnCopies(ws).isEmpty)
        #expect(second.outputs.returnCopies.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// One ZIP, two rejected members: each gets its own copy, problems re-pointed from the
    /// original's layout (a renamed sheet under a title, a CSV in another order) to the template's.
    /// The ZIP's cover letter is ignored, not sent back; a file that is no spreadsheet at all gets
    /// the one-sheet copy.
    @Test(.requires(.openpyxl))
    func bundleMembersGetTheirOwnCopiesWithProblemsRepointed() throws {
        let scratch = try Scratch("returns-bundle")
        let root = scratch.file("ws")
        try Workspace.create(at: root, year: 2025, department: "武汉市东西湖区科学技术协会")
        let ws = try Workspace.open(at: root)
        let made = try Tool.openpyxl.run([Self.script.path, "bundle", ws.inboxURL.appendingPathComponent("六月.zip").path])
        #expect(made.status == 0, "\(made.stderr)")
        try Data("%PDF-1.4\n%六月活动扫描件\n".utf8).write(to: ws.inboxURL.appendingPathComponent("六月报送.xlsx"))
        let (_, snapshot) = try Self.collectAndReport(ws)
        let files = try snapshot.files.collected()
        #expect(files.filter { $0.status == .rejected }.count == 3)
        #expect(!files.contains { $0.fileName.hasSuffix("说明.docx") })
        #expect(try Self.returnCopies(ws) == ["JD06_2025-06_退回修改.xlsx", "JD07_2025-06_退回修改.xlsx", "未知单位_未知月份_退回修改.xlsx"])

        // 活动主题 of the second activity: D4 of 六月活动 in the original, F3 in the copy.
        let original = try #require(files.first { $0.unitCode == "JD06" }?.diagnostics.first { $0.severity == .error })
        #expect(original.location == "六月活动!D4")
        let jd06 = try Self.report(ws.returnsURL.appendingPathComponent("JD06_2025-06_退回修改.xlsx"))
        #expect(Self.sheet(jd06, "活动明细", "comments").keys.sorted() == ["F3"])
        #expect(Self.sheet(jd06, "活动明细", "values")["F3"] == "防汛")
        #expect(Self.sheet(jd06, "活动明细", "values")["B3"] == "防汛应急演练")
        #expect(Self.sheet(jd06, "活动明细", "values")["C3"] == "2025-06-09")
        #expect(Self.sheet(jd06, "活动明细", "values")["H2"] == "长青社区")
        #expect(Self.sheet(jd06, "基本信息", "values")["B1"] == "JD06")
        #expect(Self.sheet(jd06, "工作量", "values")["B4"] == "2")
        #expect(Self.sheet(jd06, "修改说明", "values")["B8"] == "活动明细!F3")
        // The renamed sheet and the title row are not the copy's problems.
        #expect(Self.sheet(jd06, "修改说明", "values")["B9"] == nil)

        // 覆盖人数 of the CSV's first row: F2 there, G2 in the copy; unit and month from its name.
        let jd07 = try Self.report(ws.returnsURL.appendingPathComponent("JD07_2025-06_退回修改.xlsx"))
        #expect(Self.sheet(jd07, "活动明细", "comments").keys.sorted() == ["G2"])
        #expect(Self.sheet(jd07, "活动明细", "values")["G2"] == "很多")
        #expect(Self.sheet(jd07, "基本信息", "values")["B1"] == "JD07")
        #expect(Self.sheet(jd07, "基本信息", "values")["B3"] == "2025-06")

        let word = try Self.report(ws.returnsURL.appendingPathComponent("未知单位_未知月份_退回修改.xlsx"))
        #expect(word["sheets"] as? [String] == ["修改说明"])
        #expect(Self.sheet(word, "修改说明", "values")["B2"] == "六月报送.xlsx")
    }
}
