/// Which number formats show a date, and how serials become dates.
enum NumberFormats {
    /// Built-in format ids that show a date (ECMA-376 §18.8.30), with the zh-CN date ids that
    /// Excel and WPS write for Chinese locales.
    static let builtInDateIDs: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Built-in ids that show only a time of day (h:mm, h:mm:ss, the zh-CN h"时"mm"分" forms),
    /// and the elapsed-time id 46 (`[h]:mm:ss`).
    static let builtInTimeIDs: Set<Int> = Set(18...21).union(32...35).union([45, 47, 55, 56])
    static let builtInElapsedID = 46

    /// What a number format shows of a serial.
    enum DateKind: UInt8 {
        case none
        /// A date, perhaps with a time of day.
        case date
        /// Only a time of day (no year, month or day).
        case time
        /// Elapsed time (`[h]:mm:ss`): hours past 24 are shown, not turned into days.
        case elapsed
    }

    static func isDate(id: Int, code: String?) -> Bool { kind(id: id, code: code) != .none }

    static func kind(id: Int, code: String?) -> DateKind {
        if let code { return kind(code: code) }
        if id == builtInElapsedID { return .elapsed }
        if builtInTimeIDs.contains(id) { return .time }
        return builtInDateIDs.contains(id) ? .date : .none
    }

    static func isDateCode(_ code: String) -> Bool { kind(code: code) != .none }

    /// A custom code is a date when, outside quoted text, escapes, `[...]` sections and
    /// `_x`/`*x` spacing, it uses a date or time letter (y m d h s). It shows only a time when
    /// it has h or s but no y or d; an `[h]`, `[mm]` or `[ss]` section makes it elapsed time.
    static func kind(code: String) -> DateKind {
        var inQuote = false, inBracket = false, skipNext = false
        var bracket = ""
        var dateLetter = false, timeLetter = false, month = false, elapsed = false
        scan: for ch in code {
            if skipNext { skipNext = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    // Elapsed-time sections like [h] or [mm] are time formats; [Red], [$-804] are not.
                    let lower = bracket.lowercased()
                    if !lower.isEmpty, lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { elapsed = true }
                    bracket = ""
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\", "_", "*": skipNext = true
            case "[": inBracket = true
            case ";": break scan // only the first (positive) section decides
            case "y", "Y", "d", "D": dateLetter = true
            case "h", "H", "s", "S": timeLetter = true
            case "m", "M": month = true
            default: continue // e and E: 0.00E+00 is scientific, not a year
            }
        }
        if elapsed { return .elapsed }
        if dateLetter { return .date }
        if timeLetter { return .time }
        return month ? .date : .none
    }

    /// `13:30:00`, or `36:00:00` for elapsed time: hours, minutes and seconds of a whole number of seconds.
    static func timeText(seconds: Int) -> String {
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(p(seconds / 3600)):\(p(seconds % 3600 / 60)):\(p(seconds % 60))"
    }

    /// An Excel serial as a date-time; nil when out of Excel's range (before 1900 or after 9999).
    static func dateTime(serial: Double, uses1904: Bool) -> ExcelDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = serial.rounded(.down)
        var seconds = ((serial - days) * 86_400).rounded()
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let epochDays: Int // days from 1970-01-01 to the day before serial 1 (or to serial 0 in 1904)
        var serialDays = Int(days)
        if uses1904 {
            epochDays = -24_107 // 1904-01-01
        } else {
            // Excel counts 1900-02-29 (serial 60), a day that never was; serial 0 shows as 1900-01-00.
            if serialDays == 60 { return ExcelDateTime(year: 1900, month: 2, day: 29) }
            if serialDays > 60 { serialDays -= 1 }
            epochDays = -25_568 // 1899-12-31
        }
        if !uses1904 && serialDays == 0 { return nil }
        let (y, m, d) = civil(fromDays: epochDays + serialDays)
        let s = Int(seconds)
        return ExcelDateTime(year: y, month: m, day: d, hour: s / 3600, minute: s % 3600 / 60, second: s % 60)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `2025-03-05`, `2025-03-05T14:30:00` (cells of type `d`).
    static func isoDateTime(_ s: String) -> ExcelDateTime? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for b in u[from..<from + len] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = num(0, 4), let m = num(5, 2), let d = num(8, 2), (1...12).contains(m), (1...31).contains(d) else { return nil }
        if u.count >= 19, u[10] == UInt8(ascii: "T"), let h = num(11, 2), let mi = num(14, 2), let se = num(17, 2),
           h < 24, mi < 60, se < 61 {
            return ExcelDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: min(se, 59))
        }
        return ExcelDateTime(year: y, month: m, day: d)
    }
}

/// Numbers as Excel and calamine show them: the shortest decimal that reads back as the same
/// double. Writers store `97.40000000000001` or `97.4000000000000057` for 97.4; both print 97.4
/// when that is the double they name. (Only printing: `CellValue.number` keeps the stored text,
/// so money stays exact in later stages.)
enum ShortestNumber {
    /// Text of 15 significant digits or fewer is already the shortest form of its double (or a
    /// longer but equal spelling such as `1.50`, kept as written): the common case, no String made.
    @inline(__always)
    static func needsRewrite(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0, leading = true
        for b in bytes {
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { break }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { continue }
            if leading && b == UInt8(ascii: "0") { continue }
            leading = false
            digits += 1
        }
        return digits > 15
    }

    /// The shortest round-trip spelling, or nil to keep the stored text.
    static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard needsRewrite(bytes), let d = Double(String(decoding: bytes, as: UTF8.self)), d.isFinite else { return nil }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
