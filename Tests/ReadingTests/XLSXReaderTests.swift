import Foundation
@testable import JixiaoReading
import Testing

@Suite struct XLSXReaderTests {
    @Test func readsOpenpyxlWorkbook() throws {
        let doc = try Fixture.read("openpyxl.xlsx")
        #expect(doc.format == .xlsx)
        #expect(doc.sheets.map(\.name) == ["活动明细", "隐藏表", "深度隐藏"])
        #expect(doc.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        let s = try #require(doc.sheet(named: "活动明细"))
        #expect(s.value(CellRef(row: 2, column: 2)) == .text("食品安全进社区"))
        #expect(s.value(CellRef(row: 2, column: 3)) == .date(ExcelDateTime(year: 2025, month: 3, day: 5)))
        #expect(s.value(CellRef(row: 3, column: 3)) == .date(ExcelDateTime(year: 2025, month: 3, day: 18, hour: 14, minute: 30)))
        #expect(s.value(CellRef(row: 3, column: 5)) == .number("85.5"))
        #expect(s.value(CellRef(row: 4, column: 2)) == .text("多行\n文字"))
        #expect(s.value(CellRef(row: 4, column: 6)) == .boolean(true))
        #expect(s.value(CellRef(row: 2, column: 6)) == .text("含 \"引号\", 逗号"))
        // openpyxl saves formulas without a cached value.
        let g2 = try #require(s.cell(CellRef(row: 2, column: 7)))
        #expect(g2.value == .uncachedFormula("E2*2"))
        #expect(g2.formula == "E2*2")
        #expect(s.mergedRanges == [CellRange(a1: "A6:C6")!])
        #expect(s.row(4)?.hidden == true)
        #expect(s.row(2)?.hidden == false)
        #expect(s.value(CellRef(row: 8, column: 2)) == .number("1.5E-3") || s.value(CellRef(row: 8, column: 2)) == .number("0.0015"))
        #expect(s.value(CellRef(row: 8, column: 3)) == .number("-42"))
    }

    @Test func readsXlsxWriterWorkbook() throws {
        let doc = try Fixture.read("xlsxwriter.xlsx")
        #expect(doc.sheets.map(\.name) == ["数据", "空表"])
        #expect(doc.sheets[1].rows.isEmpty)
        #expect(doc.text("数据", "A2") == "吴家山街道")
        #expect(doc.text("数据", "B2") == "323.21")
        #expect(doc.text("数据", "C2") == "2025-03-05")
        #expect(doc.text("数据", "D2") == "2025-12-31")   // custom yyyy"年"m"月"d"日"
        #expect(doc.text("数据", "E2") == "2024-02-29")   // zh-CN built-in id 31
        #expect(doc.text("数据", "F2") == "1234.5")
        #expect(doc.text("数据", "C6") == "2025-03-05T09:15:30")
        #expect(doc.text("数据", "D6") == "2023-03-15")   // [$-804]yyyy年m月 is a date format
        #expect(doc.text("数据", "E6") == "0.25")         // 0.00% is not
        let s = doc.sheets[0]
        let g2 = try #require(s.cell(CellRef(a1: "G2")!))
        #expect(g2.value == .number("646.42"))
        #expect(g2.formula == "B2*2")
        #expect(s.value(CellRef(a1: "G3")!) == .text("合计"))
        #expect(s.value(CellRef(a1: "H2")!) == .boolean(false))
        #expect(s.value(CellRef(a1: "I2")!) == .error("#DIV/0!"))
        #expect(s.value(CellRef(a1: "J2")!) == .text("科普活动"))  // rich-text runs joined
        #expect(s.mergedRanges.contains(CellRange(a1: "A4:C4")!))
        #expect(s.row(5)?.hidden == true)
    }

    @Test func readsLibreOfficeWorkbook() throws {
        let doc = try Fixture.read("libreoffice.xlsx")
        #expect(doc.sheets.count == 1)
        #expect(doc.text(doc.sheets[0].name, "A1") == "单位代码")
        #expect(doc.text(doc.sheets[0].name, "B3") == "含,逗号")
        #expect(doc.sheets[0].value(CellRef(a1: "C2")!) == .number("120"))
        #expect(doc.sheets[0].value(CellRef(a1: "D3")!) == .number("0.1"))
    }

