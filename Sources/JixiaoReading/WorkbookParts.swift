import Foundation

/// Runs `body` with a scanner over one XML part. UTF-16 parts (allowed by the standard,
/// rare in practice) are transcoded to UTF-8 first so the scanner only ever sees bytes of UTF-8.
func withScanner<T>(_ data: Data, part: String, limits: ReadLimits,
                    _ body: (inout XMLScanner) throws(ReadError) -> T) throws(ReadError) -> T {
    var bytes = data
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
        guard let text = String(data: data, encoding: .utf16) else {
            throw .malformedXML(part: part, offset: 0, detail: ReadMessages.xmlBadEncoding)
        }
        bytes = Data(text.utf8)
    }
    let result: Result<T, ReadError> = bytes.withUnsafeBytes { raw in
        do throws(ReadError) {
            return .success(try withScanner(raw, part: part, limits: limits, body))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// Runs `body` with a scanner over bytes that stay valid for the call (they may still be arriving).
func withScanner<T>(_ raw: UnsafeRawBufferPointer, part: String, limits: ReadLimits,
                    _ body: (inout XMLScanner) throws(ReadError) -> T) throws(ReadError) -> T {
    let depth = min(max(limits.maxXMLDepth, 1), XMLScanner.depthCeiling)
    let stack = UnsafeMutablePointer<ByteSpan>.allocate(capacity: depth + 2 * XMLScanner.attributeSlots)
    defer { stack.deallocate() }
    var scanner = XMLScanner(raw, part: part, maxDepth: depth, stack: stack)
    return try body(&scanner)
}

/// One `<Relationship>` of a `.rels` part, its target resolved to a package path.
struct Relationship {
    var id: String
    var type: String
    var target: String

    /// The type's last path segment (`worksheet`, `sharedStrings`), the same in transitional and Strict URIs.
    /// (What `split(separator: "/").last` gives, without building the array of segments.)
    var kind: Substring {
        var end = type.endIndex
        while end > type.startIndex, type[type.index(before: end)] == "/" { end = type.index(before: end) }
        let trimmed = type[..<end]
        return trimmed.lastIndex(of: "/").map { trimmed[trimmed.index(after: $0)...] } ?? trimmed
    }

    static func parse(_ data: Data, part: String, base: String, limits: ReadLimits) throws(ReadError) -> [Relationship] {
        try withScanner(data, part: part, limits: limits) { (s: inout XMLScanner) throws(ReadError) in
            var list: [Relationship] = []
            while true {
                let e = try s.next()
                if case .eof = e { break }
                guard case .start(let name, let attrs) = e, s.equals(name, "Relationship") else { continue }
                let mode = try s.attribute("TargetMode", in: attrs)
                guard mode != "External", let target = try s.attribute("Target", in: attrs) else { continue }
                list.append(Relationship(id: try s.attribute("Id", in: attrs) ?? "",
                                         type: try s.attribute("Type", in: attrs) ?? "",
                                         target: resolve(target, against: base)))
            }
            return list
        }
    }

    /// `worksheets/sheet1.xml` against `xl/` is `xl/worksheets/sheet1.xml`; `/xl/x.xml` is absolute.
    static func resolve(_ target: String, against base: String) -> String {
        let raw = ZipArchive.forwardSlashes(target)
        var parts: [Substring] = raw.hasPrefix("/") ? [] : base.split(separator: "/")
        for p in raw.split(separator: "/") {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return parts.joined(separator: "/")
    }
}

/// What `workbook.xml` declares: sheets in tab order and the date system.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var relationshipID: String
        var visibility: SheetVisibility
    }
    var sheets: [SheetEntry] = []
    var uses1904 = false

    static func parse(_ data: Data, part: String, limits: ReadLimits) throws(ReadError) -> WorkbookPart {
        try withScanner(data, part: part, limits: limits) { (s: inout XMLScanner) throws(ReadError) in
            var wb = WorkbookPart()
            // Extensions (`<extLst>`) hold other namespaces' elements of the same local name,
            // such as Excel 2013's `<x15:workbookPr chartTrackingRefBase="1"/>`: not the date system.
            var extensionDepth = 0
            while true {
                let e = try s.next()
                if case .eof = e { break }
                if case .end(let name) = e, s.equals(name, "extLst") { extensionDepth -= 1 }
                guard case .start(let name, let attrs) = e else { continue }
                if s.equals(name, "extLst") { extensionDepth += 1; continue }
                guard extensionDepth == 0 else { continue }
                if s.equals(name, "workbookPr") {
                    let v = try s.attribute("date1904", in: attrs)
                    wb.uses1904 = v == "1" || v == "true"
                } else if s.equals(name, "sheet") {
                    let state = try s.attribute("state", in: attrs)
                    wb.sheets.append(SheetEntry(
                        name: try s.attribute("name", in: attrs) ?? "Sheet\(wb.sheets.count + 1)",
                        relationshipID: try s.attribute("id", in: attrs) ?? "",
                        visibility: state.flatMap(SheetVisibility.init(rawValue:)) ?? .visible))
                }
            }
            return wb
        }
    }
}

/// The shared string table, decoded once: rich-text runs joined, phonetic (`rPh`) runs dropped.
struct SharedStrings {
    var strings: [String] = []
    /// Items longer than a cell may hold, kept empty: the error names the cell that uses one,
    /// which the string table alone cannot.
    var overlong: Set<Int> = []

    static func parse(_ data: Data, part: String, limits: ReadLimits) throws(ReadError) -> SharedStrings {
        try withScanner(data, part: part, limits: limits) { (s: inout XMLScanner) throws(ReadError) in
            var table = SharedStrings()
            var buf: [UInt8] = []
            buf.reserveCapacity(256)
            var inItem = false, inT = false, phoneticDepth = 0
            while true {
                switch try s.next() {
                case .eof, .needMore:
                    return table
                case .start(let name, let attrs):
                    if s.equals(name, "si") {
                        inItem = true
                        buf.removeAll(keepingCapacity: true)
                    } else if s.equals(name, "t") {
                        inT = true
                    } else if s.equals(name, "rPh") {
                        phoneticDepth += 1
                    } else if s.equals(name, "sst"), table.strings.isEmpty,
                              let n = try s.attribute("uniqueCount", in: attrs).flatMap({ Int($0) }) {
                        // The count is a claim; each item takes at least `<si></si>`, so the part's size bounds it.
                        table.strings.reserveCapacity(min(n, s.count / 9))
                    }
                case .end(let name):
                    if s.equals(name, "si") {
                        inItem = false
                        do {
                            table.strings.append(try CellText.make(buf, limits: limits, place: part))
                        } catch {
                            table.overlong.insert(table.strings.count)
                            table.strings.append("")
                        }
                        buf.removeAll(keepingCapacity: true)
                    } else if s.equals(name, "t") {
                        inT = false
                    } else if s.equals(name, "rPh") {
                        phoneticDepth -= 1
                    }
                case .text(let span):
                    // Past the limit the rest of the item is not kept (memory stays bounded), only noted.
                    if inItem && inT && phoneticDepth == 0 && buf.count <= limits.maxCellTextLength * 3 {
                        try s.appendDecoded(span, to: &buf)
                    }
                case .cdata(let span):
                    if inItem && inT && phoneticDepth == 0 && buf.count <= limits.maxCellTextLength * 3 {
                        buf.append(contentsOf: UnsafeBufferPointer(start: s.base + span.start, count: span.count))
                    }
                }
            }
        }
    }
}

/// Cell text: OOXML's `_xHHHH_` escapes undone, and its length capped.
enum CellText {
    /// Checked while text accumulates, before it grows: UTF-8 needs at most 3 bytes per UTF-16 unit.
    @inline(__always)
    static func checkLength(_ bytes: Int, limits: ReadLimits, place: @autoclosure () -> String) throws(ReadError) {
        if bytes > limits.maxCellTextLength * 3 {
            throw .cellTextTooLong(place: place(), limit: limits.maxCellTextLength)
        }
    }

    static func make(_ bytes: [UInt8], limits: ReadLimits, place: @autoclosure () -> String) throws(ReadError) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        if bytes.contains(UInt8(ascii: "_")) { s = unescape(s) }
        if bytes.count > limits.maxCellTextLength && s.utf16.count > limits.maxCellTextLength {
            throw .cellTextTooLong(place: place(), limit: limits.maxCellTextLength)
        }
        return s
    }

    /// `_x000D_` → CR, `_x005F_x000D_` → the literal `_x000D_` (ECMA-376 §22.9.2.19).
    static func unescape(_ s: String) -> String {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt32? {
            switch b {
            case 0x30...0x39: return UInt32(b - 0x30)
            case 0x41...0x46: return UInt32(b - 0x41 + 10)
            case 0x61...0x66: return UInt32(b - 0x61 + 10)
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == UInt8(ascii: "_"), i + 6 < u.count, u[i + 1] == UInt8(ascii: "x"), u[i + 6] == UInt8(ascii: "_"),
               let a = hex(u[i + 2]), let b = hex(u[i + 3]), let c = hex(u[i + 4]), let d = hex(u[i + 5]),
               let scalar = Unicode.Scalar(a << 12 | b << 8 | c << 4 | d) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += 7
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Per cell style (`s` attribute): whether its number format shows a date, a time or elapsed time.
struct StyleTable {
    var kinds: [NumberFormats.DateKind] = []

    /// Whether style `index` shows a date or time (no String touched: this is asked for every number cell).
    @inline(__always) func isDate(_ index: Int) -> Bool {
        index >= 0 && index < kinds.count && kinds[index] != .none
    }

    @inline(__always) func kind(_ index: Int) -> NumberFormats.DateKind {
        index >= 0 && index < kinds.count ? kinds[index] : .none
    }

    static func parse(_ data: Data, part: String, limits: ReadLimits) throws(ReadError) -> StyleTable {
        try withScanner(data, part: part, limits: limits) { (s: inout XMLScanner) throws(ReadError) in
            var custom: [Int: String] = [:]
            var xfFormatIDs: [Int] = []
            var inCellXfs = false
            // `<dxfs>` (conditional-format styles) and `<extLst>` carry their own `<numFmt>`s,
            // which may reuse a cell format's id: only the top-level `<numFmts>` defines cell formats.
            var otherDepth = 0
            while true {
                switch try s.next() {
                case .eof:
                    var table = StyleTable()
                    for id in xfFormatIDs {
                        table.kinds.append(NumberFormats.kind(id: id, code: custom[id]))
                    }
                    return table
                case .start(let name, let attrs):
                    if s.equals(name, "dxfs") || s.equals(name, "extLst") {
                        otherDepth += 1
                    } else if otherDepth > 0 {
                        continue
                    } else if s.equals(name, "numFmt"), let id = try s.attribute("numFmtId", in: attrs).flatMap({ Int($0) }),
                       let code = try s.attribute("formatCode", in: attrs) {
                        custom[id] = code
                    } else if s.equals(name, "cellXfs") {
                        inCellXfs = true
                    } else if s.equals(name, "xf") && inCellXfs {
                        xfFormatIDs.append(try s.attribute("numFmtId", in: attrs).flatMap { Int($0) } ?? 0)
                    }
                case .end(let name):
                    if s.equals(name, "cellXfs") { inCellXfs = false }
                    if s.equals(name, "dxfs") || s.equals(name, "extLst") { otherDepth -= 1 }
                default:
                    continue
                }
            }
        }
    }
}
