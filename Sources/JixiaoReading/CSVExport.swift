import Foundation

/// Sheets as UTF-8 CSV (RFC 4180): a rectangle from A1 to the last used row and column,
/// as Excel saves CSV; numbers as the shortest decimal of their double, dates ISO, booleans TRUE/FALSE.
///
/// For XLSX the sheet streams straight from the scanner into CSV bytes, with no `Cell`
/// in between: this is `jixiao cat`'s path and the reader's benchmark handle.
public enum CSVExport {
    /// Every sheet (or only `sheet`) of an XLSX or CSV file, as (sheet name, CSV bytes).
    public static func sheets(of data: Data, name: String, sheet: String? = nil,
                              limits: ReadLimits = .default) throws(ReadError) -> [(name: String, csv: Data)] {
        guard ContentSniffer.hasZipMagic(data) else {
            let doc = try SpreadsheetReader.read(data, name: name, sheet: sheet, limits: limits)
            return doc.sheets.map { ($0.name, bytes(of: $0)) }
        }
        let archive = try ZipArchive(data: data, limits: limits)
        guard archive.containsWorkbook else {
            if let kind = archive.documentKind { throw .otherDocument(kind) }
            if archive.isBrokenPackage { throw .brokenPackage }
            throw .missingPart("xl/workbook.xml")
        }
        return try sheets(of: XLSXPackage(archive: archive), sheet: sheet)
    }

    /// Every sheet (or only `sheet`) of an opened workbook, as (sheet name, CSV bytes).
    public static func sheets(of workbook: XLSXPackage, sheet: String? = nil) throws(ReadError) -> [(name: String, csv: Data)] {
        if let sheet {
            guard let i = workbook.sheetNames.firstIndex(where: { $0.name == sheet }) else { throw .noSuchSheet(sheet) }
            return [(sheet, try workbook.csv(sheetAt: i))]
        }
        var out: [(String, Data)] = []
        for i in workbook.sheetNames.indices { out.append((workbook.sheetNames[i].name, try workbook.csv(sheetAt: i))) }
        return out
    }

    /// A sheet already read.
    public static func bytes(of sheet: Sheet) -> Data {
        var table = CSVTable()
        for row in sheet.rows where !row.cells.isEmpty {
            table.beginRow(row.index)
            for cell in row.cells {
                table.moveTo(column: cell.ref.column)
                switch cell.value {
                case .number(let s):
                    var text = s
                    if let shortest = text.withUTF8(ShortestNumber.rewrite) { text = shortest }
                    table.appendRaw(text)
                case .text(let s), .error(let s): table.appendField(s)
                case .uncachedFormula: table.appendRaw("")
                default: table.appendField(cell.value.displayText)
                }
            }
        }
        return table.finish()
    }
}

/// CSV rows collected first, padded to the widest row when finished (the width is only
/// known at the end of a streamed sheet).
struct CSVTable {
    private let body: ByteBuffer
    /// Per written row: its index, where its bytes end, and its last column.
    private var rows: [(index: Int, end: Int, columns: Int)] = []
    private var column = 0
    private var rowIndex = 0
    private var rowOpen = false
    private(set) var ordered = true

    init(expectedBytes: Int = 1 << 16) { body = ByteBuffer(capacity: expectedBytes) }

    mutating func beginRow(_ index: Int) {
        closeRow()
        if let last = rows.last, last.index >= index { ordered = false }
        rowIndex = index
        column = 0
        rowOpen = true
    }

    private mutating func closeRow() {
        if rowOpen && column > 0 {
            body.append(0x0A)
            rows.append((rowIndex, body.count, column))
        }
        rowOpen = false
    }

    /// Writes the separators up to `target`; a cell left of the previous one breaks the order.
    @inline(__always)
    mutating func moveTo(column target: Int) {
        if target <= column { ordered = false; return }
        if column == 0 { column = 1 }
        while column < target { body.append(UInt8(ascii: ",")); column += 1 }
    }

    @inline(__always)
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { body.append(bytes) }

    mutating func appendRaw(_ s: String) {
        var s = s
        s.withUTF8 { body.append($0) }
    }

    /// `2025-03-05` or `2025-03-05T14:30:00`, as `ExcelDateTime.description`, without a String.
    mutating func appendDate(_ d: ExcelDateTime) {
        // The buffer is passed, not captured: a sheet of dates is a million of these, and a
        // closure over `self` retains and releases it for every digit.
        let out = body
        Self.digits(d.year, 4, out); out.append(UInt8(ascii: "-")); Self.digits(d.month, 2, out)
        out.append(UInt8(ascii: "-")); Self.digits(d.day, 2, out)
        guard d.hour != 0 || d.minute != 0 || d.second != 0 else { return }
        out.append(UInt8(ascii: "T")); Self.digits(d.hour, 2, out); out.append(UInt8(ascii: ":"))
        Self.digits(d.minute, 2, out); out.append(UInt8(ascii: ":")); Self.digits(d.second, 2, out)
    }

