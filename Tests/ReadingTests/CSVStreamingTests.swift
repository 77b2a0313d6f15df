import Foundation
import Testing
@testable import JixiaoReading

/// The streamed CSV path (`jixiao cat`) against what it must print, byte for byte, for the
/// shapes its fast paths treat specially.
@Suite struct CSVStreamingTests {
    /// Gap rows, short rows and a first row that is not row 1 are padded in place to the widest row.
    @Test func padsGapsAndShortRowsToARectangle() throws {
        var wb = HandMadeWorkbook()
        wb.sharedStrings = ["甲", "a,b"]
        wb.sheetData = #"""
        <row r="2"><c r="A2"><v>1</v></c><c r="C2" t="s"><v>1</v></c></row>\
        <row r="3"><c r="B3" t="s"><v>0</v></c></row>\
        <row r="6"><c r="A6"><v>2</v></c><c r="B6"><v>3</v></c><c r="C6"><v>4</v></c><c r="D6"><v>5</v></c></row>\
        <row r="7"><c r="A7"><v>6</v></c></row>
        """#
        let expected = ",,,\n1,,\"a,b\",\n,甲,,\n,,,\n,,,\n2,3,4,5\n6,,,\n"
        #expect(try wb.csv() == expected)
        let doc = try wb.read()
        #expect(String(decoding: CSVExport.bytes(of: doc.sheets[0]), as: UTF8.self) == expected)
    }

    /// Repeated row numbers keep both rows and add no gap between them.
    @Test func repeatedRowsArePaddedWithoutGaps() throws {
        let sheet = Sheet(name: "S", rows: [
            Row(index: 2, cells: [Cell(ref: CellRef(row: 2, column: 2), value: .number("1"))]),
            Row(index: 2, cells: [Cell(ref: CellRef(row: 2, column: 1), value: .number("2"))]),
            Row(index: 4, cells: [Cell(ref: CellRef(row: 4, column: 3), value: .text("x"))]),
        ])
        #expect(String(decoding: CSVExport.bytes(of: sheet), as: UTF8.self) == ",,\n,1,\n2,,\n,,\n,,x\n")
    }

    /// Whole-day serials skip strtod; every other spelling still reads as `Double(text)` does.
    @Test func dateSerialsInAnySpellingGiveTheSameDay() throws {
        var wb = HandMadeWorkbook()
        wb.styles = #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#
        wb.sheetData = #"""
        <row r="1"><c r="A1" s="1"><v>45658</v></c><c r="B1" s="1"><v>045658</v></c>\
        <c r="C1" s="1"><v> 45658 </v></c><c r="D1" s="1"><v>4.5658E4</v></c><c r="E1" s="1"><v>45658.5</v></c>\
        <c r="F1" s="1"><v>0000000000000045658</v></c><c r="G1" s="1"><v>1e999</v></c><c r="H1" s="1"><v>x</v></c></row>
        """#
        let day = "2025-01-01"
        let expected = "\(day),\(day),\(day),\(day),\(day)T12:00:00,\(day),1e999,x\n"
        #expect(try wb.csv() == expected)
        let doc = try wb.read()
        #expect(String(decoding: CSVExport.bytes(of: doc.sheets[0]), as: UTF8.self) == expected)
    }

    /// Cells the one-step path reads and cells it leaves to the event path (prefixed or
    /// repeated attributes, quotes and spaces of every kind, entities, formulas, inline
    /// strings) all print as Excel shows them.
    @Test func everyCellShapePrintsItsValue() throws {
        var wb = HandMadeWorkbook()
        wb.sharedStrings = ["甲", "乙"]
        wb.sheetData = #"""
        <row r="1"><c r="A1" s="0" t="s"><v>0</v></c><c  r = 'B1' ><v>2</v></c><c r="C1"/>\
        <c r="D1" x:t="s"><v>1</v></c><c r="E1" t="str" t="s"><v>0</v></c><c r="F1" t="str"><v>a&amp;b</v></c>\
        <c><v>7</v></c><c r="H1"><f>1+1</f><v>2</v></c><c r="I1" t="inlineStr"><is><t>内</t></is></c>\
        <c r="J1" t="s" ><v>1</v></c>
        <c r="K1" t="b"><v>1</v></c></row>
        """#
        #expect(try wb.csv() == "甲,2,,乙,甲,a&b,7,2,内,乙,TRUE\n")
    }

    /// A cell reference that does not parse is reported at its own bytes, by either path.
    @Test func badReferenceIsReportedWhereItIs() throws {
        for cell in [#"<c r="1A"><v>1</v></c>"#, #"<c r="1A"><f>1</f><v>1</v></c>"#, #"<c r="1A"/>"#] {
            var wb = HandMadeWorkbook()
            wb.sheetData = #"<row r="1">"# + cell + "</row>"
            let xml = wb.parts.first { $0.0 == "xl/worksheets/sheet1.xml" }!.1
            let offset = xml.utf8.count - xml.components(separatedBy: #"r="1A""#)[1].utf8.count - 3
            #expect(throws: ReadError.malformedXML(part: "xl/worksheets/sheet1.xml", offset: offset,
                                                   detail: ReadMessages.badCellReference)) { try wb.csv() }
        }
    }

    /// Date parts are zero-padded to their width, a small year included.
    @Test func datePartsArePadded() throws {
        var wb = HandMadeWorkbook()
        wb.sheetData = #"""
        <row r="1"><c r="A1" t="d"><v>0099-01-05T03:04:05</v></c><c r="B1" t="d"><v>2025-12-31</v></c></row>
        """#
        #expect(try wb.csv() == "0099-01-05T03:04:05,2025-12-31\n")
    }
}
