import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

@Suite struct ValidationReportTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    static func outcome(run: Int64, file: String, unit: String?, status: SubmissionStatus,
                        _ diagnostics: [Diagnostic] = []) -> FileOutcome {
        FileOutcome(runID: run, fileName: file, contentHash: String(repeating: "a", count: 64), size: 1234,
                    receivedAt: Date(timeIntervalSince1970: 1_743_465_600 + Double(run) * 86_400),  // 2025-04-01T00:00Z
                    unitCode: unit, period: Period(year: 2025, month: 3), status: status, diagnostics: diagnostics)
    }

    static var files: [FileOutcome] {
        [
            outcome(run: 1, file: "JD01_2025-03.xlsx", unit: "JD01", status: .accepted, [
                Diagnostic(.warning, code: "date.outsidePeriod", file: "JD01_2025-03.xlsx", sheet: "活动明细",
                           cell: "C5", value: "2025-04-02", message: "活动日期不在报送月份内，请核对。"),
            ]),
            outcome(run: 2, file: "bundle.zip/JD02.xlsx", unit: "JD02", status: .rejected, [
                Diagnostic(.error, code: "activity.coverage.notNumber", file: "bundle.zip/JD02.xlsx", sheet: "活动明细",
                           cell: "G14", value: "=1+1", message: "覆盖人数不是数字，请填写整数。"),
                Diagnostic(.error, code: "activity.category.unknown", file: "bundle.zip/JD02.xlsx", sheet: "活动明细",
                           cell: "E3", value: "@讲座", message: "活动类别不在允许的列表中，请从下拉列表选择。"),
            ]),
            outcome(run: 2, file: "XX99_2025-03.csv", unit: "XX99", status: .rejected, [
                Diagnostic(.error, code: "unit.unknown", file: "XX99_2025-03.csv", message: "单位代码 XX99 不在单位名册中。"),
            ]),
        ]
    }

    @Test(.requires(.openpyxl))
    func listsFilesNewestRunFirst() throws {
        let url = dir.file("校验报告.xlsx")
        try ValidationReportWriter.write(files: FileOutcomes(Self.files), units: Fixtures.units, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["文件", "问题明细"])
        let s = book.sheet("文件")
        #expect((0..<9).map { s.text("\(CellName.column($0))1") ?? "" } == ValidationReportWriter.fileHeaders)
        #expect(s.column("C", from: 2, through: 4) == ["bundle.zip/JD02.xlsx", "XX99_2025-03.csv", "JD01_2025-03.xlsx"])
        #expect(s.number("A2") == 2)
        #expect(s.text("D2") == "JD02 将军路街道科协")
        #expect(s.text("D3") == "XX99")
        #expect(s.text("E2") == "2025-03")
        #expect(s.text("F2") == "已退回")
        #expect(s.text("F4") == "已接收")
        #expect(s.number("G2") == 2)
        #expect(s.number("H4") == 1)
        // Received 2025-04-03T00:00Z, shown in Beijing time.
        #expect(s.cells["B2"] as? String == "2025-04-03T08:00:00")
        #expect(s.autofilter == "A1:I4")
        #expect(s.freeze == "A2")
    }

    @Test(.requires(.openpyxl))
    func listsEveryProblemWithItsCellAndValueAsText() throws {
        let url = dir.file("校验报告.xlsx")
        try ValidationReportWriter.write(files: FileOutcomes(Self.files), units: Fixtures.units, to: url)
        let s = try OpenPyXL(url).sheet("问题明细")
        #expect((0..<7).map { s.text("\(CellName.column($0))1") ?? "" } == ValidationReportWriter.problemHeaders)
        #expect(s.maxRow == 5)
        #expect(s.text("A2") == "bundle.zip/JD02.xlsx")
        #expect(s.text("D2") == "错误")
        #expect(s.text("E2") == "活动明细!G14")
        #expect(s.text("F2") == "=1+1")
        #expect(s.text("F3") == "@讲座")
        #expect(s.text("G2") == "覆盖人数不是数字，请填写整数。")
        #expect(s.text("E4") == nil)
        #expect(s.text("D5") == "警告")
        #expect(s.formulas.isEmpty)
        #expect(s.autofilter == "A1:G5")
    }

    @Test(.requires(.openpyxl))
    func hostileValuesAreWrittenSafely() throws {
        let url = dir.file("校验报告.xlsx")
        let huge = String(repeating: "长", count: 40_000)
        let odd = "a\u{1}b\u{7}c\u{FFFE}d"
        let files = [Self.outcome(run: 3, file: "=cmd|' /C calc'!A0.xlsx", unit: "-1", status: .rejected, [
            Diagnostic(.error, code: "x", file: "f.xlsx", sheet: "活动明细", cell: "B2", value: huge, message: odd),
        ])]
        try ValidationReportWriter.write(files: FileOutcomes(files), units: Fixtures.units, to: url)
        let book = try OpenPyXL(url)
        let problems = book.sheet("问题明细")
        #expect(problems.text("F2")?.count == 32_767)
        #expect(problems.text("G2") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(problems.formulas.isEmpty)
        #expect(book.sheet("文件").text("C2") == "=cmd|' /C calc'!A0.xlsx")
        #expect(book.sheet("文件").text("D2") == "-1")
    }

    @Test(.requires(.openpyxl))
    func scoringNotesGetTheirOwnSheet() throws {
        let url = dir.file("校验报告.xlsx")
        let note = Diagnostic(.warning, code: "indicator.override", file: "indicators.yaml",
                              message: "科普惠民活动场次 的得分经人工调整：经评审会议调整。")
        try ValidationReportWriter.write(files: FileOutcomes([]), units: Fixtures.units, notes: [note],
                                         through: Period(year: 2025, month: 12)!,
                                         madeOn: CalendarDate(year: 2026, month: 1, day: 15)!, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["文件", "问题明细", "评分提示"])
        let notes = book.sheet("评分提示")
        // What to read first; the code last, in a narrow column, for looking the rule up.
        #expect(notes.text("B2") == note.message)
        #expect(notes.text("C2") == "indicator.override")
        #expect((notes.columnWidths["C"] ?? 99) < (notes.columnWidths["B"] ?? 0) / 3)
        // The sheet prints like the others: A4, one page wide, header row repeated, heading and page numbers.
        #expect(notes.printSetup["paperSize"] as? Int == 9)
        #expect(notes.printSetup["fitToPage"] as? Bool == true)
        #expect(notes.printSetup["titleRows"] as? String == "$1:$1")
        #expect(notes.printSetup["headerLeft"] as? String == "校验报告—评分提示")
        #expect(notes.printSetup["headerCenter"] as? String == "截至2025年12月")
        #expect(notes.printSetup["headerRight"] as? String == "生成时间：2026-01-15")
        #expect(notes.printSetup["footerCenter"] as? String == "第 &P 页 共 &N 页")
        #expect(book.sheet("文件").maxRow == 1)
    }
}

