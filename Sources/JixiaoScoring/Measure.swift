import Foundation
import JixiaoModel

/// How an indicator's actual value is computed, parsed from its `计算` text
/// (grammar in docs/indicators.md and in `MeasureParser`).
public struct Measure: Sendable {
    /// As written in the file.
    public var text: String
    var expression: MeasureExpression

    init(text: String, expression: MeasureExpression) {
        self.text = text
        self.expression = expression
    }

    /// Whether any term needs the district's 预算与满意度 sheet.
    public var usesDistrictInputs: Bool { expression.usesDistrictInputs }
}

indirect enum MeasureExpression: Sendable, Hashable {
    case number(Decimal)
    case district(DistrictField)
    /// 计数(条件): 活动明细 rows.
    case count(RowFilter)
    /// 求和(覆盖人数, 条件).
    case sum(ActivityColumn, RowFilter)
    /// 去重计数(列, 条件): distinct non-empty values.
    case distinct(ActivityColumn, RowFilter)
    /// 覆盖街道数(条件): registry streets with at least one matching row.
    case coveredStreets(RowFilter)
    /// 街道总数: streets of the registry's 街道科协 units.
    case streetTotal
    /// 工作量(项目).
    case workload(WorkloadItem)
    case binary(ArithmeticOperator, MeasureExpression, MeasureExpression)
    case negate(MeasureExpression)

    var usesDistrictInputs: Bool {
        switch self {
        case .district: return true
        case let .binary(_, a, b): return a.usesDistrictInputs || b.usesDistrictInputs
        case let .negate(a): return a.usesDistrictInputs
        default: return false
        }
    }
}

enum ArithmeticOperator: Sendable, Hashable {
    case add, subtract, multiply, divide
}

/// A value of the district office's 预算与满意度 sheet.
enum DistrictField: String, Sendable, Hashable, CaseIterable {
    case initialBudget = "年初预算数"
    case addition = "追加数"
    case reduction = "调减数"
    case executed = "全年执行数"
    case fullYearBudget = "全年预算数"
    case validQuestionnaires = "有效问卷数"
    case satisfiedQuestionnaires = "满意问卷数"

    /// Also accepted: the labels as printed in the sheet.
    static func named(_ name: String) -> DistrictField? {
        DistrictField(rawValue: name) ?? allCases.first { $0.printedLabel == name }
    }

    /// As printed in the sheet, which is how the ledger keys the figure's cell.
    var printedLabel: String {
        switch self {
        case .validQuestionnaires: return "满意度调查有效问卷数"
        case .satisfiedQuestionnaires: return "满意及以上问卷数"
        default: return rawValue
        }
    }

    func value(in d: DistrictInputs) -> Decimal {
        switch self {
        case .initialBudget: return d.initialBudget
        case .addition: return d.addition
        case .reduction: return d.reduction
        case .executed: return d.executed
        case .fullYearBudget: return d.fullYearBudget
        case .validQuestionnaires: return Decimal(d.validQuestionnaires)
        case .satisfiedQuestionnaires: return Decimal(d.satisfiedQuestionnaires)
        }
    }
}

indirect enum RowFilter: Sendable, Hashable {
    case all
    case equals(ActivityColumn, String, negated: Bool)
    case member(ActivityColumn, [String], negated: Bool)
    case contains(ActivityColumn, String)
    case numeric(ActivityColumn, NumericComparison, Decimal)
    case and(RowFilter, RowFilter)
    case or(RowFilter, RowFilter)
    case not(RowFilter)

    /// The columns the filter reads, in the order written, each once.
    var columns: [ActivityColumn] {
        var out: [ActivityColumn] = []
        func add(_ c: ActivityColumn) { if !out.contains(c) { out.append(c) } }
        func walk(_ f: RowFilter) {
            switch f {
            case .all: return
            case let .equals(c, _, _), let .member(c, _, _), let .contains(c, _), let .numeric(c, _, _): add(c)
            case let .and(a, b), let .or(a, b): walk(a); walk(b)
            case let .not(a): walk(a)
            }
        }
        walk(self)
        return out
    }
}

enum NumericComparison: String, Sendable, Hashable {
    case lessThan = "<", lessOrEqual = "<=", greaterThan = ">", greaterOrEqual = ">=", equal = "=", notEqual = "!="

    func holds(_ a: Decimal, _ b: Decimal) -> Bool {
        switch self {
        case .lessThan: return a < b
        case .lessOrEqual: return a <= b
        case .greaterThan: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}
