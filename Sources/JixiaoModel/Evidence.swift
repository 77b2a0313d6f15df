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
    /// Activity rows that matched, read again when listed.
    case activities(ActivityEvidence)
    /// The registry's streets, each with the matching activities of its units.
    case streets([StreetEvidence], coveredOnly: Bool)
    /// 工作量 entries of one item, read again when listed.
    case workload(WorkloadEvidence)
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

/// The activity rows one term counted: how many, which columns its rule reads, and the rows
/// themselves as a selection read again when 佐证材料 lists them (a year may hold millions).
public struct ActivityEvidence: Sendable, Hashable {
    public var rows: RecordSelection
    /// The columns the rule reads (filters, the summed or distinct column).
    public var shown: [ActivityColumn]
    /// The column added up; nil: the rows are counted.
    public var summed: ActivityColumn?
    /// The column whose distinct non-empty values are counted.
    public var distinct: ActivityColumn?
    /// The fields whose value was normalised in at least one of the rows (科普讲座 → 科普活动).
    public var normalised: Set<ActivityField>

    public init(rows: RecordSelection, shown: [ActivityColumn], summed: ActivityColumn?, distinct: ActivityColumn?,
                normalised: Set<ActivityField>) {
        self.rows = rows
        self.shown = shown
        self.summed = summed
        self.distinct = distinct
        self.normalised = normalised
    }
}

/// The records of a source that one rule selected, by their positions in its listing.
public struct RecordSelection: Sendable, Hashable {
    public let source: ActivityRecords
    public let positions: PositionSet

    public init(source: ActivityRecords, positions: PositionSet) {
        self.source = source
        self.positions = positions
    }

    public var count: Int { positions.count }

    /// The selected records, in the source's order; `RecordsChanged` if they are not all there.
    public func forEach(_ body: (ActivityRecord) throws -> Void) throws {
        var listed = 0
        try source.forEach(at: positions) { r in
            listed += 1
            try body(r)
        }
        if listed != count { throw RecordsChanged(expected: count, listed: listed) }
    }

    public static func == (a: RecordSelection, b: RecordSelection) -> Bool {
        a.positions == b.positions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(positions)
    }
}

/// The 工作量 entries of one item that one term added up: how many, and the entries
/// themselves read again when 佐证材料 lists them.
public struct WorkloadEvidence: Sendable, Hashable {
    public let source: WorkloadEntries
    public let item: WorkloadItem
    public let count: Int
    /// Which of the item's entries count (the year up to the period, not 0).
    private let counts: @Sendable (WorkloadEntry) -> Bool

    public init(source: WorkloadEntries, item: WorkloadItem, count: Int, counts: @escaping @Sendable (WorkloadEntry) -> Bool) {
        self.source = source
        self.item = item
        self.count = count
        self.counts = counts
    }

    /// The counted entries, in the source's order; `RecordsChanged` if they are not all there.
    public func forEach(_ body: (WorkloadEntry) throws -> Void) throws {
        var listed = 0
        try source.forEach(only: [item]) { e in
            guard counts(e) else { return }
            listed += 1
            try body(e)
        }
        if listed != count { throw RecordsChanged(expected: count, listed: listed, what: "工作量") }
    }

    public static func == (a: WorkloadEvidence, b: WorkloadEvidence) -> Bool {
        a.item == b.item && a.count == b.count
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(item)
        hasher.combine(count)
    }
}
