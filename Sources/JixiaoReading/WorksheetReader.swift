import Foundation

/// What every cell of a workbook needs to become a typed value (calamine's `WorkbookContext`).
struct WorkbookContext {
    var sharedStrings: [String]
    /// Shared strings over the cell-text limit (`SharedStrings.overlong`).
    var overlongStrings: Set<Int> = []
    var styles: StyleTable
    var uses1904: Bool
    var limits: ReadLimits
}

/// A cell's value as the scanner found it, before any `String` is made: the bytes it
/// refers to are in the reader's value buffer, passed alongside.
enum RawCellValue {
    case number
    case shared(Int)
    /// Decoded text (inline or formula string) in the value buffer.
    case text
    case boolean(Bool)
    case error
    case date(ExcelDateTime)
    /// A time of day (a serial below 1 under a time format) or elapsed time, in whole seconds.
    case time(Int)
    /// A formula with no cached value; its text is in the formula buffer.
    case uncachedFormula
}

/// Receives a worksheet as it streams: rows in file order, cells in file order within a row.
protocol WorksheetSink {
    mutating func beginRow(_ index: Int, hidden: Bool)
    mutating func endRow()
    mutating func cell(_ ref: CellRef, _ value: RawCellValue, bytes: UnsafeBufferPointer<UInt8>,
                       formula: UnsafeBufferPointer<UInt8>?) throws(ReadError)
    mutating func mergedRange(_ range: CellRange)
}

/// Streams one worksheet part cell by cell into a sink.
///
/// The loop stays on bytes: attributes of `<c>` are parsed in place, values collect into
/// one reused buffer, and no `String` is made here at all; the sink decides what it needs.
struct WorksheetReader {
    let context: WorkbookContext
    let part: String
    let sheetName: String
    private let sharedStringCount: Int

    init(context: WorkbookContext, part: String, sheetName: String) {
        self.context = context
        self.part = part
        self.sheetName = sheetName
        sharedStringCount = context.sharedStrings.count
    }

    private enum CellType { case number, shared, formulaString, inline, boolean, error, isoDate }

    func stream<Sink: WorksheetSink>(_ data: Data, into sink: inout Sink) throws(ReadError) {
        try withScanner(data, part: part, limits: context.limits) { (s: inout XMLScanner) throws(ReadError) in
            try scan(&s, into: &sink) { _ in }
        }
    }

    /// Parses a member while it is still being inflated. Returns false, having read nothing
    /// into the sink, for a UTF-16 part (the caller then reads it whole).
    func stream<Sink: WorksheetSink>(_ member: InflatingMember, into sink: inout Sink) throws(ReadError) -> Bool {
        let first = member.wait(beyond: 3)
        if first.available >= 2, (member.base[0] == 0xFF && member.base[1] == 0xFE) || (member.base[0] == 0xFE && member.base[1] == 0xFF) {
            return false
        }
        let raw = UnsafeRawBufferPointer(start: member.base, count: first.available)
        try withScanner(raw, part: part, limits: context.limits) { (s: inout XMLScanner) throws(ReadError) in
            s.moreInput = first.more
            try scan(&s, into: &sink) { (s: inout XMLScanner) in
                let next = member.wait(beyond: s.count)
                s.count = next.available
                s.moreInput = next.more
            }
        }
        return true
    }

