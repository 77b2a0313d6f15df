import Foundation
import JixiaoModel

/// Scores an indicator set against the ledger: ledger snapshot → evaluation.
public enum Evaluator {
    /// Reads the snapshot's records once, for every measure of the set.
    public static func evaluate(_ set: IndicatorSet, snapshot: LedgerSnapshot) throws -> Evaluation {
        let context = try MeasureContext(snapshot: snapshot, measures: set.measures)
        let schedule = scheduleProgress(year: snapshot.info.year, through: snapshot.through)
        let scorer = IndicatorScorer(set: set, context: context, scheduleProgress: schedule,
                                     submittedReasons: snapshot.deviationReasons)
        var notes = set.check() + unmatchedReasons(set, snapshot.deviationReasons)
        var results: [IndicatorResult] = []
        for spec in set.indicators {
            let scored = scorer.score(spec)
            results.append(scored.result)
            notes += scored.notes
        }
        let groups = set.groups.map { group in
            IndicatorGroup(name: group.name, points: group.points,
                           score: results.filter { $0.level1 == group.name }.reduce(Decimal(0)) { $0 + $1.score })
        }
        let total = groups.reduce(Decimal(0)) { $0 + $1.score }
        let district = snapshot.district
        let goal = (district?.overallGoal).flatMap { $0.isEmpty ? nil : $0 } ?? set.overallGoal
        return Evaluation(info: snapshot.info, period: snapshot.through, scheduleProgress: schedule,
                          budget: budgetBlock(set, results: results, district: district),
                          overallGoal: goal, actualCompletion: district?.actualCompletion ?? "",
                          indicators: results, groups: groups, total: total, grade: set.grade(for: total), notes: notes)
    }

    /// Reasons QU00 gave for a 三级指标 indicators.yaml no longer has (renamed since, or the file
    /// was collected while indicators.yaml could not be read): shown, so none is dropped unseen.
    static func unmatchedReasons(_ set: IndicatorSet, _ submitted: SubmittedDeviationReasons?) -> [Diagnostic] {
        guard let submitted else { return [] }
        let names = Set(set.indicators.map(\.name))
        return submitted.reasons.filter { !names.contains($0.indicator) }.map { reason in
            ScoringIssue.deviationUnmatched(indicator: reason.indicator, file: submitted.sourceFile,
                                            cell: reason.source.location).diagnostic(source: set.source)
        }
    }

    /// 序时进度: month / 12 of the report's period (0 before the year, 1 after it).
    static func scheduleProgress(year: Int, through: Period) -> Decimal {
        if through.year < year { return 0 }
        if through.year > year { return 1 }
        return Decimal(through.month) / 12
    }

    /// 指标表 row 4: the district's budget figures beside the 预算执行率 indicator's score.
    static func budgetBlock(_ set: IndicatorSet, results: [IndicatorResult], district: DistrictInputs?) -> BudgetBlock? {
        guard let d = district, let index = set.indicators.firstIndex(where: \.isBudgetExecutionRate) else { return nil }
        let full = d.fullYearBudget
        let result = results[index]
        return BudgetBlock(initialBudget: d.initialBudget, fullYearBudget: full, executed: d.executed,
                           executionRate: full == 0 ? 0 : d.executed / full, weight: result.weight, score: result.score,
                           note: ScoringMessages.budgetNote(addition: d.addition, reduction: d.reduction))
    }
}

extension IndicatorSet {
    /// Every measure of the set's measured indicators, in table order.
    var measures: [Measure] {
        indicators.flatMap { spec -> [Measure] in
            if case .measured(let parts) = spec.assessment { return parts.map(\.measure) }
            return []
        }
    }
}

/// Scores one indicator and says what reviewers should know about it.
struct IndicatorScorer {
    let set: IndicatorSet
    let context: MeasureContext
    let scheduleProgress: Decimal
    /// QU00's 偏差原因, each taking the place of indicators.yaml's for its indicator.
    let submittedReasons: SubmittedDeviationReasons?

    struct Scored {
        var result: IndicatorResult
        var notes: [Diagnostic]
    }

