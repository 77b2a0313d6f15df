import Foundation

/// A legacy .xls workbook: the BIFF8 `Workbook` stream of a compound file ([MS-XLS]), read
/// into the same sheets of typed cells the XLSX reader gives, so later stages cannot tell
/// which format a unit sent.
///
/// The globals substream gives the date system, the shared strings, number formats and
/// cell formats (XF) and the sheet list; each worksheet substream is then read from the
/// offset its BOUNDSHEET names. Numbers are doubles in BIFF: they are printed as the
/// shortest decimal that reads back as the same double, as Excel shows them.
enum BIFFWorkbook {
    static func read(_ file: CompoundFile, onlySheet: String?) throws(ReadError) -> SpreadsheetDocument {
        guard let stream = try file.stream(named: "Workbook") else {
            if file.hasStream("Book") { throw .oldExcelVersion(ReadMessages.excel95) }
            throw ContentSniffer.compoundKind(file)
        }
        let globals = try Globals.read(stream, limits: file.limits)
        var sheets: [Sheet] = []
        for entry in globals.sheets where entry.kind == 0 {
            if let onlySheet, entry.name != onlySheet { continue }
            sheets.append(try SheetReader.read(stream, entry: entry, globals: globals))
        }
        if let onlySheet, sheets.isEmpty { throw .noSuchSheet(onlySheet) }
        return SpreadsheetDocument(format: .xls, sheets: sheets, uses1904: globals.uses1904)
    }
}

/// Record ids used here ([MS-XLS] 2.3).
enum BIFFRecord {
    static let bof: UInt16 = 0x0809
    static let eof: UInt16 = 0x000A
    static let filePass: UInt16 = 0x002F
    static let dateMode: UInt16 = 0x0022
    static let boundSheet: UInt16 = 0x0085
    static let sst: UInt16 = 0x00FC
    static let continueRecord: UInt16 = 0x003C
    static let format: UInt16 = 0x041E
    static let xf: UInt16 = 0x00E0
    static let labelSST: UInt16 = 0x00FD
    static let label: UInt16 = 0x0204
    static let rString: UInt16 = 0x00D6
    static let number: UInt16 = 0x0203
    static let rk: UInt16 = 0x027E
    static let mulRK: UInt16 = 0x00BD
    static let boolErr: UInt16 = 0x0205
    static let formula: UInt16 = 0x0006
    static let string: UInt16 = 0x0207
    static let mergedCells: UInt16 = 0x00E5
    static let row: UInt16 = 0x0208
}

/// Walks records: 2-byte id, 2-byte length, body. A record running past the stream is damage.
struct BIFFRecords {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The next record's id and body range, or nil at the end of the stream.
    mutating func next() throws(ReadError) -> (id: UInt16, body: Range<Int>)? {
        guard offset + 4 <= bytes.count else { return nil }
        let id = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        let length = Int(bytes[offset + 2]) | Int(bytes[offset + 3]) << 8
        let start = offset + 4
        guard start + length <= bytes.count else { throw .damagedCompoundFile(ReadMessages.biffRecordCut) }
        offset = start + length
        return (id, start..<start + length)
    }

    /// Bodies of the CONTINUE records that follow, consumed.
    mutating func continuations() throws(ReadError) -> [Range<Int>] {
        var out: [Range<Int>] = []
        while offset + 4 <= bytes.count,
              UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8 == BIFFRecord.continueRecord {
            guard let r = try next() else { break }
            out.append(r.body)
        }
        return out
    }

    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
    func f64(_ at: Int) -> Double {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[at + i]) << (8 * i) }
        return Double(bitPattern: bits)
    }
}

/// Reads across a record and its CONTINUE records as one byte sequence, except that text
/// characters carried into a CONTINUE restart with their own compression flag ([MS-XLS]
/// 2.5.293: a string split across records has a new `fHighByte` at the start of the next).
struct ContinuedReader {
    let bytes: [UInt8]
    let segments: [Range<Int>]
    private var segment = 0
    private var position: Int

    init(_ bytes: [UInt8], segments: [Range<Int>]) {
        self.bytes = bytes
        self.segments = segments
        position = segments.first?.lowerBound ?? 0
    }

    var atEnd: Bool {
        var s = segment, p = position
        while s < segments.count && p >= segments[s].upperBound {
            s += 1
            if s < segments.count { p = segments[s].lowerBound }
        }
        return s >= segments.count
    }

