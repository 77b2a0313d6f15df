import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

@Suite struct EvidenceWorkbookTests {
    static let march = Period(year: 2025, month: 3)!

    static func record(_ unit: String, row: Int, category: ActivityCategory = .popularScience,
                       sent: [ActivityField: String] = [:], coverage: Int = 120) -> ActivityRecord {
        var r = ActivityRecord(unitCode: unit, period: march, name: "社区科普讲座\(row)",
                               date: CalendarDate(year: 2025, month: 3, day: 5)!, form: .offline, category: category,
                               theme: .other, coverage: coverage,
                               source: SourceRef(file: "三月.zip/\(unit).xlsx", sheet: "活动明细", row: row))
        r.sent = sent
        return r
    }

    static func all(_ count: Int) -> PositionSet {
        var positions = PositionSet()
        for i in 0..<count { positions.insert(i) }
        return positions
    }

    /// Fixture indicators, the first three with evidence: a count with a normalised value,
    /// a workload sum and a district figure.
    static func evaluation() -> Evaluation {
        var e = Fixtures.evaluation()
        let rows = [record("JD01", row: 2, sent: [.category: "科普讲座"]), record("JD02", row: 7)]
        e.indicators[5].evidence = IndicatorEvidence(rule: "活动类别为“科普活动”的活动场次，来自已接收的月度报送", terms: [
            EvidenceTerm(rule: "活动类别为“科普活动”的活动场次", value: 2,
                         items: .activities(ActivityEvidence(
                             rows: RecordSelection(source: ActivityRecords(rows), positions: Self.all(rows.count)),
                             shown: [.field(.category)], summed: nil, distinct: nil,
                             normalised: Set(rows.flatMap(\.sent.keys))))),
        ])
        e.indicators[6].evidence = IndicatorEvidence(rule: "工作量表中“申报科普项目”的数量之和（个），来自已接收的月度报送", terms: [
            EvidenceTerm(rule: "工作量表中“申报科普项目”的数量之和（个）", value: 9, items: .workload(WorkloadEvidence(source: WorkloadEntries([
                WorkloadEntry(unitCode: "JD01", period: march, item: .appliedProjects, quantity: 4,
                              source: SourceRef(file: "JD01.xlsx", sheet: "工作量", row: 4, cell: "B4")),
                WorkloadEntry(unitCode: "JD02", period: march, item: .appliedProjects, quantity: 5,
                              source: SourceRef(file: "JD02.xlsx", sheet: "工作量", row: 4, cell: "C4")),
            ]), item: .appliedProjects, count: 2, counts: { _ in true }))),
        ])
        e.indicators[0].evidence = IndicatorEvidence(rule: "全年执行数 ÷ 全年预算数", terms: [
            EvidenceTerm(rule: "全年执行数", value: Fixtures.d("323.21"), items: .district(DistrictFigure(
                label: "全年执行数", value: Fixtures.d("323.21"), period: Period(year: 2025, month: 12)!,
                sourceFile: "QU00_2025-12.xlsx", cell: "预算与满意度!B4"))),
        ])
        return e
    }

    static func unit(_ code: String, _ name: String, _ kind: UnitKind) -> ReportingUnit {
        ReportingUnit(code: code, name: name, kind: kind, street: kind == .district ? "" : "吴家山街道", contact: "", phone: "",
                      firstPeriod: Period(year: 2025, month: 1)!)
    }

    static let sources = EvidenceSources(
        archiveNames: ["JD01": [march: "aaaa.zip"], "JD02": [march: "bbbb.zip"], "QU00": [Period(year: 2025, month: 12)!: "cccc.xlsx"]],
        units: [unit("JD01", "吴家山街道科协", .street), unit("JD02", "将军路街道科协", .street),
                unit("QU00", "东西湖区科协", .district)])