    func score(_ spec: IndicatorSpec) -> Scored {
        let ref = ScoringMessages.indicatorRef(spec.name, line: spec.line)
        var notes: [Diagnostic] = []
        var result = IndicatorResult(level1: spec.level1, level2: spec.level2, name: spec.name, targetText: spec.targetText,
                                     actualText: "", weight: spec.weight, score: 0, completion: nil,
                                     progress: .notMeasured, deviationReason: spec.deviationReason)
        if let submitted = submittedReasons?.reason(for: spec.name) {
            result.deviationReason = submitted.reason
            result.deviationReasonSource = submitted.source
        }
        switch spec.assessment {
        case .qualitative(let q):
            result.actualText = q.actualText
            result.evidence = IndicatorEvidence(rule: ScoringMessages.qualitativeRule(q.level.rawValue), terms: [])
            result.score = ScoringRule.rounded(q.score, weight: spec.weight, decimals: set.decimals)
        case .measured(let parts):
            notes += scoreMeasured(parts, weight: spec.weight, ref: ref, into: &result)
        }
        if let override = spec.override {
            let formula = result.score
            result.score = ScoringRule.rounded(override.score, weight: spec.weight, decimals: set.decimals)
            result.overrideReason = override.reason
            notes.append(note(.overrideApplied(ref: ref, score: result.score.plain, formula: formula.plain,
                                               reason: override.reason)))
        }
        if result.score < spec.weight, result.deviationReason.isEmpty {
            notes.append(note(.deviationMissing(ref: ref, score: result.score.plain, weight: spec.weight.plain)))
        }
        return Scored(result: result, notes: notes)
    }

    /// One target comparison judged against its measured actual.
    private struct Judged {
        var part: TargetPart
        var actual: Decimal
        var raw: Decimal
        var completion: Decimal
        var met: Bool

        init(_ part: TargetPart, actual: Decimal, weight: Decimal) {
            self.part = part
            self.actual = actual
            raw = ScoringRule.rawScore(part.comparator, weight: weight, actual: actual, threshold: part.threshold)
            completion = ScoringRule.completion(part.comparator, actual: actual, threshold: part.threshold)
            met = ScoringRule.isMet(part.comparator, actual: actual, threshold: part.threshold)
        }
    }

    /// Fills actual, score, completion and progress; "A 或 B" takes the better part.
    private func scoreMeasured(_ parts: [TargetPart], weight: Decimal, ref: String,
                               into result: inout IndicatorResult) -> [Diagnostic] {
        let measured = parts.map { context.measure($0.measure) }
        let outcomes = measured.map(\.outcome)
        result.evidence = IndicatorEvidence(rule: MeasureWording.rule(parts.map(\.measure)), terms: measured.flatMap(\.terms))
        if outcomes.contains(.notReported) {
            result.actualText = ScoringMessages.actualNotReported
            return [note(.districtMissing(ref: ref))]
        }
        var judged: [Judged] = []
        var texts: [String] = []
        for (part, outcome) in zip(parts, outcomes) {
            if case .value(let actual) = outcome {
                judged.append(Judged(part, actual: actual, weight: weight))
                texts.append(ActualText.of(actual, part: part))
                result.actuals.append(ActualText.measured(actual, part: part))
            } else {
                texts.append(ScoringMessages.actualUndefined)
            }
        }
        guard !judged.isEmpty else {
            result.actualText = ScoringMessages.actualUndefined
            return [note(.measureUndefined(ref: ref))]
        }
        let completion = judged.map(\.completion).max() ?? 0
        result.actualText = texts.joined(separator: "、")
        result.score = ScoringRule.rounded(judged.map(\.raw).max() ?? 0, weight: weight, decimals: set.decimals)
        result.completion = completion
        result.progress = judged.contains(where: \.met) ? .met : (completion >= scheduleProgress ? .onSchedule : .behind)
        return judged.filter { $0.part.comparator == .atLeast && $0.part.threshold > 0 && $0.actual >= 3 * $0.part.threshold }
            .map { j in
                note(.targetLow(ref: ref, actual: ActualText.of(j.actual, part: j.part), target: j.part.text))
            }
    }

    private func note(_ issue: ScoringIssue) -> Diagnostic { issue.diagnostic(source: set.source) }
}
