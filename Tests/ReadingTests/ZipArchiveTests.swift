import Foundation
@testable import JixiaoReading
import Testing

@Suite struct ZipArchiveTests {
    @Test func decodesGBKNamesAndBackslashes() throws {
        let zip = try ZipArchive(data: Fixture.data("gbk_names.zip"))
        #expect(zip.entries.map(\.name) == ["三月/", "三月/JD01.xlsx", "三月/JD02.csv"])
        #expect(zip.entries[0].isDirectory)
        let member = try #require(zip.entry(named: "三月/jd01.XLSX"))   // case-insensitive, as Excel
        let doc = try SpreadsheetReader.read(zip.read(member), name: member.name)
        #expect(doc.text("活动明细", "B2") == "食品安全进社区")
        let csv = try SpreadsheetReader.read(zip.read(try #require(zip.entry(named: "三月/JD02.csv"))), name: "JD02.csv")
        #expect(csv.text("JD02", "B2") == "科普, 讲座")
    }

    @Test func namesThatWouldEscapeAFolderAreOnlyNames() throws {
        let zip = try ZipArchive(data: Fixture.data("traversal.zip"))
        #expect(zip.entries.map(\.name) == ["../evil.csv", "/abs/evil.csv", "ok/JD01.csv"])
        // Reading a member never touches the disk: the bytes come back in memory.
        #expect(try zip.read(zip.entries[0]) == Data("a,b\n1,2\n".utf8))
    }

    @Test func plainZipIsNotAWorkbook() throws {
        #expect(throws: ReadError.missingPart("xl/workbook.xml")) { try Fixture.read("plain.zip") }
        #expect(try ZipArchive(data: Fixture.data("plain.zip")).containsWorkbook == false)
    }

    @Test func readsDeclaredSizes() throws {
        let zip = try ZipArchive(data: Fixture.data("openpyxl.xlsx"))
        for entry in zip.entries where !entry.isDirectory {
            #expect(try zip.read(entry).count == entry.uncompressedSize)
        }
    }
}