    /// `n` in at least `width` digits, zero-padded; a wider number is written whole.
    private static func digits(_ n: Int, _ width: Int, _ out: ByteBuffer) {
        // Every part of a date in Excel's range: constant divisors, one capacity check.
        if width == 2 && n >= 0 && n < 100 { return out.appendTwoDigits(n) }
        if width == 4 && n >= 0 && n < 10_000 {
            out.appendTwoDigits(n / 100)
            return out.appendTwoDigits(n % 100)
        }
        var div = 1
        for _ in 1..<width { div *= 10 }
        var v = max(0, n)
        if v >= div * 10 {
            var text = String(v)
            return text.withUTF8 { out.append($0) }
        }
        while div > 0 { out.append(UInt8(0x30 + v / div)); v %= div; div /= 10 }
    }

    mutating func appendField(_ s: String) {
        var s = s
        s.withUTF8 { appendField($0) }
    }

    mutating func appendField(_ bytes: UnsafeBufferPointer<UInt8>) {
        CSVTable.appendQuoted(bytes, to: body)
    }

    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        var needs = false
        for b in bytes where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
            needs = true
            break
        }
        guard needs else { return out.append(bytes) }
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Cells a rectangle may be padded to (a few tens of MB of commas at most).
    static let maxPaddedCells = 20_000_000

    /// The CSV: rows already end in a newline; gaps and short rows are padded only when there are any.
    mutating func finish() -> Data {
        closeRow()
        var width = rows.reduce(0) { max($0, $1.columns) }
        var rectangular = true
        for (i, row) in rows.enumerated() where row.index != i + 1 || row.columns != width {
            rectangular = false
            break
        }
        if rectangular { return body.take() }
        // A sheet with one cell at A1 and one at XFD1048576 would pad to 17 GB of commas:
        // past a bound, rows keep their own width (gap rows still print, one newline each).
        let lastRow = rows.last?.index ?? 0
        let padded = lastRow.multipliedReportingOverflow(by: width)
        if padded.overflow || padded.partialValue > CSVTable.maxPaddedCells { width = 0 }
        padInPlace(width: width)
        return body.take()
    }

    /// Gap rows before row `k` (rows out of order or repeated have none).
    private func gapRows(before k: Int) -> Int {
        max(0, rows[k].index - (k == 0 ? 0 : rows[k - 1].index) - 1)
    }

    /// Widens every row to `width` columns and fills gaps with empty rows, inside the body
    /// buffer itself: a second buffer of the sheet's size would be fresh memory to fault in
    /// and copy into, a tenth of `cat`'s time on a million cells. Rows move back to front,
    /// each to an offset at or after its own, so none is overwritten before it has moved.
    private func padInPlace(width: Int) {
        let gapRowBytes = max(0, width - 1) + 1
        var total = 0
        for k in rows.indices {
            total += gapRows(before: k) * gapRowBytes + (rows[k].end - (k == 0 ? 0 : rows[k - 1].end))
                + max(0, width - rows[k].columns)
        }
        body.resize(to: total)
        let base = body.base
        var dst = total
        for k in rows.indices.reversed() {
            let start = k == 0 ? 0 : rows[k - 1].end
            let length = rows[k].end - 1 - start
            dst -= 1
            base[dst] = 0x0A
            let pad = max(0, width - rows[k].columns)
            dst -= pad
            (base + dst).initialize(repeating: UInt8(ascii: ","), count: pad)
            dst -= length
            memmove(base + dst, base + start, length)
            for _ in 0..<gapRows(before: k) {
                dst -= gapRowBytes
                (base + dst).initialize(repeating: UInt8(ascii: ","), count: gapRowBytes - 1)
                base[dst + gapRowBytes - 1] = 0x0A
            }
        }
        precondition(dst == 0, "CSV padding miscounted")
    }
}

