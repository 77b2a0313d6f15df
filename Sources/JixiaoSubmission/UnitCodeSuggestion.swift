import JixiaoModel

/// The registry unit an unknown 单位代码 was most likely meant to be, so the message can ask
/// “是否为 JD02（将军路街道科协）？” instead of leaving the sender to guess.
enum UnitCodeSuggestion {
    /// First the same letters and the same number however written (`jd-2`, `JD2`, `ＪＤ０２`, `JD002`
    /// are all JD02), else a code one typing slip away (`JDO2`, `JD022`). Nil unless exactly one
    /// unit is the best match: a guess between two would mislead.
    static func nearest(to code: String, in units: [String: ReportingUnit]) -> ReportingUnit? {
        let typed = compact(code)
        if let key = shape(typed) {
            let same = units.values.filter { shape(compact($0.code)) == key }
            if !same.isEmpty { return same.count == 1 ? same[0] : nil }
        }
        let close = units.values.filter { Spelling.withinOneEdit(Array(typed.unicodeScalars), Array(compact($0.code).unicodeScalars)) }
        return close.count == 1 ? close[0] : nil
    }

    /// Folded, upper case, letters and digits only: what is left of a code once the ways of
    /// writing it are taken away.
    static func compact(_ code: String) -> String {
        String(String.UnicodeScalarView(Normalize.folded(code).uppercased().unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }))
    }

    /// `JD 2` for `JD02`: letters, then a number compared by value (kept as its digits without
    /// leading zeros, so no length of number can overflow). Nil for other shapes.
    static func shape(_ compacted: String) -> String? {
        let scalars = compacted.unicodeScalars
        guard let firstDigit = scalars.firstIndex(where: { ("0"..."9").contains($0) }), firstDigit != scalars.startIndex
        else { return nil }
        let letters = String(scalars[..<firstDigit])
        let digits = scalars[firstDigit...]
        guard digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let number = String(String.UnicodeScalarView(digits.drop { $0 == "0" }))
        return letters + " " + (number.isEmpty ? "0" : number)
    }
}
