import Foundation
@testable import JixiaoReading
import TestSupport
import Testing

/// Every reading fixture made by another program, read by `jixiao cat` and by openpyxl (XLSX)
/// or xlrd (XLS), compared cell by cell (Tests/Fixtures/differential.py, whose short allow-list
/// says why each known difference is jixiao's right answer).
@Suite(.requires(.openpyxl, .xlrd, .jixiao)) struct DifferentialTests {
    static let fixtures = ["openpyxl.xlsx", "xlsxwriter.xlsx", "libreoffice.xlsx", "wps_like.xlsx", "strict.xlsx", "date1904.xlsx",
                           "xls/xlwt.xls", "xls/xlwt_1904.xls", "xls/libreoffice.xls", "xls/gnumeric.xls", "xls/JD01_2025-03.xls"]

    @Test func everyFixtureAgreesCellByCell() throws {
        let script = TestSupport.sharedFixtures.appendingPathComponent("differential.py").path
        let files = Self.fixtures.map { Fixture.folder.appendingPathComponent($0).path }
        let result = try Tool.python3.run([script, try Tool.jixiao.located().path] + files)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\(files.count) files compared, 0 differences"), "\(result.stdout)")
    }
}
