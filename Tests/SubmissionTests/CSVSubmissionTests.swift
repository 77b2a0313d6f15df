import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

@Suite struct CSVSubmissionTests {
    typealias B = Build

    static func csv(_ rows: [[CellValue]], name: String = "x") -> SpreadsheetDocument {
        SpreadsheetDocument(format: .csv, sheets: [B.sheet(name, rows)])
    }

    static let header: [CellValue] = B.activityHeader + [B.t("单位代码"), B.t("报送月份")]

    @Test func takesUnitAndMonthFromColumns() {
        let row = B.activityRow() + [B.t("jd01"), B.t("2025年3月")]
        let s = B.parse(Self.csv([Self.header, row, row.enumerated().map { $0.offset == 1 ? B.t("另一场") : $0.element }]),
                        file: "随便.csv")
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.unitCode == "JD01")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.activities.count == 2)
    }

    @Test func takesUnitAndMonthFromTheFileName() {
        for name in ["JD01_2025-03.csv", "jd01_2025年3月.csv", "JD01_202503_活动明细.csv", "收件/JD01_2025.3.csv", "JD01 2025-03(1).csv"] {
            let s = B.parse(Self.csv([B.activityHeader, B.activityRow()]), file: name)
            #expect(s.unitCode == "JD01", "\(name)")
            #expect(s.period == Period(year: 2025, month: 3), "\(name)")
            #expect(!s.hasErrors, "\(name): \(s.diagnostics)")
        }
    }

    @Test func rejectsACSVWithNeitherColumnsNorAUsableName() {
        let s = B.parse(Self.csv([B.activityHeader, B.activityRow()]), file: "三月活动.csv")
        #expect(s.codes.contains("csv.unitMissing"))
        #expect(s.codes.contains("csv.periodMissing"))
        #expect(s.activities.isEmpty)
    }

    @Test func rejectsRowsOfDifferentUnitsOrMonths() throws {
        let s = B.parse(Self.csv([Self.header, B.activityRow() + [B.t("JD01"), B.t("2025-03")],
                                  B.activityRow(2, name: "b") + [B.t("JD02"), B.t("2025-03")]]), file: "a.csv")
        let d = try #require(s.diagnostics("csv.inconsistent").first)
        #expect(d.location == "x!\(B.pastTemplate(row: 3))")
        #expect(d.value == "JD02")
        #expect(s.hasErrors)
    }

    @Test func rejectsAnUnreadableMonthColumn() {
        let s = B.parse(Self.csv([Self.header, B.activityRow() + [B.t("JD01"), B.t("三月")]]), file: "a.csv")
        #expect(s.diagnostics("period.invalid").map(\.location) == ["x!\(B.pastTemplate(1, row: 2))"])
    }

    @Test func rejectsATableWithoutTheActivityHeader() {
        let s = B.parse(Self.csv([[B.t("姓名"), B.t("电话")], [B.t("张三"), B.t("123")]]), file: "JD01_2025-03.csv")
        #expect(s.codes == ["header.notFound"])
    }

    @Test func fileNameIdentityIgnoresWhatFollowsTheMonth() {
        let id = FileNameIdentity("bundle.zip/三月/QU00_2025-12-终稿.csv")
        #expect(id.unitCode == "QU00")
        #expect(id.period == Period(year: 2025, month: 12))
        #expect(FileNameIdentity("活动_2025-03.csv").unitCode == nil)
    }
}
