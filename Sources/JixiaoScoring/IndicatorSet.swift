import Foundation
import JixiaoModel

/// The year's indicator set, parsed from `indicators.yaml` (see docs/indicators.md).
/// Indicators are kept in table order: by 一级 group as listed in 一级指标分值, then by
/// first appearance of their 二级, then file order — so merged cells in 指标表 stay contiguous.
public struct IndicatorSet: Sendable {
    /// The file name the set came from, for diagnostics.
    public var source: String
    /// Decimals each indicator score is rounded to (half-up).
    public var decimals: Int
    /// Highest threshold first; the total takes the first grade whose minimum it reaches.
    public var grades: [GradeThreshold]
    /// 一级 groups in table order, with their stated points.
    public var groups: [IndicatorGroupSpec]
    public var indicators: [IndicatorSpec]
    /// 年度总体目标 used when the district sheet gives none.
    public var overallGoal: String
    /// Line of 一级指标分值 (or of 指标), where weight totals are reported.
    public var totalsLine: Int
    /// 年度目标 of the self-evaluation report, in file order; empty when the file gives none.
    public var annualGoals: [AnnualGoalSpec]

    public init(source: String, decimals: Int, grades: [GradeThreshold], groups: [IndicatorGroupSpec],
                indicators: [IndicatorSpec], overallGoal: String, totalsLine: Int, annualGoals: [AnnualGoalSpec] = []) {
        self.source = source
        self.decimals = decimals
        self.grades = grades
        self.groups = groups
        self.indicators = indicators
        self.overallGoal = overallGoal
        self.totalsLine = totalsLine
        self.annualGoals = annualGoals
    }

    /// 优 ≥ 90 (A), 良 ≥ 80 (B), 中 ≥ 60 (C), 差 below (D).
    public static let standardGrades: [GradeThreshold] = [
        GradeThreshold(minimum: 90, label: "优", letter: "A"),
        GradeThreshold(minimum: 80, label: "良", letter: "B"),
        GradeThreshold(minimum: 60, label: "中", letter: "C"),
        GradeThreshold(minimum: 0, label: "差", letter: "D"),
    ]

    /// The grade a total earns under this set's thresholds.
    public func grade(for total: Decimal) -> Grade {
        let band = grades.first { total >= $0.minimum } ?? grades.last
        return Grade(letter: band?.letter ?? "", label: band?.label ?? "")
    }
}

/// A 年度目标 and the 三级指标 (by name) that measure it.
public struct AnnualGoalSpec: Sendable, Hashable {
    public var title: String
    public var indicators: [String]
    public var line: Int
    public init(title: String, indicators: [String], line: Int) {
        self.title = title
        self.indicators = indicators
        self.line = line
    }
}

public struct GradeThreshold: Sendable, Hashable {
    public var minimum: Decimal
    public var label: String
    public var letter: String
    public init(minimum: Decimal, label: String, letter: String) {
        self.minimum = minimum
        self.label = label
        self.letter = letter
    }
}

/// A 一级指标 and the points it is stated to carry (成本指标 20 …).
public struct IndicatorGroupSpec: Sendable, Hashable {
    public var name: String
    public var points: Decimal
    public var line: Int
    public init(name: String, points: Decimal, line: Int) {
        self.name = name
        self.points = points
        self.line = line
    }
}

/// One 三级指标 as configured.
public struct IndicatorSpec: Sendable {
    public enum Assessment: Sendable {
        /// Scored by formula from measured actuals; several parts mean "A 或 B".
        case measured([TargetPart])
        /// 定性: a manual grade and score.
        case qualitative(QualitativeAssessment)
    }

    public var level1: String
    public var level2: String
    public var name: String
    public var weight: Decimal
    public var assessment: Assessment
    /// 指标值 as printed: `≥130场`, `=100%`, `≥1家 或 ≥2名`.
    public var targetText: String
    public var deviationReason: String
    public var override: ManualOverride?
    /// Marks 预算执行率, whose figures fill 指标表 row 4.
    public var isBudgetExecutionRate: Bool
    /// Line in the file where the indicator starts.
    public var line: Int

    public init(level1: String, level2: String, name: String, weight: Decimal, assessment: Assessment,
                targetText: String, deviationReason: String, override: ManualOverride?,
                isBudgetExecutionRate: Bool, line: Int) {
        self.level1 = level1
        self.level2 = level2
        self.name = name
        self.weight = weight
        self.assessment = assessment
        self.targetText = targetText
        self.deviationReason = deviationReason
        self.override = override
        self.isBudgetExecutionRate = isBudgetExecutionRate
        self.line = line
    }
}

/// `≥`, `≤` or `=` before a target number.
public enum Comparator: String, Sendable, Hashable {
    case atLeast = "≥"
    case atMost = "≤"
    case equal = "="
}

/// One comparison of a target (`≥10万人次`) with the measure it is judged on.
public struct TargetPart: Sendable {
    public var comparator: Comparator
    /// The number as written (`10`, `100`, `1.5`).
    public var numberText: String
    public var isPercent: Bool
    /// Display unit after the number: `场`, `万人次`, or empty.
    public var unit: String
    /// How many measured units one displayed unit is: 10000 for `万…`, else 1.
    public var scale: Decimal
    public var measure: Measure

    public init(comparator: Comparator, numberText: String, isPercent: Bool, unit: String, scale: Decimal, measure: Measure) {
        self.comparator = comparator
        self.numberText = numberText
        self.isPercent = isPercent
        self.unit = unit
        self.scale = scale
        self.measure = measure
    }

    /// The threshold in the measure's own terms: a fraction for `%`, ×10000 for `万`.
    public var threshold: Decimal {
        let n = Decimal(exactly: numberText) ?? 0
        return isPercent ? n / 100 : n * scale
    }

    /// `≥130场`, `=100%`.
    public var text: String { comparator.rawValue + numberText + (isPercent ? "%" : "") + unit }
}

/// 定性 assessment: 达成 / 部分达成 / 未达成 with a score inside the level's band.
public struct QualitativeAssessment: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case achieved = "达成"
        case partlyAchieved = "部分达成"
        case notAchieved = "未达成"

        /// The band of the weight a score must lie in: 达成 [80%, 100%], 部分达成 [60%, 80%),
        /// 未达成 [0, 60%) — half-open like the grade thresholds.
        public func admits(_ score: Decimal, weight: Decimal) -> Bool {
            // Compared as score × 5 against weight × 4 (80%) and × 3 (60%): no division, no rounding.
            let five = score * 5
            switch self {
            case .achieved: return five >= weight * 4 && score <= weight
            case .partlyAchieved: return five >= weight * 3 && five < weight * 4
            case .notAchieved: return score >= 0 && five < weight * 3
            }
        }
    }

    public var level: Level
    public var score: Decimal
    /// 实际完成值 as printed; the level's name when not given.
    public var actualText: String

    public init(level: Level, score: Decimal, actualText: String) {
        self.level = level
        self.score = score
        self.actualText = actualText
    }
}

/// 人工评分: a reviewed score replacing the formula, always with its reason.
public struct ManualOverride: Sendable, Hashable {
    public var score: Decimal
    public var reason: String
    public init(score: Decimal, reason: String) {
        self.score = score
        self.reason = reason
    }
}

extension IndicatorSet {
    /// The rows of QU00's 偏差原因 sheet: every 三级指标, in table order.
    public var deviationSheetRows: [DeviationSheetRow] {
        indicators.map { DeviationSheetRow(level1: $0.level1, indicator: $0.name, weight: $0.weight) }
    }
}