    @Test func readsWPSLikeWorkbook() throws {
        let doc = try Fixture.read("wps_like.xlsx")
        #expect(doc.sheets.map(\.name) == ["基本信息", "活动明细"])
        // No `r` on rows or cells: positions follow document order.
        #expect(doc.text("基本信息", "A1") == "单位代码")
        #expect(doc.text("基本信息", "B1") == "JD01")
        #expect(doc.text("基本信息", "B2") == "2025-03-01")         // built-in zh-CN id 57
        #expect(doc.text("基本信息", "A3") == "  备注 & 说明 ")      // xml:space preserved, entity decoded
        #expect(doc.text("基本信息", "B3") == "第一行\r\n第二行")     // _x000D_ escape, runs joined
        #expect(doc.text("活动明细", "B2") == "2025-03-05")         // custom 年月日 format with ;@ section
        #expect(doc.text("活动明细", "A3") == "<青少年> & 科技")      // CDATA
        #expect(doc.text("活动明细", "B3") == "2025-03-18")         // t="d"
        #expect(doc.sheet(named: "活动明细")?.value(CellRef(a1: "C3")!) == .number("85"))
        // Cells out of order within a row are sorted; explicit r wins.
        let row6 = try #require(doc.sheet(named: "活动明细")?.row(6))
        #expect(row6.cells.map(\.ref.a1) == ["A6", "C6"])
        #expect(row6.cells.map(\.value) == [.boolean(true), .error("#N/A")])
    }

    @Test func readsStrictOOXML() throws {
        let doc = try Fixture.read("strict.xlsx")
        #expect(doc.text("Strict", "A1") == "东西湖区")
        #expect(doc.text("Strict", "B1") == "科学技术")        // phonetic run dropped
        #expect(doc.text("Strict", "C1") == "a<b>c中文")       // named and numeric references
        #expect(doc.text("Strict", "A2") == "2025-03-05")
        #expect(doc.sheets[0].cell(CellRef(a1: "B2")!)?.formula == "A2+1")
        #expect(doc.sheets[0].value(CellRef(a1: "C2")!) == .uncachedFormula("SUM(A1:A2)"))
        #expect(doc.sheets[0].mergedRanges == [CellRange(a1: "A3:C3")!])
    }

    @Test func reads1904DateSystem() throws {
        let doc = try Fixture.read("date1904.xlsx")
        #expect(doc.uses1904)
        #expect(doc.text("Sheet1", "A1") == "2025-03-05")
        #expect(doc.text("Sheet1", "B1") == "1904-01-01")
    }