    private func scan<Sink: WorksheetSink>(_ s: inout XMLScanner, into sink: inout Sink,
                                           refill: (inout XMLScanner) -> Void) throws(ReadError) {
        var rowIndex = 0, inRow = false
        var column = 0
        var cellCount = 0
        var value: [UInt8] = [], formula: [UInt8] = []
        value.reserveCapacity(64)
        formula.reserveCapacity(64)
        var type = CellType.number, style = -1, ref = CellRef(row: 0, column: 0)
        var inCell = false, hasValue = false, hasFormula = false
        // A value's text is either one span of the part (the common case) or, when it has
        // entities or several pieces, decoded into `value`.
        var valueSpan = ByteSpan(start: 0, end: 0), hasValueText = false, valueInBuffer = false
        func moveValueToBuffer(_ s: XMLScanner) {
            guard !valueInBuffer else { return }
            value.removeAll(keepingCapacity: true)
            if hasValueText { value.append(contentsOf: UnsafeBufferPointer(start: s.base + valueSpan.start, count: valueSpan.count)) }
            valueInBuffer = true
        }
        // Which element's text we are collecting: 1 <v>, 2 <f>, 3 <t> inside <is>.
        var collecting = 0, inInline = false, phoneticDepth = 0
        /// A cell whose whole content is one `<v>` (the current `ref`, `type` and `style`).
        func emitSimpleValue(_ s: XMLScanner, _ span: ByteSpan, literal: Bool) throws(ReadError) {
            if literal {
                let v = UnsafeBufferPointer(start: s.base + span.start, count: span.count)
                try emit(v, ref: ref, type: type, style: style, hasValue: true, hasFormula: false,
                         formula: formula, cellCount: &cellCount, into: &sink)
                return
            }
            value.removeAll(keepingCapacity: true)
            try s.appendDecoded(span, to: &value)
            try CellText.checkLength(value.count, limits: context.limits, place: "\(sheetName)!\(ref.a1)")
            try value.withUnsafeBufferPointer { (v) throws(ReadError) in
                try emit(v, ref: ref, type: type, style: style, hasValue: true, hasFormula: false,
                         formula: formula, cellCount: &cellCount, into: &sink)
            }
        }

        while true {
            // Most cells are read whole here; the rest, and all other markup, go event by event.
            if inRow, let cell = s.takeSimpleCell() {
                // The state the event path leaves after this cell's `<c>` … `</c>`.
                hasValue = false; hasFormula = false; hasValueText = false; valueInBuffer = false
                if !formula.isEmpty { formula.removeAll(keepingCapacity: true) }
                type = cell.type.map { cellType(s, $0) } ?? .number
                style = cell.style.map { XLSXBytes.parseInt(s.base, $0) ?? -1 } ?? -1
                if let r = cell.ref {
                    guard let parsed = XLSXBytes.parseRef(s.base, r) else { throw s.fail(ReadMessages.badCellReference, at: r.start) }
                    ref = parsed
                } else {
                    ref = CellRef(row: rowIndex, column: column + 1)
                }
                column = ref.column
                inCell = false
                if let span = cell.value {
                    try emitSimpleValue(s, span, literal: cell.literal)
                } else {
                    inInline = false; collecting = 0  // as `</c>` does; `<c …/>` has no value to emit
                }
                continue
            }
            switch try s.next() {
            case .eof:
                if inRow { sink.endRow() }
                return

            case .needMore:
                refill(&s)

            case .start(let name, let attrs):
                let n = name.count, first = s.base[name.start]
                if n == 1 && first == UInt8(ascii: "c") {
                    inCell = true; hasValue = false; hasFormula = false
                    hasValueText = false; valueInBuffer = false
                    type = .number; style = -1
                    if !formula.isEmpty { formula.removeAll(keepingCapacity: true) }
                    var gotRef = false
                    try parseCellAttributes(s, attrs, ref: &ref, gotRef: &gotRef, type: &type, style: &style)
                    if !inRow { // a cell outside any <row>: treat as the next row
                        rowIndex += 1; inRow = true; column = 0
                        sink.beginRow(rowIndex, hidden: false)
                    }
                    if !gotRef { ref = CellRef(row: rowIndex, column: column + 1) }
                    column = ref.column
                    if let (span, literal) = s.takeSimpleCellValue() {
                        inCell = false
                        try emitSimpleValue(s, span, literal: literal)
                    }
                } else if n == 1 && first == UInt8(ascii: "v") && inCell {
                    // An inline-string cell's text is its <is>, as Excel reads it: a stray <v> beside it
                    // (some generators write both) is not part of the text.
                    guard type != .inline else { break }
                    collecting = 1; hasValue = true
                } else if n == 1 && first == UInt8(ascii: "f") && inCell {
                    collecting = 2; hasFormula = true
                } else if n == 1 && first == UInt8(ascii: "t") && inInline {
                    collecting = 3; hasValue = true
                } else if n == 2 && s.equals(name, "is") && inCell {
                    inInline = true
                } else if n == 3 && s.equals(name, "row") {
                    if inRow { sink.endRow() }
                    inRow = true; column = 0
                    var explicit = 0, hidden = false
                    try s.forEachAttribute(attrs) { (an, av) throws(ReadError) in
                        if s.equals(an, "r") { explicit = XLSXBytes.parseInt(s.base, av) ?? 0 }
                        else if s.equals(an, "hidden") { hidden = av.count == 1 ? s.base[av.start] == UInt8(ascii: "1") : s.equals(av, "true") }
                    }
                    rowIndex = explicit > 0 && explicit <= 1_048_576 ? explicit : rowIndex + 1
                    sink.beginRow(rowIndex, hidden: hidden)
                } else if n == 3 && s.equals(name, "rPh") {
                    phoneticDepth += 1
                } else if n == 9 && s.equals(name, "mergeCell") {
                    if let r = try s.attribute("ref", in: attrs), let range = CellRange(a1: r) { sink.mergedRange(range) }
                }

            case .end(let name):
                let n = name.count, first = s.base[name.start]
                if n == 1 && first == UInt8(ascii: "c") {
                    inCell = false; inInline = false; collecting = 0
                    if valueInBuffer {
                        try value.withUnsafeBufferPointer { (v) throws(ReadError) in
                            try emit(v, ref: ref, type: type, style: style, hasValue: hasValue, hasFormula: hasFormula,
                                     formula: formula, cellCount: &cellCount, into: &sink)
                        }
                    } else {
                        let v = UnsafeBufferPointer(start: s.base + valueSpan.start, count: hasValueText ? valueSpan.count : 0)
                        try emit(v, ref: ref, type: type, style: style, hasValue: hasValue, hasFormula: hasFormula,
                                 formula: formula, cellCount: &cellCount, into: &sink)
                    }
                } else if n == 1 && (first == UInt8(ascii: "v") || first == UInt8(ascii: "f") || first == UInt8(ascii: "t")) {
                    collecting = 0
                } else if n == 3 && s.equals(name, "row") {
                    sink.endRow(); inRow = false
                } else if n == 3 && s.equals(name, "rPh") {
                    phoneticDepth -= 1
                } else if n == 2 && s.equals(name, "is") {
                    inInline = false
                }

            case .text(let span):
                if collecting == 1 || (collecting == 3 && phoneticDepth == 0) {
                    // Most values are one run of plain bytes: point at them instead of copying.
                    if !hasValueText && !valueInBuffer && s.isLiteral(span) {
                        valueSpan = span
                        hasValueText = true
                    } else {
                        moveValueToBuffer(s)
                        try s.appendDecoded(span, to: &value)
                        try CellText.checkLength(value.count, limits: context.limits, place: "\(sheetName)!\(ref.a1)")
                    }
                } else if collecting == 2 {
                    try s.appendDecoded(span, to: &formula)
                    try CellText.checkLength(formula.count, limits: context.limits, place: "\(sheetName)!\(ref.a1)")
                }
            case .cdata(let span):
                let bytes = UnsafeBufferPointer(start: s.base + span.start, count: span.count)
                if collecting == 1 || (collecting == 3 && phoneticDepth == 0) {
                    moveValueToBuffer(s)
                    value.append(contentsOf: bytes)
                } else if collecting == 2 {
                    formula.append(contentsOf: bytes)
                }
            }
        }
    }

