import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoWriting
import TestSupport
import Testing

@Suite struct IndicatorTableTests {
    @Test(.requires(.openpyxl))
    func seedTableHasTheOfficialLayout() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["绩效自评表"])
        let s = book.sheet("绩效自评表")

        #expect(s.text("A1") == "2025年度部门整体支出绩效自评表")
        #expect(s.text("A2") == "部门（单位）名称：武汉市东西湖区科学技术协会")
        #expect(s.text("F2") == "金额单位：万元")
        #expect(s.text("A3") == "预算资金情况")
        #expect(s.column("C", from: 3, through: 3) + s.column("D", from: 3, through: 3) == ["年初预算数", "全年预算数(A)"])
        #expect(s.number("C4") == 381.71)
        #expect(s.number("D4") == 370.64)
        #expect(s.number("E4") == 323.21)
        #expect(s.number("F4") == 0.872)
        #expect(s.number("G4") == 20)
        #expect(s.number("H4") == 17.4)
        #expect(s.text("I4") == "追加34.00万元、调减45.07万元")
        #expect(s.text("A5") == "年度总体目标")
        #expect(s.text("C5") == "预期目标")
        #expect(s.text("F5") == "实际完成情况")
        #expect(s.text("C6")?.hasPrefix("持续推进") == true)
        #expect(["A7", "B7", "C7", "D7", "E7", "F7", "G7", "H7"].map { s.text($0) ?? "" }
                == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])

        // One row per indicator from row 8, 一级 labelled with its points, each group closed
        // by its 小计.
        #expect(s.text("A8") == "成本指标（20分）")
        #expect(s.text("A10") == "产出指标（40分）")
        #expect(s.text("A20") == "效益指标（30分）")
        #expect(s.text("A24") == "满意度指标（10分）")
        #expect(s.text("C14") == "科普惠民活动场次")
        #expect(s.text("D14") == "≥130场")
        #expect(s.text("E14") == "153场")
        #expect(s.number("G8") == 17.4)
        #expect(s.text("H8") == "年中调减项目预算，部分项目按进度结转。")

        let expectedMerges: Set<String> = [
            "A1:I1", "A2:E2", "F2:I2", "A3:B4", "A5:B6", "C5:E5", "F5:I5", "C6:E6", "F6:I6", "H7:I7",
            "A8:A9", "B9:E9", "A10:A19", "B10:B18", "B19:E19", "A20:A23", "B20:B21", "B23:E23", "A24:A25", "B25:E25",
            "H8:I8", "H24:I24", "A26:E26", "A27:B27", "C27:E27", "F27:I27",
        ]
        #expect(expectedMerges.isSubset(of: Set(s.merged)))
        // A 二级 of one row is not merged (Excel rejects single-cell merges).
        #expect(!s.merged.contains { $0.hasPrefix("B8:") || $0.hasPrefix("B22:") || $0.hasPrefix("B24:") })

        #expect(s.text("A26") == "总分")
        #expect(s.formulas["F26"] == "=F9+F19+F23+F25")
        #expect(s.formulas["G26"] == "=G9+G19+G23+G25")
        #expect(s.cachedNumber("F26") == 100)
        #expect(s.cachedNumber("G26") == 97.4)
        #expect(s.text("C27") == "评价结果类型：A")
        #expect(s.text("F27") == "级别：优")
        #expect(s.text("A28") == "填报人：李明")
        #expect(s.text("D28") == "联系电话：027-83200000")
        #expect(s.text("G28") == "填报日期：2025年12月31日")
    }

    @Test(.requires(.openpyxl))
    func eachGroupShowsItsSubtotal() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        // The four subtotals the 自评结论 quotes: 17.4 (满20), 40, 30, 10.
        #expect(["B9", "B19", "B23", "B25"].map { s.text($0) } == ["小计", "小计", "小计", "小计"])
        #expect(["G9", "G19", "G23", "G25"].map { s.cachedNumber($0) } == [17.4, 40, 30, 10])
        #expect(["F9", "F19", "F23", "F25"].map { s.cachedNumber($0) } == [20, 40, 30, 10])
        #expect(s.formulas["G19"] == "=SUM(G10:G18)")
        #expect(s.formulas["G9"] == "=SUM(G8:G8)")
    }

    @Test(.requires(.openpyxl))
    func yearToDateTableSaysUpToWhenAndIsDatedTheDayItIsMade() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        let june = Period(year: 2025, month: 6)!
        try IndicatorTableWriter.write(Fixtures.evaluation(period: june), filledOn: CalendarDate(year: 2025, month: 7, day: 14)!,
                                       to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.text("A1") == "2025年度部门整体支出绩效自评表")
        #expect(s.text("A2") == "（截至2025年6月）")
        #expect(s.merged.contains("A2:I2"))
        // Everything below moves down one row.
        #expect(s.text("A3") == "部门（单位）名称：武汉市东西湖区科学技术协会")
        #expect(s.text("A8") == "一级指标")
        #expect(s.text("G29") == "填报日期：2025年7月14日")
        #expect(s.printSetup["titleRows"] as? String == "$8:$8")
    }

    @Test(.requires(.openpyxl))
    func printsLandscapeOnePageWideWithRepeatedHeader() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.printSetup["orientation"] as? String == "landscape")
        #expect(s.printSetup["paperSize"] as? Int == 9)
        // 1 is the file format's default, so it may be left out of the file.
        #expect((s.printSetup["fitToWidth"] as? Int ?? 1) == 1)
        // The seed's table is shrunk onto one page (1 is the default, so it may be omitted).
        #expect((s.printSetup["fitToHeight"] as? Int ?? 1) == 1)
        #expect(s.printSetup["fitToPage"] as? Bool == true)
        #expect(s.printSetup["titleRows"] as? String == "$7:$7")
        #expect(s.fonts == ["宋体"])
    }

    @Test(.requires(.openpyxl))
    func aLongTableBreaksPagesOnlyBetweenGroups() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        e.overallGoal = String(repeating: "持续推进“科创湖北”试点区建设，打造食品安全科普品牌。", count: 12)
        try IndicatorTableWriter.write(e, to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        // Not fitted to the page: Excel would ignore the breaks, LibreOffice shrink the rows away from them.
        #expect(s.printSetup["fitToPage"] as? Bool != true)
        #expect((s.printSetup["scale"] as? Int ?? 100) == 100, "the columns fit A4 landscape at full size")
        let breaks = try #require(s.printSetup["rowBreaks"] as? [Int])
        #expect(!breaks.isEmpty)
        // Each page ends on a 小计 row: the next page starts with a group's first row.
        let header = try #require((s.printSetup["titleRows"] as? String).flatMap { Int($0.dropFirst().prefix { $0 != ":" }) })
        let subtotals = [header + 2, header + 12, header + 16, header + 18]
        #expect(breaks.allSatisfy { subtotals.contains($0) }, "\(breaks)")
        #expect(breaks.allSatisfy { s.text("B\($0)") == "小计" })
        // Every page holds what it is given: the rows up to its break, and from the second page on
        // the repeated header, within A4 landscape's height inside the margins.
        let last = try #require((s.printSetup["area"] as? String).flatMap { $0.split(separator: "$").last.flatMap { Int($0) } })
        let pages = zip([0] + breaks, breaks + [last]).map { ($0 + 1)...$1 }
        func height(_ rows: ClosedRange<Int>) -> Double { rows.reduce(0) { $0 + (s.rowHeights[$1] ?? 15) } }
        let printable = (8.27 - 2 * 0.5) * 72
        for (i, rows) in pages.enumerated() {
            let used = height(rows) + (i == 0 ? 0 : height(header...header))
            #expect(used <= printable, "page \(i + 1): rows \(rows) take \(used) of \(printable) points")
        }
        // And no break came too early: the next group would not have fitted on the page before.
        for (i, rows) in pages.dropLast().enumerated() {
            let next = pages[i + 1].lowerBound...(subtotals.first { $0 >= pages[i + 1].lowerBound } ?? last)
            #expect(height(rows) + (i == 0 ? 0 : height(header...header)) + height(next) > printable, "page \(i + 1)")
        }
    }

    /// A merged 二级 or 一级 cell wraps inside its rows: they grow until its lines fit, so it
    /// never prints over the borders (or over the header repeated on the next page).
    @Test(.requires(.openpyxl))
    func mergedLabelsGetTheRoomTheirLinesNeed() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        let last = e.indicators.count - 1
        e.indicators[last].level2 = "服务对象及社会公众满意度调查评价指标"
        e.indicators[0].level1 = "部门整体支出成本与资金使用效率指标"
        e.indicators[0].deviationReason = ""
        e.groups[0].name = "部门整体支出成本与资金使用效率指标"
        try IndicatorTableWriter.write(e, to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        let header = try #require((s.printSetup["titleRows"] as? String).flatMap { Int($0.dropFirst().prefix { $0 != ":" }) })
        // The last indicator's row, alone in its 二级 run: 18 characters in a 16-wide column are three lines,
        // where its own texts need one.
        let row = header + e.indicators.count + 3
        #expect(s.text("C\(row)") == e.indicators[last].name)
        #expect(s.text("B\(row)") == "服务对象及社会公众满意度调查评价指标")
        #expect((s.rowHeights[row] ?? 0) >= 3 * 10.5 * 1.35 + 6, "\(s.rowHeights[row] ?? 0)")
        // The 一级 label takes three lines of the 18-wide column, over its one indicator and its 小计:
        // more than their one-line heights (21 + 18) give.
        let first = header + 1
        #expect(s.text("A\(first)") == "部门整体支出成本与资金使用效率指标（20分）")
        #expect((s.rowHeights[first] ?? 0) + (s.rowHeights[first + 1] ?? 0) >= 3 * 10.5 * 1.35 + 6)
        #expect(s.rowHeights[first + 1] == 18)
    }

    @Test(.requires(.openpyxl))
    func textThatLooksLikeAFormulaStaysText() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        e.indicators[1].deviationReason = "=HYPERLINK(\"http://x\")"
        e.indicators[2].actualText = "+15场"
        e.indicators[3].name = "@其中线下活动场次"
        e.info.department = "-东西湖"
        try IndicatorTableWriter.write(e, to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.text("H10") == "=HYPERLINK(\"http://x\")")
        #expect(s.text("E11") == "+15场")
        #expect(s.text("C12") == "@其中线下活动场次")
        #expect(s.text("A2") == "部门（单位）名称：-东西湖")
        #expect(Set(s.formulas.keys) == ["F9", "G9", "F19", "G19", "F23", "G23", "F25", "G25", "F26", "G26"])
    }

    @Test(.requires(.openpyxl))
    func overrideReasonIsShownBesideTheScore() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        e.indicators[5].overrideReason = "经评审会议调整"
        try IndicatorTableWriter.write(e, to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.text("H14")?.contains("经评审会议调整") == true)
    }

    @Test(.requires(.openpyxl))
    func missingBudgetLeavesTheBlockEmptyButKeepsTotals() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(budget: .some(nil)), to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.text("C3") == "年初预算数")
        #expect(s.cells["C4"] == nil)
        #expect(s.cachedNumber("G26") == 97.4)
    }

    @Test(.requires(.openpyxl))
    func longGoalTextSpreadsOverSeveralRows() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        e.actualCompletion = String(repeating: "全年开展各类科普活动超150场，覆盖20万余人次。\n", count: 80)
        try IndicatorTableWriter.write(e, to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        // The text needs more than Excel's 409-point row: its merged cell spans rows 6 and 7.
        let goalMerge = try #require(s.merged.first { $0.hasPrefix("F6:") })
        #expect(goalMerge != "F6:I6")
        let lastGoalRow = try #require(Int(goalMerge.drop { !$0.isNumber }.dropFirst().drop { !$0.isNumber }))
        let header = lastGoalRow + 1
        #expect(s.merged.contains("A5:B\(lastGoalRow)"))
        #expect(s.merged.contains("C6:E\(lastGoalRow)"))
        #expect(s.text("A\(header)") == "一级指标")
        #expect(s.text("A\(header + 1)") == "成本指标（20分）")
        #expect(s.formulas["G\(header + 19)"] == "=G\(header + 2)+G\(header + 12)+G\(header + 16)+G\(header + 18)")
        #expect(s.printSetup["titleRows"] as? String == "$\(header):$\(header)")
    }

    @Test(.requires(.openpyxl))
    func withoutAFillingDateTheTableIsDatedAtTheEndOfItsMonth() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(period: Period(year: 2024, month: 2)!), to: url)
        let s = try OpenPyXL(url).sheet("绩效自评表")
        #expect(s.text("G28") == "填报日期：2024年2月29日")
    }

    @Test func tableWithoutIndicatorsIsStillWritten() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(indicators: []), to: url)
        let sheet = try #require(try SpreadsheetReader.read(Data(contentsOf: url), name: "指标表.xlsx").sheets.first)
        #expect(sheet.text("A8") == "总分")
    }

    @Test func replacesTheTargetAndLeavesNoTemporaryFile() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try Data("old".utf8).write(to: url)
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let bytes = try Data(contentsOf: url)
        #expect(bytes.prefix(2) == Data("PK".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["指标表.xlsx"])
    }

    @Test func unwritableTargetThrowsAChineseMessage() throws {
        let dir = try Scratch()
        let blocker = dir.file("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("指标表.xlsx")
        let error = #expect(throws: WritingError.self) {
            try IndicatorTableWriter.write(Fixtures.evaluation(), to: target)
        }
        #expect(error?.message.contains("无法") == true)
    }

    @Test func runsGroupConsecutiveEqualKeys() {
        #expect(Runs.of(["a", "b", "b", "c", "c", "c"], by: { $0 }) == [0...0, 1...2, 3...5])
        #expect(Runs.of([String](), by: { $0 }).isEmpty)
        #expect(Runs.of(["a", "b", "a"], by: { $0 }) == [0...0, 1...1, 2...2])
    }

    @Test func decimalsReachTheFileAsTheNearestDouble() {
        #expect(Fixtures.d("0.872").exactDouble == 0.872)
        #expect(Fixtures.d("97.4").exactDouble == 97.4)
        #expect(Fixtures.d("-1234567.89").exactDouble == -1234567.89)
    }

    @Test func longTextGetsTallerRows() {
        let short = TextFit.height([("预算执行率", 26)], fontSize: 10.5, minimum: 24)
        let long = TextFit.height([(String(repeating: "科普活动", count: 40), 26)], fontSize: 10.5, minimum: 20)
        #expect(short == 24)
        #expect(long > 100)
        #expect(TextFit.height([(String(repeating: "字", count: 100_000), 10)], fontSize: 11, minimum: 20) == TextFit.maxRowHeight)
    }
}
