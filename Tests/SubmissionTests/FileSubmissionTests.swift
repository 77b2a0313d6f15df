import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import TestSupport
import Testing

/// Real files, written by openpyxl (`Fixtures/make_fixtures.py`), read end to end.
@Suite struct FileSubmissionTests {
    static let fixtures = TestSupport.fixtureFolder("SubmissionTests")

    static let registry: [String: ReportingUnit] = {
        var units = Build.registry
        for (code, name) in [("JD02", "将军路街道科协"), ("JD03", "慈惠街道科协"), ("JD05", "径河街道科协")] {
            units[code] = ReportingUnit(code: code, name: name, kind: .street, street: name, contact: "", phone: "",
                                        firstPeriod: Period(year: 2025, month: 1)!)
        }
        return units
    }()

    static func read(_ name: String, context: SubmissionContext = SubmissionContext(knownUnits: registry, year: 2025)) throws -> [ParsedSubmission] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return SubmissionReader.read(data, fileName: name, context: context)
    }

    @Test func readsAStreetWorkbookWithTheUsualMistakes() throws {
        let all = try Self.read("JD01_2025-03.xlsx")
        let s = try #require(all.first)
        #expect(all.count == 1)
        #expect(!s.hasErrors, "\(s.diagnostics.filter { $0.severity == .error })")
        #expect(s.unitCode == "JD01")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.activities.map(\.date.description) == ["2025-03-05", "2025-03-05", "2025-03-18", "2025-03-20", "2025-03-28"])
        #expect(s.activities.map(\.coverage) == [120, 50, 1200, 80, 300])
        #expect(s.activities.map(\.source.row) == [3, 4, 5, 6, 7])
        #expect(s.workload.map(\.quantity) == [1, 5, 2])
        let warnings = Set(s.diagnostics.map(\.code))
        #expect(warnings == ["header.extraColumn", "cell.mergedRepeated", "number.approximate", "row.hidden", "date.yearFromPeriod"])
        #expect(s.diagnostics("row.hidden").map(\.location) == ["活动明细!A6"])
    }

    @Test func reportsFormulasPicturesAndBadDatesAtTheirCells() throws {
        let s = try #require(try Self.read("JD03_broken.xlsx").first)
        #expect(s.hasErrors)
        #expect(s.diagnostics("date.invalid").map(\.location) == ["活动明细!C2"])
        #expect(s.diagnostics("cell.formulaWithoutValue").map(\.location) == ["活动明细!G2"])
        #expect(s.diagnostics("cell.picture").map(\.location) == ["活动明细!J3"])
        #expect(s.diagnostics.allSatisfy { $0.file == "JD03_broken.xlsx" })
    }

    @Test func readsRenamedSheetsAndThe1904DateSystem() throws {
        let s = try #require(try Self.read("JD02_renamed_1904.xlsx").first)
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.activities.map(\.date.description) == ["2025-03-12", "2025-03-26"])
        #expect(s.diagnostics("sheet.renamed").count == 3)
        #expect(s.workload.map(\.item) == [.approvedExpertStations, .recruitedExperts])
    }

    @Test func readsTheDistrictSheetExactly() throws {
        let s = try #require(try Self.read("QU00_2025-12.xlsx").first)
        #expect(!s.hasErrors, "\(s.diagnostics)")
        let d = try #require(s.district)
        #expect(d.fullYearBudget == Decimal(string: "370.64")!)
        #expect(d.executed == Decimal(string: "323.21")!)
        #expect(d.satisfiedQuestionnaires == 190)
    }

    @Test func readsAGBKCSVWithUnitAndMonthFromItsName() throws {
        let s = try #require(try Self.read("JD05_2025-03.csv").first)
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.unitCode == "JD05")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.activities.map(\.name) == ["食品安全宣传", "防灾减灾讲座"])
        #expect(s.activities.map(\.coverage) == [150, 20000])
        #expect(s.activities.map(\.form) == [.offline, .online])
        #expect(s.activities.last?.theme == .emergency)
    }

    @Test func readsEachMemberOfAZipWithGBKNames() throws {
        let all = try Self.read("三月报送.zip")
        #expect(all.map(\.fileName) == ["三月报送.zip/三月/将军路街道.xlsx", "三月报送.zip/三月/JD05_2025-03.csv",
                                        "三月报送.zip/三月/活动照片.jpg"])
        #expect(all[0].unitCode == "JD02")
        #expect(!all[0].hasErrors)
        #expect(all[0].activities.first?.source.file == "三月报送.zip/三月/将军路街道.xlsx")
        #expect(all[1].unitCode == "JD05")
        #expect(!all[1].hasErrors)
        #expect(all[2].codes == ["file.ignored"])
        #expect(all[2].ignored && !all[2].hasErrors)
    }

    @Test func readsABundleInsideABundle() throws {
        let all = try Self.read("第一季度.zip")
        #expect(all.map(\.fileName).first == "第一季度.zip/三月报送.zip/三月/将军路街道.xlsx")
        #expect(all.count == 3)
        #expect(all.filter { !$0.hasErrors }.compactMap(\.unitCode) == ["JD02", "JD05"])
    }

    @Test func rejectsABundleWithoutSpreadsheetsOnce() throws {
        let all = try Self.read("照片.zip")
        #expect(all.count == 1)
        #expect(all.first?.codes == ["file.emptyBundle"])
        #expect(all.first?.fileName == "照片.zip")
    }

    @Test func rejectsAFileThatIsNoSpreadsheet() {
        let junk = Data([0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10] + Array(repeating: 0, count: 64))
        let all = SubmissionReader.read(junk, fileName: "照片.xlsx", context: SubmissionContext())
        #expect(all.count == 1)
        #expect(all.first?.codes == ["file.unreadable"])
        #expect(all.first?.diagnostics.first?.message.contains(ReadError.notASpreadsheet.message) == true)
    }

    @Test func refusesABareCompoundFileHeaderAsADamagedXLS() {
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512))
        let all = SubmissionReader.read(ole2, fileName: "JD01.xls", context: SubmissionContext())
        #expect(all.first?.diagnostics.first?.message.contains(".xls 文件已损坏") == true)
        #expect(all.first?.hasErrors == true)
    }

    /// The example's March workbook for JD01, saved by LibreOffice as .xls, gives the same
    /// submission as the .xlsx it came from.
    @Test func acceptsALibreOfficeSavedXLSWithTheSameRecordsAsItsXLSX() throws {
        let xlsx = try Data(contentsOf: TestSupport.repoFile("examples/dongxihu-2025/inbox/2025-03/JD01_吴家山街道科协_2025-03.xlsx"))
        let xls = try Data(contentsOf: TestSupport.sharedFixtures.appendingPathComponent("reading/xls/JD01_2025-03.xls"))
        let context = SubmissionContext(knownUnits: Self.registry, year: 2025)
        let fromXLSX = try #require(SubmissionReader.read(xlsx, fileName: "JD01_2025-03", context: context).first)
        let fromXLS = try #require(SubmissionReader.read(xls, fileName: "JD01_2025-03", context: context).first)
        #expect(!fromXLS.hasErrors, "\(fromXLS.diagnostics.filter { $0.severity == .error })")
        #expect(fromXLS.activities.count > 0)
        #expect(fromXLS.activities == fromXLSX.activities)
        #expect(fromXLS.workload == fromXLSX.workload)
        #expect(fromXLS.unitCode == fromXLSX.unitCode && fromXLS.period == fromXLSX.period)
        #expect((fromXLS.preparer, fromXLS.phone, fromXLS.filledOn) == (fromXLSX.preparer, fromXLSX.phone, fromXLSX.filledOn))
        #expect(fromXLS.diagnostics.map(\.message) == fromXLSX.diagnostics.map(\.message))
    }
}
