import Foundation
import JixiaoModel

extension IndicatorSet {
    /// Static consistency of the set (docs/scoring.md, 一致性检查): the weights total 100 and each 一级
    /// group's weights total its stated points. Mismatches are errors.
    public func check() -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ issue: ScoringIssue, line: Int) { out.append(issue.diagnostic(source: source, line: line)) }
        let total = indicators.reduce(Decimal(0)) { $0 + $1.weight }
        if total != 100 {
            report(.weightsTotal(total: total.plain), line: totalsLine)
        }
        let points = groups.reduce(Decimal(0)) { $0 + $1.points }
        if points != 100 {
            report(.groupPointsTotal(total: points.plain), line: totalsLine)
        }
        for group in groups {
            let sum = indicators.filter { $0.level1 == group.name }.reduce(Decimal(0)) { $0 + $1.weight }
            if sum != group.points {
                report(.groupWeights(group: group.name, sum: sum.plain, points: group.points.plain), line: group.line)
            }
        }
        return out
    }
}
