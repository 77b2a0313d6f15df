import Foundation

/// Reads a delimited text file (RFC 4180) into a one-sheet document. Values stay text:
/// a CSV stores no types, and later stages normalise text the same way for every format.
enum CSVReader {
    static func read(_ data: Data, name: String, limits: ReadLimits) throws(ReadError) -> SpreadsheetDocument {
        let sheet = try parse(TextDecoding.decode(data), sheetName: name, limits: limits)
        return SpreadsheetDocument(format: .csv, sheets: [sheet])
    }

    /// The delimiter (comma, tab or semicolon) that occurs most outside quotes in the first lines.
    static func detectDelimiter(_ utf8: String.UTF8View) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, 0x09: 0, UInt8(ascii: ";"): 0]
        var inQuotes = false, lines = 0
        for b in utf8 {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes && b == 0x0A { lines += 1; if lines >= 5 { break } }
            else if !inQuotes, counts[b] != nil { counts[b, default: 0] += 1 }
        }
        let order: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")]
        return order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? UInt8(ascii: ",")
    }

    static func parse(_ text: String, sheetName: String, limits: ReadLimits) throws(ReadError) -> Sheet {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() } // a second BOM inside the text never reaches a header
        let utf8 = text.utf8
        let delimiter = detectDelimiter(utf8)
        var rows: [Row] = []
        var cells: [Cell] = []
        var field: [UInt8] = []
        var row = 1, column = 1, cellCount = 0
        var inQuotes = false, quotedField = false, afterCR = false
        func textTooLong() -> ReadError {
            .cellTextTooLong(place: "\(sheetName)!\(CellRef(row: row, column: column).a1)", limit: limits.maxCellTextLength)
        }

        func endField() throws(ReadError) {
            if !field.isEmpty {
                if field.count > limits.maxCellTextLength {
                    let s = String(decoding: field, as: UTF8.self)
                    if s.utf16.count > limits.maxCellTextLength { throw textTooLong() }
                }
                cellCount += 1
                if cellCount > limits.maxCellsPerSheet {
                    throw .limitExceeded(limit: ReadMessages.limitCells, detail: ReadMessages.cellsDetail(sheetName, limits.maxCellsPerSheet))
                }
                cells.append(Cell(ref: CellRef(row: row, column: column), value: .text(String(decoding: field, as: UTF8.self))))
            }
            field.removeAll(keepingCapacity: true)
            quotedField = false
            column += 1
        }
        func endRow() throws(ReadError) {
            try endField()
            if !cells.isEmpty { rows.append(Row(index: row, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
            row += 1
            column = 1
        }

        var it = utf8.makeIterator()
        var pending: UInt8? = nil
        while let b = pending ?? it.next() {
            pending = nil
            if afterCR { afterCR = false; if b == 0x0A { continue } }
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    let next = it.next()
                    if next == UInt8(ascii: "\"") { field.append(b) } else { inQuotes = false; pending = next }
                } else {
                    field.append(b)
                    if field.count > limits.maxCellTextLength * 3 { throw textTooLong() }
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                // A quote opens a quoted field only at its start; elsewhere it is kept as text.
                if field.isEmpty && !quotedField { inQuotes = true; quotedField = true } else { field.append(b) }
            case delimiter:
                try endField()
            case 0x0A:
                try endRow()
            case 0x0D:
                try endRow()
                afterCR = true
            default:
                field.append(b)
                if field.count > limits.maxCellTextLength * 3 { throw textTooLong() }
            }
        }
        if !field.isEmpty || !cells.isEmpty || quotedField { try endRow() }
        return Sheet(name: sheetName, rows: rows)
    }
}
