import Foundation

/// What a file is, by its first bytes (never by its extension).
enum ContentSniffer {
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func hasZipMagic(_ data: Data) -> Bool {
        guard data.count >= 4, data[data.startIndex] == 0x50, data[data.startIndex + 1] == 0x4B else { return false }
        let a = data[data.startIndex + 2], b = data[data.startIndex + 3]
        // Local file header, empty archive, or a spanned-archive marker.
        return (a == 3 && b == 4) || (a == 5 && b == 6) || (a == 7 && b == 8)
    }

    /// Text has no NUL bytes (UTF-16 aside, which announces itself with a BOM) and few
    /// control characters; binary junk has many.
    static func looksLikeText(_ data: Data) -> Bool {
        let head = data.prefix(8192)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        var controls = 0
        for b in head {
            if b == 0 { return false }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { controls += 1 }
        }
        if controls > head.count / 100 { return false }
        // Judge by the head only (the reader decodes the whole file later); a multi-byte
        // character cut at the end of the head is allowed for.
        return (0...3).contains { (try? TextDecoding.decode(head.dropLast($0))) != nil }
    }
}

extension ZipArchive {
    /// The data starts like a ZIP (without opening it: a truncated archive also qualifies).
    public static func hasSignature(_ data: Data) -> Bool { ContentSniffer.hasZipMagic(data) }

    /// The archive is an OPC package whose main part is a workbook (transitional, Strict or
    /// macro-enabled), as opposed to a bundle of files.
    public var containsWorkbook: Bool {
        if entry(named: "xl/workbook.xml") != nil { return true }
        guard let types = entry(named: "[Content_Types].xml"), types.uncompressedSize < 1 << 20,
              let data = try? read(types) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        return text.contains("spreadsheetml.sheet.main") || text.contains("ms-excel.sheet")
    }
}
