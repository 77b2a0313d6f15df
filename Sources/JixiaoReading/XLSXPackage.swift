import Foundation

/// An XLSX package opened for reading: the workbook, its relationships, shared strings
/// and styles are read once; sheets are read on demand.
public final class XLSXPackage {
    public let archive: ZipArchive
    public let uses1904: Bool
    /// Sheet names in tab order, with their visibility.
    public let sheetNames: [(name: String, visibility: SheetVisibility)]
    private let sheetParts: [String?]
    let context: WorkbookContext
    private lazy var quotedStrings = QuotedStrings(context.sharedStrings)

    public init(archive: ZipArchive) throws(ReadError) {
        self.archive = archive
        let limits = archive.limits
        let workbookPath = try XLSXPackage.mainPart(archive)
        guard let wbEntry = archive.entry(named: workbookPath) else { throw .missingPart(workbookPath) }
        let workbook = try WorkbookPart.parse(archive.read(wbEntry), part: wbEntry.name, limits: limits)
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let fileName = workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml"
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + fileName + ".rels"
        var rels: [Relationship] = []
        if let relsEntry = archive.entry(named: relsPath) {
            rels = try Relationship.parse(archive.read(relsEntry), part: relsEntry.name, base: folder, limits: limits)
        }
        func part(kind: String, fallback: String) -> ZipEntry? {
            if let r = rels.first(where: { $0.kind == kind }), let e = archive.entry(named: r.target) { return e }
            return archive.entry(named: (folder.isEmpty ? "" : folder + "/") + fallback)
        }
        var strings = SharedStrings()
        if let e = part(kind: "sharedStrings", fallback: "sharedStrings.xml") {
            strings = try SharedStrings.parse(archive.read(e), part: e.name, limits: limits)
        }
        var styles = StyleTable()
        if let e = part(kind: "styles", fallback: "styles.xml") {
            styles = try StyleTable.parse(archive.read(e), part: e.name, limits: limits)
        }
        // Chartsheets and dialog sheets hold no cells; only worksheets are listed.
        var names: [(String, SheetVisibility)] = []
        var parts: [String?] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            let rel = rels.first { $0.id == sheet.relationshipID }
            if let rel, rel.kind != "worksheet" { continue }
            names.append((sheet.name, sheet.visibility))
            parts.append(rel?.target ?? (rels.isEmpty ? "\(folder)/worksheets/sheet\(i + 1).xml" : nil))
        }
        sheetNames = names
        sheetParts = parts
        uses1904 = workbook.uses1904
        context = WorkbookContext(sharedStrings: strings.strings, overlongStrings: strings.overlong, styles: styles,
                                  uses1904: workbook.uses1904, limits: limits)
    }

    /// The workbook part named by the package relationships (`/xl/workbook.xml` usually).
    private static func mainPart(_ archive: ZipArchive) throws(ReadError) -> String {
        if let e = archive.entry(named: "_rels/.rels") {
            let rels = try Relationship.parse(archive.read(e), part: e.name, base: "", limits: archive.limits)
            if let main = rels.first(where: { $0.kind == "officeDocument" }) { return main.target }
        }
        return "xl/workbook.xml"
    }

    public func sheet(at index: Int) throws(ReadError) -> Sheet {
        let (reader, entry) = try worksheet(at: index)
        var sink = SheetBuilder(context: context, sheetName: reader.sheetName)
        if try !streamConcurrently(entry, reader, into: &sink) {
            try reader.stream(archive.read(entry), into: &sink)
        }
        return sink.sheet(visibility: sheetNames[index].visibility)
    }

    private func worksheet(at index: Int) throws(ReadError) -> (WorksheetReader, ZipEntry) {
        guard sheetNames.indices.contains(index) else { throw .noSuchSheet("#\(index + 1)") }
        let name = sheetNames[index].name
        guard let path = sheetParts[index], let entry = archive.entry(named: path) else {
            throw .missingPart(sheetParts[index] ?? name)
        }
        return (WorksheetReader(context: context, part: entry.name, sheetName: name), entry)
    }

    /// Parses a large member while a second thread inflates it; false (nothing read) when
    /// the member is small or not UTF-8, and the caller reads it whole instead.
    private func streamConcurrently<Sink: WorksheetSink>(_ entry: ZipEntry, _ reader: WorksheetReader,
                                                         into sink: inout Sink) throws(ReadError) -> Bool {
        guard let member = try archive.startInflating(entry) else { return false }
        let streamed: Bool
        do {
            streamed = try reader.stream(member, into: &sink)
        } catch {
            // An inflating error (a limit, a damaged archive) explains the file better than
            // the XML error it caused.
            try archive.finishInflating(member, cancel: true)
            throw error
        }
        try archive.finishInflating(member, cancel: !streamed)
        return streamed
    }

    /// The sheet as CSV bytes, streamed without building cells; see `CSVExport`.
    public func csv(sheetAt index: Int) throws(ReadError) -> Data {
        let (reader, entry) = try worksheet(at: index)
        var sink = CSVSheetSink(context: context, sheetName: reader.sheetName, shared: quotedStrings, xmlBytes: entry.uncompressedSize)
        if try !streamConcurrently(entry, reader, into: &sink) {
            try reader.stream(archive.read(entry), into: &sink)
        }
        if sink.table.ordered { return sink.table.finish() }
        // Rows or cells out of order (hand-made files): sort through the cell model instead.
        return CSVExport.bytes(of: try sheet(at: index))
    }

    public func sheet(named name: String) throws(ReadError) -> Sheet {
        guard let i = sheetNames.firstIndex(where: { $0.name == name }) else { throw .noSuchSheet(name) }
        return try sheet(at: i)
    }

    public func document(onlySheet: String? = nil) throws(ReadError) -> SpreadsheetDocument {
        var sheets: [Sheet] = []
        if let onlySheet {
            sheets.append(try sheet(named: onlySheet))
        } else {
            for i in sheetNames.indices { sheets.append(try sheet(at: i)) }
        }
        return SpreadsheetDocument(format: .xlsx, sheets: sheets, uses1904: uses1904)
    }
}