    /// Resolves one finished cell and hands it to the sink, counting it against the limit.
    @inline(__always)
    private func emit<Sink: WorksheetSink>(_ v: UnsafeBufferPointer<UInt8>, ref: CellRef, type: CellType, style: Int,
                                          hasValue: Bool, hasFormula: Bool, formula: [UInt8], cellCount: inout Int,
                                          into sink: inout Sink) throws(ReadError) {
        guard let raw = try rawValue(ref: ref, type: type, style: style, value: v, hasValue: hasValue, hasFormula: hasFormula) else { return }
        cellCount += 1
        if cellCount > context.limits.maxCellsPerSheet {
            throw .limitExceeded(limit: ReadMessages.limitCells, detail: ReadMessages.cellsDetail(sheetName, context.limits.maxCellsPerSheet))
        }
        if hasFormula {
            try formula.withUnsafeBufferPointer { (f) throws(ReadError) in
                try sink.cell(ref, raw, bytes: v, formula: f)
            }
        } else {
            try sink.cell(ref, raw, bytes: v, formula: nil)
        }
    }

    @inline(__always)
    private func parseCellAttributes(_ s: XMLScanner, _ attrs: ByteSpan, ref: inout CellRef, gotRef: inout Bool,
                                     type: inout CellType, style: inout Int) throws(ReadError) {
        if s.attributeCount <= XMLScanner.attributeSlots {
            for k in 0..<s.attributeCount {
                let (name, value) = s.recordedAttribute(k)
                try cellAttribute(s, name, value, ref: &ref, gotRef: &gotRef, type: &type, style: &style)
            }
        } else {
            try s.forEachAttribute(attrs) { (name, value) throws(ReadError) in
                try cellAttribute(s, name, value, ref: &ref, gotRef: &gotRef, type: &type, style: &style)
            }
        }
    }

