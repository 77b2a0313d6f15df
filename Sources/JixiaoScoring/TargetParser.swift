import Foundation
import JixiaoModel

/// One comparison of a 指标值 before its measure is attached: `>=10万人次`.
struct ParsedTarget: Equatable {
    var comparator: Comparator
    var numberText: String
    var isPercent: Bool
    var unit: String

    /// `万人次` counts in tens of thousands of the measure.
    var scale: Decimal { unit.hasPrefix("万") ? 10000 : 1 }
}

/// Reads 指标值 texts: a comparator, a number, an optional `%` and a unit, with
/// alternatives joined by `或` (`>=1家 或 >=2名`).
enum TargetParser {
    private static let comparators: [(String, Comparator)] = [
        (">=", .atLeast), ("≥", .atLeast), ("≧", .atLeast), ("＞＝", .atLeast), ("＞=", .atLeast),
        ("<=", .atMost), ("≤", .atMost), ("≦", .atMost), ("＜＝", .atMost), ("＜=", .atMost),
        ("==", .equal), ("=", .equal), ("＝", .equal),
    ]

    static func parse(_ text: String) -> Result<[ParsedTarget], MeasureSyntaxError> {
        let alternatives = text.components(separatedBy: "或")
        var parts: [ParsedTarget] = []
        var offset = 0
        for alternative in alternatives {
            switch part(alternative, offset: offset) {
            case .success(let p): parts.append(p)
            case .failure(let e): return .failure(e)
            }
            offset += alternative.count + 1
        }
        return .success(parts)
    }

    private static func part(_ raw: String, offset: Int) -> Result<ParsedTarget, MeasureSyntaxError> {
        var rest = Substring(ascii(raw).trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return .failure(MeasureSyntaxError(offset: offset, message: ScoringMessages.emptyTargetPart)) }
        guard let (symbol, comparator) = comparators.first(where: { rest.hasPrefix($0.0) }) else {
            let seen = String(rest.prefix { !$0.isNumber })
            return .failure(MeasureSyntaxError(offset: offset, message: ScoringMessages.badComparator(seen.isEmpty ? String(rest) : seen)))
        }
        rest = rest.dropFirst(symbol.count).drop { $0 == " " }
        let numberText = String(rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard !numberText.isEmpty, Decimal(exactly: numberText) != nil else {
            return .failure(MeasureSyntaxError(offset: offset, message: ScoringMessages.targetNeedsNumber(raw.trimmingCharacters(in: .whitespaces))))
        }
        rest = rest.dropFirst(numberText.count)
        var isPercent = false
        if rest.first == "%" || rest.first == "％" {
            isPercent = true
            rest = rest.dropFirst()
        }
        let unit = rest.trimmingCharacters(in: .whitespaces)
        if isPercent, !unit.isEmpty {
            return .failure(MeasureSyntaxError(offset: offset, message: ScoringMessages.percentWithUnit(unit)))
        }
        return .success(ParsedTarget(comparator: comparator, numberText: numberText, isPercent: isPercent, unit: unit))
    }

    /// Full-width digits and point as ASCII, so `＞＝１３０` reads like `>=130`.
    private static func ascii(_ s: String) -> String {
        String(s.map { c -> Character in
            guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return c }
            if (0xFF10...0xFF19).contains(v) || v == 0xFF0E, let scalar = Unicode.Scalar(v - 0xFEE0) {
                return Character(scalar)
            }
            return c
        })
    }
}
