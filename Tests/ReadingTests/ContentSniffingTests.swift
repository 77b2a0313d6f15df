import Foundation
@testable import JixiaoReading
import TestSupport
import Testing

/// Files that are not spreadsheets are named for what they are, and `cat` and `check` agree
/// on what is a workbook (fixtures from Tests/Fixtures/make_xls_fixtures.py).
@Suite struct ContentSniffingTests {
    static func data(_ name: String) throws -> Data { try Fixture.data("sniff/" + name) }
    static func path(_ name: String) -> String { Fixture.folder.appendingPathComponent("sniff/" + name).path }

    @Test(arguments: [("报送说明.docx", DocumentKind.word), ("汇报.pptx", .powerPoint), ("表格.ods", .openDocumentSpreadsheet),
                      ("扫描件.pdf", .pdf), ("活动照片.png", .image)])
    func namesWhatAFileIs(_ name: String, _ kind: DocumentKind) throws {
        #expect(throws: ReadError.otherDocument(kind)) { try SpreadsheetReader.read(Self.data(name), name: name) }
        #expect(SpreadsheetReader.documentKind(of: try Self.data(name)) == kind)
    }

    @Test func namesOfficeDocumentsInCompoundFiles() throws {
        #expect(SpreadsheetReader.documentKind(of: try Fixture.data("xls/word97.doc")) == .legacyWord)
        #expect(SpreadsheetReader.documentKind(of: try Fixture.data("xls/xlwt.xls")) == nil)
        #expect(SpreadsheetReader.documentKind(of: try Fixture.data("openpyxl.xlsx")) == nil)
    }

    @Test func messagesSayWhatItIsAndWhatToSend() {
        #expect(ReadError.otherDocument(.word).message == "这是 Word 文档（.docx），不是电子表格；请发送填好的报送表（.xlsx），说明材料不需要报送")
        #expect(ReadError.otherDocument(.openDocumentSpreadsheet).message
                == "这是 OpenDocument 电子表格（.ods），本系统不读取这种格式；请在 WPS 或 LibreOffice 中“另存为” .xlsx 格式后重新报送")
        #expect(ReadError.otherDocument(.image).message == "这是一张图片，不是电子表格；无法从中读取数据，请发送填好的报送表原文件（.xlsx）")
    }

    @Test func anEmptyFileIsNamed() {
        #expect(throws: ReadError.emptyFile) { try SpreadsheetReader.read(Self.data("空文件.xlsx"), name: "空文件.xlsx") }
    }

    @Test func aPackageWithoutItsWorkbookIsBrokenNotABundle() throws {
        #expect(throws: ReadError.brokenPackage) { try SpreadsheetReader.read(Self.data("缺工作簿.xlsx"), name: "x.xlsx") }
        #expect(throws: ReadError.brokenPackage) { try CSVExport.sheets(of: Self.data("缺工作簿.xlsx"), name: "x.xlsx") }
        // A plain ZIP stays a bundle.
        #expect(throws: ReadError.missingPart("xl/workbook.xml")) { try Fixture.read("plain.zip") }
    }

    // MARK: through the command line

    static func jixiao(_ arguments: [String]) throws -> ProcessResult { try Tool.jixiao.run(arguments) }

    /// A cover letter and a photo beside the workbook in a zip are listed as ignored and do not
    /// make `check` fail; `cat` prints the workbook and notes the others.
    @Test func nonSpreadsheetMembersOfAZipAreIgnored() throws {
        let zip = Self.path("附说明的报送.zip")
        let check = try Self.jixiao(["check", "--year", "2025", zip])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("已接收  \(zip)/JD01_2025-03.xlsx  JD01 2025-03"), "\(check.stdout)")
        #expect(check.stdout.contains("已忽略  \(zip)/报送说明.docx"), "\(check.stdout)")
        #expect(check.stdout.contains("压缩包中的这个文件是 Word 文档（.docx），不是报表，已忽略（不影响包中其他报表）"), "\(check.stdout)")
        #expect(check.stdout.contains("压缩包中的这个文件是一张图片，不是报表，已忽略"), "\(check.stdout)")
        let cat = try Self.jixiao(["cat", zip])
        #expect(cat.status == 0, "\(cat.stderr)")
        #expect(cat.stdout.contains("# \(zip)/JD01_2025-03.xlsx / 基本信息"))
        #expect(cat.stderr.contains("\(zip)/报送说明.docx：不是表格文件，已忽略"), "\(cat.stderr)")
    }

    /// `cat` refuses what `check` refuses as no workbook, with the same words.
    @Test(arguments: ["空压缩包.zip", "缺工作簿.xlsx", "报送说明.docx", "空文件.xlsx"])
    func catAndCheckAgreeOnWhatIsAWorkbook(_ name: String) throws {
        let file = Self.path(name)
        let check = try Self.jixiao(["check", "--year", "2025", file])
        let cat = try Self.jixiao(["cat", file])
        #expect(check.status == 5)
        #expect(cat.status == 1)
        #expect(cat.stdout.isEmpty, "\(cat.stdout)")
        let catMessage = try #require(cat.stderr.split(separator: "：", maxSplits: 1).last).trimmingCharacters(in: .newlines)
        #expect(check.stdout.contains(catMessage), "cat: \(cat.stderr) check: \(check.stdout)")
    }

    @Test func checkAndCatReadAnXLS() throws {
        let file = Fixture.folder.appendingPathComponent("xls/JD01_2025-03.xls").path
        let check = try Self.jixiao(["check", "--year", "2025", file])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("已接收  \(file)  JD01 2025-03  活动 1 条，错误 0 处，警告 0 处"), "\(check.stdout)")
        let cat = try Self.jixiao(["cat", "--sheet", "基本信息", file])
        #expect(cat.stdout.hasPrefix("单位代码,JD01\n单位名称,吴家山街道科协\n报送月份,2025-03\n"), "\(cat.stdout)")
    }
}