/// A growable byte buffer whose storage is handed over as `Data` without a copy.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private var handedOver = false

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        // A big sheet's CSV is megabytes of fresh memory: huge pages fault in 512 times less often.
        base = ZipArchive.allocate(self.capacity)?.assumingMemoryBound(to: UInt8.self) ?? ByteBuffer.reallocate(nil, self.capacity)
    }

    deinit { if !handedOver { free(base) } }

    private static func reallocate(_ p: UnsafeMutableRawPointer?, _ bytes: Int) -> UnsafeMutablePointer<UInt8> {
        guard let q = realloc(p, bytes) else { preconditionFailure("out of memory") }
        return q.assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always) private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        capacity = max(capacity * 2, count + n)
        base = ByteBuffer.reallocate(base, capacity)
    }

    @inline(__always) func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// `n` (0...99) as two decimal digits.
    @inline(__always) func appendTwoDigits(_ n: Int) {
        reserve(2)
        base[count] = UInt8(truncatingIfNeeded: 0x30 + n / 10)
        base[count + 1] = UInt8(truncatingIfNeeded: 0x30 + n % 10)
        count += 2
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let src = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: src, count: bytes.count)
        count += bytes.count
    }

    /// Sets the byte count, growing the storage if needed; new bytes are uninitialised.
    func resize(to n: Int) {
        if n > count { reserve(n - count) }
        count = n
    }

    /// The bytes as Data; the buffer must not be used afterwards.
    func take() -> Data {
        handedOver = true
        return Data(bytesNoCopy: base, count: count, deallocator: .free)
    }
}

/// Every shared string of a workbook CSV-quoted, back to back, made once per workbook:
/// string i is `bytes[offsets[i]..<offsets[i + 1]]`. Plain pointers, so the cell loop
/// copies bytes without touching reference counts.
final class QuotedStrings {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let offsets: UnsafeMutableBufferPointer<Int>

    init(_ strings: [String]) {
        let blob = ByteBuffer(capacity: 1 << 12)
        var ends: [Int] = [0]
        ends.reserveCapacity(strings.count + 1)
        for s in strings {
            var s = s
            s.withUTF8 { CSVTable.appendQuoted($0, to: blob) }
            ends.append(blob.count)
        }
        bytes = .allocate(capacity: max(blob.count, 1))
        _ = bytes.initialize(from: UnsafeBufferPointer(start: blob.base, count: blob.count))
        offsets = .allocate(capacity: ends.count)
        _ = offsets.initialize(from: ends)
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }
}

/// Streams a worksheet into CSV bytes; shared strings are escaped once, not once per cell.
struct CSVSheetSink: WorksheetSink {
    let context: WorkbookContext
    let sheetName: String
    var table: CSVTable
    private let shared: QuotedStrings
    private let sharedBytes: UnsafePointer<UInt8>
    private let sharedOffsets: UnsafePointer<Int>

    /// `xmlBytes` sizes the output: CSV of a sheet is typically well under half its XML.
    init(context: WorkbookContext, sheetName: String, shared: QuotedStrings, xmlBytes: Int) {
        self.context = context
        self.sheetName = sheetName
        self.shared = shared
        sharedBytes = UnsafePointer(shared.bytes.baseAddress!)
        sharedOffsets = UnsafePointer(shared.offsets.baseAddress!)
        table = CSVTable(expectedBytes: min(max(1 << 16, xmlBytes / 2), 64 << 20))
    }

    mutating func beginRow(_ index: Int, hidden: Bool) { table.beginRow(index) }
    mutating func endRow() {}
    mutating func mergedRange(_ range: CellRange) {}

    @inline(__always)
    mutating func cell(_ ref: CellRef, _ raw: RawCellValue, bytes: UnsafeBufferPointer<UInt8>,
                       formula: UnsafeBufferPointer<UInt8>?) throws(ReadError) {
        table.moveTo(column: ref.column)
        switch raw {
        case .shared(let i):
            let lo = sharedOffsets[i]
            table.appendRaw(UnsafeBufferPointer(start: sharedBytes + lo, count: sharedOffsets[i + 1] - lo))
        case .number:
            let (lo, hi) = XLSXBytes.trimmedBounds(bytes) ?? (0, 0)
            let stored = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
            if let shortest = ShortestNumber.rewrite(stored) { table.appendRaw(shortest) } else { table.appendRaw(stored) }
        case .error:
            table.appendField(bytes)
        case .text:
            table.appendField(try CellText.make(Array(bytes), limits: context.limits, place: "\(sheetName)!\(ref.a1)"))
        case .boolean(let b):
            table.appendRaw(b ? "TRUE" : "FALSE")
        case .date(let d):
            table.appendDate(d)
        case .time(let seconds):
            table.appendRaw(NumberFormats.timeText(seconds: seconds))
        case .uncachedFormula:
            // No cached result: Excel shows nothing until it recalculates, and neither does the CSV.
            table.appendRaw("")
        }
    }
}
