import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

@Suite struct BasicInfoTests {
    typealias B = Build

    @Test func readsLabelsWithColonsUnitsAndATitleRow() {
        let info = B.sheet("基本信息", [
            [B.t("月度报送表")],
            [B.t("单位代码："), B.t(" ｊｄ０１ ")],
            [B.t("单位名称:"), B.t("吴家山街道科协")],
            [B.t("报送月份（年-月）"), B.t("2025年3月")],
            [B.t("填报人"), .empty, B.t("王五")],
        ])
        let s = B.parse(B.workbook([info, B.activities([B.activityRow()]), B.workload()]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.unitCode == "JD01")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.preparer == "王五")
    }

    @Test func readsALabelAndItsValueInOneCell() {
        let info = B.sheet("基本信息", [[B.t("单位代码：JD01")], [B.t("报送月份：2025-03")]])
        let s = B.parse(B.workbook([info, B.activities([B.activityRow()]), B.workload()]))
        #expect(s.unitCode == "JD01")
        #expect(s.period == Period(year: 2025, month: 3))
    }

    @Test func readsTheMonthFromAnExcelDateInTheMonth() {
        let s = B.parse(B.submission(info: B.basicInfo(period: B.d(2025, 3, 1))))
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(!s.hasErrors)
    }

    @Test func readsTheMonthInEveryWrittenForm() {
        for form in ["2025-03", "2025年3月", "2025/3", "2025.3", "2025-03-15"] {
            let s = B.parse(B.submission(info: B.basicInfo(period: B.t(form))))
            #expect(s.period == Period(year: 2025, month: 3), "\(form)")
        }
        #expect(B.parse(B.submission(info: B.basicInfo(period: B.n("2025.3")))).period == Period(year: 2025, month: 3))
    }

    @Test func rejectsAnUnreadableMonth() throws {
        let s = B.parse(B.submission(info: B.basicInfo(period: B.t("三月"))))
        let d = try #require(s.diagnostics("period.invalid").first)
        #expect(d.location == "基本信息!B3")
        #expect(d.value == "三月")
        #expect(s.activities.isEmpty)
        #expect(s.hasErrors)
    }

    @Test func rejectsAMissingMonthAndUnit() {
        let info = B.sheet("基本信息", [[B.t("单位代码")], [B.t("报送月份")]])
        let s = B.parse(B.workbook([info, B.activities([B.activityRow()]), B.workload()]))
        #expect(s.codes.contains("unit.missing"))
        #expect(s.codes.contains("period.missing"))
        #expect(s.activities.isEmpty)
    }

    @Test func rejectsAUnitNotInTheRegistry() throws {
        let s = B.parse(B.submission(info: B.basicInfo(unit: "JD99")))
        let d = try #require(s.diagnostics("unit.unknown").first)
        #expect(d.value == "JD99")
        #expect(d.location == "基本信息!B1")
        #expect(s.hasErrors)
    }

    @Test func acceptsAnyUnitWithoutARegistry() {
        let s = B.parse(B.submission(info: B.basicInfo(unit: "JD99")), context: SubmissionContext())
        #expect(!s.hasErrors)
    }

    @Test func warnsWhenTheUnitNameDiffersFromTheRegistry() throws {
        let s = B.parse(B.submission(info: B.basicInfo(name: "将军路街道科协")))
        let d = try #require(s.diagnostics("unit.nameMismatch").first)
        #expect(d.severity == .warning)
        #expect(d.message.contains("吴家山街道科协"))
        #expect(!s.hasErrors)
    }