    @inline(__always)
    private func cellAttribute(_ s: XMLScanner, _ name: ByteSpan, _ v: ByteSpan, ref: inout CellRef, gotRef: inout Bool,
                               type: inout CellType, style: inout Int) throws(ReadError) {
        guard name.count == 1 else { return }
        switch s.base[name.start] {
        case UInt8(ascii: "r"):
            guard let parsed = XLSXBytes.parseRef(s.base, v) else {
                throw s.fail(ReadMessages.badCellReference, at: v.start)
            }
            ref = parsed; gotRef = true
        case UInt8(ascii: "s"):
            style = XLSXBytes.parseInt(s.base, v) ?? -1
        case UInt8(ascii: "t"):
            type = cellType(s, v)
        default:
            return
        }
    }

    @inline(__always)
    private func cellType(_ s: XMLScanner, _ v: ByteSpan) -> CellType {
        if s.equals(v, "s") { return .shared }
        if s.equals(v, "n") { return .number }
        if s.equals(v, "str") { return .formulaString }
        if s.equals(v, "inlineStr") { return .inline }
        if s.equals(v, "b") { return .boolean }
        if s.equals(v, "e") { return .error }
        if s.equals(v, "d") { return .isoDate }
        return .number
    }

    /// The cell's type resolved against shared strings and styles; nil for a cell with nothing in it.
    @inline(__always)
    private func rawValue(ref: CellRef, type: CellType, style: Int, value: UnsafeBufferPointer<UInt8>, hasValue: Bool,
                          hasFormula: Bool) throws(ReadError) -> RawCellValue? {
        guard hasValue else { return hasFormula ? .uncachedFormula : nil }
        switch type {
        case .number:
            guard let (lo, hi) = XLSXBytes.trimmedBounds(value) else {
                // `<f>…</f><v></v>`: some generators save formulas with an empty cached value.
                return hasFormula ? .uncachedFormula : nil
            }
            let kind = context.styles.kind(style)
            if kind != .none,
               let serial = XLSXBytes.serial(UnsafeBufferPointer(rebasing: value[lo..<hi])) {
                if serial.isFinite, serial >= 0, kind == .elapsed || (kind == .time && serial < 1),
                   serial < 2_958_466 {
                    return .time(Int((serial * 86_400).rounded()))
                }
                if let dt = NumberFormats.dateTime(serial: serial, uses1904: context.uses1904) { return .date(dt) }
            }
            return .number
        case .shared:
            // `<c t="s"><v/></c>`: an empty cell, as Excel shows it, not a missing string.
            guard XLSXBytes.trimmedBounds(value) != nil else { return hasFormula ? .uncachedFormula : nil }
            guard let base = value.baseAddress, let idx = XLSXBytes.parseInt(base, ByteSpan(start: 0, end: value.count)),
                  idx < sharedStringCount else {
                throw .malformedXML(part: part, offset: 0, detail: "\(ref.a1)：\(ReadMessages.badSharedStringIndex)")
            }
            if !context.overlongStrings.isEmpty && context.overlongStrings.contains(idx) {
                throw .cellTextTooLong(place: "\(sheetName)!\(ref.a1)", limit: context.limits.maxCellTextLength)
            }
            return .shared(idx)
        case .formulaString, .inline:
            return .text
        case .boolean:
            return .boolean(value.first == UInt8(ascii: "1") || value.elementsEqual("true".utf8))
        case .error:
            return .error
        case .isoDate:
            return NumberFormats.isoDateTime(String(decoding: value, as: UTF8.self)).map(RawCellValue.date) ?? .text
        }
    }
}

/// Builds the `Sheet` value that the rest of jixiao reads.
struct SheetBuilder: WorksheetSink {
    let context: WorkbookContext
    let sheetName: String
    private var rows: [Row] = []
    private var cells: [Cell] = []
    private var merged: [CellRange] = []
    private var rowIndex = 0, rowHidden = false, rowsSorted = true

