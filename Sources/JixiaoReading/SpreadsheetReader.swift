import Foundation

/// The reading layer's front door: bytes of any supported file in, one uniform document out.
public enum SpreadsheetReader {
    /// Detects the kind by content; reads an XLSX, XLS (BIFF8) or CSV/text file. A plain ZIP
    /// (not XLSX), another kind of document, or garbage throws the matching ReadError.
    public static func read(_ data: Data, name: String, limits: ReadLimits = .default) throws(ReadError) -> SpreadsheetDocument {
        try read(data, name: name, sheet: nil, limits: limits)
    }

    /// As `read(_:name:limits:)`, reading only the named sheet of a workbook (a CSV's one table
    /// is returned whatever the name).
    public static func read(_ data: Data, name: String, sheet: String?, limits: ReadLimits = .default) throws(ReadError) -> SpreadsheetDocument {
        if data.isEmpty { throw .emptyFile }
        if data.starts(with: ContentSniffer.ole2Magic) {
            return try BIFFWorkbook.read(CompoundFile(data: data, limits: limits), onlySheet: sheet)
        }
        if ContentSniffer.hasZipMagic(data) {
            let archive = try ZipArchive(data: data, limits: limits)
            guard archive.containsWorkbook else {
                if let kind = archive.documentKind { throw .otherDocument(kind) }
                if archive.isBrokenPackage { throw .brokenPackage }
                throw .missingPart("xl/workbook.xml")
            }
            return try XLSXPackage(archive: archive).document(onlySheet: sheet)
        }
        try ContentSniffer.refuseKnownBinary(data)
        guard ContentSniffer.looksLikeText(data) else { throw .notASpreadsheet }
        return try CSVReader.read(data, name: sheetName(forFile: name), limits: limits)
    }

    /// What a file that is not a spreadsheet is, by its content (Word, PowerPoint, OpenDocument,
    /// PDF, image); nil for a spreadsheet, a plain ZIP, text or unknown bytes.
    public static func documentKind(of data: Data) -> DocumentKind? {
        if data.starts(with: ContentSniffer.ole2Magic) {
            guard let file = try? CompoundFile(data: data, limits: .default), !file.hasStream("Workbook") else { return nil }
            if case .otherDocument(let kind) = ContentSniffer.compoundKind(file) { return kind }
            return nil
        }
        if ContentSniffer.hasZipMagic(data) {
            guard let archive = try? ZipArchive(data: data, limits: .default), !archive.containsWorkbook else { return nil }
            return archive.documentKind
        }
        do {
            try ContentSniffer.refuseKnownBinary(data)
        } catch .otherDocument(let kind) {
            return kind
        } catch {
            return nil
        }
        return nil
    }

    /// A CSV's table is named after its file: `JD01_2025-03.csv` → `JD01_2025-03`.
    static func sheetName(forFile name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }
}
