/// A calendar month, the unit of reporting (`报送月份`).
public struct Period: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// The first and last periods there can be.
    public static let earliest = Period(uncheckedYear: 1900, month: 1)
    public static let latest = Period(uncheckedYear: 9999, month: 12)

    private init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses the canonical form `YYYY-MM` only; lenient forms belong to normalisation.
    public init?(_ text: String) {
        // The ledger's own `2025-03`, read for every record of a report, without splitting.
        if let (y, m) = Self.fixedDigits(text) {
            self.init(year: y, month: m)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    public var description: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    /// `YYYY-MM` in ASCII digits exactly; nil for anything else.
    private static func fixedDigits(_ text: String) -> (Int, Int)? {
        text.utf8.withContiguousStorageIfAvailable { b -> (Int, Int)? in
            guard b.count == 7, b[4] == UInt8(ascii: "-"),
                  let y = ASCIIDigits.number(b, 0..<4), let m = ASCIIDigits.number(b, 5..<7) else { return nil }
            return (y, m)
        } ?? nil
    }

    /// `2025年3月`, for messages and sheet headers.
    public var chineseDescription: String { "\(year)年\(month)月" }

    public var next: Period {
        month == 12 ? Period(year: year + 1, month: 1)! : Period(year: year, month: month + 1)!
    }

    public var previous: Period {
        month == 1 ? Period(year: year - 1, month: 12)! : Period(year: year, month: month - 1)!
    }

    /// The months of `year` from January up to and including this one, when in that year.
    public static func months(of year: Int, through last: Period? = nil) -> [Period] {
        let end = last.map { $0.year == year ? $0.month : ($0.year > year ? 12 : 0) } ?? 12
        return (1...12).prefix(end).map { Period(year: year, month: $0)! }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let p = Period(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a YYYY-MM period: \(s)")
        }
        self = p
    }
}

extension Period {
    /// `1–3月、5月` for January to March and May: runs of consecutive months written as one.
    /// The year is left out; every list is of one report year.
    public static func monthList(_ periods: some Sequence<Period>) -> String {
        let months = periods.sorted().map(\.month)
        var out: [String] = []
        var i = 0
        while i < months.count {
            var j = i
            while j + 1 < months.count, months[j + 1] == months[j] + 1 { j += 1 }
            out.append(i == j ? "\(months[i])月" : "\(months[i])–\(months[j])月")
            i = j + 1
        }
        return out.joined(separator: "、")
    }
}

/// A day without time zone, as activity dates are written (`活动日期`).
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public var period: Period { Period(year: year, month: month)! }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// Fixed-width decimal fields of dates as the ledger stores them.
public enum ASCIIDigits {
    /// The number the ASCII digits at `range` spell; nil if any byte there is not a digit.
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let d = Int(bytes[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
