import Foundation
import JixiaoModel

extension Evaluator {
    /// The 年度目标 of `set` with their scored indicators and the records behind them, for
    /// the report draft. `previous` is last year's evaluation, matched by 三级指标 name.
    public static func annualGoals(_ set: IndicatorSet, evaluation: Evaluation, snapshot: LedgerSnapshot,
                                   previous: Evaluation? = nil) -> [AnnualGoal] {
        let context = MeasureContext(snapshot: snapshot)
        let results = Dictionary(evaluation.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let specs = Dictionary(set.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let changes = YearComparison.changes(evaluation, previous: previous)
        return set.annualGoals.map { goal in
            AnnualGoal(title: goal.title, indicators: goal.indicators.compactMap { name in
                guard let result = results[name], let spec = specs[name] else { return nil }
                var activities: [ActivityRecord] = []
                var workload: [WorkloadEntry] = []
                var seenActivities = Set<ActivityRecord>(), seenWorkload = Set<WorkloadEntry>()
                if case .measured(let parts) = spec.assessment {
                    for part in parts {
                        let counted = context.counted(part.measure)
                        activities += counted.activities.filter { seenActivities.insert($0).inserted }
                        workload += counted.workload.filter { seenWorkload.insert($0).inserted }
                    }
                }
                return GoalIndicator(result: result, activities: activities, workload: workload, changes: changes[name] ?? [])
            })
        }
    }
}

/// This year's actuals against a previous year's, indicator by indicator.
public enum YearComparison {
    /// By 三级指标 name: one change per target part, only where both years measured the
    /// indicator with the same parts in the same units (a changed indicator is not compared).
    public static func changes(_ current: Evaluation, previous: Evaluation?) -> [String: [YearChange]] {
        guard let previous else { return [:] }
        let before = Dictionary(previous.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [String: [YearChange]] = [:]
        for result in current.indicators {
            guard let old = before[result.name], old.actuals.count == result.actuals.count, !result.actuals.isEmpty else { continue }
            let pairs = zip(result.actuals, old.actuals).compactMap { $0.change(from: $1) }
            if pairs.count == result.actuals.count { out[result.name] = pairs }
        }
        return out
    }
}
