import Foundation
import JixiaoModel
import JixiaoReading

/// Turning what sub-unit staff type into values. Each function is tolerant of the forms
/// people actually use and reports, beside the value, whether it had to guess — the caller
/// turns a guess into a warning and a failure into an error.
///
/// Everything here works on Unicode scalars in one pass: no regular expressions and no
/// formatters, because it runs for every cell of every submission.
public enum Normalize {
    // MARK: Text

    /// Whitespace to trim: Unicode spaces (incl. the full-width U+3000 and NBSP), line breaks,
    /// and the invisible marks Excel/WPS leave behind (BOM, zero-width space).
    static let trimmed: CharacterSet = {
        var set = CharacterSet.whitespacesAndNewlines
        set.insert(charactersIn: "\u{3000}\u{00A0}\u{FEFF}\u{200B}")
        return set
    }()

    /// Trimmed text, otherwise unchanged (names, places, notes keep their full-width letters).
    public static func text(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              isTrimmed(first) || isTrimmed(last) else { return s }
        return s.trimmingCharacters(in: trimmed)
    }

    /// Membership in `trimmed`, answered without the set for the scalars cells mostly begin
    /// and end with: printable ASCII and CJK ideographs are never whitespace.
    @inline(__always)
    static func isTrimmed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x21...0x7E, 0x4E00...0x9FFF: return false
        default: return trimmed.contains(u)
        }
    }

    /// Full-width ASCII (`１２０`, `ＪＤ０１`, `：`, `（`) folded to ASCII, U+3000 to a space, trimmed.
    public static func folded(_ s: String) -> String {
        var needsFolding = false
        for u in s.unicodeScalars where (0xFF01...0xFF5E).contains(u.value) || u.value == 0x3000 {
            needsFolding = true
            break
        }
        guard needsFolding else { return text(s) }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value), let a = Unicode.Scalar(u.value - 0xFEE0) {
                out.append(a)
            } else if u.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return text(String(out))
    }

    /// The key a header or a label is matched by: folded, without spaces, without a unit or
    /// note in parentheses (`覆盖人数（人次）`, `活动日期(年/月/日)`), without a trailing colon
    /// and without required-field stars (`*活动名称`).
    public static func label(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in folded(s).unicodeScalars {
            switch u {
            case "(", "[", "【", "/", "\n":
                return finishLabel(out)
            case " ", "\t", "\r", "*", "※":
                continue
            default:
                out.append(u)
            }
        }
        return finishLabel(out)
    }

    private static func finishLabel(_ scalars: String.UnicodeScalarView) -> String {
        var s = String(scalars)
        while let last = s.unicodeScalars.last, last == ":" || last == "：" {
            s.unicodeScalars.removeLast()
        }
        return s
    }

    /// 单位代码 as the registry spells it: folded, without spaces, upper case (`jd01 ` → `JD01`).
    public static func unitCode(_ s: String) -> String {
        // A code typed as the registry spells it (ASCII capitals and digits) is already that.
        if !s.isEmpty, s.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) { return s }
        return withoutSpaces(folded(s)).uppercased()
    }

    /// `s` without spaces (U+0020); text without any is returned as it is, without a
    /// Foundation search.
    static func withoutSpaces(_ s: String) -> String {
        s.utf8.contains(UInt8(ascii: " ")) ? s.replacingOccurrences(of: " ", with: "") : s
    }

    // MARK: Counts

    public enum NumberProblem: Error, Hashable, Sendable {
        case notANumber
        case negative
        case fraction
        case tooLarge
    }

    /// A count read from a cell, and whether the writer only gave an approximation (`约50`).
    public struct Count: Hashable, Sendable {
        public var value: Int
        public var approximate: Bool
    }

    /// Counts above this are typing errors, not activity sizes; it also keeps `Int` safe.
    static let maximumCount = 99_999_999

    /// A non-negative whole number from `120`, `１２０`, `1,200`, `120人`, `120人次`, `2万`,
    /// `1.5万`, `约50`, `50余`, `50多人`, `50人左右` (the last four approximate).
    public static func count(_ raw: String) -> Result<Count, NumberProblem> {
        // Most cells are plain digits: take them without building any intermediate string.
        if raw.utf8.count <= 9, !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(raw) {
            return .success(Count(value: n, approximate: false))
        }
        var s = folded(raw)
        var approximate = false
        for prefix in approximatePrefixes where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            approximate = true
            break
        }
        if s.hasPrefix("共") { s.removeFirst() }
        s = text(s)
        var stripped = true
        var multiplier: Decimal = 1
        while stripped && !s.isEmpty {
            stripped = false
            for suffix in countSuffixes where s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                stripped = true
                break
            }
            for suffix in approximateSuffixes where s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                approximate = true
                stripped = true
                break
            }
            if s.hasSuffix("万"), multiplier == 1 {
                s.removeLast()
                multiplier = 10_000
                stripped = true
            }
            s = text(s)
        }
        guard let number = decimal(s) else { return .failure(.notANumber) }
        let value = number * multiplier
        if value < 0 { return .failure(.negative) }
        let whole = value.roundedHalfUp(0)
        // Excel stores a computed count with binary noise (120.00000000000001): that is still 120.
        guard abs((value - whole).doubleValue) < 1e-9 else { return .failure(.fraction) }
        guard whole <= Decimal(maximumCount) else { return .failure(.tooLarge) }
        return .success(Count(value: NSDecimalNumber(decimal: whole).intValue, approximate: approximate))
    }

    static let approximatePrefixes = ["大约", "约", "近", "超过", "超", "逾"]
    static let approximateSuffixes = ["左右", "以上", "余", "多", "+"]
    static let countSuffixes = ["人次", "人", "名", "位", "个", "家", "册", "篇", "场", "次", "份", "本", "期", "项", "部", "条"]

    /// A plain decimal literal with optional thousands separators (`1,200.5`), or a number
    /// literal as Excel stores it (`1.2E+3`); nil for anything else.
    static func decimal(_ s: String) -> Decimal? {
        guard !s.isEmpty else { return nil }
        var digits = ""
        digits.reserveCapacity(s.utf8.count)
        var groupLength = -1   // digits since the last comma; -1 before any comma
        var sawPoint = false, sawDigit = false, sawComma = false
        for (i, u) in s.utf8.enumerated() {
            switch u {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.unicodeScalars.append(Unicode.Scalar(u))
                sawDigit = true
                if groupLength >= 0 && !sawPoint { groupLength += 1 }
            case UInt8(ascii: ","):
                // A thousands separator needs digits before it and exactly three after it.
                guard sawDigit, !sawPoint, groupLength == -1 || groupLength == 3 else { return nil }
                groupLength = 0
                sawComma = true
            case UInt8(ascii: "."):
                guard !sawPoint, !sawComma || groupLength == 3 else { return nil }
                sawPoint = true
                digits.append(".")
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard i == 0 else { return nil }
                if u == UInt8(ascii: "-") { digits.append("-") }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                return sawComma ? nil : Decimal(exactly: s)
            default:
                return nil
            }
        }
        guard sawDigit, !sawComma || sawPoint || groupLength == 3 else { return nil }
        return Decimal(exactly: digits)
    }

    // MARK: Money

    public enum MoneyProblem: Error, Hashable, Sendable {
        case notANumber
        case inYuan
        case negative
    }

    /// An amount in 万元, exact to two decimals, and whether more decimals had to be rounded away.
    public struct Money: Hashable, Sendable {
        public var value: Decimal
        public var rounded: Bool
    }

    /// 万元 from the cell's literal text: `370.64`, `370.64万元`, `1,234.5`. `元` alone is refused,
    /// since a figure in 元 read as 万元 would be off by ten thousand.
    /// `fromNumberCell`: the literal is Excel's binary number, so 17-digit noise is not a user's extra decimal.
    public static func money(_ raw: String, fromNumberCell: Bool = false) -> Result<Money, MoneyProblem> {
        var s = folded(raw)
        if s.hasSuffix("万元") {
            s.removeLast(2)
        } else if s.hasSuffix("万") {
            s.removeLast()
        } else if s.hasSuffix("元") {
            return .failure(.inYuan)
        }
        guard let value = decimal(text(s)) else { return .failure(.notANumber) }
        if value < 0 { return .failure(.negative) }
        let cents = value.roundedHalfUp(2)
        guard cents != value else { return .success(Money(value: value, rounded: false)) }
        let noise = fromNumberCell && abs((value - cents).doubleValue) < 1e-9
        return .success(Money(value: cents, rounded: !noise))
    }

    // MARK: Dates

    /// A date read from text or a serial, with how sure the reading is.
    public struct DateReading: Hashable, Sendable {
        public var date: CalendarDate
        /// `3月5日`, `3.5`: the year was taken from the reporting month.
        public var yearGuessed: Bool
    }

    /// `2025-03-05`, `2025/3/5`, `2025.3.5`, `2025年3月5日`, `20250305`, an ISO date-time, and
    /// with `defaultYear` also `3月5日`, `3.5`, `3-5`, `3/5`. Nil when it is not a real date.
    public static func date(_ raw: String, defaultYear: Int?) -> DateReading? {
        let tokens = DateTokens(folded(raw))
        guard tokens.valid else { return nil }
        let n = tokens.numbers
        switch n.count {
        case 1 where tokens.widths[0] == 8:
            return CalendarDate(year: n[0] / 10_000, month: n[0] / 100 % 100, day: n[0] % 100)
                .map { DateReading(date: $0, yearGuessed: false) }
        case 3 where tokens.widths[0] == 4 && tokens.widths[1] <= 2 && tokens.widths[2] <= 2:
            return CalendarDate(year: n[0], month: n[1], day: n[2]).map { DateReading(date: $0, yearGuessed: false) }
        case 2 where tokens.widths[0] <= 2 && tokens.widths[1] <= 2:
            guard let year = defaultYear, tokens.lastSeparator != "月" else { return nil }
            return CalendarDate(year: year, month: n[0], day: n[1]).map { DateReading(date: $0, yearGuessed: true) }
        default:
            return nil
        }
    }

    /// 报送月份 from `2025-03`, `2025年3月`, `2025年3月份`, `2025/3`, `2025.3`, `202503`, or any date
    /// text inside the month (`2025-03-01`, `2025年3月1日`).
    public static func period(_ raw: String) -> Period? {
        let tokens = DateTokens(folded(raw))
        guard tokens.valid else { return nil }
        let n = tokens.numbers
        switch n.count {
        case 1 where tokens.widths[0] == 6:
            return Period(year: n[0] / 100, month: n[0] % 100)
        case 1 where tokens.widths[0] == 8:
            return date(raw, defaultYear: nil)?.date.period
        case 2 where tokens.widths[0] == 4 && tokens.widths[1] <= 2:
            return Period(year: n[0], month: n[1])
        case 3:
            return date(raw, defaultYear: nil)?.date.period
        default:
            return nil
        }
    }

    /// The day an Excel serial stands for. The 1900 system counts the day 1900-02-29 that never
    /// was (serial 60, a Lotus 1-2-3 bug Excel kept): it gives nil, and later serials are shifted
    /// back by one. The 1904 system (old Mac Excel) starts at 1904-01-01 = 0.
    public static func date(serial: Int, uses1904: Bool) -> CalendarDate? {
        guard let d = ExcelDateTime(serial: Double(serial), uses1904: uses1904) else { return nil }
        return CalendarDate(year: d.year, month: d.month, day: d.day)
    }

    /// Serials of plausible activity dates (1950…2100 in either system): anything else in a
    /// number cell is not a date someone meant.
    static let plausibleSerials = 18_264...73_415

    // MARK: Choices

    /// A choice read from a cell, and whether it was only found inside a longer text.
    public struct Choice<Value: Sendable & Hashable>: Hashable, Sendable {
        public var value: Value
        public var guessed: Bool
    }

    /// One of the allowed values, a known synonym of one (no warning: these are fixed
    /// equivalents), or — a guess — text containing exactly one allowed value (`线下（讲座）`).
    public static func choice<Value: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ raw: String, synonyms: [String: Value]
    ) -> Choice<Value>? where Value.RawValue == String {
        guard let c = choice(raw, values: Value.allCases.map(\.rawValue), synonyms: synonyms.mapValues(\.rawValue)),
              let value = Value(rawValue: c.value) else { return nil }
        return Choice(value: value, guessed: c.guessed)
    }

    /// The same over a column's values as text: what a choice column of `ActivityField` lists.
    public static func choice(_ raw: String, values: [String], synonyms: [String: String]) -> Choice<String>? {
        // Most cells hold a value picked from the template's dropdown: compare bytes first, since
        // string equality compares non-ASCII text through Unicode normalisation.
        var raw = raw
        let exact = raw.withUTF8 { typed in
            values.first { value in
                var name = value
                return name.withUTF8 { $0.elementsEqual(typed) }
            }
        }
        if let exact { return Choice(value: exact, guessed: false) }
        if let exact = values.first(where: { $0 == raw }) { return Choice(value: exact, guessed: false) }
        var key = withoutSpaces(folded(raw))
        if key.unicodeScalars.contains("它") { key = key.replacingOccurrences(of: "其它", with: "其他") }
        if let exact = values.first(where: { $0 == key }) ?? synonyms[key] {
            return Choice(value: exact, guessed: false)
        }
        let label = self.label(key)
        if let exact = values.first(where: { $0 == label }) ?? synonyms[label] {
            return Choice(value: exact, guessed: true)
        }
        let contained = values.filter { key.contains($0) }
        guard !key.isEmpty else { return nil }
        // Of nested candidates (科普活动 inside 科创科普活动) only the longest counts.
        let longest = contained.filter { c in !contained.contains { $0 != c && $0.contains(c) } }
        if longest.count == 1, let only = longest.first { return Choice(value: only, guessed: true) }
        return nil
    }
}

