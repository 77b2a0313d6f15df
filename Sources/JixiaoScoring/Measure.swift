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

indirect enum MeasureExpression: Sendable {
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

enum ArithmeticOperator: Sendable {
    case add, subtract, multiply, divide
}

/// A value of the district office's 预算与满意度 sheet.
enum DistrictField: String, Sendable, CaseIterable {
    case initialBudget = "年初预算数"
    case addition = "追加数"
    case reduction = "调减数"
    case executed = "全年执行数"
    case fullYearBudget = "全年预算数"
    case validQuestionnaires = "有效问卷数"
    case satisfiedQuestionnaires = "满意问卷数"

    /// Also accepted: the labels as printed in the sheet.
    static func named(_ name: String) -> DistrictField? {
        switch name {
        case "满意度调查有效问卷数": return .validQuestionnaires
        case "满意及以上问卷数": return .satisfiedQuestionnaires
        default: return DistrictField(rawValue: name)
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

/// The columns a 活动明细 row can be filtered on: the row's own (`ActivityField`s marked
/// filterable), its unit's 单位代码, 单位类型 and 所属街道 from the registry, and the month
/// it was reported for.
enum ActivityColumn: Sendable, Hashable {
    case unitCode, unitKind, street, month
    case field(ActivityField)

    static let allCases: [ActivityColumn] = [.unitCode, .unitKind, .street]
        + ActivityField.allCases.filter(\.spec.filterable).map(ActivityColumn.field) + [.month]

    init?(name: String) {
        guard let column = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = column
    }

    /// As written in indicators.yaml.
    var name: String {
        switch self {
        case .unitCode: return "单位代码"
        case .unitKind: return "单位类型"
        case .street: return "所属街道"
        case .month: return "月份"
        case .field(let f): return f.spec.header
        }
    }

    var isNumeric: Bool {
        switch self {
        case .month: return true
        case .unitCode, .unitKind, .street: return false
        case .field(let f):
            if case .integer = f.spec.kind { return true }
            return false
        }
    }

    /// The values an enumerated column may take; nil for free text and numbers.
    var allowedValues: [String]? {
        switch self {
        case .unitKind: return UnitKind.allCases.map(\.rawValue)
        case .unitCode, .street, .month: return nil
        case .field(let f):
            if case .choice(let values) = f.spec.kind { return values }
            return nil
        }
    }
}

indirect enum RowFilter: Sendable {
    case all
    case equals(ActivityColumn, String, negated: Bool)
    case member(ActivityColumn, [String], negated: Bool)
    case contains(ActivityColumn, String)
    case numeric(ActivityColumn, NumericComparison, Decimal)
    case and(RowFilter, RowFilter)
    case or(RowFilter, RowFilter)
    case not(RowFilter)
}

enum NumericComparison: String, Sendable {
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