    @Test func warnsWhenTheMonthIsOutsideTheUnitsReportingMonths() throws {
        var late = B.registry
        late["JD01"]?.firstPeriod = Period(year: 2025, month: 7)!
        let s = B.parse(B.submission(info: B.basicInfo()), context: SubmissionContext(knownUnits: late, year: 2025))
        let d = try #require(s.diagnostics("unit.notDue").first)
        #expect(d.severity == .warning && d.value == "2025-03")
        #expect(d.message.contains("吴家山街道科协"))
        #expect(!s.hasErrors)
        // Nothing is said of it for a file that is rejected anyway.
        let rejected = B.parse(B.submission(info: B.basicInfo(period: B.t("2024-12"))),
                               context: SubmissionContext(knownUnits: late, year: 2025))
        #expect(rejected.diagnostics("unit.notDue").isEmpty)
    }

    @Test func rejectsAMonthOfAnotherYear() {
        let s = B.parse(B.submission(info: B.basicInfo(period: B.t("2024-12"))))
        #expect(s.diagnostics("period.wrongYear").map(\.location) == ["基本信息!B3"])
    }

    @Test func warnsOnAnUnreadableFillingDateOnly() {
        let info = B.sheet("基本信息", B.basicInfo().rows.map { $0.cells.map(\.value) }.dropLast() + [[B.t("填报日期"), B.t("上周")]])
        let s = B.parse(B.workbook([info, B.activities([B.activityRow()]), B.workload()]))
        #expect(s.diagnostics("info.filledOnInvalid").count == 1)
        #expect(!s.hasErrors)
    }
}

@Suite struct WorkloadTests {
    typealias B = Build

    @Test func readsItemsWrittenWithTheirCountingUnit() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]),
                                    B.workload([("获批专家工作站（家）", B.n("1")), ("引进专家人才", B.t("2人")), ("制作科普视频(个)", .empty)])]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.workload.map(\.item) == [.approvedExpertStations, .recruitedExperts])
        #expect(s.workload.map(\.quantity) == [1, 2])
        #expect(s.workload.first?.source.row == 2)
    }

    @Test func warnsAboutAnUnknownItem() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]), B.workload([("其他工作", B.n("3"))])]))
        #expect(s.diagnostics("workload.unknownItem").map(\.location) == ["工作量!A2"])
        #expect(s.workload.isEmpty)
    }

    @Test func sumsARepeatedItemWithAWarning() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]),
                                    B.workload([("申报科普项目(个)", B.n("2")), ("申报科普项目", B.n("1"))])]))
        #expect(s.workload.map(\.quantity) == [3])
        #expect(s.diagnostics("workload.duplicateItem").count == 1)
    }

    @Test func rejectsANegativeQuantity() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]), B.workload([("申报科普项目(个)", B.n("-1"))])]))
        #expect(s.diagnostics("number.negative").map(\.location) == ["工作量!B2"])
    }

    @Test func treatsAMissingWorkloadSheetAsNothingToReport() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([B.activityRow()])]))
        #expect(s.diagnostics("sheet.workloadMissing").first?.severity == .warning)
        #expect(!s.hasErrors)
    }
}

@Suite struct DistrictSheetTests {
    typealias B = Build

    static func district(_ values: [String: CellValue] = [:]) -> Sheet {
        let defaults: [(String, CellValue)] = [
            ("年初预算数（万元）", B.n("381.71")), ("追加数", B.n("34")), ("调减数", B.t("45.07万元")),
            ("全年执行数", B.n("323.21")), ("满意度调查有效问卷数", B.n("200")), ("满意及以上问卷数", B.n("190")),
            ("年度总体目标", B.t("推进科普惠民")), ("实际完成情况", B.t("完成")),
        ]
        return B.sheet("预算与满意度", defaults.map { [B.t($0.0), values[$0.0] ?? $0.1] })
    }

    static func qu00(_ sheet: Sheet) -> SpreadsheetDocument {
        B.workbook([B.basicInfo(unit: "QU00", name: "区科协"), B.activities([]), B.workload([]), sheet])
    }

