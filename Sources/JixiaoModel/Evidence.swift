import Foundation

/// What one term of an indicator's measure was computed from: the records, entries or figures
/// that counted, as the scoring found them. 佐证材料 lists exactly these, so counting its rows
/// always gives the printed 实际完成值.
public struct EvidenceTerm: Sendable, Hashable {
    /// The term in words: `活动类别为“科普活动”的活动场次`.
    public var rule: String
    /// The term's value (a count, a sum, a figure), before any arithmetic with other terms.
    public var value: Decimal
    public var items: EvidenceItems

    public init(rule: String, value: Decimal, items: EvidenceItems) {
        self.rule = rule
        self.value = value
        self.items = items
    }
}

public enum EvidenceItems: Sendable, Hashable {
    /// Activity rows that matched; `shown` are the columns the rule reads (filters, the summed
    /// or distinct column), `summed` the column added up (nil: the rows are counted), and
    /// `distinct` the column whose distinct non-empty values are counted.
    case activities([ActivityRecord], shown: [ActivityColumn], summed: ActivityColumn?, distinct: ActivityColumn?)
    /// The registry's streets, each with the matching activities of its units.
    case streets([StreetEvidence], coveredOnly: Bool)
    /// 工作量 entries of one item.
    case workload([WorkloadEntry])
    /// One figure of the district office's 预算与满意度 sheet.
    case district(DistrictFigure)
}

/// A street of the registry and the counted activities of its units.
public struct StreetEvidence: Sendable, Hashable {
    public var street: String
    public var activities: Int
    public init(street: String, activities: Int) {
        self.street = street
        self.activities = activities
    }
}

/// A value of 预算与满意度 with where it was read.
public struct DistrictFigure: Sendable, Hashable {
    /// The label as printed in the sheet: `全年执行数`.
    public var label: String
    public var value: Decimal
    public var period: Period
    public var sourceFile: String
    /// `预算与满意度!B6`; empty when the ledger predates cell positions.
    public var cell: String

    public init(label: String, value: Decimal, period: Period, sourceFile: String, cell: String) {
        self.label = label
        self.value = value
        self.period = period
        self.sourceFile = sourceFile
        self.cell = cell
    }
}

/// One indicator's evidence: its measure in words and the terms it was computed from.
public struct IndicatorEvidence: Sendable, Hashable {
    /// The whole measure in words, with where its data come from; for a qualitative
    /// indicator, how it was judged.
    public var rule: String
    /// Every term of every part (`A 或 B` has two parts), in the order written.
    public var terms: [EvidenceTerm]
    public init(rule: String, terms: [EvidenceTerm]) {
        self.rule = rule
        self.terms = terms
    }
}
