import Foundation

/// One row of QU00's 偏差原因 sheet that says something: the 三级指标 it is about (as
/// indicators.yaml names it) and its 偏差原因分析及改进措施, with the cell it was read from.
public struct DeviationReason: Sendable, Codable, Hashable {
    /// 三级指标, trimmed.
    public var indicator: String
    public var reason: String
    /// The reason's cell in the file as received (`偏差原因!D3`), file included.
    public var source: SourceRef

    public init(indicator: String, reason: String, source: SourceRef) {
        self.indicator = indicator
        self.reason = reason
        self.source = source
    }
}

/// The reasons scoring takes: those of the latest accepted QU00 submission (by 报送月份) that
/// gives any. A later month's file with the sheet left blank (every month's template has it)
/// does not wipe them; a later one with reasons replaces them all, as 预算与满意度 is replaced.
public struct SubmittedDeviationReasons: Sendable, Hashable {
    public var period: Period
    /// The QU00 file as received.
    public var sourceFile: String
    /// In the order of the sheet's rows.
    public var reasons: [DeviationReason]

    public init(period: Period, sourceFile: String, reasons: [DeviationReason]) {
        self.period = period
        self.sourceFile = sourceFile
        self.reasons = reasons
    }

    /// The reason given for `indicator`, if any (names are unique in the sheet).
    public func reason(for indicator: String) -> DeviationReason? {
        reasons.first { $0.indicator == indicator }
    }
}

/// A row the 偏差原因 sheet is drawn with: one per 三级指标 of indicators.yaml, in its order.
public struct DeviationSheetRow: Sendable, Hashable {
    public var level1: String
    public var indicator: String
    /// 分值; nil on a return copy's row for a name the file had that indicators.yaml lacks.
    public var weight: Decimal?

    public init(level1: String, indicator: String, weight: Decimal?) {
        self.level1 = level1
        self.indicator = indicator
        self.weight = weight
    }
}
