import Foundation
import JixiaoModel

/// The scoring rule of docs/scoring.md (单项得分) for one target comparison: how much of the weight an actual earns,
/// whether the target is met, and how far along it is (for 序时进度).
enum ScoringRule {
    /// The unrounded score, 0…weight. Multiplying before dividing keeps an exact
    /// x.x5 exact (0.45 × 1/3 would otherwise come out as 0.14999… and round down).
    ///  - `≥ T`: met → weight, else weight × actual / T.
    ///  - `≤ T`: met → weight, else falling linearly to 0 at 2T.
    ///  - `= T` (rates such as =100%): weight × min(actual / T, 1).
    static func rawScore(_ comparator: Comparator, weight: Decimal, actual: Decimal, threshold t: Decimal) -> Decimal {
        let raw: Decimal
        switch comparator {
        case .atLeast, .equal:
            raw = t <= 0 ? (actual >= t ? weight : 0) : weight * actual / t
        case .atMost:
            if actual <= t { raw = weight }
            else { raw = t <= 0 ? 0 : weight * (2 * t - actual) / t }
        }
        return max(0, min(weight, raw))
    }

    static func isMet(_ comparator: Comparator, actual: Decimal, threshold t: Decimal) -> Bool {
        comparator == .atMost ? actual <= t : actual >= t
    }

    /// min(actual / target, 1); for rates against 100% the rate itself.
    static func completion(_ comparator: Comparator, actual: Decimal, threshold t: Decimal) -> Decimal {
        comparator == .atMost ? rawScore(comparator, weight: 1, actual: actual, threshold: t) : clamp(t <= 0 ? 1 : actual / t)
    }

    /// Rounded half-up, never above the weight.
    static func rounded(_ raw: Decimal, weight: Decimal, decimals: Int) -> Decimal {
        min(raw.roundedHalfUp(decimals), weight)
    }

    private static func clamp(_ x: Decimal) -> Decimal { max(0, min(1, x)) }
}

/// How actuals are printed next to their targets: `153场`, `87.2%`, `20.6万人次`.
enum ActualText {
    static func of(_ value: Decimal, part: TargetPart) -> String {
        if part.isPercent { return percent(value) }
        if part.scale != 1 { return (value / part.scale).roundedHalfUp(1).plain + part.unit }
        return value.roundedHalfUp(2).plain + part.unit
    }

    /// The actual in the target's own terms (a rate ×100, 万 divided out), unrounded.
    static func measured(_ value: Decimal, part: TargetPart) -> MeasuredActual {
        let shown = part.isPercent ? value * 100 : value / part.scale
        return MeasuredActual(value: shown, unit: part.isPercent ? "" : part.unit, isPercent: part.isPercent, isScaled: part.scale != 1)
    }

    /// A rate always with one decimal (`87.2%`, `100.0%`), as docs/scoring.md prints rates.
    static func percent(_ rate: Decimal) -> String { (rate * 100).fixed(1) + "%" }
}
