import Foundation
import JixiaoModel

extension Evaluator {
    /// The 年度目标 of `set` with their scored indicators and the records behind them, for
    /// the report draft. `previous` is last year's evaluation, matched by 三级指标 name.
    /// One pass over the records describes every goal's indicators.
    public static func annualGoals(_ set: IndicatorSet, evaluation: Evaluation, snapshot: LedgerSnapshot,
                                   previous: Evaluation? = nil) throws -> [AnnualGoal] {
        let context = try MeasureContext(snapshot: snapshot, measures: [])
        let results = Dictionary(evaluation.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let specs = Dictionary(set.indicators.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let changes = YearComparison.changes(evaluation, previous: previous)
        struct Described {
            var result: IndicatorResult
            var filters: [RowFilter]
            /// The 工作量 items of each part of the measure.
            var workload: [[WorkloadItem]]
            var activities = ActivitySummary()
        }
        var described: [[Described]] = set.annualGoals.map { goal in
            goal.indicators.compactMap { name in
                guard let result = results[name], let spec = specs[name] else { return nil }
                var filters: [RowFilter] = []
                var workload: [[WorkloadItem]] = []
                if case .measured(let parts) = spec.assessment {
                    for part in parts {
                        let counted = context.counted(part.measure)
                        filters += counted.filters
                        workload.append(counted.workload)
                    }
                }
                return Described(result: result, filters: filters, workload: workload)
            }
        }
        let matcher = context.matcher
        if described.contains(where: { $0.contains { !$0.filters.isEmpty } }) {
            try context.records.forEach { r in
                guard context.inScope(r) else { return }
                for g in described.indices {
                    for i in described[g].indices where described[g][i].filters.contains(where: { matcher.matches(r, $0) }) {
                        described[g][i].activities.add(r)
                    }
                }
            }
        }
        // One pass sums every item up; each item remembers where its first entry came.
        var summaries: [WorkloadItem: (first: Int, summary: WorkloadSummary)] = [:]
        var position = 0
        try context.workload.forEach(only: Set(described.joined().flatMap { $0.workload.joined() })) { e in
            guard context.entryCounts(e) else { return }
            summaries[e.item, default: (position, WorkloadSummary(item: e.item))].summary.add(e)
            position += 1
        }
        /// A part's items in the order their entries first came, after the earlier parts' items.
        func workloadSummaries(_ parts: [[WorkloadItem]]) -> [WorkloadSummary] {
            var items: [WorkloadItem] = []
            for part in parts {
                let found = part.filter { summaries[$0] != nil && !items.contains($0) }
                items += found.sorted { summaries[$0]!.first < summaries[$1]!.first }
            }
            return items.compactMap { summaries[$0]?.summary }
        }
        return zip(set.annualGoals, described).map { goal, items in
            AnnualGoal(title: goal.title, indicators: items.map {
                GoalIndicator(result: $0.result, activities: $0.activities, workload: workloadSummaries($0.workload),
                              changes: changes[$0.result.name] ?? [])
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
