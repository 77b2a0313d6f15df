import Foundation
@testable import JixiaoReading

/// A workbook written by hand in the test: the few parts a reader needs, stored (not deflated)
/// in a zip built here, so a fixture shows exactly the XML a real-world file had.
struct HandMadeWorkbook {
    var workbookPr = ""
    var workbookExtensions = ""
    var styles: String?
    var sharedStrings: [String] = []
    var sheetData = ""
    /// Parts added as they are, after the usual ones (duplicates included).
    var extraParts: [(String, String)] = []

    var parts: [(String, String)] {
        var list: [(String, String)] = [
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>
            """),
            ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """),
            ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
            xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">\
            \(workbookPr)<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>\(workbookExtensions)</workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>
            """),
            ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetData>\(sheetData)</sheetData></worksheet>
            """),
            ("xl/sharedStrings.xml", """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\
            \(sharedStrings.map { "<si><t>\($0)</t></si>" }.joined())</sst>
            """),
        ]
        if let styles {
            list.append(("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            \(styles)</styleSheet>
            """))
        }
        return list + extraParts
    }

    var data: Data { StoredZip.make(parts.map { ($0.0, Data($0.1.utf8)) }) }

    func read() throws -> SpreadsheetDocument {
        try SpreadsheetReader.read(data, name: "handmade.xlsx")
    }

    /// The first sheet as `jixiao cat` prints it.
    func csv() throws -> String {
        let sheets = try CSVExport.sheets(of: data, name: "handmade.xlsx")
        return String(decoding: sheets.first?.csv ?? Data(), as: UTF8.self)
    }
}

/// A zip of stored members: local headers, central directory, end record.
enum StoredZip {
    static func make(_ members: [(String, Data)]) -> Data {
        var out = Data(), directory = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8(v >> 8 & 0xFF)) }
        func u32(_ v: UInt32, _ d: inout Data) { for i in 0..<4 { d.append(UInt8(v >> (8 * UInt32(i)) & 0xFF)) } }
        for (name, body) in members {
            let offset = UInt32(out.count), crc = crc32(body), nameBytes = Data(name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(body.count), &out); u32(UInt32(body.count), &out)
            u16(nameBytes.count, &out); u16(0, &out); out.append(nameBytes); out.append(body)
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0x0800, &directory)
            u16(0, &directory); u16(0, &directory); u16(0x21, &directory)
            u32(crc, &directory); u32(UInt32(body.count), &directory); u32(UInt32(body.count), &directory)
            u16(nameBytes.count, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory)
            u32(0, &directory); u32(offset, &directory); directory.append(nameBytes)
        }
        let dirOffset = UInt32(out.count)
        out.append(directory)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(members.count, &out); u16(members.count, &out)
        u32(UInt32(directory.count), &out); u32(dirOffset, &out); u16(0, &out)
        return out
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
