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

    /// Formats recognised by their magic bytes, so the user is told what the file is rather
    /// than that it is not text: PDF, images, and raw BIFF2–4 worksheets (which have no container).
    static func refuseKnownBinary(_ data: Data) throws(ReadError) {
        let head = [UInt8](data.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF-".utf8)) { throw .otherDocument(.pdf) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) || starts([0xFF, 0xD8, 0xFF]) || starts(Array("GIF8".utf8))
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || (starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)) || starts(Array("BM".utf8)) && head.count >= 14 && head[6...9].allSatisfy({ $0 == 0 }) {
            throw .otherDocument(.image)
        }
        // A BIFF2–4 BOF record: id 0x0009/0x0209/0x0409, then a small length.
        if head.count >= 4, head[0] == 0x09, [0x00, 0x02, 0x04].contains(head[1]), head[3] == 0, head[2] >= 4, head[2] <= 16 {
            throw .oldExcelVersion(ReadMessages.excel4)
        }
    }

    /// What a compound file without a workbook stream is: an encrypted OOXML package, a Word
    /// or PowerPoint 97–2003 document, or something unknown.
    static func compoundKind(_ file: CompoundFile) -> ReadError {
        if file.hasStream("EncryptedPackage") || file.hasStream("EncryptionInfo") { return .encryptedWorkbook }
        if file.hasStream("WordDocument") { return .otherDocument(.legacyWord) }
        if file.hasStream("PowerPoint Document") { return .otherDocument(.legacyPowerPoint) }
        return .legacyOrEncrypted
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

    /// Parts of an XLSX without the workbook: damage, not a bundle of files.
    public var isBrokenPackage: Bool {
        !containsWorkbook && documentKind == nil
            && (entry(named: "[Content_Types].xml") != nil || entries.contains { $0.name.hasPrefix("xl/") })
    }

    /// Members of a bundle that may be submissions, by extension; content still decides what
    /// each one is. Others (a cover letter, a photo) are listed as ignored.
    public static let spreadsheetExtensions: Set<String> = ["xlsx", "xlsm", "xls", "et", "csv", "txt", "tsv", "zip"]

    /// Members people put in bundles that are not meant as submissions (macOS and Windows
    /// leftovers, Office lock files).
    public static func isClutter(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return true }
        return parts.contains("__MACOSX") || last == ".DS_Store" || last.hasPrefix("~$") || last.hasPrefix("._")
            || last.lowercased() == "thumbs.db" || last.lowercased() == "desktop.ini"
    }

    /// `xlsx` for `三月/JD01.XLSX`; empty when the name has none.
    public static func fileExtension(_ path: String) -> String {
        guard let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    /// The kind of office document a ZIP that is no workbook holds (Word, PowerPoint,
    /// OpenDocument), by its main part; nil for a plain ZIP.
    public var documentKind: DocumentKind? {
        if entry(named: "word/document.xml") != nil { return .word }
        if entry(named: "ppt/presentation.xml") != nil { return .powerPoint }
        if let mime = entry(named: "mimetype"), mime.uncompressedSize < 256, let data = try? read(mime) {
            let text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { return .openDocumentSpreadsheet }
            if text.hasPrefix("application/vnd.oasis.opendocument.text") { return .openDocumentText }
        }
        return nil
    }
}
