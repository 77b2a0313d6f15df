import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// QU00's 偏差原因 on a fresh workspace: its template lists indicators.yaml's 三级指标, the
/// office writes a reason in Excel (openpyxl here), and the reason is what 指标表 and 自评报告
/// print; a file naming an indicator the set lacks is sent back with that cell marked.
@Suite(.serialized) struct DeviationReasonEndToEndTests {
    static let filler = TestSupport.repoFile("Tests/EndToEndTests/fill_template.py")
    static let copies = TestSupport.repoFile("Tests/EndToEndTests/return_copy_files.py")
    static let december = Period(year: 2025, month: 12)!
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!
    static let reason = "两个科普项目年末尚未验收，资金于次年支付。下一步将按月跟踪支出进度，提高预算执行率。"
    /// 189 / 210 = 90%: 预算执行率 scores 18 of its 20.
    static var district: [String: Any] { ["年初预算数": 200.5, "追加数": 10, "调减数": 0.5, "全年执行数": 189,
                                          "满意度调查有效问卷数": 100, "满意及以上问卷数": 95] }

    /// QU00's template for `period`, filled by `spec`, put into inbox/ as `name`.
    static func send(_ ws: Workspace, period: Period, name: String, _ spec: [String: Any]) throws {
        let unit = try #require(ws.unitsByCode[SubmissionSchema.districtUnitCode])
        let rows = try ReportProducer.loadIndicators(ws).deviationSheetRows
        let blank = ws.templatesURL.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: period))
        try TemplateWriter.write(unit: unit, period: period, indicators: rows, to: blank)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let filled = try Tool.openpyxl.run([filler.path, blank.path, ws.inboxURL.appendingPathComponent(name).path, json])
        #expect(filled.status == 0, "\(filled.stderr)")
    }

    static func collect(_ ws: Workspace) throws -> LedgerSnapshot {
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        return try ledger.snapshot(of: ws, through: december, today: today)
    }

    /// 指标表's 偏差原因分析及改进措施 (column H) on the row of `indicator` (column C).
    static func printedReason(_ table: URL, _ indicator: String) throws -> String? {
        let doc = try SpreadsheetReader.read(Data(contentsOf: table), name: table.lastPathComponent)
        let row = try #require(doc.sheets.first?.rows.first { row in
            row.cells.contains { $0.ref.column == 3 && $0.value.displayText == indicator }
        })
        return row.cells.first { $0.ref.column == 8 }?.value.displayText
    }

    /// The text of 自评报告.docx's body part.
    static func documentText(_ docx: URL) throws -> String {
        let archive = try ZipArchive(data: Data(contentsOf: docx), limits: .default)
        let part = try #require(archive.entries.first { $0.name == "word/document.xml" })
        return String(decoding: try archive.read(part), as: UTF8.self)
    }

    @Test(.requires(.openpyxl))
    func theOfficesReasonIsPrintedAndAWrongNameIsSentBack() throws {
        let scratch = try Scratch("deviation")
        let root = scratch.file("ws")
        try Workspace.create(at: root, year: 2025, department: "武汉市东西湖区科学技术协会")
        let ws = try Workspace.open(at: root)

        // November's reason is replaced by December's: the latest month that gives one counts.
        try Self.send(ws, period: Period(year: 2025, month: 11)!, name: "QU00_2025-11.xlsx",
                 ["district": Self.district, "deviation": [["预算执行率", "十一月的说明"]]])
        try Self.send(ws, period: Self.december, name: "QU00_2025-12.xlsx",
                 ["district": Self.district, "deviation": [["预算执行率", Self.reason]]])
        let snapshot = try Self.collect(ws)
        for file in try snapshot.files.collected() {
            #expect(file.status == .accepted && file.diagnostics.isEmpty, "\(file.fileName): \(file.diagnostics.map(\.message))")
        }
        #expect(snapshot.deviationReasons?.sourceFile == "QU00_2025-12.xlsx")

        let first = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        let budget = try #require(first.evaluation.indicators.first { $0.name == "预算执行率" })
        #expect(budget.score == 18)
        #expect(budget.deviationReason == Self.reason)
        #expect(budget.deviationReasonSource?.location == "偏差原因!D2")
        #expect(!first.evaluation.notes.contains { $0.code == "indicators.deviation.missing" && $0.message.contains("预算执行率") })
        #expect(try Self.printedReason(first.outputs.indicatorTable, "预算执行率") == Self.reason)
        #expect(try Self.documentText(first.outputs.selfEvaluation).contains("预算执行率得分18分（满20分）：" + Self.reason))

        // A file naming an indicator indicators.yaml does not have: refused at the name's cell, and,
        // its month having no accepted file, sent back.
        try Self.send(ws, period: Period(year: 2025, month: 10)!, name: "QU00_2025-10.xlsx",
                 ["district": Self.district, "deviation": [["预算执行比率", "改过的原因"]]])
        let after = try Self.collect(ws)
        let rejected = try #require(after.files.collected().first { $0.fileName == "QU00_2025-10.xlsx" })
        #expect(rejected.status == .rejected)
        let wrong = try #require(rejected.diagnostics.first { $0.code == "deviation.unknownIndicator" })
        let indicators = try ReportProducer.loadIndicators(ws).indicators.count
        #expect(wrong.location == "偏差原因!B\(indicators + 2)")
        #expect(wrong.message.contains("是否为“预算执行率”？"), "\(wrong.message)")

        let second = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        #expect(try Self.printedReason(second.outputs.indicatorTable, "预算执行率") == Self.reason, "a rejected file counts for nothing")
        let copy = try #require(second.outputs.returnCopies.first { $0.lastPathComponent.hasPrefix("QU00_2025-10") })
        let seen = try Self.report(copy)
        #expect((seen["sheets"] as? [String])?.contains(SubmissionSchema.deviationSheet) == true)
        let sheet = seen[SubmissionSchema.deviationSheet] as? [String: Any] ?? [:]
        let cell = "B\(indicators + 2)"
        #expect((sheet["values"] as? [String: String])?[cell] == "预算执行比率")
        #expect((sheet["values"] as? [String: String])?["D\(indicators + 2)"] == "改过的原因")
        #expect((sheet["fills"] as? [String: String])?[cell] == "FFC7CE")
        #expect((sheet["comments"] as? [String: String])?[cell]?.contains("不在指标体系") == true)
        // Every indicator keeps its row, named as indicators.yaml names it.
        #expect((sheet["values"] as? [String: String])?["B2"] == "预算执行率")
    }

    static func report(_ url: URL) throws -> [String: Any] {
        let result = try Tool.openpyxl.run([copies.path, "report", url.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] ?? [:]
    }
}