@Suite struct ReminderListTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    static let march = Period(year: 2025, month: 3)!

    static let jd02Error = Diagnostic(.error, code: "number.invalid", file: "bundle.zip/JD02.xlsx", sheet: "活动明细",
                                      cell: "G14", value: "=1+1", message: "覆盖人数“=1+1”不是有效的数字，请填写整数，如 120")
    static let jd04Error = Diagnostic(.error, code: "file.unreadable", file: "JD04_2025-01.xlsx",
                                      message: "文件无法读取：文件设置了打开密码，请取消密码后重新保存再报送")

    /// JD02 sent a wrong March, JD03 owes February and March, JD04 sent an unreadable January
    /// and nothing for March, JD05 owes January only.
    static var calls: CallList {
        let u = Fixtures.units
        func m(_ month: Int, _ reason: CallList.Reason = .notSubmitted) -> CallList.Month {
            CallList.Month(period: Period(year: 2025, month: month)!, reason: reason)
        }
        return CallList(through: march, entries: [
            CallList.Entry(unit: u[5], months: [m(1)]),
            CallList.Entry(unit: u[4], months: [m(1, .unreadable(file: "JD04_2025-01.xlsx", error: jd04Error)), m(3)]),
            CallList.Entry(unit: u[3], months: [m(2), m(3)]),
            CallList.Entry(unit: u[2], months: [m(3, .rejected(file: "bundle.zip/JD02.xlsx", error: jd02Error))]),
        ])
    }

    @Test(.requires(.openpyxl))
    func callSheetHasOneRowPerUnitInCallingOrder() throws {
        let url = dir.file("催报清单.xlsx")
        try ReminderListWriter.write(Self.calls, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["催报清单", "按月明细"])
        let s = book.sheet("催报清单")
        #expect(s.text("A1") == "催报清单（截至2025年3月，4 个单位、6 个月次）")
        #expect((0..<6).map { s.text("\(CellName.column($0))2") ?? "" } == ReminderListWriter.callHeaders)
        #expect(s.column("A", from: 3, through: 6) == ["JD02", "JD03", "JD04", "JD05"])
        #expect(s.text("B3") == "将军路街道科协")
        #expect(s.text("C3") == "联系人2")
        #expect(s.text("D3") == "13800000001")
        #expect(s.column("E", from: 3, through: 6) == ["3月", "2–3月", "1月、3月", "1月"])
        #expect(s.text("F3") == "已退回：活动明细!G14 覆盖人数“=1+1”不是有效的数字，请填写整数，如 120（文件：bundle.zip/JD02.xlsx）")
        #expect(s.text("F4") == "未报送")
        #expect(s.text("F5") == "1月 文件无法读取：文件设置了打开密码，请取消密码后重新保存再报送（文件：JD04_2025-01.xlsx）\n3月 未报送")
        #expect(s.maxRow == 6)
        #expect(s.wrapped.isSuperset(of: ["F3", "F4", "F5", "F6"]))
        // Two lines of reasons get a row tall enough for both.
        #expect((s.rowHeights[5] ?? 0) > (s.rowHeights[4] ?? 0))
        #expect((s.columnWidths["F"] ?? 0) >= 60 && (s.columnWidths["B"] ?? 0) >= 28)
        #expect(s.autofilter == "A2:F6")
        #expect(s.freeze == "A3")
        #expect(s.printSetup["titleRows"] as? String == "$2:$2")
        #expect(s.printSetup["paperSize"] as? Int == 9)
        #expect(s.printSetup["fitToPage"] as? Bool == true)
        #expect((s.printSetup["fitToWidth"] as? Int ?? 1) == 1)
        #expect(s.printSetup["orientation"] as? String == "landscape")
    }

    @Test(.requires(.openpyxl))
    func monthSheetListsEveryUnitMonthNewestFirstForFiltering() throws {
        let url = dir.file("催报清单.xlsx")
        try ReminderListWriter.write(Self.calls, to: url)
        let s = try OpenPyXL(url).sheet("按月明细")
        #expect((0..<7).map { s.text("\(CellName.column($0))1") ?? "" } == ReminderListWriter.monthHeaders)
        #expect(s.column("A", from: 2, through: 7) == ["2025-03", "2025-03", "2025-03", "2025-02", "2025-01", "2025-01"])
        #expect(s.column("B", from: 2, through: 7) == ["JD02", "JD03", "JD04", "JD03", "JD04", "JD05"])
        #expect(s.column("F", from: 2, through: 7) == ["已退回", "未报送", "未报送", "未报送", "文件无法读取", "未报送"])
        #expect(s.text("G2") == "活动明细!G14 覆盖人数“=1+1”不是有效的数字，请填写整数，如 120\n文件：bundle.zip/JD02.xlsx")
        #expect(s.text("G3") == nil)
        #expect(s.text("E2") == "13800000001")
        #expect(s.autofilter == "A1:G7")
        #expect(s.freeze == "A2")
        #expect(s.printSetup["titleRows"] as? String == "$1:$1")
        #expect(s.wrapped.contains("G2"))
    }

    @Test(.requires(.openpyxl))
    func emptyListSaysNoneAreMissing() throws {
        let url = dir.file("催报清单.xlsx")
        try ReminderListWriter.write(CallList(through: Self.march, entries: []), to: url)
        let book = try OpenPyXL(url)
        let s = book.sheet("催报清单")
        #expect(s.text("A1") == "催报清单（截至2025年3月，没有应报未报的月份）")
        #expect(s.maxRow == 2)
        #expect(book.sheet("按月明细").maxRow == 1)
    }
}
