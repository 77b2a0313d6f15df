import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

/// The values of a submission as sent, laid out by template slot, and each diagnostic (found at
/// a cell of the original) re-pointed to the slot its value now has.
@Suite struct SentValuesTests {
    typealias B = Build

    static func sent(_ doc: SpreadsheetDocument, file: String = "JD01.xlsx") -> (ParsedSubmission, SentSubmission) {
        let parsed = B.parse(doc, file: file)
        return (parsed, SentValuesReader.read(doc, parsed: parsed))
    }

    static func slot(_ code: String, _ parsed: ParsedSubmission, _ sent: SentSubmission) -> TemplateSlot? {
        parsed.diagnostics(code).first.flatMap(sent.slot(for:))
    }

    @Test func aTemplateLaidOutFileMapsEachCellToItsOwnPlace() throws {
        let doc = B.submission(activityRows: [B.activityRow(), B.activityRow(2, date: B.t("2025-13-05"))])
        let (parsed, sent) = Self.sent(doc)
        #expect(parsed.diagnostics("date.invalid").first?.location == "活动明细!C3")
        #expect(Self.slot("date.invalid", parsed, sent) == .activity(row: 1, .date))
        #expect(sent.values[.activity(row: 1, .date)] == .text("2025-13-05"))
        #expect(sent.values[.activity(row: 0, .date)] == .date(CalendarDate(year: 2025, month: 3, day: 5)!))
        #expect(sent.values[.activity(row: 0, .coverage)] == .number("120"))
        #expect(sent.values[.basicInfo("单位代码")] == .text("JD01"))
        #expect(sent.values[.basicInfo("填报日期")] == .date(CalendarDate(year: 2025, month: 4, day: 3)!))
        #expect(sent.values[.workloadQuantity(.recruitedScienceWorkers)] == .number("5"))
        #expect(sent.activityRows == 2)
    }

    /// A renamed sheet, a title row, another column order: the value at E4 of the original is
    /// the second activity's 活动日期 in the copy.
    @Test func aReorderedTableBelowATitleIsRepointed() throws {
        let header = ["活动名称", "覆盖人数（人次）", "活动形式", "活动类别", "活动日期", "活动主题"].map(B.t)
        let table = B.sheet("六月活动", [
            [B.t("径河街道科协六月活动情况")],
            header,
            [B.t("科普讲座"), B.n("80"), B.t("线下"), B.t("科普活动"), B.d(2025, 3, 5), B.t("食品安全")],
            [B.t("应急演练"), B.t("约50人"), B.t("线下"), B.t("科普活动"), B.t("2025-13-05"), B.t("应急防灾")],
        ])
        let (parsed, sent) = Self.sent(B.workbook([B.basicInfo(), table, B.workload()]))
        let invalid = try #require(parsed.diagnostics("date.invalid").first)
        #expect(invalid.location == "六月活动!E4")
        #expect(sent.slot(for: invalid) == .activity(row: 1, .date))
        #expect(Self.slot("number.approximate", parsed, sent) == .activity(row: 1, .coverage))
        #expect(sent.values[.activity(row: 1, .coverage)] == .text("约50人"))
        #expect(sent.values[.activity(row: 0, .name)] == .text("科普讲座"))
        // The renaming is the original's layout, which the copy does not have.
        let renamed = try #require(parsed.diagnostics("sheet.renamed").first)
        #expect(!SentSubmission.shows(renamed, at: sent.slot(for: renamed)))
        #expect(SentSubmission.shows(invalid, at: sent.slot(for: invalid)))
    }

    @Test func aMissingColumnPointsAtItsHeaderInTheTemplate() throws {
        let header = SubmissionSchema.activityColumns.filter { $0.header != "活动主题" }.map { B.t($0.header) }
        let rows = [B.activityRow()].map { row in row.enumerated().filter { $0.offset != ActivityField.theme.rawValue }.map(\.element) }
        let (parsed, sent) = Self.sent(B.workbook([B.basicInfo(), B.sheet("活动明细", [header] + rows), B.workload()]))
        #expect(Self.slot("header.missingColumn", parsed, sent) == .activityHeader(.theme))
        // The rows are laid out all the same, so nothing sent is lost.
        #expect(sent.values[.activity(row: 0, .place)] == .text("吴家山社区"))
    }

    @Test func unitAndMonthProblemsAreOnBasicInfo() throws {
        let (parsed, sent) = Self.sent(B.submission(info: B.basicInfo(unit: "JD99", period: B.t("2025年13月"))))
        #expect(Self.slot("unit.unknown", parsed, sent) == .basicInfo("单位代码"))
        #expect(Self.slot("period.invalid", parsed, sent) == .basicInfo("报送月份"))
        let missing = B.parse(B.workbook([B.sheet("基本信息", [[B.t("单位名称"), B.t("x")]]), B.activities([B.activityRow()])]))
        let noUnit = try #require(missing.diagnostics("unit.missing").first)
        #expect(SentValuesReader.read(B.workbook([]), parsed: missing).slot(for: noUnit) == .basicInfo("单位代码"))
    }

