import Foundation

/// One measured actual of an indicator, in the units its 指标值 is written in: `153` for
/// `≥130场`, `20.6` for `≥10万人次`, `87.2` for `=100%` (unrounded).
public struct MeasuredActual: Sendable, Hashable {
    public var value: Decimal
    public var unit: String
    public var isPercent: Bool
    /// Divided by a 万 unit: printed with one decimal.
    public var isScaled: Bool

    public init(value: Decimal, unit: String, isPercent: Bool, isScaled: Bool) {
        self.value = value
        self.unit = unit
        self.isPercent = isPercent
        self.isScaled = isScaled
    }

    /// Rounded as 指标表 prints actuals: one decimal for rates and 万, else up to two.
    public var text: String { number(value) + (isPercent ? "%" : unit) }

    func number(_ value: Decimal) -> String {
        if isPercent { return value.fixed(1) }
        return isScaled ? value.roundedHalfUp(1).plain : value.roundedHalfUp(2).plain
    }

    /// `较上年增加12场`, `较上年减少0.4万人次`, `与上年持平`, `较上年提高2.5个百分点`; nil when
    /// the two are not the same kind of figure.
    public func change(from previous: MeasuredActual) -> YearChange? {
        guard previous.unit == unit, previous.isPercent == isPercent, previous.isScaled == isScaled else { return nil }
        return YearChange(previous: previous, current: self)
    }
}

/// This year's actual against last year's, for 汇总表's 总览 and the report draft.
public struct YearChange: Sendable, Hashable {
    public var previous: MeasuredActual
    public var current: MeasuredActual

    /// Compared as printed, so the words never contradict the two figures shown.
    public var difference: Decimal {
        let shown = { (a: MeasuredActual) in Decimal(string: a.number(a.value)) ?? 0 }
        return shown(current) - shown(previous)
    }

    /// `+12场`, `-0.4万人次`, `+2.5个百分点`, `0场`.
    public var signedText: String {
        let d = difference
        let magnitude = current.number(d < 0 ? -d : d)
        let sign = d > 0 ? "+" : (d < 0 ? "-" : "")
        return sign + magnitude + (current.isPercent ? "个百分点" : current.unit)
    }

    /// `较上年增加12场`.
    public var sentence: String {
        let d = difference
        if d == 0 { return "与上年持平" }
        let magnitude = current.number(d < 0 ? -d : d)
        if current.isPercent { return "较上年\(d > 0 ? "提高" : "下降")\(magnitude)个百分点" }
        return "较上年\(d > 0 ? "增加" : "减少")\(magnitude)\(current.unit)"
    }
}

/// A 年度目标 of the self-evaluation report, with the indicators that measure it and the
/// records behind them.
public struct AnnualGoal: Sendable {
    public var title: String
    public var indicators: [GoalIndicator]

    public init(title: String, indicators: [GoalIndicator]) {
        self.title = title
        self.indicators = indicators
    }
}

public struct GoalIndicator: Sendable {
    public var result: IndicatorResult
    /// The 活动明细 rows the indicator's measure counts, summed up.
    public var activities: ActivitySummary
    /// The 工作量 items it sums, each summed up, in the order their entries first came.
    public var workload: [WorkloadSummary]
    /// Last year's figures, when a comparison workspace gave them.
    public var changes: [YearChange]

    public init(result: IndicatorResult, activities: ActivitySummary, workload: [WorkloadSummary], changes: [YearChange] = []) {
        self.result = result
        self.activities = activities
        self.workload = workload
        self.changes = changes
    }
}

/// 部门概况 as the office keeps it in the workspace: nil where still to be written.
public struct DepartmentProfile: Sendable, Hashable {
    /// 机构、人员构成, one paragraph per entry.
    public var staffing: [String]?
    /// 单位主要职责, one paragraph per entry.
    public var duties: [String]?

    public init(staffing: [String]?, duties: [String]?) {
        self.staffing = staffing
        self.duties = duties
    }
}

