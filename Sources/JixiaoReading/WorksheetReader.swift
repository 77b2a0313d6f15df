import Foundation

/// What every cell of a workbook needs to become a typed value (calamine's `WorkbookContext`).
struct WorkbookContext {
    var sharedStrings: [String]
    var styles: StyleTable
    var uses1904: Bool
    var limits: ReadLimits
}

/// Streams one worksheet part cell by cell into a `Sheet`.
///
/// The loop stays on bytes: attributes of `<c>` are parsed in place, values collect into
/// one reused buffer, and a `String` is made only for the value a cell actually holds.
struct WorksheetReader {
    let context: WorkbookContext
    let part: String
    let sheetName: String

    private enum CellType { case number, shared, formulaString, inline, boolean, error, isoDate }

    func read(_ data: Data, visibility: SheetVisibility) throws(ReadError) -> Sheet {
        try withScanner(data, part: part, limits: context.limits) { (s: inout XMLScanner) throws(ReadError) in
            try scan(&s, visibility: visibility)
        }
    }

    private func scan(_ s: inout XMLScanner, visibility: SheetVisibility) throws(ReadError) -> Sheet {
        var rows: [Row] = []
        var merged: [CellRange] = []
        var cells: [Cell] = []
        var rowIndex = 0, rowHidden = false, inRow = false
        var column = 0
        var cellCount = 0
        var value: [UInt8] = [], formula: [UInt8] = []
        value.reserveCapacity(64)
        var type = CellType.number, style = -1, ref = CellRef(row: 0, column: 0)
        var inCell = false, hasValue = false, hasFormula = false
        // Which element's text we are collecting: 1 <v>, 2 <f>, 3 <is>/<t>.
        var collecting = 0, inInline = false, phoneticDepth = 0
        var rowsSorted = true

        func finishRow() {
            if !cells.isEmpty || rowHidden {
                if let last = rows.last, last.index >= rowIndex { rowsSorted = false }
                var sorted = true
                for i in cells.indices.dropFirst() where cells[i].ref.column <= cells[i - 1].ref.column { sorted = false; break }
                if !sorted { cells.sort { $0.ref.column < $1.ref.column } }
                rows.append(Row(index: rowIndex, cells: cells, hidden: rowHidden))
            }
            cells.removeAll(keepingCapacity: true)
        }

        while true {
            switch try s.next() {
            case .eof:
                if inRow { finishRow() }
                if !rowsSorted { rows.sort { $0.index < $1.index } }
                return Sheet(name: sheetName, visibility: visibility, rows: rows, mergedRanges: merged)

            case .start(let name, let attrs):
                let n = name.count, first = s.base[name.start]
                if n == 1 && first == UInt8(ascii: "c") {
                    inCell = true; hasValue = false; hasFormula = false
                    type = .number; style = -1
                    value.removeAll(keepingCapacity: true)
                    formula.removeAll(keepingCapacity: true)
                    var gotRef = false
                    try parseCellAttributes(s, attrs, ref: &ref, gotRef: &gotRef, type: &type, style: &style)
                    if !inRow { // a cell outside any <row>: treat as the next row
                        rowIndex += 1; inRow = true; rowHidden = false; column = 0
                    }
                    if !gotRef { ref = CellRef(row: rowIndex, column: column + 1) }
                    column = ref.column
                } else if n == 1 && first == UInt8(ascii: "v") && inCell {
                    collecting = 1; hasValue = true
                } else if n == 1 && first == UInt8(ascii: "f") && inCell {
                    collecting = 2; hasFormula = true
                } else if n == 1 && first == UInt8(ascii: "t") && inInline {
                    collecting = 3; hasValue = true
                } else if n == 2 && s.equals(name, "is") && inCell {
                    inInline = true
                } else if n == 3 && s.equals(name, "row") {
                    if inRow { finishRow() }
                    inRow = true; rowHidden = false; column = 0
                    var explicit = 0
                    try s.forEachAttribute(attrs) { (an, av) throws(ReadError) in
                        if s.equals(an, "r") { explicit = XLSXBytes.parseInt(s.base, av) ?? 0 }
                        else if s.equals(an, "hidden") { rowHidden = av.count == 1 ? s.base[av.start] == UInt8(ascii: "1") : s.equals(av, "true") }
                    }
                    rowIndex = explicit > 0 && explicit <= 1_048_576 ? explicit : rowIndex + 1
                } else if n == 3 && s.equals(name, "rPh") {
                    phoneticDepth += 1
                } else if n == 9 && s.equals(name, "mergeCell") {
                    if let r = try s.attribute("ref", in: attrs), let range = CellRange(a1: r) { merged.append(range) }
                }

            case .end(let name):
                let n = name.count, first = s.base[name.start]
                if n == 1 && first == UInt8(ascii: "c") {
                    inCell = false; inInline = false; collecting = 0
                    if let cell = try makeCell(ref: ref, type: type, style: style, value: value, hasValue: hasValue,
                                               formula: hasFormula ? formula : nil) {
                        cellCount += 1
                        if cellCount > context.limits.maxCellsPerSheet {
                            throw .limitExceeded(limit: ReadMessages.limitCells,
                                                 detail: ReadMessages.cellsDetail(sheetName, context.limits.maxCellsPerSheet))
                        }
                        cells.append(cell)
                    }
                } else if n == 1 && (first == UInt8(ascii: "v") || first == UInt8(ascii: "f") || first == UInt8(ascii: "t")) {
                    collecting = 0
                } else if n == 3 && s.equals(name, "row") {
                    finishRow(); inRow = false
                } else if n == 3 && s.equals(name, "rPh") {
                    phoneticDepth -= 1
                } else if n == 2 && s.equals(name, "is") {
                    inInline = false
                }

            case .text(let span):
                switch collecting {
                case 1, 3:
                    guard phoneticDepth == 0 || collecting == 1 else { break }
                    try s.appendDecoded(span, to: &value)
                    try CellText.checkLength(value.count, limits: context.limits, place: "\(sheetName)!\(ref.a1)")
                case 2:
                    try s.appendDecoded(span, to: &formula)
                    try CellText.checkLength(formula.count, limits: context.limits, place: "\(sheetName)!\(ref.a1)")
                default:
                    break
                }
            case .cdata(let span):
                let bytes = UnsafeBufferPointer(start: s.base + span.start, count: span.count)
                if collecting == 1 || (collecting == 3 && phoneticDepth == 0) { value.append(contentsOf: bytes) }
                else if collecting == 2 { formula.append(contentsOf: bytes) }
            }
        }
    }