    private mutating func settle() throws(ReadError) {
        while position >= segments[segment].upperBound {
            segment += 1
            guard segment < segments.count else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
            position = segments[segment].lowerBound
        }
    }

    mutating func u8() throws(ReadError) -> UInt8 {
        guard segment < segments.count else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
        try settle()
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() throws(ReadError) -> Int { Int(try u8()) | Int(try u8()) << 8 }

    mutating func u32() throws(ReadError) -> UInt32 {
        UInt32(try u16()) | UInt32(try u16()) << 16
    }

    mutating func skip(_ count: Int) throws(ReadError) {
        var left = count
        while left > 0 {
            guard segment < segments.count else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
            try settle()
            let n = min(left, segments[segment].upperBound - position)
            position += n
            left -= n
        }
    }

    /// `count` characters, one byte each (Latin-1 low bytes) or UTF-16LE, switching at record boundaries.
    mutating func characters(_ count: Int, highByte: Bool) throws(ReadError) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(count)
        var high = highByte
        while units.count < count {
            guard segment < segments.count else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
            if position >= segments[segment].upperBound {
                segment += 1
                guard segment < segments.count else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
                position = segments[segment].lowerBound
                guard position < segments[segment].upperBound else { continue }
                high = bytes[position] & 1 == 1
                position += 1
                continue
            }
            let end = segments[segment].upperBound
            if high {
                while units.count < count && position + 1 < end {
                    units.append(UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8)
                    position += 2
                }
                // Half a character at a record's end cannot be read as text.
                if units.count < count && position + 1 == end { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
            } else {
                while units.count < count && position < end {
                    units.append(UInt16(bytes[position]))
                    position += 1
                }
            }
        }
        return units
    }

    /// An XLUnicodeRichExtendedString ([MS-XLS] 2.5.293): characters kept, rich-text runs
    /// and phonetic (East Asian reading) data skipped.
    mutating func richString(limits: ReadLimits, place: @autoclosure () -> String) throws(ReadError) -> String {
        let count = try u16()
        let flags = try u8()
        let runs = flags & 0x08 != 0 ? try u16() : 0
        let phonetic = flags & 0x04 != 0 ? Int(try u32()) : 0
        let units = try characters(count, highByte: flags & 1 == 1)
        try skip(runs * 4)
        guard phonetic >= 0 else { throw .damagedCompoundFile(ReadMessages.biffStringCut) }
        try skip(phonetic)
        return try BIFFText.make(units, limits: limits, place: place())
    }
}

enum BIFFText {
    static func make(_ units: [UInt16], limits: ReadLimits, place: @autoclosure () -> String) throws(ReadError) -> String {
        if units.count > limits.maxCellTextLength {
            throw .cellTextTooLong(place: place(), limit: limits.maxCellTextLength)
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// A string inside one record body: 16-bit (XLUnicodeString) or 8-bit
    /// (ShortXLUnicodeString) length, a flags byte, then the characters.
    static func simple(_ r: BIFFRecords, at: Int, end: Int, wideLength: Bool) -> (units: [UInt16], next: Int)? {
        var p = at
        guard p + (wideLength ? 3 : 2) <= end else { return nil }
        let count = wideLength ? r.u16(p) : Int(r.bytes[p])
        p += wideLength ? 2 : 1
        let flags = r.bytes[p]
        p += 1
        if flags & 0x08 != 0 { p += 2 }
        if flags & 0x04 != 0 { p += 4 }
        let width = flags & 1 == 1 ? 2 : 1
        guard p + count * width <= end else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(count)
        for i in 0..<count {
            units.append(width == 2 ? UInt16(r.bytes[p + 2 * i]) | UInt16(r.bytes[p + 2 * i + 1]) << 8 : UInt16(r.bytes[p + i]))
        }
        return (units, p + count * width)
    }
}

/// What the globals substream says about the whole workbook.
struct Globals {
    struct SheetEntry {
        var name: String
        var offset: Int
        var visibility: SheetVisibility
        /// 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module ([MS-XLS] 2.4.28).
        var kind: UInt8
    }

    var uses1904 = false
    var strings: [String] = []
    /// Shared strings over the cell-text limit, kept empty: the cell that uses one is named.
    var overlongStrings: Set<Int> = []
    var formatCodes: [Int: String] = [:]
    var xfFormats: [Int] = []
    /// What each XF's number format shows, worked out once (asked for every number cell).
    var xfKinds: [NumberFormats.DateKind] = []
    var sheets: [SheetEntry] = []
    var limits: ReadLimits

    @inline(__always) func dateKind(xf: Int) -> NumberFormats.DateKind {
        xf >= 0 && xf < xfKinds.count ? xfKinds[xf] : .none
    }

    static func read(_ stream: [UInt8], limits: ReadLimits) throws(ReadError) -> Globals {
        var g = Globals(limits: limits)
        var records = BIFFRecords(stream, from: 0)
        guard let first = try records.next() else { throw .damagedCompoundFile(ReadMessages.biffNoBOF) }
        try checkBOF(records, first)
        while let (id, body) = try records.next() {
            switch id {
            case BIFFRecord.eof:
                g.xfKinds = g.xfFormats.map { NumberFormats.kind(id: $0, code: g.formatCodes[$0]) }
                return g
            case BIFFRecord.filePass:
                throw .encryptedWorkbook
            case BIFFRecord.dateMode where body.count >= 2:
                g.uses1904 = records.u16(body.lowerBound) == 1
            case BIFFRecord.boundSheet where body.count >= 8:
                let b = body.lowerBound
                guard let (units, _) = BIFFText.simple(records, at: b + 6, end: body.upperBound, wideLength: false) else {
                    throw .damagedCompoundFile(ReadMessages.biffStringCut)
                }
                let state = records.bytes[b + 4] & 0x03
                g.sheets.append(SheetEntry(name: String(decoding: units, as: UTF16.self), offset: Int(records.u32(b)),
                                           visibility: state == 0 ? .visible : state == 1 ? .hidden : .veryHidden,
                                           kind: records.bytes[b + 5]))
            case BIFFRecord.format where body.count >= 2:
                if let (units, _) = BIFFText.simple(records, at: body.lowerBound + 2, end: body.upperBound, wideLength: true) {
                    g.formatCodes[records.u16(body.lowerBound)] = String(decoding: units, as: UTF16.self)
                }
            case BIFFRecord.xf where body.count >= 4:
                g.xfFormats.append(records.u16(body.lowerBound + 2))
            case BIFFRecord.sst where body.count >= 8:
                var reader = ContinuedReader(stream, segments: [body] + (try records.continuations()))
                let unique = Int(records.u32(body.lowerBound + 4))
                try reader.skip(8)
                // The count is a claim: strings are only kept as they are actually read.
                g.strings.reserveCapacity(min(unique, body.count))
                for i in 0..<unique {
                    if reader.atEnd { break }
                    do {
                        g.strings.append(try reader.richString(limits: limits, place: ReadMessages.sharedString(i)))
                    } catch .cellTextTooLong {
                        g.overlongStrings.insert(g.strings.count)
                        g.strings.append("")
                    }
                }
            default:
                continue
            }
        }
        throw .damagedCompoundFile(ReadMessages.biffNoEOF)
    }

    /// BIFF8 says 0x0600 in its BOF; BIFF5 (Excel 5/95) says 0x0500, and BIFF2–4 use other
    /// BOF ids altogether.
    static func checkBOF(_ r: BIFFRecords, _ record: (id: UInt16, body: Range<Int>)) throws(ReadError) {
        switch record.id {
        case BIFFRecord.bof:
            guard record.body.count >= 4 else { throw .damagedCompoundFile(ReadMessages.biffNoBOF) }
            let version = r.u16(record.body.lowerBound)
            if version == 0x0600 { return }
            if version == 0x0500 { throw .oldExcelVersion(ReadMessages.excel95) }
            throw .damagedCompoundFile(ReadMessages.biffNoBOF)
        case 0x0009, 0x0209, 0x0409:
            throw .oldExcelVersion(ReadMessages.excel4)
        default:
            throw .damagedCompoundFile(ReadMessages.biffNoBOF)
        }
    }
}

/// One worksheet substream into a `Sheet`.
struct SheetReader {
    let globals: Globals
    let name: String
    private var cells: [(row: Int, column: Int, value: CellValue)] = []
    private var hiddenRows: [Int] = []
    private var merged: [CellRange] = []

    static func read(_ stream: [UInt8], entry: Globals.SheetEntry, globals: Globals) throws(ReadError) -> Sheet {
        guard entry.offset >= 0, entry.offset < stream.count else {
            throw .damagedCompoundFile(ReadMessages.biffSheetMissing(entry.name))
        }
        var reader = SheetReader(globals: globals, name: entry.name)
        var records = BIFFRecords(stream, from: entry.offset)
        guard let first = try records.next() else { throw .damagedCompoundFile(ReadMessages.biffSheetMissing(entry.name)) }
        try Globals.checkBOF(records, first)
        try reader.read(&records)
        return try reader.sheet(visibility: entry.visibility)
    }

    private mutating func read(_ records: inout BIFFRecords) throws(ReadError) {
        // A FORMULA whose cached result is text gives it in the STRING record that follows.
        var pendingString: (row: Int, column: Int)?
        var depth = 0
        while let (id, body) = try records.next() {
            let b = body.lowerBound
            let n = body.count
            switch id {
            case BIFFRecord.eof:
                if depth == 0 { return }
                depth -= 1
            case BIFFRecord.bof:
                // An embedded chart's substream: skipped to its own EOF.
                depth += 1
            case _ where depth > 0:
                continue
            case BIFFRecord.number where n >= 14:
                try add(records.u16(b), records.u16(b + 2), number: records.f64(b + 6), xf: records.u16(b + 4))
            case BIFFRecord.rk where n >= 10:
                try add(records.u16(b), records.u16(b + 2), number: Self.rk(records.u32(b + 6)), xf: records.u16(b + 4))
            case BIFFRecord.mulRK where n >= 6:
                let row = records.u16(b)
                let firstColumn = records.u16(b + 2)
                let count = (n - 6) / 6
                for i in 0..<count {
                    let p = b + 4 + 6 * i
                    try add(row, firstColumn + i, number: Self.rk(records.u32(p + 2)), xf: records.u16(p))
                }
            case BIFFRecord.labelSST where n >= 10:
                let index = Int(records.u32(b + 6))
                guard index < globals.strings.count else {
                    throw .damagedCompoundFile(ReadMessages.biffBadStringIndex(place(records.u16(b), records.u16(b + 2))))
                }
                if globals.overlongStrings.contains(index) {
                    throw .cellTextTooLong(place: place(records.u16(b), records.u16(b + 2)), limit: globals.limits.maxCellTextLength)
                }
                try add(records.u16(b), records.u16(b + 2), .text(globals.strings[index]))
            case BIFFRecord.label, BIFFRecord.rString:
                guard n >= 9, let (units, _) = BIFFText.simple(records, at: b + 6, end: body.upperBound, wideLength: true) else {
                    throw .damagedCompoundFile(ReadMessages.biffStringCut)
                }
                let row = records.u16(b), column = records.u16(b + 2)
                try add(row, column, .text(BIFFText.make(units, limits: globals.limits, place: place(row, column))))
            case BIFFRecord.boolErr where n >= 8:
                let v = records.bytes[b + 6]
                try add(records.u16(b), records.u16(b + 2), records.bytes[b + 7] == 1 ? .error(Self.errorText(v)) : .boolean(v != 0))
            case BIFFRecord.formula where n >= 20:
                let row = records.u16(b), column = records.u16(b + 2)
                pendingString = nil
                if records.bytes[b + 12] == 0xFF && records.bytes[b + 13] == 0xFF {
                    let v = records.bytes[b + 8]
                    switch records.bytes[b + 6] {
                    case 0: pendingString = (row, column)
                    case 1: try add(row, column, .boolean(v != 0))
                    case 2: try add(row, column, .error(Self.errorText(v)))
                    default: continue // 3: an empty string, shown as nothing
                    }
                } else {
                    try add(row, column, number: records.f64(b + 6), xf: records.u16(b + 4))
                }
            case BIFFRecord.string:
                guard let cell = pendingString else { continue }
                pendingString = nil
                var reader = ContinuedReader(records.bytes, segments: [body] + (try records.continuations()))
                let count = try reader.u16()
                let flags = try reader.u8()
                let units = try reader.characters(count, highByte: flags & 1 == 1)
                let text = try BIFFText.make(units, limits: globals.limits, place: place(cell.row, cell.column))
                if !text.isEmpty { try add(cell.row, cell.column, .text(text)) }
            case BIFFRecord.mergedCells where n >= 2:
                let count = min(records.u16(b), (n - 2) / 8)
                for i in 0..<count {
                    let p = b + 2 + 8 * i
                    let first = CellRef(row: records.u16(p) + 1, column: records.u16(p + 4) + 1)
                    let last = CellRef(row: records.u16(p + 2) + 1, column: records.u16(p + 6) + 1)
                    merged.append(CellRange(first: first, last: last))
                }
            case BIFFRecord.row where n >= 16:
                // fDyZero: the row is hidden ([MS-XLS] 2.4.221).
                if records.u16(b + 12) & 0x20 != 0 { hiddenRows.append(records.u16(b) + 1) }
            default:
                continue
            }
        }
        throw .damagedCompoundFile(ReadMessages.biffNoEOF)
    }

    private func place(_ row: Int, _ column: Int) -> String {
        "\(name)!\(CellRef(row: row + 1, column: column + 1).a1)"
    }

    private mutating func add(_ row: Int, _ column: Int, _ value: CellValue) throws(ReadError) {
        cells.append((row + 1, column + 1, value))
        if cells.count > globals.limits.maxCellsPerSheet {
            throw .limitExceeded(limit: ReadMessages.limitCells, detail: ReadMessages.cellsDetail(name, globals.limits.maxCellsPerSheet))
        }
    }

    /// A number under its cell format: a date, a time of day or elapsed time as the XLSX
    /// reader gives them, otherwise the shortest decimal of the double.
    private mutating func add(_ row: Int, _ column: Int, number: Double, xf: Int) throws(ReadError) {
        let kind = globals.dateKind(xf: xf)
        if kind != .none {
            if number.isFinite, number >= 0, kind == .elapsed || (kind == .time && number < 1), number < 2_958_466 {
                return try add(row, column, .text(NumberFormats.timeText(seconds: Int((number * 86_400).rounded()))))
            }
            if let dt = NumberFormats.dateTime(serial: number, uses1904: globals.uses1904) { return try add(row, column, .date(dt)) }
        }
        try add(row, column, .number(Self.shortest(number)))
    }

    static func shortest(_ d: Double) -> String {
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.description
    }

    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30 bits of a double, perhaps ÷100.
    static func rk(_ v: UInt32) -> Double {
        let value = v & 0x02 != 0 ? Double(Int32(bitPattern: v) >> 2) : Double(bitPattern: UInt64(v & 0xFFFF_FFFC) << 32)
        return v & 0x01 != 0 ? value / 100 : value
    }

    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: return "#NULL!"
        case 0x07: return "#DIV/0!"
        case 0x0F: return "#VALUE!"
        case 0x17: return "#REF!"
        case 0x1D: return "#NAME?"
        case 0x24: return "#NUM!"
        case 0x2A: return "#N/A"
        default: return "#N/A"
        }
    }

