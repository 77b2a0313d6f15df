import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

/// 退回修改: a rejected submission laid out again in the template, read back with openpyxl.
@Suite struct ReturnCopyTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    static let june = Period(year: 2025, month: 6)!
    static let received = Date(timeIntervalSince1970: 1_751_508_000)   // 2025-07-03T02:00:00Z, 10:00 北京时间

    /// Two activities as sent, the second with an impossible date; an approximate count warned about.
    static var sample: ReturnCopy {
        var values: [TemplateSlot: SentValue] = [
            .basicInfo("单位代码"): .text("JD05"), .basicInfo("单位名称"): .text("径河街道科协"),
            .basicInfo("报送月份"): .text("2025-06"), .basicInfo("填报日期"): .date(CalendarDate(year: 2025, month: 7, day: 3)!),
            .workloadQuantity(.appliedProjects): .number("2"),
        ]
        let rows: [[ActivityField: SentValue]] = [
            [.sequence: .number("1"), .name: .text("端午节食品安全科普宣传"), .date: .date(CalendarDate(year: 2025, month: 6, day: 8)!),
             .form: .text("线下"), .category: .text("科普活动"), .theme: .text("食品安全"), .coverage: .text("约50人")],
            [.sequence: .number("2"), .name: .text("夏季用电安全科普"), .date: .text("2025-13-05"),
             .form: .text("线下"), .category: .text("科普活动"), .coverage: .number("80")],
        ]
        for (i, row) in rows.enumerated() { for (field, v) in row { values[.activity(row: i, field)] = v } }
        return ReturnCopy(
            fileName: "2025-06/JD05_径河街道科协_2025-06.xlsx", receivedAt: received, unitCode: "JD05", period: june,
            templatePeriod: june, values: values, activityRows: rows.count,
            problems: [
                .init(severity: .warning, slot: .activity(row: 0, .coverage), seen: "约50人",
                      fix: "覆盖人数“约50人”是约数，已按 50 计；请填写准确的数字"),
                .init(severity: .error, slot: .activity(row: 1, .date), seen: "2025-13-05",
                      fix: "活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期"),
                .init(severity: .error, slot: .activity(row: 1, .theme), seen: nil, fix: "“活动主题”未填写，请补充"),
                .init(severity: .warning, slot: .activity(row: 1, .theme), seen: nil, fix: "请从下拉列表中选择"),
            ])
    }

    static var unreadable: ReturnCopy {
        ReturnCopy(fileName: "三月报送.zip/JD07三月.docx", receivedAt: received, unitCode: nil, period: nil, templatePeriod: june,
                   unreadableReason: "压缩包中的这个文件不是 xlsx 或 csv 报表，已忽略；如它是报表，请另存为 .xlsx 后重新报送")
    }

    @Test(.requires(.openpyxl))
    func problemCellsAreFilledAndCommented() throws {
        let url = dir.file("r.xlsx")
        try ReturnCopyWriter.write(Self.sample, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["修改说明", "基本信息", "活动明细", "工作量", "填报说明", "下拉选项"])
        #expect(book.activeSheet == "修改说明")
        let s = book.sheet("活动明细")
        #expect(s.text("C3") == "2025-13-05")
        #expect(s.fills["C3"] == "FFC7CE")
        #expect(s.comments["C3"] == "错误：活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期")
        #expect(s.fills["G2"] == "FFDDB3")
        #expect(s.comments["G2"]?.hasPrefix("警告：覆盖人数") == true)
        // An empty cell with two problems: red, both notes.
        #expect(s.text("F3") == nil)
        #expect(s.fills["F3"] == "FFC7CE")
        #expect(s.comments["F3"] == "错误：“活动主题”未填写，请补充\n警告：请从下拉列表中选择")
        #expect(s.commentAuthors == ["区科协"])
        // Cells that were fine are as sent, unmarked.
        #expect(s.text("B2") == "端午节食品安全科普宣传")
        #expect(s.cells["C2"] as? String == "2025-06-08T00:00:00")
        #expect(s.number("G3") == 80)
        #expect(s.fills["C2"] == nil && s.comments["C2"] == nil)
        #expect(Set(s.comments.keys) == ["C3", "F3", "G2"])
        let info = book.sheet("基本信息")
        #expect(info.text("B1") == "JD05")
        #expect(info.text("B3") == "2025-06")
        #expect(book.sheet("工作量").number("B4") == 2)
    }

    /// The copy is the template: the same dropdowns, checks and hints on every sheet.
    @Test(.requires(.openpyxl))
    func dropdownsAndHintsAreTheTemplates() throws {
        let copy = dir.file("r.xlsx"), blank = dir.file("t.xlsx")
        try ReturnCopyWriter.write(Self.sample, to: copy)
        try TemplateWriter.write(unit: nil, period: Self.june, to: blank)
        let a = try OpenPyXL(copy), b = try OpenPyXL(blank)
        for sheet in ["基本信息", "活动明细", "工作量"] {
            #expect(a.sheet(sheet).validations.count == b.sheet(sheet).validations.count, "\(sheet)")
            for (x, y) in zip(a.sheet(sheet).validations, b.sheet(sheet).validations) {
                #expect(NSDictionary(dictionary: x) == NSDictionary(dictionary: y), "\(sheet)")
            }
        }
        let d = a.sheet("活动明细").validations.first { ($0["sqref"] as? String) == "D2:D1001" }
        #expect(d?["type"] as? String == "list")
        #expect(d?["formula1"] as? String == "'下拉选项'!$A$2:$A$3")
        #expect(a.sheet("下拉选项").state == "hidden")
        #expect(a.sheet("活动明细").freeze == "A2")
    }

    @Test(.requires(.openpyxl))
    func notesSheetListsEveryProblem() throws {
        let url = dir.file("r.xlsx")
        try ReturnCopyWriter.write(Self.sample, to: url)
        let s = try OpenPyXL(url).sheet("修改说明")
        #expect(s.text("A1") == "退回修改说明")
        #expect(s.text("A2")?.contains("2025-06/JD05_径河街道科协_2025-06.xlsx（2025-07-03 10:00 收到）") == true)
        #expect(s.text("A3")?.contains("有 2 处错误（另有 2 处需要核对）") == true)
        #expect(s.text("A5")?.contains("发回区科协") == true)
        #expect(s.column("A", from: 7, through: 7) == ["序号"])
        #expect(["A7", "B7", "C7", "D7", "E7"].map { s.text($0) ?? "" } == ReturnCopyWriter.headers)
        #expect(s.column("B", from: 8, through: 11) == ["活动明细!G2", "活动明细!C3", "活动明细!F3", "活动明细!F3"])
        #expect(s.column("C", from: 8, through: 11) == ["警告，请核对", "错误，须改", "错误，须改", "警告，请核对"])
        #expect(s.column("D", from: 8, through: 11) == ["约50人", "2025-13-05", "（空白）", "（空白）"])
        #expect(s.text("E9") == "活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期")
        #expect(s.fills["C9"] == "FFC7CE")
        #expect(s.number("A8") == 1)
        #expect(s.freeze == "A8")
        let print = s.printSetup
        #expect(print["paperSize"] as? Int == 9)
        #expect(print["orientation"] as? String == "landscape")
        #expect((print["fitToWidth"] as? Int ?? 1) == 1)
        #expect(print["fitToPage"] as? Bool == true)
        #expect(print["titleRows"] as? String == "$7:$7")
    }

    /// Printed, 活动明细 stops at the last row sent rather than at the 200 drawn for typing.
    @Test(.requires(.openpyxl))
    func printAreasCoverWhatWasSent() throws {
        let url = dir.file("r.xlsx")
        try ReturnCopyWriter.write(Self.sample, to: url)
        let book = try OpenPyXL(url)
        #expect((book.sheet("活动明细").printSetup["area"] as? String)?.hasSuffix("$A$1:$J$3") == true)
        #expect(book.sheet("工作量").printSetup["paperSize"] as? Int == 9)
        #expect(book.sheet("基本信息").printSetup["orientation"] as? String == "portrait")
    }

    @Test(.requires(.openpyxl))
    func anUnreadableFileGetsOneSheetSayingWhatToSend() throws {
        let url = dir.file("r.xlsx")
        try ReturnCopyWriter.write(Self.unreadable, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["修改说明"])
        let s = book.sheet("修改说明")
        #expect(s.column("A", from: 2, through: 5) == ["收到的文件", "收到时间", "原因", "请这样做"])
        #expect(s.text("B2") == "三月报送.zip/JD07三月.docx")
        #expect(s.text("B3") == "2025-07-03 10:00")
        #expect(s.text("B4")?.contains("不是 xlsx 或 csv 报表") == true)
        #expect(s.text("B5")?.contains("月度报送表") == true)
    }

    @Test(.requires(.openpyxl))
    func aDistrictCopyCarriesItsBudgetSheet() throws {
        var copy = Self.sample
        copy.unitCode = "QU00"
        copy.includesDistrict = true
        copy.values[.district("年初预算数")] = .number("381.71")
        copy.values[.district("全年执行数")] = .text("3232100元")
        copy.problems = [.init(severity: .error, slot: .district("全年执行数"), seen: "3232100元",
                               fix: "全年执行数“3232100元”以“元”为单位，请换算为万元填写，如 370.64")]
        let url = dir.file("r.xlsx")
        try ReturnCopyWriter.write(copy, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["修改说明", "基本信息", "活动明细", "工作量", "预算与满意度", "填报说明", "下拉选项"])
        let s = book.sheet("预算与满意度")
        #expect(s.number("B1") == 381.71)
        #expect(s.text("B4") == "3232100元")
        #expect(s.fills["B4"] == "FFC7CE")
        #expect(book.sheet("修改说明").text("B8") == "预算与满意度!B4")
    }

    @Test func namesAreUniquePerUnitAndMonth() {
        var other = Self.sample
        other.unitCode = nil
        var noMonth = Self.sample
        noMonth.period = nil
        var odd = Self.sample
        odd.unitCode = "JD/05"
        #expect(ReturnCopyWriter.fileNames([Self.sample, other, Self.sample, noMonth, Self.sample, odd]) == [
            "JD05_2025-06_退回修改.xlsx", "未知单位_2025-06_退回修改.xlsx", "JD05_2025-06_退回修改_2.xlsx",
            "JD05_未知月份_退回修改.xlsx", "JD05_2025-06_退回修改_3.xlsx", "JD_05_2025-06_退回修改.xlsx",
        ])
    }

    @Test func positionsAreTheTemplatesCells() {
        #expect(ReturnCopyWriter.position(of: .activity(row: 5, .date)) == "活动明细!C7")
        #expect(ReturnCopyWriter.position(of: .basicInfo("报送月份")) == "基本信息!B3")
        #expect(ReturnCopyWriter.position(of: .workloadQuantity(.recommendedTalents)) == "工作量!B11")
        #expect(ReturnCopyWriter.position(of: .district("满意及以上问卷数")) == "预算与满意度!B6")
        #expect(ReturnCopyWriter.position(of: .activityHeader(.theme)) == "活动明细!F1")
        #expect(ReturnCopyWriter.position(of: .sheet("活动明细")) == "活动明细")
        #expect(ReturnCopyWriter.position(of: nil) == "整个文件")
    }
}
