import Foundation
@testable import JixiaoReading
import Testing

@Suite struct CSVReaderTests {
    func expectSubmissionTable(_ doc: SpreadsheetDocument, sheet: String) {
        #expect(doc.format == .csv)
        #expect(doc.text(sheet, "A1") == "单位代码")
        #expect(doc.text(sheet, "B2") == "科普, 讲座")
        #expect(doc.text(sheet, "C2") == "120")
        #expect(doc.text(sheet, "D2") == "说\"明\"")
        #expect(doc.text(sheet, "D3") == "第一行\n第二行")
        #expect(doc.sheets[0].rows.count == 3)
    }

    @Test func readsGBKCSV() throws {
        let doc = try Fixture.read("gbk.csv")
        #expect(doc.sheets[0].name == "gbk")
        expectSubmissionTable(doc, sheet: "gbk")
    }

    @Test func readsUTF16TabSeparatedText() throws {
        let doc = try Fixture.read("utf16_tab.txt")
        expectSubmissionTable(doc, sheet: "utf16_tab")
    }

    @Test func dropsTheBOMAndDetectsSemicolons() throws {
        let doc = try Fixture.read("utf8_bom_semicolon.csv")
        #expect(doc.text("utf8_bom_semicolon", "A1") == "单位代码")
        #expect(doc.text("utf8_bom_semicolon", "C2") == "7")
    }

    @Test func followsRFC4180() throws {
        let text = "a,\"b\"\"c\",\"d\r\ne\"\r\n,,x\n\"\"\nlast"
        let sheet = try CSVReader.parse(text, sheetName: "t", limits: .default)
        #expect(sheet.value(CellRef(a1: "B1")!) == .text("b\"c"))
        #expect(sheet.value(CellRef(a1: "C1")!) == .text("d\r\ne"))
        #expect(sheet.value(CellRef(a1: "C2")!) == .text("x"))
        #expect(sheet.value(CellRef(a1: "A2")!) == .empty)
        #expect(sheet.row(3) == nil)                      // a quoted empty field holds nothing
        #expect(sheet.value(CellRef(a1: "A4")!) == .text("last"))
    }

    @Test func detectsDelimiters() {
        #expect(CSVReader.detectDelimiter("a\tb\tc\n1\t2\t3".utf8) == 0x09)
        #expect(CSVReader.detectDelimiter("a;b;c\n1;2,5;3".utf8) == UInt8(ascii: ";"))
        #expect(CSVReader.detectDelimiter("\"a;b\",c\n".utf8) == UInt8(ascii: ","))
    }

    @Test func decodesTextInOrder() throws {
        #expect(try TextDecoding.decode(Data("科协".utf8)) == "科协")
        #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("科协".utf8))) == "科协")
        #expect(try TextDecoding.decode(Data([0xFE, 0xFF, 0x79, 0xD1])) == "科")
        #expect(try TextDecoding.decode(Data([0xBF, 0xC6, 0xD0, 0xAD])) == "科协")   // GBK bytes
        #expect(throws: ReadError.self) { try TextDecoding.decode(Data([0xFF, 0xFE, 0x00, 0xD8])) } // lone surrogate
    }
}
