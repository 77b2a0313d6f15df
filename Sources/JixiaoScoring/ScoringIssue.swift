import JixiaoModel

/// Every problem the scoring stage reports: its severity, the stable code stored beside it
/// and its message, each an exhaustive switch. Errors stop the report (the indicator set
/// is inconsistent); warnings are the 评分提示 of 校验报告.
enum ScoringIssue: Sendable, Hashable {
    case weightsTotal(total: String)
    case groupPointsTotal(total: String)
    case groupWeights(group: String, sum: String, points: String)
    case overrideApplied(ref: String, score: String, formula: String, reason: String)
    case deviationMissing(ref: String, score: String, weight: String)
    case districtMissing(ref: String)
    case measureUndefined(ref: String)
    case targetLow(ref: String, actual: String, target: String)
    /// A reason in QU00's 偏差原因 for a 三级指标 the set does not have.
    case deviationUnmatched(indicator: String, file: String, cell: String)

    var severity: Severity {
        switch self {
        case .weightsTotal, .groupPointsTotal, .groupWeights: return .error
        case .overrideApplied, .deviationMissing, .districtMissing, .measureUndefined, .targetLow, .deviationUnmatched:
            return .warning
        }
    }

    var code: String {
        switch self {
        case .weightsTotal: return "indicators.weights.total"
        case .groupPointsTotal: return "indicators.groups.total"
        case .groupWeights: return "indicators.weights.group"
        case .overrideApplied: return "indicators.override"
        case .deviationMissing: return "indicators.deviation.missing"
        case .districtMissing: return "indicators.district.missing"
        case .measureUndefined: return "indicators.measure.undefined"
        case .targetLow: return "indicators.target.low"
        case .deviationUnmatched: return "indicators.deviation.unmatched"
        }
    }

    var message: String {
        switch self {
        case .weightsTotal(let total): return ScoringMessages.weightsTotal(total)
        case .groupPointsTotal(let total): return ScoringMessages.groupPointsTotal(total)
        case .groupWeights(let group, let sum, let points): return ScoringMessages.groupWeights(group, sum: sum, points: points)
        case .overrideApplied(let ref, let score, let formula, let reason):
            return ScoringMessages.overrideApplied(ref, score: score, formula: formula, reason: reason)
        case .deviationMissing(let ref, let score, let weight): return ScoringMessages.missingDeviation(ref, score: score, weight: weight)
        case .districtMissing(let ref): return ScoringMessages.districtMissing(ref)
        case .measureUndefined(let ref): return ScoringMessages.undefinedMeasure(ref)
        case .targetLow(let ref, let actual, let target): return ScoringMessages.targetTooLow(ref, actual: actual, target: target)
        case .deviationUnmatched(let indicator, let file, let cell):
            return ScoringMessages.unmatchedDeviation(indicator, file: file, cell: cell)
        }
    }

    /// As stored and shown: located at its line of indicators.yaml when it has one.
    func diagnostic(source: String, line: Int? = nil) -> Diagnostic {
        let text = line.map { ScoringMessages.located(source: source, line: $0, column: nil, message) } ?? message
        return Diagnostic(severity, code: code, file: source, message: text)
    }
}
