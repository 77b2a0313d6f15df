import Foundation

/// The district rollup of accepted records: what 汇总表 shows besides the indicators.
public struct Rollup: Sendable {
    public struct UnitMonth: Sendable, Hashable {
        public var activities: Int
        public var coverage: Int
        public init(activities: Int, coverage: Int) {
            self.activities = activities
            self.coverage = coverage
        }
    }

    public struct UnitRow: Sendable {
        public var unit: ReportingUnit
        /// Accepted months only; a due month absent here is missing (see `due`).
        public var months: [Period: UnitMonth]
        /// Months the unit had to report, in order.
        public var due: [Period]
        /// Accepted months declared 零报告.
        public var zeroReports: Set<Period>
        public init(unit: ReportingUnit, months: [Period: UnitMonth], due: [Period], zeroReports: Set<Period> = []) {
            self.unit = unit
            self.months = months
            self.due = due
            self.zeroReports = zeroReports
        }
    }

    public struct StreetRow: Sendable, Hashable {
        public var street: String
        public var units: Int
        public var activities: Int
        public var coverage: Int
        public init(street: String, units: Int, activities: Int, coverage: Int) {
            self.street = street
            self.units = units
            self.activities = activities
            self.coverage = coverage
        }
    }

    public struct MonthRow: Sendable, Hashable {
        public var period: Period
        public var activities: Int
        public var coverage: Int
        public init(period: Period, activities: Int, coverage: Int) {
            self.period = period
            self.activities = activities
            self.coverage = coverage
        }
    }

    public var periods: [Period]
    public var units: [UnitRow]
    /// Every street of the registry, in registry order, also those with no activity.
    public var streets: [StreetRow]
    public var months: [MonthRow]
    /// Every counted record, in unit, period, source row order: read when written.
    public var records: Records

    /// The counted records of a rollup, listed unit by unit (registry order, then codes not in
    /// the registry, alphabetically), each unit's by month and row.
    public struct Records: Sendable {
        public var source: ActivityRecords
        /// The units that have counted records, in listing order.
        public var units: [String]
        /// The months counted: the year up to the report's period.
        public var months: ClosedRange<Period>
        public var count: Int

        public init(source: ActivityRecords, units: [String], months: ClosedRange<Period>, count: Int) {
            self.source = source
            self.units = units
            self.months = months
            self.count = count
        }

        /// Records in memory, listed in the array's order.
        public init(_ records: [ActivityRecord]) {
            var seen = Set<String>()
            self.init(source: ActivityRecords(reading: { _, body in for (i, r) in records.enumerated() { try body(i, r) } }),
                      units: records.map(\.unitCode).filter { seen.insert($0).inserted },
                      months: Period.earliest...Period.latest, count: records.count)
        }

        /// The records in listing order; `RecordsChanged` if there are not `count` of them.
        public func forEach(_ body: (ActivityRecord) throws -> Void) throws {
            var listed = 0
            try source.forEach(units: units) { r in
                guard months.contains(r.period) else { return }
                listed += 1
                try body(r)
            }
            if listed != count { throw RecordsChanged(expected: count, listed: listed) }
        }
    }

    public init(periods: [Period], units: [UnitRow], streets: [StreetRow], months: [MonthRow], records: [ActivityRecord]) {
        self.init(periods: periods, units: units, streets: streets, months: months, records: Records(records))
    }

    public init(periods: [Period], units: [UnitRow], streets: [StreetRow], months: [MonthRow], records: Records) {
        self.periods = periods
        self.units = units
        self.streets = streets
        self.months = months
        self.records = records
    }
}

/// 评价结果: grade letter and label (A 优, B 良, C 中, D 差).
public struct Grade: Sendable, Hashable, Codable {
    public var letter: String
    public var label: String
    public init(letter: String, label: String) {
        self.letter = letter
        self.label = label
    }
}

/// One scored 三级指标, ready to print.
public struct IndicatorResult: Sendable, Hashable {
    public enum Progress: String, Sendable, Hashable {
        /// 已完成 — the target is met.
        case met = "已完成"
        /// 按序时进度 — on or ahead of the share of the year elapsed.
        case onSchedule = "符合序时进度"
        /// 滞后 — behind the share of the year elapsed.
        case behind = "滞后于序时进度"
        /// Not measurable from records (district inputs missing, qualitative, …).
        case notMeasured = "无数据"
    }

