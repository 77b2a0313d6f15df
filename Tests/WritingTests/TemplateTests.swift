import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

@Suite struct TemplateTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    static let march = Period(year: 2025, month: 3)!
    static var jd01: ReportingUnit { Fixtures.units[1] }

    @Test func namesFilesAfterUnitAndPeriod() {
        #expect(TemplateWriter.fileName(unit: Self.jd01, period: Self.march) == "JD01_吴家山街道科协_2025-03.xlsx")
        #expect(TemplateWriter.fileName(unit: nil, period: Self.march) == "月度报送表_2025-03.xlsx")
        var odd = Self.jd01
        odd.name = "科协/分会:一"
        #expect(TemplateWriter.fileName(unit: odd, period: Self.march) == "JD01_科协_分会_一_2025-03.xlsx")
    }

    @Test(.requires(.openpyxl))
    func unitTemplateIsPrefilledAndHasTheSubmissionSheets() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Self.jd01, period: Self.march, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["基本信息", "活动明细", "工作量", "填报说明", "下拉选项"])
        #expect(book.sheet("下拉选项").state == "hidden")
        let info = book.sheet("基本信息")
        #expect(info.column("A", from: 1, through: SubmissionSchema.basicInfoFields.count)
            == SubmissionSchema.basicInfoFields.map(\.label))
        #expect(info.text("B1") == "JD01")
        #expect(info.text("B2") == "吴家山街道科协")
        #expect(info.text("B3") == "2025-03")
        #expect(info.text("B4") == nil)
        // Nothing beside an empty value that a reader could take for it.
        #expect(info.cells.keys.allSatisfy { $0.hasPrefix("A") || $0.hasPrefix("B") })
        #expect(info.validations.contains { ($0["prompt"] as? String)?.contains("手机或座机") == true })
    }

    @Test(.requires(.openpyxl))
    func genericTemplateLeavesTheUnitBlank() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: nil, period: Self.march, to: url)
        let book = try OpenPyXL(url)
        #expect(!book.sheetNames.contains("预算与满意度"))
        let info = book.sheet("基本信息")
        #expect(info.text("B1") == nil)
        #expect(info.text("B2") == nil)
        #expect(info.text("B3") == "2025-03")
    }

    @Test(.requires(.openpyxl))
    func districtTemplateCarriesBudgetAndSatisfaction() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Fixtures.district, period: Period(year: 2025, month: 12)!, to: url)
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["基本信息", "活动明细", "工作量", "预算与满意度", "偏差原因", "填报说明", "下拉选项"])
        let s = book.sheet("预算与满意度")
        #expect(s.column("A", from: 1, through: SubmissionSchema.districtFields.count) == SubmissionSchema.districtFields.map(\.label))
        let kinds = Dictionary(s.validations.map { ($0["sqref"] as? String ?? "", $0["type"] as? String ?? "") },
                               uniquingKeysWith: { a, _ in a })
        #expect(kinds["B1"] == "decimal")
        #expect(kinds["B4"] == "decimal")
        #expect(kinds["B5"] == "whole")
    }

    static let deviationRows = [
        DeviationSheetRow(level1: "成本指标", indicator: "预算执行率", weight: 20),
        DeviationSheetRow(level1: "产出指标", indicator: "科普惠民活动场次", weight: 5),
        DeviationSheetRow(level1: "满意度指标", indicator: "服务对象满意度", weight: Decimal(string: "7.5")!),
    ]

    @Test(.requires(.openpyxl))
    func districtTemplateListsEveryIndicatorForItsDeviationReason() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Fixtures.district, period: Period(year: 2025, month: 12)!, indicators: Self.deviationRows,
                                 to: url)
        let book = try OpenPyXL(url)
        let s = book.sheet(SubmissionSchema.deviationSheet)
        #expect(["A1", "B1", "C1", "D1"].map { s.text($0) ?? "" } == ["一级指标", "三级指标", "分值", "偏差原因分析及改进措施"])
        #expect(s.column("A", from: 2, through: 4) == ["成本指标", "产出指标", "满意度指标"])
        #expect(s.column("B", from: 2, through: 4) == ["预算执行率", "科普惠民活动场次", "服务对象满意度"])
        #expect([2, 3, 4].map { s.number("C\($0)") } == [20, 5, 7.5])
        // The reasons are the office's to write; the rows are drawn and ready, tall enough for three lines.
        #expect(s.column("D", from: 2, through: 4) == ["", "", ""])
        #expect(s.maxRow == 4)
        #expect((2...4).allSatisfy { (s.rowHeights[$0] ?? 0) >= 45 })
        #expect((s.columnWidths["D"] ?? 0) >= 52)
        let lengthCheck = try #require(s.validations.first { $0["sqref"] as? String == "D2:D4" })
        #expect(lengthCheck["type"] as? String == "textLength")
        #expect(lengthCheck["formula1"] as? String == String(SubmissionSchema.deviationReasonMaxLength))
        #expect(s.freeze == "A2")
        #expect(s.printSetup["orientation"] as? String == "portrait")
        #expect(s.printSetup["titleRows"] as? String == "$1:$1")
        let guide = book.sheet(SubmissionSchema.instructionsSheet)
        #expect(guide.column("A", from: 1, through: guide.maxRow).contains(SubmissionSchema.deviationSheet))
        // A street's template has no such sheet: only the district office writes reasons.
        let street = dir.file("jd01.xlsx")
        try TemplateWriter.write(unit: Self.jd01, period: Self.march, indicators: Self.deviationRows, to: street)
        #expect(!(try OpenPyXL(street)).sheetNames.contains(SubmissionSchema.deviationSheet))
    }

    @Test(.requires(.openpyxl))
    func activitySheetHasHeaderDropdownsAndChecks() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Self.jd01, period: Self.march, to: url)
        let book = try OpenPyXL(url)
        let s = book.sheet("活动明细")
        let headers = SubmissionSchema.activityColumns.map(\.header)
        #expect((0..<headers.count).map { s.text("\(CellName.column($0))1") ?? "" } == headers)
        #expect(s.freeze == "A2")
        // Pre-formatted rows carry no values, so a collected blank template has no activities.
        #expect(s.cells.count == headers.count)

        let byColumn = Dictionary(s.validations.map { v -> (String, [String: Any]) in
            let sqref = v["sqref"] as? String ?? ""
            return (String(sqref.prefix { $0.isLetter }), v)
        }, uniquingKeysWith: { a, _ in a })
        // Every column shows a hint.
        #expect(Set(byColumn.keys) == Set((0..<headers.count).map { CellName.column($0) }))
        #expect(byColumn["D"]?["type"] as? String == "list")
        #expect(byColumn["D"]?["formula1"] as? String == "'下拉选项'!$A$2:$A$3")
        #expect(byColumn["E"]?["formula1"] as? String == "'下拉选项'!$B$2:$B$8")
        #expect(byColumn["F"]?["formula1"] as? String == "'下拉选项'!$C$2:$C$7")
        #expect(byColumn["C"]?["type"] as? String == "date")
        // Between the first and last day of the month (Excel serials; `between` is the default operator).
        #expect(byColumn["C"]?["formula1"] as? String == "45717")
        #expect(byColumn["C"]?["formula2"] as? String == "45747")
        #expect(byColumn["C"]?["errorStyle"] as? String == "warning")
        #expect(byColumn["G"]?["type"] as? String == "whole")
        #expect(byColumn["G"]?["operator"] as? String == "greaterThanOrEqual")
        #expect(byColumn["G"]?["formula1"] as? String == "0")
        #expect(byColumn["G"]?["sqref"] as? String == "G2:G1001")
        #expect((byColumn["B"]?["prompt"] as? String)?.contains("必填") == true)

        // The lists hold exactly the values the validator accepts.
        let lists = book.sheet("下拉选项")
        #expect(lists.column("A", from: 2, through: 3) == ActivityForm.allCases.map(\.rawValue))
        #expect(lists.column("B", from: 2, through: 8) == ActivityCategory.allCases.map(\.rawValue))
        #expect(lists.column("C", from: 2, through: 7) == ActivityTheme.allCases.map(\.rawValue))
    }

    @Test(.requires(.openpyxl))
    func workloadSheetListsTheTenItems() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Self.jd01, period: Self.march, to: url)
        let s = try OpenPyXL(url).sheet("工作量")
        #expect(s.column("A", from: 1, through: 1) == ["项目"])
        #expect(["A1", "B1", "C1"].map { s.text($0) ?? "" } == SubmissionSchema.workloadHeaders)
        #expect(s.column("A", from: 2, through: 11) == WorkloadItem.allCases.map(\.templateLabel))
        #expect(s.text("A2") == "新成立企业科协(家)")
        #expect(s.validations.first?["sqref"] as? String == "B2:B11")
        #expect(s.validations.first?["type"] as? String == "whole")
    }

    @Test(.requires(.openpyxl))
    func instructionsExplainEveryColumn() throws {
        let url = dir.file("t.xlsx")
        try TemplateWriter.write(unit: Self.jd01, period: Self.march, to: url)
        let s = try OpenPyXL(url).sheet("填报说明")
        let texts = Set(s.cells.values.compactMap { $0 as? String })
        for column in SubmissionSchema.activityColumns { #expect(texts.contains(column.header)) }
        for item in WorkloadItem.allCases { #expect(texts.contains(item.templateLabel)) }
        #expect(texts.contains("从下拉列表选择：科普活动、学术交流、科创服务、科创科普、科学家精神宣讲、培训、其他"))
        #expect(texts.contains { $0.contains("约50") })
        #expect(!texts.contains("年初预算数"))
    }
}