    /// Cells sorted into rows; two cells at one address disagree and the file is refused.
    private func sheet(visibility: SheetVisibility) throws(ReadError) -> Sheet {
        var ordered = cells
        var sorted = true
        for i in ordered.indices.dropFirst() where (ordered[i].row, ordered[i].column) <= (ordered[i - 1].row, ordered[i - 1].column) {
            sorted = false
            break
        }
        if !sorted { ordered.sort { ($0.row, $0.column) < ($1.row, $1.column) } }
        let hidden = Set(hiddenRows)
        var rows: [Row] = []
        var current: [Cell] = []
        var currentRow = 0
        func flush() {
            if !current.isEmpty || hidden.contains(currentRow) {
                rows.append(Row(index: currentRow, cells: current, hidden: hidden.contains(currentRow)))
            }
            current.removeAll(keepingCapacity: true)
        }
        var rowsWithCells = Set<Int>()
        for (i, c) in ordered.enumerated() {
            if i > 0, ordered[i - 1].row == c.row, ordered[i - 1].column == c.column {
                throw .damagedCompoundFile(ReadMessages.biffDuplicateCell(place(c.row - 1, c.column - 1)))
            }
            if c.row != currentRow {
                flush()
                currentRow = c.row
                rowsWithCells.insert(c.row)
            }
            current.append(Cell(ref: CellRef(row: c.row, column: c.column), value: c.value))
        }
        flush()
        // Hidden rows with no cells are kept, as the XLSX reader keeps them.
        let emptyHidden = hidden.subtracting(rowsWithCells).subtracting([0])
        if !emptyHidden.isEmpty {
            rows += emptyHidden.map { Row(index: $0, cells: [], hidden: true) }
            rows.sort { $0.index < $1.index }
        }
        return Sheet(name: name, visibility: visibility, rows: rows, mergedRanges: merged)
    }
}