    @inline(__always)
    private func parseCellAttributes(_ s: XMLScanner, _ attrs: ByteSpan, ref: inout CellRef, gotRef: inout Bool,
                                     type: inout CellType, style: inout Int) throws(ReadError) {
        let base = s.base
        var i = attrs.start
        let end = attrs.end
        while i < end {
            while i < end && XMLScanner.isSpace(base[i]) { i += 1 }
            if i >= end { return }
            let nameStart = i
            while i < end && base[i] != UInt8(ascii: "=") && !XMLScanner.isSpace(base[i]) { i += 1 }
            let name = s.localName(ByteSpan(start: nameStart, end: i))
            while i < end && base[i] != UInt8(ascii: "\"") && base[i] != UInt8(ascii: "'") { i += 1 }
            guard i < end else { return }
            let close = s.find(base[i], from: i + 1)
            let v = ByteSpan(start: i + 1, end: min(close, end))
            i = close + 1
            guard name.count == 1 else { continue }
            switch base[name.start] {
            case UInt8(ascii: "r"):
                guard let parsed = XLSXBytes.parseRef(base, v) else {
                    throw s.fail(ReadMessages.badCellReference, at: v.start)
                }
                ref = parsed; gotRef = true
            case UInt8(ascii: "s"):
                style = XLSXBytes.parseInt(base, v) ?? -1
            case UInt8(ascii: "t"):
                type = cellType(s, v)
            default:
                continue
            }
        }
    }

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

    private func makeCell(ref: CellRef, type: CellType, style: Int, value: [UInt8], hasValue: Bool,
                          formula: [UInt8]?) throws(ReadError) -> Cell? {
        let fmt = context.styles.format(style)
        let formulaText = formula.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        guard hasValue else {
            guard formula != nil else { return nil }
            return Cell(ref: ref, value: .uncachedFormula(formulaText ?? ""), formula: formulaText, numberFormat: fmt.code)
        }
        let v: CellValue
        switch type {
        case .number:
            guard let text = XLSXBytes.trimmedString(value) else {
                // `<f>…</f><v></v>`: some generators save formulas with an empty cached value.
                return formula == nil ? nil : Cell(ref: ref, value: .uncachedFormula(formulaText ?? ""), formula: formulaText, numberFormat: fmt.code)
            }
            if fmt.isDate, let serial = Double(text), let dt = NumberFormats.dateTime(serial: serial, uses1904: context.uses1904) {
                v = .date(dt)
            } else {
                v = .number(text)
            }
        case .shared:
            guard let idx = XLSXBytes.parseInt(value),
                  idx < context.sharedStrings.count else {
                throw .malformedXML(part: part, offset: 0, detail: "\(ref.a1)：\(ReadMessages.badSharedStringIndex)")
            }
            v = .text(context.sharedStrings[idx])
        case .formulaString, .inline:
            v = .text(try CellText.make(value, limits: context.limits, place: "\(sheetName)!\(ref.a1)"))
        case .boolean:
            v = .boolean(value.first == UInt8(ascii: "1") || value.elementsEqual("true".utf8))
        case .error:
            v = .error(String(decoding: value, as: UTF8.self))
        case .isoDate:
            let text = String(decoding: value, as: UTF8.self)
            v = NumberFormats.isoDateTime(text).map(CellValue.date) ?? .text(text)
        }
        return Cell(ref: ref, value: v, formula: formulaText, numberFormat: fmt.code)
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

    static func parseInt(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { parseInt($0, ByteSpan(start: 0, end: buf.count)) }
        }
    }

    /// `AB12` (also `$AB$12`) to a CellRef without building a String.
    @inline(__always)
    static func parseRef(_ base: UnsafePointer<UInt8>, _ span: ByteSpan) -> CellRef? {
        var col = 0, row = 0, i = span.start
        if i < span.end && base[i] == UInt8(ascii: "$") { i += 1 }
        while i < span.end {
            let b = base[i] | 0x20
            guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { break }
            col = col * 26 + Int(b - UInt8(ascii: "a")) + 1
            if col > 16_384 { return nil }
            i += 1
        }
        if i < span.end && base[i] == UInt8(ascii: "$") { i += 1 }
        let digitsStart = i
        while i < span.end {
            let d = base[i] &- 0x30
            guard d < 10 else { return nil }
            row = row * 10 + Int(d)
            if row > 1_048_576 { return nil }
            i += 1
        }
        guard col > 0, row > 0, i > digitsStart else { return nil }
        return CellRef(row: row, column: col)
    }

    /// The value text without surrounding spaces, or nil when blank.
    static func trimmedString(_ bytes: [UInt8]) -> String? {
        var lo = 0, hi = bytes.count
        while lo < hi && XMLScanner.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && XMLScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
        guard lo < hi else { return nil }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
