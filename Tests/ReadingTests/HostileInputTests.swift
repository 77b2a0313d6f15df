import Foundation
@testable import JixiaoReading
import Testing

/// Each hostile file gets the specific error that says what it is. Memory and time stay
/// bounded because every limit is checked while streaming: the tests set a limit below
/// the hostile size and assert that reading stopped with that limit's error.
@Suite struct HostileInputTests {
    @Test func bareCompoundFileHeaderIsDamaged() {
        #expect(throws: ReadError.damagedCompoundFile(ReadMessages.cfbHeaderInvalid)) { try Fixture.read("ole2.xls") }
    }

    /// Padding a sheet with cells at A1 and XFD1048576 into a rectangle would print 17 GB;
    /// the CSV keeps each row's own width instead, with the gap rows as empty lines.
    @Test func farCornersDoNotPadTheCSVIntoARectangle() throws {
        let sheets = try CSVExport.sheets(of: Fixture.data("far_corners.xlsx"), name: "far_corners.xlsx")
        let csv = try #require(sheets.first?.csv)
        #expect(csv.count < 2_000_000)
        #expect(csv.prefix(2) == Data("1\n".utf8))
        #expect(csv.suffix(2) == Data("2\n".utf8))
        #expect(csv.filter { $0 == 0x0A }.count == 1_048_576)
    }

    @Test func truncatedArchive() {
        #expect { try Fixture.read("truncated.xlsx") } throws: { error in
            if case .truncatedArchive = error as? ReadError { return true }
            return false
        }
    }

    @Test func binaryJunkIsNotASpreadsheet() {
        #expect(throws: ReadError.otherDocument(.image)) { try Fixture.read("picture.xlsx") }
        #expect(throws: ReadError.emptyFile) { try SpreadsheetReader.read(Data(), name: "empty.csv") }
        #expect(throws: ReadError.notASpreadsheet) { try SpreadsheetReader.read(Data([0, 1, 2, 3, 0xFF, 0, 0x10] + [UInt8](repeating: 0, count: 64)), name: "x.xlsx") }
    }

    @Test func billionLaughsIsRefusedBeforeExpanding() {
        #expect { try Fixture.read("billion_laughs.xlsx") } throws: { error in
            guard case .malformedXML(let part, _, let detail) = error as? ReadError else { return false }
            return part == "xl/sharedStrings.xml" && detail == ReadMessages.xmlDTD
        }
    }

    @Test func deepNestingStopsAtTheDepthLimit() {
        #expect { try Fixture.read("deep_nesting.xlsx") } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitDepth }
    }

    @Test func hugeCellTextStopsAtTheTextLimit() {
        // One repeated character compresses past the default ratio; lift that limit to reach this one.
        let ratioLifted = ReadLimits(maxCompressionRatio: 100_000)
        #expect { try Fixture.read("huge_cell.xlsx", limits: ratioLifted) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitCellText }
        // A CSV field made at run time, far over Excel's 32,767 characters.
        let csv = Data(("a,\"" + String(repeating: "长", count: 200_000) + "\"\n").utf8)
        #expect { try SpreadsheetReader.read(csv, name: "big.csv") } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitCellText }
    }

    /// A genuine sheet of very repetitive strings, 471 KB inflating to 57 MB (121×), is within
    /// the ratio; a deflate bomb (1,027×) is not, and is stopped within a chunk of the limit.
    @Test func theRatioLetsRepetitiveSheetsThroughAndStopsBombs() {
        let genuine = ZipEntry(name: "xl/worksheets/sheet1.xml", index: 0, uncompressedSize: 57_000_000,
                               compressedSize: 471_000, isDirectory: false)
        #expect(InflateBudget(entry: genuine, limits: .default, alreadyInflated: 0).violation(after: 57_000_000) == nil)
        let bomb = ZipEntry(name: "xl/worksheets/sheet1.xml", index: 0, uncompressedSize: 67_108_997,
                            compressedSize: 65_357, isDirectory: false)
        let budget = InflateBudget(entry: bomb, limits: .default, alreadyInflated: 0)
        #expect(budget.violation(after: 40_000_000)?.limitName == ReadMessages.limitRatio)
        #expect(budget.firstGuessCap < 40_000_000)
    }

    @Test func zipBombStopsAtTheRatioOrSizeLimit() throws {
        #expect { try Fixture.read("zip_bomb.xlsx") } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitRatio }
        let small = ReadLimits(maxEntryBytes: 1 << 20, maxCompressionRatio: 100_000)
        #expect { try Fixture.read("zip_bomb.xlsx", limits: small) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitEntrySize }
        // Inflating stopped within one 64 KiB chunk of the limit: memory stayed bounded.
        let zip = try ZipArchive(data: Fixture.data("zip_bomb.xlsx"), limits: small)
        let sheet = try #require(zip.entry(named: "xl/worksheets/sheet1.xml"))
        #expect(sheet.uncompressedSize > 64 << 20)
        #expect(throws: ReadError.self) { try zip.read(sheet) }
        #expect(zip.inflatedBytes <= (1 << 20) + (64 << 10))
        let total = ReadLimits(maxTotalBytes: 4 << 20, maxCompressionRatio: 100_000)
        #expect { try Fixture.read("zip_bomb.xlsx", limits: total) } throws: { ($0 as? ReadError)?.limitName == ReadMessages.limitTotalSize }
    }

    @Test func tooManyEntriesIsRefusedWhenOpening() {
        #expect { try ZipArchive(data: Fixture.data("traversal.zip"), limits: ReadLimits(maxEntries: 2)) } throws: {
            ($0 as? ReadError)?.limitName == ReadMessages.limitEntries
        }
    }

    @Test func tooManyCellsStopsAtTheCellLimit() {
        #expect { try Fixture.read("openpyxl.xlsx", limits: ReadLimits(maxCellsPerSheet: 5)) } throws: {
            ($0 as? ReadError)?.limitName == ReadMessages.limitCells
        }
        #expect { try Fixture.read("gbk.csv", limits: ReadLimits(maxCellsPerSheet: 5)) } throws: {
            ($0 as? ReadError)?.limitName == ReadMessages.limitCells
        }
    }

    @Test func malformedXMLNamesThePartAndOffset() {
        #expect { try Fixture.read("malformed.xlsx") } throws: { error in
            guard case .malformedXML(let part, let offset, _) = error as? ReadError else { return false }
            return part == "xl/worksheets/sheet1.xml" && offset > 0
        }
    }

    @Test func missingSheetPartIsNamed() {
        #expect(throws: ReadError.missingPart("xl/worksheets/sheet1.xml")) { try Fixture.read("missing_sheet.xlsx") }
    }

    @Test func everyErrorHasAChineseMessage() {
        let errors: [ReadError] = [.notASpreadsheet, .legacyOrEncrypted, .truncatedArchive("x"), .missingPart("p"),
                                   .malformedXML(part: "p", offset: 1, detail: "d"), .limitExceeded(limit: "l", detail: "d"),
                                   .undecodableText("t"), .noSuchSheet("s"), .noSuchMember("m"), .emptyFile, .encryptedWorkbook,
                                   .oldExcelVersion(ReadMessages.excel95), .damagedCompoundFile("d")]
            + DocumentKind.allCases.map(ReadError.otherDocument)
        for e in errors { #expect(e.message.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) }
    }
}
