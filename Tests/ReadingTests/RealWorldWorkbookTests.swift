import Foundation
@testable import JixiaoReading
import Testing

/// Classes of real-world workbooks (issue 11) that jixiao once read differently from Excel,
/// each as a hand-made workbook holding the XML that such files have, asserting what Excel shows.
@Suite struct RealWorldWorkbookTests {
    /// Excel 2013 and later write `<x15:workbookPr chartTrackingRefBase="1"/>` into `<extLst>`:
    /// only the main-namespace `<workbookPr>` sets the date system.
    @Test func extensionWorkbookPrKeeps1904() throws {
        var wb = HandMadeWorkbook()
        wb.workbookPr = #"<workbookPr date1904="1"/>"#
        wb.workbookExtensions = #"<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>"#
        wb.styles = #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>"#
        wb.sheetData = #"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>44000</v></c></row>"#
        let doc = try wb.read()
        #expect(doc.uses1904)
        #expect(doc.text("Sheet1", "B1") == "2024-06-19")
        let csv = try wb.csv()
        #expect(csv == "1904-01-01,2024-06-19\n")
    }

    /// A conditional-format style redefining numFmtId 14 does not turn the cell's date into a number.
    @Test func dxfNumberFormatsDoNotOverrideCellFormats() throws {
        var wb = HandMadeWorkbook()
        wb.styles = #"""
        <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>\
        <dxfs count="1"><dxf><numFmt numFmtId="14" formatCode="0.00"/></dxf></dxfs>
        """#
        wb.sheetData = #"<row r="1"><c r="A1" s="1"><v>42062</v></c></row>"#
        #expect(try wb.read().text("Sheet1", "A1") == "2015-02-27")
        #expect(try wb.csv() == "2015-02-27\n")
    }

    /// `<c t="s"><v/></c>` is an empty cell, not a missing shared string.
    @Test func emptySharedStringValueIsAnEmptyCell() throws {
        var wb = HandMadeWorkbook()
        wb.sharedStrings = ["甲"]
        wb.sheetData = #"<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v></v></c></row>"#
        let doc = try wb.read()
        #expect(doc.sheets[0].value(CellRef(row: 1, column: 1)) == .empty)
        #expect(doc.text("Sheet1", "B1") == "甲")
        #expect(try wb.csv() == ",甲\n")
    }

    /// An inline-string cell is its `<is>` text, as Excel reads it; a `<v>` some generators
    /// write beside it is not prepended (docs/template.md, 读取细节).
    @Test func inlineStringIsItsIsTextAlone() throws {
        var wb = HandMadeWorkbook()
        wb.sheetData = #"<row r="1"><c r="A1" t="inlineStr"><v>旧</v><is><t>新</t></is></c><c r="B1" t="inlineStr"><is><t>乙</t></is></c></row>"#
        #expect(try wb.read().text("Sheet1", "A1") == "新")
        #expect(try wb.csv() == "新,乙\n")
    }

    /// Spaces at either end of `<t>` are kept with or without xml:space="preserve", as Excel
    /// shows them; the submission stage trims where a value must not have them.
    @Test func whitespaceInTextIsKeptWithoutXMLSpace() throws {
        var wb = HandMadeWorkbook()
        wb.sharedStrings = [" 前后 "]
        wb.sheetData = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t> 乙 </t></is></c></row>"#
        let doc = try wb.read()
        #expect(doc.text("Sheet1", "A1") == " 前后 ")
        #expect(doc.text("Sheet1", "B1") == " 乙 ")
    }
}

extension RealWorldWorkbookTests {
    /// `cat` prints the shortest decimal naming the stored double: 97.40000000000001 and
    /// 97.4000000000000057 are the double 97.4, while 0.30000000000000004 (not 0.3) stays.
    @Test func numbersPrintAsTheShortestRoundTrip() throws {
        var wb = HandMadeWorkbook()
        wb.sheetData = #"""
        <row r="1"><c r="A1"><v>97.4000000000000057</v></c><c r="B1"><v>97.40000000000001</v></c>\
        <c r="C1"><v>0.30000000000000004</v></c><c r="D1"><v>1.50</v></c><c r="E1"><v>323.21</v></c>\
        <c r="F1"><v>1234567.0000000000001</v></c></row>
        """#
        let expected = "97.4,97.4,0.30000000000000004,1.50,323.21,1234567\n"
        #expect(try wb.csv() == expected)
        let doc = try wb.read()
        #expect(String(decoding: CSVExport.bytes(of: doc.sheets[0]), as: UTF8.self) == expected)
        // The cell keeps the stored text: later stages read money from it exactly.
        #expect(doc.sheets[0].value(CellRef(row: 1, column: 1)) == .number("97.4000000000000057"))
    }
}

extension RealWorldWorkbookTests {
    /// A formula saved without a cached result shows nothing (Excel shows nothing until it
    /// recalculates); shared and data-table formulas no longer print a bare `=`.
    @Test func uncachedFormulasPrintNothing() throws {
        var wb = HandMadeWorkbook()
        wb.sheetData = #"""
        <row r="1"><c r="A1"><f>SUM(D1:D2)</f></c><c r="B1"><f t="shared" si="0"/></c>\
        <c r="C1"><f>1+1</f><v></v></c><c r="D1"><f>2*3</f><v>6</v></c></row>\
        <row r="2"><c r="A2"><f t="dataTable" ref="A2:B2" dt2D="0" dtr="1" r1="D1"/></c><c r="B2"><v>1</v></c></row>
        """#
        #expect(try wb.csv() == ",,,6\n,1,,\n")
        let doc = try wb.read()
        #expect(String(decoding: CSVExport.bytes(of: doc.sheets[0]), as: UTF8.self) == ",,,6\n,1,,\n")
        // The cell still says what it is, for the submission stage's report.
        #expect(doc.sheets[0].value(CellRef(row: 1, column: 1)) == .uncachedFormula("SUM(D1:D2)"))
    }
}

extension RealWorldWorkbookTests {
    /// A serial below 1 under a time format is a time of day; under `[hh]:mm:ss` (id 46, or a
    /// custom code) it is elapsed time and hours go past 24. Date formats still show dates.
    @Test func timesOfDayAndElapsedTimes() throws {
        var wb = HandMadeWorkbook()
        wb.styles = #"""
        <numFmts count="3"><numFmt numFmtId="164" formatCode="h&quot;时&quot;mm&quot;分&quot;"/>\
        <numFmt numFmtId="165" formatCode="hh:mm:ss"/><numFmt numFmtId="166" formatCode="[hh]:mm:ss"/></numFmts>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="165"/><xf numFmtId="164"/><xf numFmtId="46"/>\
        <xf numFmtId="166"/><xf numFmtId="22"/></cellXfs>
        """#
        wb.sheetData = #"""
        <row r="1"><c r="A1" s="1"><v>0.5625</v></c><c r="B1" s="2"><v>0.3541666666666667</v></c>\
        <c r="C1" s="3"><v>1.5</v></c><c r="D1" s="4"><v>2.25</v></c><c r="E1" s="5"><v>45658.5625</v></c>\
        <c r="F1" s="1"><v>45658.5625</v></c></row>
        """#
        let expected = "13:30:00,08:30:00,36:00:00,54:00:00,2025-01-01T13:30:00,2025-01-01T13:30:00\n"
        #expect(try wb.csv() == expected)
        let doc = try wb.read()
        #expect(String(decoding: CSVExport.bytes(of: doc.sheets[0]), as: UTF8.self) == expected)
    }

    @Test func classifiesTimeFormats() {
        #expect(NumberFormats.kind(code: "hh:mm:ss") == .time)
        #expect(NumberFormats.kind(code: "h\"时\"mm\"分\"") == .time)
        #expect(NumberFormats.kind(code: "[h]:mm:ss") == .elapsed)
        #expect(NumberFormats.kind(code: "yyyy-mm-dd hh:mm") == .date)
        #expect(NumberFormats.kind(code: "mmm") == .date)
        #expect(NumberFormats.kind(id: 46, code: nil) == .elapsed)
        #expect(NumberFormats.kind(id: 21, code: nil) == .time)
        #expect(NumberFormats.kind(id: 14, code: nil) == .date)
    }
}

extension RealWorldWorkbookTests {
    /// Two members of one name (here a second `xl/worksheets/sheet1.xml`, and names differing only
    /// in case) are ambiguous: the archive is refused with a message naming the member.
    @Test func duplicateZipEntriesAreRefused() throws {
        var wb = HandMadeWorkbook()
        wb.sheetData = #"<row r="1"><c r="A1"><v>1</v></c></row>"#
        let second = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>"#
        for name in ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"] {
            wb.extraParts = [(name, second)]
            let expected = ReadError.truncatedArchive(ReadMessages.duplicateMember(name))
            #expect(throws: expected) { try wb.read() }
            #expect(throws: expected) { try wb.csv() }
            #expect(expected.message.contains("两个同名的“\(name)”"))
        }
        wb.extraParts = []
        #expect(try wb.csv() == "1\n")
    }
}