/// The numbers of a date-like text and what separates them, read in one pass.
/// A time of day after a space or `T` (`2025-03-05 00:00:00`) is ignored.
struct DateTokens {
    var numbers: [Int] = []
    var widths: [Int] = []
    var lastSeparator: Unicode.Scalar?
    var valid = true

    init(_ s: String) {
        var current = 0, width = 0
        var pendingSeparator = false
        func flush(_ numbers: inout [Int], _ widths: inout [Int]) {
            if width > 0 {
                numbers.append(current)
                widths.append(width)
            }
            current = 0
            width = 0
        }
        for u in s.unicodeScalars {
            switch u {
            case "0"..."9":
                guard width < 9 else { valid = false; return }
                current = current * 10 + Int(u.value - 48)
                width += 1
                pendingSeparator = false
            case "-", "/", ".", "年", "月", "日", "号", "份":
                // Two separators in a row (`2025--3`) or one before any number is not a date.
                if pendingSeparator && u != "份" || (numbers.isEmpty && width == 0) { valid = false; return }
                flush(&numbers, &widths)
                pendingSeparator = u != "日" && u != "号" && u != "份" && u != "月"
                lastSeparator = u
            case " ", "T":
                guard width > 0 || !numbers.isEmpty else { valid = false; return }
                flush(&numbers, &widths)
                if numbers.count >= 2 { return }
                valid = false
                return
            default:
                valid = false
                return
            }
        }
        flush(&numbers, &widths)
        if pendingSeparator { valid = false }
        if numbers.isEmpty { valid = false }
    }
}
