import Foundation

extension Decimal {
    /// Rounds half away from zero (四舍五入) to `places` decimals, in decimal arithmetic.
    public func roundedHalfUp(_ places: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    /// Fixed-point text with exactly `places` decimals: `370.64`, `87.2`.
    public func fixed(_ places: Int) -> String {
        let r = roundedHalfUp(places)
        var s = NSDecimalNumber(decimal: r).stringValue
        if places > 0 {
            if !s.contains(".") { s += "." }
            let decimals = s.split(separator: ".", omittingEmptySubsequences: false)[1].count
            s += String(repeating: "0", count: max(0, places - decimals))
        }
        return s
    }

    /// Plain text without trailing zeros: `17.4`, `40`.
    public var plain: String { NSDecimalNumber(decimal: self).stringValue }

    /// Exact parse of a decimal literal (`323.21`, `-1.5`, `1e3`); nil if not a number.
    public init?(exactly text: String) {
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        // Decimal(string:) accepts a numeric prefix ("12abc"); require the whole text.
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ "0123456789.-+eE".contains($0) }) else { return nil }
        self = d
    }

    public var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}