    @Test func readsOnlyTheRequestedSheet() throws {
        let doc = try SpreadsheetReader.read(Fixture.data("openpyxl.xlsx"), name: "x.xlsx", sheet: "隐藏表")
        #expect(doc.sheets.map(\.name) == ["隐藏表"])
        #expect(throws: ReadError.noSuchSheet("没有")) {
            try SpreadsheetReader.read(Fixture.data("openpyxl.xlsx"), name: "x.xlsx", sheet: "没有")
        }
    }

    @Test func detectsKindsByContent() throws {
        #expect(try Fixture.read("openpyxl.xlsx").format == .xlsx)
        #expect(try Fixture.read("strict.xlsx").format == .xlsx)
        #expect(throws: ReadError.missingPart("xl/workbook.xml")) { try Fixture.read("gbk_names.zip") }
        #expect { try Fixture.read("truncated.xlsx") } throws: { error in
            if case .truncatedArchive = error as? ReadError { return true }
            return false
        }
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbHeaderInvalid)) { try Fixture.read("ole2.xls") }
        #expect(try Fixture.read("gbk.csv").format == .csv)
        #expect(try Fixture.read("utf16_tab.txt").format == .csv)
        #expect(throws: ReadError.otherDocument(.image)) { try Fixture.read("picture.xlsx") }
    }

    @Test func classifiesDateFormats() {
        for id in [14, 22, 27, 31, 36, 50, 57, 58] { #expect(NumberFormats.isDate(id: id, code: nil), "id \(id)") }
        for id in [0, 1, 2, 9, 10, 49] { #expect(!NumberFormats.isDate(id: id, code: nil), "id \(id)") }
        #expect(NumberFormats.isDateCode("yyyy\"年\"m\"月\"d\"日\";@"))
        #expect(NumberFormats.isDateCode("[$-804]yyyy年m月"))
        #expect(NumberFormats.isDateCode("[h]:mm:ss"))
        #expect(!NumberFormats.isDateCode("0.00_);[Red](0.00)"))
        #expect(!NumberFormats.isDateCode("0.00E+00"))
        #expect(!NumberFormats.isDateCode("\"day\" 0"))
        #expect(!NumberFormats.isDateCode("General"))
    }

    @Test func convertsSerialsInBothDateSystems() {
        #expect(NumberFormats.dateTime(serial: 1, uses1904: false) == ExcelDateTime(year: 1900, month: 1, day: 1))
        #expect(NumberFormats.dateTime(serial: 60, uses1904: false) == ExcelDateTime(year: 1900, month: 2, day: 29))
        #expect(NumberFormats.dateTime(serial: 61, uses1904: false) == ExcelDateTime(year: 1900, month: 3, day: 1))
        #expect(NumberFormats.dateTime(serial: 45721.5, uses1904: false) == ExcelDateTime(year: 2025, month: 3, day: 5, hour: 12))
        #expect(NumberFormats.dateTime(serial: 44259, uses1904: true) == ExcelDateTime(year: 2025, month: 3, day: 5))
        #expect(NumberFormats.dateTime(serial: -1, uses1904: false) == nil)
        #expect(NumberFormats.dateTime(serial: 3_000_000, uses1904: false) == nil)
    }

    @Test func exportsCSVFromTheStreamingPath() throws {
        let sheets = try CSVExport.sheets(of: Fixture.data("xlsxwriter.xlsx"), name: "x.xlsx", sheet: "数据")
        let text = String(decoding: sheets[0].csv, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "吴家山街道,323.21,2025-03-05,2025-12-31,2024-02-29,1234.5,646.42,FALSE,#DIV/0!,科普活动")
        #expect(lines[2] == ",,,,,,合计,,,")
        // The streamed CSV and the cell model agree on every fixture workbook.
        for name in ["openpyxl.xlsx", "xlsxwriter.xlsx", "libreoffice.xlsx", "wps_like.xlsx", "strict.xlsx", "date1904.xlsx"] {
            let doc = try Fixture.read(name)
            let streamed = try CSVExport.sheets(of: Fixture.data(name), name: name)
            #expect(streamed.map(\.name) == doc.sheets.map(\.name), "\(name)")
            for (sheet, csv) in zip(doc.sheets, streamed) {
                #expect(csv.csv == CSVExport.bytes(of: sheet), "\(name) / \(sheet.name)")
            }
        }
    }
}

/// The one-step path for plain `<c><v>…</v></c>` cells and the event-by-event path must
/// agree: the same sheets with every element prefixed (`<x:c>`) never take the one-step path.
@Suite struct CellPathTests {
    static func prefixed(_ xml: Data) -> Data {
        var out: [UInt8] = []
        let bytes = [UInt8](xml)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            if bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count {
                var j = i + 1
                if bytes[j] == UInt8(ascii: "/") { out.append(bytes[j]); j += 1 }
                if j < bytes.count, (bytes[j] | 0x20) >= UInt8(ascii: "a"), (bytes[j] | 0x20) <= UInt8(ascii: "z") {
                    out.append(contentsOf: Array("x:".utf8))
                }
                i = j
                continue
            }
            i += 1
        }
        return Data(out)
    }

    @Test func plainAndPrefixedSheetsReadTheSame() throws {
        var compared = 0
        for name in ["openpyxl.xlsx", "xlsxwriter.xlsx", "libreoffice.xlsx", "strict.xlsx", "date1904.xlsx", "wps_like.xlsx"] {
            let data = try Fixture.data(name)
            let zip = try ZipArchive(data: data)
            let package = try XLSXPackage(archive: zip)
            for entry in zip.entries where entry.name.hasPrefix("xl/worksheets/") && entry.name.hasSuffix(".xml") {
                let xml = try zip.read(entry)
                let reader = WorksheetReader(context: package.context, part: entry.name, sheetName: "s")
                let plain = try reader.sheet(xml)
                let slow = try reader.sheet(Self.prefixed(xml))
                #expect(plain == slow, "\(name)/\(entry.name)")
                #expect(!plain.rows.isEmpty || entry.name.contains("sheet2"), "\(name)/\(entry.name)")
                compared += 1
            }
        }
        #expect(compared >= 8)
    }
}

/// Sheets parsed while a second thread inflates them read exactly as sheets inflated first.
@Suite struct ConcurrentInflateTests {
    static let always = ReadLimits(concurrentInflateBytes: 0)

    @Test func concurrentAndWholeReadsAgree() throws {
        for name in ["openpyxl.xlsx", "xlsxwriter.xlsx", "libreoffice.xlsx", "strict.xlsx", "date1904.xlsx", "wps_like.xlsx"] {
            let whole = try Fixture.read(name)
            let concurrent = try Fixture.read(name, limits: Self.always)
            #expect(whole == concurrent, "\(name)")
            let csv = try CSVExport.sheets(of: Fixture.data(name), name: name, limits: Self.always)
            #expect(csv.map(\.csv) == whole.sheets.map { CSVExport.bytes(of: $0) }, "\(name)")
        }
    }

    @Test func concurrentReadsKeepEveryLimitAndError() {
        var limits = Self.always
        #expect { try Fixture.read("zip_bomb.xlsx", limits: limits) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitRatio }
        limits.maxEntryBytes = 1 << 20
        limits.maxCompressionRatio = 100_000
        #expect { try Fixture.read("zip_bomb.xlsx", limits: limits) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitEntrySize }
        #expect { try Fixture.read("deep_nesting.xlsx", limits: Self.always) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitDepth }
        var ratioLifted = Self.always
        ratioLifted.maxCompressionRatio = 100_000
        #expect { try Fixture.read("huge_cell.xlsx", limits: ratioLifted) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitCellText }
        #expect { try Fixture.read("malformed.xlsx", limits: Self.always) } throws: { error in
            if case .malformedXML(let part, _, _) = error as? ReadError { return part == "xl/worksheets/sheet1.xml" }
            return false
        }
    }
}
