import Foundation
@testable import JixiaoReading
import Testing

/// Excel 97–2003 workbooks (BIFF8 in a compound file), written by xlwt, LibreOffice and
/// Gnumeric (Tests/Fixtures/make_xls_fixtures.py), read into the same typed cells as XLSX.
@Suite struct LegacyXLSTests {
    static func read(_ name: String, limits: ReadLimits = .default) throws -> SpreadsheetDocument {
        try Fixture.read("xls/" + name, limits: limits)
    }

    @Test func readsAnXlwtWorkbookCellByCell() throws {
        let doc = try Self.read("xlwt.xls")
        #expect(doc.format == .xls)
        #expect(!doc.uses1904)
        #expect(doc.sheets.map(\.name) == ["活动明细", "隐藏"])
        #expect(doc.sheets.map(\.visibility) == [.visible, .hidden])
        let s = try #require(doc.sheet(named: "活动明细"))
        #expect(s.value(CellRef(a1: "B2")!) == .text("食品安全进社区"))
        #expect(s.value(CellRef(a1: "C2")!) == .date(ExcelDateTime(year: 2025, month: 3, day: 5)))
        #expect(s.value(CellRef(a1: "C3")!) == .date(ExcelDateTime(year: 2025, month: 3, day: 18, hour: 14, minute: 30)))
        // A time of day under HH:MM, as the XLSX reader gives it.
        #expect(s.value(CellRef(a1: "C4")!) == .text("13:30:00"))
        #expect(s.value(CellRef(a1: "E2")!) == .number("120"))
        #expect(s.value(CellRef(a1: "E3")!) == .number("85.5"))
        #expect(s.value(CellRef(a1: "B4")!) == .text("多行\n文字"))
        #expect(s.value(CellRef(a1: "F4")!) == .boolean(true))
        #expect(s.value(CellRef(a1: "F2")!) == .text("含 \"引号\", 逗号"))
        #expect(s.value(CellRef(a1: "B8")!) == .number("0.0015"))
        #expect(s.value(CellRef(a1: "C8")!) == .number("-42"))
        #expect(s.value(CellRef(a1: "D8")!) == .number("97.4"))
        #expect(s.value(CellRef(a1: "E8")!) == .number("323.21"))
        #expect(s.value(CellRef(a1: "F8")!) == .number("12345678901"))
        #expect(s.mergedRanges == [CellRange(a1: "A6:C6")!])
        #expect(s.row(4)?.hidden == true)
        #expect(s.row(2)?.hidden == false)
    }

    @Test func readsThe1904DateSystem() throws {
        let doc = try Self.read("xlwt_1904.xls")
        #expect(doc.uses1904)
        #expect(doc.text("活动明细", "C2") == "2025-03-05")
        #expect(doc.text("活动明细", "C3") == "2025-03-18T14:30:00")
    }

    /// LibreOffice and Gnumeric both split the shared-string table over CONTINUE records
    /// (400 distinct strings, one of 9,000 characters) and store cached formula results.
    @Test(arguments: ["libreoffice.xls", "gnumeric.xls"])
    func readsSharedStringsAcrossContinueRecordsAndCachedFormulas(_ name: String) throws {
        let doc = try Self.read(name)
        let s = try #require(doc.sheet(named: "活动明细"))
        #expect(s.value(CellRef(a1: "A1")!) == .text("序号"))
        for i in [1, 137, 250, 400] {
            #expect(s.value(CellRef(row: i + 1, column: 2)) == .text("第\(i)场科普讲座：食品安全与健康生活知识进社区"), "row \(i + 1)")
            #expect(s.value(CellRef(row: i + 1, column: 4)) == .number(String(i * 3)))
        }
        #expect(s.value(CellRef(a1: "C2")!) == .date(ExcelDateTime(year: 2025, month: 3, day: 2)))
        #expect(s.value(CellRef(a1: "E3")!) == .number("24.7"))
        #expect(s.value(CellRef(a1: "F3")!) == .boolean(true))
        #expect(s.value(CellRef(a1: "H2")!) == .number("240600"))
        #expect(s.value(CellRef(a1: "H3")!) == .text("前缀第1场科普讲座：食品安全与健康生活知识进社区"))
        #expect(s.value(CellRef(a1: "H4")!) == .error("#DIV/0!"))
        #expect(s.value(CellRef(a1: "H5")!) == .boolean(true))
        #expect(s.value(CellRef(a1: "H6")!) == .text(String(repeating: "长", count: 9000)))
        #expect(s.mergedRanges.contains(CellRange(a1: "H8:J9")!))
        #expect(s.rows.count == 401)
        #expect(doc.sheet(named: "说明")?.visibility == .hidden)
        #expect(doc.text("说明", "A1") == "填表说明")
    }