    @Test func readsMoneyExactlyFromTheDistrictOffice() throws {
        let s = B.parse(Self.qu00(Self.district()))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        let d = try #require(s.district)
        #expect(d.initialBudget == Decimal(string: "381.71")!)
        #expect(d.reduction == Decimal(string: "45.07")!)
        #expect(d.fullYearBudget == Decimal(string: "370.64")!)
        #expect(d.executed == Decimal(string: "323.21")!)
        #expect(d.satisfiedQuestionnaires == 190)
        #expect(d.overallGoal == "推进科普惠民")
        #expect(d.period == Period(year: 2025, month: 3))
    }

    @Test func keepsTheCellOfEveryFigure() throws {
        let s = B.parse(Self.qu00(Self.district()))
        let d = try #require(s.district)
        #expect(d.cells == ["年初预算数": "预算与满意度!B1", "追加数": "预算与满意度!B2", "调减数": "预算与满意度!B3",
                            "全年执行数": "预算与满意度!B4", "满意度调查有效问卷数": "预算与满意度!B5",
                            "满意及以上问卷数": "预算与满意度!B6"])
    }

    /// The default sheet with the optional 决算 rows added below it.
    static func withAccounts(_ rows: [(String, CellValue)]) -> Sheet {
        let base = district()
        return B.sheet("预算与满意度", base.rows.map { $0.cells.map(\.value) } + rows.map { [B.t($0.0), $0.1] })
    }

    @Test func readsTheOptionalFinalAccountsAndLeavesBlankOnesNil() throws {
        let s = B.parse(Self.qu00(Self.withAccounts([("决算收入合计", B.n("323.21")), ("基本支出", B.n("186.26")),
                                                     ("项目支出", B.t("136.95万元")), ("上年结转", .empty)])))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        let d = try #require(s.district)
        #expect(d.finalIncome == Decimal(string: "323.21")!)
        #expect(d.basicExpenditure == Decimal(string: "186.26")!)
        #expect(d.projectExpenditure == Decimal(string: "136.95")!)
        #expect(d.carriedOver == nil && d.fiscalAppropriation == nil)
    }

    @Test func rejectsAnExpenditureSplitThatIsNotTheExecutedTotal() throws {
        let s = B.parse(Self.qu00(Self.withAccounts([("基本支出", B.n("186.26")), ("项目支出", B.n("136.00"))])))
        let d = try #require(s.diagnostics("district.expenditureSplitMismatch").first)
        #expect(d.location == "预算与满意度!B10")
        #expect(d.message.contains("322.26") && d.message.contains("323.21"))
        #expect(s.district == nil)
    }

    @Test func rejectsMoneyInYuan() throws {
        let s = B.parse(Self.qu00(Self.district(["全年执行数": B.t("3232100元")])))
        let d = try #require(s.diagnostics("money.yuan").first)
        #expect(d.location == "预算与满意度!B4")
        #expect(d.message.contains("万元"))
        #expect(s.district == nil)
    }

    @Test func warnsWhenMoneyHasMoreThanTwoDecimals() {
        let s = B.parse(Self.qu00(Self.district(["追加数": B.t("34.005")])))
        #expect(s.diagnostics("money.rounded").count == 1)
        #expect(s.district?.addition == Decimal(string: "34.01")!)
    }

    @Test func rejectsInvalidAndNegativeMoney() {
        let s = B.parse(Self.qu00(Self.district(["追加数": B.t("三十万"), "调减数": B.n("-1")])))
        #expect(s.codes.contains("money.invalid"))
        #expect(s.codes.contains("money.negative"))
        #expect(s.district == nil)
    }

    @Test func rejectsMoreSatisfiedThanValidQuestionnaires() {
        let s = B.parse(Self.qu00(Self.district(["满意及以上问卷数": B.n("201")])))
        #expect(s.diagnostics("district.satisfiedExceedsValid").map(\.location) == ["预算与满意度!B6"])
    }

    @Test func ignoresTheSheetFromAnotherUnitWithAWarning() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([B.activityRow()]), B.workload([]), Self.district()]))
        #expect(s.district == nil)
        #expect(s.diagnostics("district.otherUnit").first?.severity == .warning)
        #expect(!s.hasErrors)
    }
}