/// Everything 自评报告.docx is written from.
public struct SelfEvaluationDraft: Sendable {
    public var evaluation: Evaluation
    public var profile: DepartmentProfile
    public var district: DistrictInputs?
    public var goals: [AnnualGoal]
    /// Units by code, to name them in 完成情况.
    public var unitNames: [String: String]
    /// The year compared with, when `compare_with` gave one.
    public var comparedYear: Int?

    public init(evaluation: Evaluation, profile: DepartmentProfile, district: DistrictInputs?, goals: [AnnualGoal],
                unitNames: [String: String], comparedYear: Int?) {
        self.evaluation = evaluation
        self.profile = profile
        self.district = district
        self.goals = goals
        self.unitNames = unitNames
        self.comparedYear = comparedYear
    }
}

/// The activity rows an indicator counts, as the report draft describes them: how many, the
/// people reached, who held them and the few most notable — gathered row by row, so that a
/// year of any size is described without holding its rows.
public struct ActivitySummary: Sendable, Hashable {
    public private(set) var count = 0
    public private(set) var coverage = 0
    /// Rows per unit code.
    public private(set) var perUnit: [String: Int] = [:]
    /// The rows with the most 覆盖人数, at most `notableLimit`, most first; on a tie the earlier
    /// date, then unit code and row.
    public private(set) var notable: [ActivityRecord] = []
    /// Which rows these are: equal for summaries of the same rows, whatever order they came in.
    public private(set) var rows = RowSetFingerprint()

    public static let notableLimit = 3

    public init() {}

    public mutating func add(_ r: ActivityRecord) {
        count += 1
        coverage += r.coverage
        perUnit[r.unitCode, default: 0] += 1
        rows.add(r)
        if notable.count < Self.notableLimit || Self.precedes(r, notable[notable.count - 1]) {
            let at = notable.firstIndex { Self.precedes(r, $0) } ?? notable.count
            notable.insert(r, at: at)
            if notable.count > Self.notableLimit { notable.removeLast() }
        }
    }

    private static func precedes(_ a: ActivityRecord, _ b: ActivityRecord) -> Bool {
        if a.coverage != b.coverage { return a.coverage > b.coverage }
        if a.date != b.date { return a.date < b.date }
        if a.unitCode != b.unitCode { return a.unitCode < b.unitCode }
        if a.source.row != b.source.row { return a.source.row < b.source.row }
        if a.period != b.period { return a.period < b.period }
        return a.source.file < b.source.file
    }
}

/// The counted 工作量 entries of one item, summed up for the report draft.
public struct WorkloadSummary: Sendable, Hashable {
    public let item: WorkloadItem
    public private(set) var total = 0
    /// Quantity per unit code.
    public private(set) var perUnit: [String: Int] = [:]
    /// The first distinct non-empty 说明, at most `noteLimit`, in the entries' order.
    public private(set) var notes: [String] = []
    public static let noteLimit = 3

    public init(item: WorkloadItem) {
        self.item = item
    }

    public mutating func add(_ e: WorkloadEntry) {
        total += e.quantity
        perUnit[e.unitCode, default: 0] += e.quantity
        if notes.count < Self.noteLimit, !e.note.isEmpty, !notes.contains(e.note) { notes.append(e.note) }
    }
}

/// A set of activity rows, by where each came from, in two words: equal sets give equal
/// fingerprints in any order.
public struct RowSetFingerprint: Sendable, Hashable {
    private var count = 0
    private var sum: UInt64 = 0
    private var mixed: UInt64 = 0

    public init() {}

    mutating func add(_ r: ActivityRecord) {
        var hasher = Hasher()
        hasher.combine(r.unitCode)
        hasher.combine(r.period)
        hasher.combine(r.source.file)
        hasher.combine(r.source.row)
        let h = UInt64(bitPattern: Int64(hasher.finalize()))
        count += 1
        sum &+= h
        mixed ^= h &* 0x9E37_79B9_7F4A_7C15
    }
}
