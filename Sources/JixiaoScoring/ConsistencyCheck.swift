import Foundation
import JixiaoModel

extension IndicatorSet {
    /// Static consistency of the set (docs/scoring.md, 一致性检查): the weights total 100 and each 一级
    /// group's weights total its stated points. Mismatches are errors.
    public func check() -> [Diagnostic] {
        var out: [Diagnostic] = []
        func error(_ code: String, line: Int, _ message: String) {
            out.append(Diagnostic(.error, code: code, file: source,
                                  message: ScoringMessages.located(source: source, line: line, column: nil, message)))
        }
        let total = indicators.reduce(Decimal(0)) { $0 + $1.weight }
        if total != 100 {
            error("indicators.weights.total", line: totalsLine, ScoringMessages.weightsTotal(total.plain))
        }
        let points = groups.reduce(Decimal(0)) { $0 + $1.points }
        if points != 100 {
            error("indicators.groups.total", line: totalsLine, ScoringMessages.groupPointsTotal(points.plain))
        }
        for group in groups {
            let sum = indicators.filter { $0.level1 == group.name }.reduce(Decimal(0)) { $0 + $1.weight }
            if sum != group.points {
                error("indicators.weights.group", line: group.line,
                      ScoringMessages.groupWeights(group.name, sum: sum.plain, points: group.points.plain))
            }
        }
        return out
    }
}