    @Test func readsOnlyTheNamedSheet() throws {
        let doc = try SpreadsheetReader.read(Fixture.data("xls/xlwt.xls"), name: "x.xls", sheet: "隐藏")
        #expect(doc.sheets.map(\.name) == ["隐藏"])
        #expect(throws: ReadError.noSuchSheet("无此表")) {
            try SpreadsheetReader.read(Fixture.data("xls/xlwt.xls"), name: "x.xls", sheet: "无此表")
        }
    }

    @Test func handMadeMinimalWorkbookReads() throws {
        let doc = try Self.read("minimal.xls")
        #expect(doc.text("S", "A1") == "甲")
        #expect(doc.text("S", "B1") == "3")
    }

    @Test func rkNumbersDecode() {
        #expect(SheetReader.rk(UInt32(3 << 2 | 2)) == 3)
        #expect(SheetReader.rk(UInt32(bitPattern: -5 << 2) | 2) == -5)
        #expect(SheetReader.rk(UInt32(12345 << 2 | 3)) == 123.45)
        // 1.0 as the high 32 bits of its double.
        #expect(SheetReader.rk(0x3FF0_0000) == 1)
        #expect(SheetReader.shortest(0.1 + 0.2) == "0.30000000000000004")
        #expect(SheetReader.shortest(-0.0) == "0")
    }

    // MARK: refused, each with what it is

    @Test func encryptedWorkbooksAreNamedAsSuch() {
        #expect(throws: ReadError.encryptedWorkbook) { try Self.read("encrypted.xls") }
        #expect(throws: ReadError.encryptedWorkbook) { try Self.read("encrypted_ooxml.xlsx") }
        #expect(ReadError.encryptedWorkbook.message.contains("密码"))
    }

    @Test func excel95IsNamedWithItsVersion() {
        #expect(throws: ReadError.oldExcelVersion(ReadMessages.excel95)) { try Self.read("excel95.xls") }
        #expect(ReadError.oldExcelVersion(ReadMessages.excel95).message.contains("Excel 5.0/95"))
    }

    @Test func aWord97DocumentIsNamed() {
        #expect(throws: ReadError.otherDocument(.legacyWord)) { try Self.read("word97.doc") }
    }

    @Test func aFATLoopIsRefused() {
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbChainLoop)) { try Self.read("fat_loop.xls") }
    }

    @Test func aHugeSectorCountIsRefusedBeforeAllocating() {
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbClaimTooLarge)) { try Self.read("huge_sector_count.xls") }
    }

    @Test func anOutOfRangeSectorIsRefused() {
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbSectorOutOfRange)) { try Self.read("sector_out_of_range.xls") }
    }

    @Test func aTruncatedFileIsRefused() {
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbTruncated)) { try Self.read("truncated.xls") }
    }

    @Test func everyCutOfAGoodFileEndsInAnError() throws {
        let whole = try Fixture.data("xls/libreoffice.xls")
        for cut in stride(from: 0, to: whole.count, by: 997) {
            #expect(throws: ReadError.self) { try SpreadsheetReader.read(whole.prefix(cut), name: "cut.xls") }
        }
    }

    /// The stream-size limit is checked against the directory's claim, before the stream is gathered.
    @Test func streamLargerThanTheEntryLimitIsRefused() {
        var limits = ReadLimits.default
        limits.maxEntryBytes = 16 << 10
        #expect { try Self.read("libreoffice.xls", limits: limits) } throws: { error in
            (error as? ReadError)?.limitName == ReadMessages.limitEntrySize
        }
    }

    @Test func cellLimitsApply() {
        var limits = ReadLimits.default
        limits.maxCellsPerSheet = 100
        #expect { try Self.read("libreoffice.xls", limits: limits) } throws: { error in
            (error as? ReadError)?.limitName == ReadMessages.limitCells
        }
        limits = .default
        limits.maxCellTextLength = 5000
        #expect { try Self.read("gnumeric.xls", limits: limits) } throws: { error in
            (error as? ReadError)?.limitName == ReadMessages.limitCellText
        }
    }

    @Test func catPrintsAnXLSAsCSV() throws {
        let sheets = try CSVExport.sheets(of: Fixture.data("xls/xlwt.xls"), name: "xlwt.xls")
        let csv = String(decoding: try #require(sheets.first?.csv), as: UTF8.self)
        #expect(csv.hasPrefix("序号,活动名称,活动日期,活动形式,覆盖人数,备注\n1,食品安全进社区,2025-03-05,线下,120,\"含 \"\"引号\"\", 逗号\"\n"))
    }
}