    init(context: WorkbookContext, sheetName: String) {
        self.context = context
        self.sheetName = sheetName
    }

    mutating func beginRow(_ index: Int, hidden: Bool) {
        rowIndex = index
        rowHidden = hidden
    }

    mutating func endRow() {
        if !cells.isEmpty || rowHidden {
            if let last = rows.last, last.index >= rowIndex { rowsSorted = false }
            var sorted = true
            for i in cells.indices.dropFirst() where cells[i].ref.column <= cells[i - 1].ref.column { sorted = false; break }
            if !sorted { cells.sort { $0.ref.column < $1.ref.column } }
            rows.append(Row(index: rowIndex, cells: cells, hidden: rowHidden))
        }
        cells.removeAll(keepingCapacity: true)
        rowHidden = false
    }

    mutating func mergedRange(_ range: CellRange) { merged.append(range) }

    mutating func cell(_ ref: CellRef, _ raw: RawCellValue, bytes: UnsafeBufferPointer<UInt8>,
                       formula: UnsafeBufferPointer<UInt8>?) throws(ReadError) {
        let formulaText = formula.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        let value: CellValue
        switch raw {
        case .number:
            let (lo, hi) = XLSXBytes.trimmedBounds(bytes) ?? (0, 0)
            value = .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self))
        case .shared(let i): value = .text(context.sharedStrings[i])
        case .text: value = .text(try CellText.make(Array(bytes), limits: context.limits, place: "\(sheetName)!\(ref.a1)"))
        case .boolean(let b): value = .boolean(b)
        case .error: value = .error(String(decoding: bytes, as: UTF8.self))
        case .date(let d): value = .date(d)
        case .time(let seconds): value = .text(NumberFormats.timeText(seconds: seconds))
        case .uncachedFormula: value = .uncachedFormula(formulaText ?? "")
        }
        cells.append(Cell(ref: ref, value: value, formula: formulaText))
    }

    func sheet(visibility: SheetVisibility) -> Sheet {
        Sheet(name: sheetName, visibility: visibility,
              rows: rowsSorted ? rows : rows.sorted { $0.index < $1.index }, mergedRanges: merged)
    }
}

/// Small parsers over raw bytes, so the cell loop never builds a String to read a number.
enum XLSXBytes {
    @inline(__always)
    static func parseInt(_ base: UnsafePointer<UInt8>, _ span: ByteSpan) -> Int? {
        guard span.count > 0, span.count <= 18 else { return nil }
        var v = 0
        for i in span.start..<span.end {
            let d = base[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// A date cell's serial as `Double(text)` reads it. Most are whole days: up to 15 digits
    /// convert exactly, so they skip building a String for strtod.
    @inline(__always)
    static func serial(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        if text.count <= 15, let base = text.baseAddress, let days = parseInt(base, ByteSpan(start: 0, end: text.count)) {
            return Double(days)
        }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// `AB12` (also `$AB$12`) to a CellRef without building a String.
    @inline(__always)
    static func parseRef(_ base: UnsafePointer<UInt8>, _ span: ByteSpan) -> CellRef? {
        var col = 0, row = 0, i = span.start
        if i < span.end && base[i] == UInt8(ascii: "$") { i += 1 }
        while i < span.end {
            let b = base[i] | 0x20
            guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { break }
            // Bounded by the checks below, so wrapping arithmetic cannot wrap.
            col = col &* 26 &+ Int(b &- UInt8(ascii: "a")) &+ 1
            if col > 16_384 { return nil }
            i += 1
        }
        if i < span.end && base[i] == UInt8(ascii: "$") { i += 1 }
        let digitsStart = i
        while i < span.end {
            let d = base[i] &- 0x30
            guard d < 10 else { return nil }
            row = row &* 10 &+ Int(d)
            if row > 1_048_576 { return nil }
            i += 1
        }
        guard col > 0, row > 0, i > digitsStart else { return nil }
        return CellRef(row: row, column: col)
    }

    /// Bounds of the value without surrounding spaces, or nil when blank.
    @inline(__always)
    static func trimmedBounds<C: RandomAccessCollection>(_ bytes: C) -> (Int, Int)? where C.Element == UInt8, C.Index == Int {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi && XMLScanner.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && XMLScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo < hi ? (lo, hi) : nil
    }
}
