/// A cell address: 1-based row and column, printed as A1 (`G14`).
public struct CellRef: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `G14`, `$G$14`, `xfd1048576`; nil when malformed or out of Excel's range.
    public init?(a1: String) {
        var col = 0, row = 0, sawLetter = false, sawDigit = false
        for u in a1.utf8 where u != UInt8(ascii: "$") {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return nil }
                col = col * 26 + Int((u | 0x20) - UInt8(ascii: "a")) + 1
                sawLetter = true
                if col > 16384 { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(u - UInt8(ascii: "0"))
                sawDigit = true
                if row > 1_048_576 { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        self.init(row: row, column: col)
    }

    /// `A`, `Z`, `AA` for 1, 26, 27.
    public static func columnName(_ column: Int) -> String {
        var n = column, chars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(chars.reversed())
    }

    public var a1: String { CellRef.columnName(column) + String(row) }
    public var description: String { a1 }
}

/// A rectangular range such as a merged area (`A1:I1`).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellRef
    public var last: CellRef

    public init(first: CellRef, last: CellRef) {
        self.first = first
        self.last = last
    }

    public init?(a1: String) {
        let parts = a1.split(separator: ":")
        guard let f = parts.first.flatMap({ CellRef(a1: String($0)) }) else { return nil }
        let l = parts.count == 2 ? CellRef(a1: String(parts[1])) : f
        guard let l, parts.count <= 2 else { return nil }
        self.init(first: f, last: l)
    }

    public var description: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
}

/// A date-time decoded from an Excel serial under the workbook's date system.
public struct ExcelDateTime: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// ISO 8601: `2025-03-05`, or `2025-03-05T14:30:00` when it has a time of day.
    public var description: String {
        func p(_ n: Int, _ w: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let date = "\(p(year, 4))-\(p(month))-\(p(day))"
        return hour == 0 && minute == 0 && second == 0 ? date : "\(date)T\(p(hour)):\(p(minute)):\(p(second))"
    }
}

extension ExcelDateTime {
    /// The date-time an Excel serial stands for under a workbook's date system (1900 with its
    /// phantom 1900-02-29, or 1904); nil outside Excel's range.
    public init?(serial: Double, uses1904: Bool) {
        guard let d = NumberFormats.dateTime(serial: serial, uses1904: uses1904) else { return nil }
        self = d
    }
}

/// A cell's value, typed as the file stores it.
public enum CellValue: Hashable, Sendable {
    case empty
    /// A number exactly as written in the file (`323.21`, `1.5E-3`), so money stays exact.
    case number(String)
    case text(String)
    case boolean(Bool)
    /// A number whose format is a date format, or an ISO date cell (`t="d"`).
    case date(ExcelDateTime)
    /// An error value such as `#DIV/0!`.
    case error(String)
    /// A formula cell saved without a cached result (some generators do this): the formula text.
    case uncachedFormula(String)

    /// Text as a CSV export shows it: numbers verbatim, dates ISO, booleans TRUE/FALSE.
    public var displayText: String {
        switch self {
        case .empty: return ""
        case .number(let s), .text(let s), .error(let s): return s
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.description
        case .uncachedFormula(let f): return "=" + f
        }
    }
}

/// One non-empty cell, with what later stages need to explain a rejection.
public struct Cell: Hashable, Sendable {
    public var ref: CellRef
    public var value: CellValue
    /// The formula text (without `=`) when the cell holds one.
    public var formula: String?

    public init(ref: CellRef, value: CellValue, formula: String? = nil) {
        self.ref = ref
        self.value = value
        self.formula = formula
    }
}

/// A row that has at least one cell or is marked hidden; cells in column order.
public struct Row: Hashable, Sendable {
    public var index: Int
    public var cells: [Cell]
    public var hidden: Bool

    public init(index: Int, cells: [Cell], hidden: Bool = false) {
        self.index = index
        self.cells = cells
        self.hidden = hidden
    }
}

public enum SheetVisibility: String, Hashable, Sendable {
    case visible
    case hidden
    case veryHidden
}

/// One worksheet (or a CSV file's single table), rows in order, sparse.
public struct Sheet: Hashable, Sendable {
    public var name: String
    public var visibility: SheetVisibility
    public var rows: [Row]
    public var mergedRanges: [CellRange]

    public init(name: String, visibility: SheetVisibility = .visible, rows: [Row], mergedRanges: [CellRange] = []) {
        self.name = name
        self.visibility = visibility
        self.rows = rows
        self.mergedRanges = mergedRanges
    }

    public func row(_ index: Int) -> Row? {
        // Rows are sorted by index; binary search keeps lookups cheap on large sheets.
        var lo = 0, hi = rows.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if rows[mid].index == index { return rows[mid] }
            if rows[mid].index < index { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    public func cell(_ ref: CellRef) -> Cell? {
        row(ref.row)?.cells.first { $0.ref.column == ref.column }
    }
}

public enum SpreadsheetFormat: String, Hashable, Sendable {
    case xlsx
    /// Excel 97–2003 (BIFF8), also WPS .et: a workbook like XLSX in every later stage.
    case xls
    case csv
}

/// A whole workbook or CSV file, read.
public struct SpreadsheetDocument: Hashable, Sendable {
    public var format: SpreadsheetFormat
    public var sheets: [Sheet]
    /// The workbook uses the 1904 date system (dates are already decoded; this is for serials in text).
    public var uses1904: Bool

    public init(format: SpreadsheetFormat, sheets: [Sheet], uses1904: Bool = false) {
        self.format = format
        self.sheets = sheets
        self.uses1904 = uses1904
    }
}