/// A cell longer than Excel's 32,767 characters is never cut short: the file is refused,
/// at that cell, whichever way the text is stored.
@Suite struct OverlongCellTests {
    @Test func checkRejectsTheFileAtTheCell() throws {
        let file = Fixture.folder.appendingPathComponent("sniff/超长单元格.xlsx").path
        let check = try Tool.jixiao.run(["check", "--year", "2025", file])
        #expect(check.status == 5)
        #expect(check.stdout.contains("已退回  \(file)"), "\(check.stdout)")
        #expect(check.stdout.contains("错误  活动明细!H2  -  文件无法读取：单元格 活动明细!H2 的文字超过 32767 个字符"), "\(check.stdout)")
    }

    @Test func aSharedStringIsNamedByTheCellThatUsesIt() throws {
        #expect(throws: ReadError.cellTextTooLong(place: "活动明细!H2", limit: 32_767)) {
            try SpreadsheetReader.read(Fixture.data("sniff/超长单元格.xlsx"), name: "x.xlsx")
        }
        #expect(throws: ReadError.cellTextTooLong(place: "活动明细!H2", limit: 32_767)) {
            try CSVExport.sheets(of: Fixture.data("sniff/超长单元格.xlsx"), name: "x.xlsx")
        }
    }

    @Test func inlineCSVAndXLSTextAreNamedByCell() throws {
        #expect(throws: ReadError.cellTextTooLong(place: "S!A1", limit: 32_767)) {
            var limits = ReadLimits.default
            limits.maxCompressionRatio = 100_000
            return try Fixture.read("huge_cell.xlsx", limits: limits)
        }
        let csv = Data(("a,b\n1," + String(repeating: "长", count: 32_768) + "\n").utf8)
        #expect(throws: ReadError.cellTextTooLong(place: "big!B2", limit: 32_767)) { try SpreadsheetReader.read(csv, name: "big.csv") }
        var limits = ReadLimits.default
        limits.maxCellTextLength = 5000
        #expect(throws: ReadError.cellTextTooLong(place: "活动明细!H6", limit: 5000)) {
            try Fixture.read("xls/libreoffice.xls", limits: limits)
        }
    }

    /// Exactly 32,767 characters is what Excel holds: read whole.
    @Test func theLimitItselfIsRead() throws {
        let text = String(repeating: "长", count: 32_767)
        let doc = try SpreadsheetReader.read(Data(("a\n" + text + "\n").utf8), name: "t.csv")
        #expect(doc.sheets.first?.cell(CellRef(row: 2, column: 1))?.value == .text(text))
    }
}
