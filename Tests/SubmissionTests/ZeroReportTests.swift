import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

private typealias B = Build

/// A file with nothing in it is an untouched template (空表), not a report; a month without
/// activities is reported by declaring 零报告.
@Suite struct ZeroReportTests {
    static let empty = "submission.empty"
    static let contradiction = "submission.zeroReportWithActivities"

    @Test func anUntouchedTemplateIsRejectedAsEmptyAtTheZeroReportCell() throws {
        let s = B.parse(B.workbook([B.basicInfo(zeroReport: .empty), B.activities([]), B.workload([])]))
        let d = try #require(s.diagnostics(Self.empty).first)
        #expect(d.severity == .error && s.hasErrors)
        #expect(d.location == "基本信息!B7")
        #expect(d.message == "活动明细和工作量都是空的（空表），不能算作报送；本月确实没有活动，请在“本月无活动（零报告）”中选“是”，有活动请填写活动明细后重新报送")
    }

    @Test func workloadOfZerosIsStillEmpty() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]), B.workload([("新成立企业科协(家)", B.n("0"))])]))
        #expect(s.codes.contains(Self.empty))
    }

    @Test func aWorkloadCountAloneIsAReport() {
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([]), B.workload()]))
        #expect(!s.hasErrors)
        #expect(!s.declaresZeroReport)
    }

    @Test(arguments: ["是", " 是 ", "Y", "√", "零报告"])
    func aDeclaredZeroReportIsAccepted(answer: String) {
        let s = B.parse(B.workbook([B.basicInfo(zeroReport: B.t(answer)), B.activities([]), B.workload([])]))
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.declaresZeroReport)
    }

    @Test func aZeroReportWithActivitiesIsAnError() throws {
        let s = B.parse(B.workbook([B.basicInfo(zeroReport: B.t("是")),
                                    B.activities([B.activityRow(1), B.activityRow(2, name: "科普讲座")]), B.workload([])]))
        let d = try #require(s.diagnostics(Self.contradiction).first)
        #expect(d.severity == .error && d.location == "基本信息!B7")
        #expect(d.message == "“本月无活动（零报告）”选了“是”，但活动明细中有 2 条活动；有活动请改选“否”，确实没有活动请删去活动明细中的行")
    }

    @Test func answeringNoWithActivitiesIsAnOrdinaryReport() {
        let s = B.parse(B.workbook([B.basicInfo(zeroReport: B.t("否")), B.activities([B.activityRow()]), B.workload([])]))
        #expect(!s.hasErrors && !s.declaresZeroReport)
    }

    @Test func anAnswerOutsideTheListNamesTheChoices() throws {
        let s = B.parse(B.workbook([B.basicInfo(zeroReport: B.t("不知道")), B.activities([B.activityRow()]), B.workload([])]))
        let d = try #require(s.diagnostics("choice.unknown").first)
        #expect(d.location == "基本信息!B7")
        #expect(d.message.contains("是、否"))
    }

    @Test func aFileAlreadyRejectedGetsNoSecondVerdict() {
        let s = B.parse(B.workbook([B.basicInfo(unit: ""), B.activities([]), B.workload([])]))
        #expect(s.hasErrors)
        #expect(!s.codes.contains(Self.empty))
    }

    @Test func anEmptyCSVIsRejectedWithTheWayToReportZero() throws {
        let doc = SpreadsheetDocument(format: .csv, sheets: [B.sheet("x", [B.activityHeader])])
        let s = B.parse(doc, file: "JD01_2025-03.csv")
        let d = try #require(s.diagnostics(Self.empty).first)
        #expect(d.message.contains("请用报送模板报送"))
    }

    @Test func theDistrictSheetAloneIsAReport() {
        let district = B.sheet("预算与满意度", [
            [B.t("年初预算数"), B.n("381.71")], [B.t("追加数"), B.n("34")], [B.t("调减数"), B.n("45.07")],
            [B.t("全年执行数"), B.n("323.21")], [B.t("满意度调查有效问卷数"), B.n("520")], [B.t("满意及以上问卷数"), B.n("498")],
        ])
        let s = B.parse(B.workbook([B.basicInfo(unit: "QU00", name: "区科协"), B.activities([]), B.workload([]), district]),
                        file: "QU00.xlsx")
        #expect(s.district != nil)
        #expect(!s.codes.contains(Self.empty), "\(s.diagnostics)")
    }
}