    @Test func sheetNamesAreShortUniqueAndAllowed() {
        let names = EvidenceWorkbookWriter.sheetNames(["科普惠民活动场次", "科普惠民活动场次",
                                                       "一个非常非常非常非常非常非常非常非常非常非常长的指标名称[含括号]/斜杠", "a:b*c?"])
        #expect(names[0] == "1 科普惠民活动场次")
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.utf16.count <= 31 && !$0.contains { "[]:*?/\\".contains($0) } })
        #expect(names[3] == "4 abc")
    }

    @Test(.requires(.openpyxl))
    func eachIndicatorSheetStatesItsRuleAndListsItsSources() throws {
        let dir = try Scratch()
        let url = dir.file("佐证材料.xlsx")
        try EvidenceWorkbookWriter.write(Self.evaluation(), sources: Self.sources, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames.count == 15)
        #expect(book.sheetNames.first == "目录")
        #expect(book.sheetNames[6] == "6 科普惠民活动场次")

        let s = book.sheet("6 科普惠民活动场次")
        #expect(s.text("A2") == "三级指标" && s.text("C2") == "科普惠民活动场次")
        #expect(s.text("A3") == "指标值" && s.text("C3") == "≥130场")
        #expect(s.text("A4") == "实际完成值" && s.text("C4") == "153场")
        #expect(s.text("A6") == "计算规则" && s.text("C6") == "活动类别为“科普活动”的活动场次，来自已接收的月度报送")
        #expect(s.text("A9")?.hasPrefix("活动类别为“科普活动”的活动场次：2") == true)
        #expect((0..<11).map { s.text(CellName.column($0) + "10") ?? "" }
                == ["序号", "单位代码", "单位名称", "报送月份", "活动日期", "活动名称", "活动类别", "活动类别原值",
                    "来源文件", "来源位置", "存档文件（archive/ 中）"])
        // The value counted beside the value as sent.
        #expect(s.text("G11") == "科普活动" && s.text("H11") == "科普讲座")
        #expect(s.cells["H12"] == nil || s.text("H12") == "")
        #expect(s.text("I11") == "三月.zip/JD01.xlsx" && s.text("J11") == "活动明细!2" && s.text("K11") == "aaaa.zip")
        #expect(s.text("C11") == "吴家山街道科协")
        #expect(s.text("J12") == "活动明细!7")
        #expect(s.printSetup["orientation"] as? String == "landscape")
        #expect(s.printSetup["titleRows"] as? String == "$10:$10")

        let work = book.sheet("7 申报上级科普项目数")
        #expect(work.text("E11") == "申报科普项目(个)" && work.number("F11") == 4 && work.text("I11") == "工作量!B4")
        #expect(work.text("I12") == "工作量!C4")
        #expect(work.formulas["F13"] == "=SUM(F11:F12)" && work.cachedNumber("F13") == 9)

        // Short of its target, it shows the 偏差原因 and where that was written, above its table.
        let budget = book.sheet("1 预算执行率")
        #expect(budget.text("A8") == "偏差原因")
        #expect(budget.text("C8")?.hasSuffix("\n（取自 indicators.yaml）") == true, "\(budget.text("C8") ?? "")")
        #expect(budget.text("B12") == "全年执行数" && budget.number("C12") == 323.21)
        #expect(budget.text("D12") == "QU00 东西湖区科协" && budget.text("G12") == "预算与满意度!B4")
        #expect(budget.text("H12") == "cccc.xlsx")

        // An indicator with nothing counted says so rather than showing an empty table.
        #expect(book.sheet("2 科创服务活动场次").text("A9") == "没有从报送中计入的记录或数据。")

        let index = book.sheet("目录")
        #expect(index.text("B8") == "科普惠民活动场次" && index.text("E8") == "6 科普惠民活动场次" && index.number("F8") == 2)
    }

    @Test func sameEvaluationGivesTheSameBytes() throws {
        let dir = try Scratch()
        let a = dir.file("a.xlsx"), b = dir.file("b.xlsx")
        try EvidenceWorkbookWriter.write(Self.evaluation(), sources: Self.sources, to: a)
        try EvidenceWorkbookWriter.write(Self.evaluation(), sources: Self.sources, to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }
}
