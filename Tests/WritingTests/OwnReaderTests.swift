import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoWriting
import TestSupport
import Testing

/// Every workbook read back with jixiao's own reader, which runs everywhere (no Python).
@Suite struct OwnReaderTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    func read(_ url: URL) throws -> SpreadsheetDocument {
        try SpreadsheetReader.read(try Data(contentsOf: url), name: url.lastPathComponent)
    }

    @Test func indicatorTableReadsBackWithMergesAndCachedTotals() throws {
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let doc = try read(url)
        #expect(doc.sheets.map(\.name) == ["绩效自评表"])
        let s = try #require(doc.sheet(named: "绩效自评表"))
        #expect(s.text("A1") == "2025年度部门整体支出绩效自评表")
        #expect(s.value("C4") == .number("381.71"))
        #expect(s.value("E4") == .number("323.21"))
        #expect(s.value("F4") == .number("0.872"))
        #expect(s.value("H4") == .number("17.4"))
        #expect(s.text("A10") == "产出指标（40分）")
        #expect(s.text("C24") == "服务对象满意度")
        #expect(s.cell(CellRef(a1: "G19")!)?.formula == "SUM(G10:G18)")
        #expect(s.cell(CellRef(a1: "G26")!)?.formula == "G9+G19+G23+G25")
        // libxlsxwriter prints numbers with 16 significant digits ("97.40000000000001"):
        // the same double as 97.4, which is what Excel shows.
        #expect(s.double("G26") == 97.4)
        #expect(s.value("F26") == .number("100"))
        #expect(s.text("F27") == "级别：优")
        let merges = Set(s.mergedRanges.map(\.description))
        #expect(merges.isSuperset(of: ["A1:I1", "A3:B4", "A5:B6", "H7:I7", "A10:A19", "B10:B18", "B19:E19", "A26:E26"]))
    }

    @Test func zeroBudgetPrintsNoExecutionRate() throws {
        let url = dir.file("指标表.xlsx")
        let zero = BudgetBlock(initialBudget: 0, fullYearBudget: 0, executed: 0, executionRate: 0,
                               weight: 20, score: 0, note: "")
        try IndicatorTableWriter.write(Fixtures.evaluation(budget: .some(zero)), to: url)
        let s = try #require(try read(url).sheet(named: "绩效自评表"))
        #expect(s.text("F4") == "无法计算")
    }

    @Test func rollupReadsBackEverySheetAndRecord() throws {
        let url = dir.file("汇总表.xlsx")
        let rollup = Fixtures.rollup(extraRecords: 500)
        try RollupWorkbookWriter.write(Fixtures.evaluation(period: Period(year: 2025, month: 3)!), rollup: rollup, to: url)
        let doc = try read(url)
        #expect(doc.sheets.map(\.name) == ["总览", "按单位", "按街道", "按月", "活动明细"])
        let units = try #require(doc.sheet(named: "按单位"))
        #expect(units.text("G4") == "未报")
        let records = try #require(doc.sheet(named: "活动明细"))
        #expect(records.rows.count == 1 + rollup.records.count)
        #expect(records.value("F2") == .date(ExcelDateTime(year: 2025, month: 1, day: 5)))
        let source = CellName.column(try #require(RollupWorkbookWriter.recordHeaders.firstIndex(of: "来源文件")))
        #expect(records.text("\(source)2") == "JD01_2025-01.xlsx")
        let months = try #require(doc.sheet(named: "按月"))
        #expect(months.value("B5") == .number(String(rollup.months.reduce(0) { $0 + $1.activities })))
    }

    @Test func validationReportAndReminderListReadBack() throws {
        let report = dir.file("校验报告.xlsx")
        try ValidationReportWriter.write(files: FileOutcomes(ValidationReportTests.files), units: Fixtures.units, to: report)
        let doc = try read(report)
        let problems = try #require(doc.sheet(named: "问题明细"))
        #expect(problems.text("F2") == "=1+1")
        #expect(problems.cell(CellRef(a1: "F2")!)?.formula == nil)
        #expect(problems.text("E2") == "活动明细!G14")

        let reminders = dir.file("催报清单.xlsx")
        try ReminderListWriter.write(ReminderListTests.calls, to: reminders)
        let calls = try read(reminders)
        let list = try #require(calls.sheet(named: "催报清单"))
        #expect(list.text("A3") == "JD02")
        #expect(list.text("E5") == "1月、3月")
        #expect(list.text("F5")?.hasPrefix("1月 文件无法读取：") == true)
        let months = try #require(calls.sheet(named: "按月明细"))
        #expect(months.rows.count == 1 + ReminderListTests.calls.monthCount)
        #expect(months.text("F2") == "已退回")
    }

    @Test func templateReadsBackWithItsHiddenListSheet() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Fixtures.units[1], period: Period(year: 2025, month: 3)!, to: url)
        let doc = try read(url)
        #expect(doc.sheets.map(\.name) == ["基本信息", "活动明细", "工作量", "填报说明", "下拉选项"])
        #expect(doc.sheet(named: "下拉选项")?.visibility == .hidden)
        let info = try #require(doc.sheet(named: "基本信息"))
        #expect(info.text("B1") == "JD01")
        #expect(info.text("B3") == "2025-03")
        let activities = try #require(doc.sheet(named: "活动明细"))
        let headers = SubmissionSchema.activityColumns.indices.map { activities.text("\(CellName.column($0))1") ?? "" }
        #expect(headers == SubmissionSchema.activityColumns.map(\.header))
        // Formatted but empty rows hold no values.
        #expect(activities.rows.allSatisfy { $0.index == 1 || $0.cells.allSatisfy { $0.value == .empty } })
    }
}

extension SpreadsheetDocument {
    func sheet(named name: String) -> Sheet? { sheets.first { $0.name == name } }
}

extension Sheet {
    func value(_ a1: String) -> CellValue { CellRef(a1: a1).flatMap { cell($0)?.value } ?? .empty }

    func double(_ a1: String) -> Double? {
        if case .number(let s) = value(a1) { return Double(s) }
        return nil
    }

    func text(_ a1: String) -> String? {
        if case .text(let s) = value(a1) { return s }
        return nil
    }
}