    public var level1: String
    public var level2: String
    public var name: String
    /// As written: `≥130场`, `=100%`, `≥1家 或 ≥2名`.
    public var targetText: String
    /// With units: `153场`, `87.2%`, `3家、19名`.
    public var actualText: String
    public var weight: Decimal
    /// Rounded per the options; never above `weight`.
    public var score: Decimal
    /// Share of the target achieved, capped at 1 (for 序时进度 comparison); nil when unmeasured.
    public var completion: Decimal?
    public var progress: Progress
    /// 偏差原因分析及改进措施.
    public var deviationReason: String
    /// The QU00 cell the reason was read from; nil when it is indicators.yaml's (or none).
    public var deviationReasonSource: SourceRef?
    /// Set when a manual override replaced the formula score.
    public var overrideReason: String?
    /// What the actual was computed from, for 佐证材料.
    public var evidence: IndicatorEvidence
    /// The measured figures, one per part of the target (empty for 定性 and when unmeasured).
    public var actuals: [MeasuredActual] = []

    public init(level1: String, level2: String, name: String, targetText: String, actualText: String,
                weight: Decimal, score: Decimal, completion: Decimal?, progress: Progress,
                deviationReason: String, overrideReason: String? = nil,
                evidence: IndicatorEvidence = IndicatorEvidence(rule: "", terms: [])) {
        self.level1 = level1
        self.level2 = level2
        self.name = name
        self.targetText = targetText
        self.actualText = actualText
        self.weight = weight
        self.score = score
        self.completion = completion
        self.progress = progress
        self.deviationReason = deviationReason
        self.overrideReason = overrideReason
        self.evidence = evidence
    }
}

/// A 一级指标 group: 成本指标（20分） etc.
public struct IndicatorGroup: Sendable, Hashable {
    public var name: String
    public var points: Decimal
    public var score: Decimal
    public init(name: String, points: Decimal, score: Decimal) {
        self.name = name
        self.points = points
        self.score = score
    }
}

/// The budget block of 指标表 row 4.
public struct BudgetBlock: Sendable, Hashable {
    public var initialBudget: Decimal
    public var fullYearBudget: Decimal
    public var executed: Decimal
    /// executed / fullYearBudget, unrounded.
    public var executionRate: Decimal
    public var weight: Decimal
    public var score: Decimal
    /// 追加34.00万元、调减45.07万元.
    public var note: String
    public init(initialBudget: Decimal, fullYearBudget: Decimal, executed: Decimal, executionRate: Decimal,
                weight: Decimal, score: Decimal, note: String) {
        self.initialBudget = initialBudget
        self.fullYearBudget = fullYearBudget
        self.executed = executed
        self.executionRate = executionRate
        self.weight = weight
        self.score = score
        self.note = note
    }
}

/// The scored year: everything 指标表 and 汇总表's 总览 print.
public struct Evaluation: Sendable {
    public var info: DepartmentInfo
    public var period: Period
    /// Share of the year elapsed at `period` (序时进度): month / 12.
    public var scheduleProgress: Decimal
    public var budget: BudgetBlock?
    public var overallGoal: String
    public var actualCompletion: String
    /// In table order: 成本 → 产出 → 效益 → 满意度.
    public var indicators: [IndicatorResult]
    public var groups: [IndicatorGroup]
    public var total: Decimal
    public var grade: Grade
    /// Consistency warnings and overrides, for 校验报告 and the run summary.
    public var notes: [Diagnostic]

    public init(info: DepartmentInfo, period: Period, scheduleProgress: Decimal, budget: BudgetBlock?,
                overallGoal: String, actualCompletion: String, indicators: [IndicatorResult],
                groups: [IndicatorGroup], total: Decimal, grade: Grade, notes: [Diagnostic]) {
        self.info = info
        self.period = period
        self.scheduleProgress = scheduleProgress
        self.budget = budget
        self.overallGoal = overallGoal
        self.actualCompletion = actualCompletion
        self.indicators = indicators
        self.groups = groups
        self.total = total
        self.grade = grade
        self.notes = notes
    }
}