    /// A CSV's 单位代码 column becomes 基本信息's; a value differing from the first is shown there.
    @Test func aCSVsUnitColumnBecomesBasicInfo() throws {
        let header = ["单位代码"] + SubmissionSchema.activityColumns.map(\.header)
        let csv = SpreadsheetDocument(format: .csv, sheets: [B.sheet("JD01_2025-03.csv", [
            header.map(B.t),
            [B.t("JD01")] + B.activityRow(),
            [B.t("JD02")] + B.activityRow(2, name: "另一场"),
        ])])
        let (parsed, sent) = Self.sent(csv, file: "JD01_2025-03.csv")
        let inconsistent = try #require(parsed.diagnostics("csv.inconsistent").first)
        #expect(inconsistent.location == "JD01_2025-03.csv!A3")
        #expect(sent.slot(for: inconsistent) == .basicInfo("单位代码"))
        #expect(sent.values[.basicInfo("单位代码")] == .text("JD01"))
        // The month came from the file name.
        #expect(sent.values[.basicInfo("报送月份")] == .text("2025-03"))
        #expect(sent.values[.activity(row: 1, .name)] == .text("另一场"))
        // 活动名称 is column C of the CSV and column B of the template.
        let nameCell = Diagnostic(.error, code: "value.required", file: "JD01_2025-03.csv", sheet: "JD01_2025-03.csv",
                                  cell: "C3", message: "")
        #expect(sent.slot(for: nameCell) == .activity(row: 1, .name))
    }

    /// Merged down a column: each row gets the value, as validation reads it; a merged count
    /// only in its first row, the others 0, so the people counted stay what was written.
    @Test func mergedCellsAreFilledAsValidationReadsThem() {
        var covered = B.activityRow(2, name: "第二场")
        covered[ActivityField.coverage.rawValue] = .empty
        covered[ActivityField.place.rawValue] = .empty
        let doc = B.workbook([B.basicInfo(), B.activities([B.activityRow(1), covered], merged: ["H2:H3", "G2:G3"]),
                              B.workload()])
        let (_, sent) = Self.sent(doc)
        #expect(sent.values[.activity(row: 1, .place)] == .text("吴家山社区"))
        #expect(sent.values[.activity(row: 0, .coverage)] == .number("120"))
        #expect(sent.values[.activity(row: 1, .coverage)] == .number("0"))
    }

    @Test func aWorkloadItemOnTwoRowsShowsTheirSum() {
        let doc = B.workbook([B.basicInfo(), B.activities([B.activityRow()]),
                              B.workload([("申报科普项目(个)", B.n("2")), ("申报科普项目", B.t("3个"))])])
        let (parsed, sent) = Self.sent(doc)
        #expect(parsed.workload.first?.quantity == 5)
        #expect(sent.values[.workloadQuantity(.appliedProjects)] == .number("5"))
    }

    @Test func totalAndBlankRowsAreNotLaidOut() {
        let rows = [B.activityRow(1), [B.n("2")], B.activityRow(3, name: "合计", coverage: B.n("120"))]
        let (_, sent) = Self.sent(B.submission(activityRows: rows))
        #expect(sent.activityRows == 1)
    }

    /// 预算与满意度 is laid out for the district office only, as validation reads it.
    @Test func theDistrictSheetIsTheDistrictOfficesOnly() throws {
        let sheet = DistrictSheetTests.district(["全年执行数": B.t("3232100元")])
        let (parsed, sent) = Self.sent(DistrictSheetTests.qu00(sheet), file: "QU00.xlsx")
        #expect(sent.hasDistrictSheet)
        #expect(Self.slot("money.yuan", parsed, sent) == .district("全年执行数"))
        #expect(sent.values[.district("全年执行数")] == .text("3232100元"))
        #expect(sent.values[.district("年初预算数")] == .number("381.71"))
        let (_, other) = Self.sent(B.workbook([B.basicInfo(), B.activities([B.activityRow()]), B.workload(), sheet]))
        #expect(!other.hasDistrictSheet)
        #expect(other.values[.district("全年执行数")] == nil)
    }

    /// A return copy sent back keeps its first sheet 修改说明: it is passed over like 填报说明.
    @Test func theReturnCopysNotesSheetIsIgnored() {
        let notes = B.sheet("修改说明", [
            [B.t("退回修改说明")],
            [B.t("序号"), B.t("位置"), B.t("级别"), B.t("看到的值"), B.t("怎么改")],
            [B.n("1"), B.t("活动明细!C3"), B.t("错误，须改"), B.t("2025-13-05"), B.t("活动日期不是有效日期")],
        ])
        let s = B.parse(B.workbook([notes, B.basicInfo(), B.activities([B.activityRow()]), B.workload()]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.activities.count == 1)
    }

    /// Keeping the sent values changes nothing about validation.
    @Test func readingWithSentValuesGivesTheSameDiagnostics() throws {
        let csv = Data("单位代码,活动名称,活动日期,活动形式,活动类别,活动主题,覆盖人数\nJD01,讲座,2025-13-05,线下,科普活动,食品安全,约50\n".utf8)
        let context = SubmissionContext(knownUnits: B.registry, year: 2025)
        let plain = SubmissionReader.read(csv, fileName: "JD01_2025-03.csv", context: context)
        let kept = SubmissionReader.readKeepingSentValues(csv, fileName: "JD01_2025-03.csv", context: context)
        #expect(plain.map(\.diagnostics) == kept.map(\.diagnostics))
        #expect(plain.first?.sent == nil)
        let sent = try #require(kept.first?.sent)
        #expect(sent.values[.activity(row: 0, .date)] == .text("2025-13-05"))
        let unreadable = SubmissionReader.readKeepingSentValues(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)),
                                                                fileName: "JD01.xls", context: context)
        #expect(unreadable.first?.sent == nil)
    }
}
