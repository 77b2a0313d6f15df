import Foundation
import JixiaoModel

/// A measure in words, for the rule line of 佐证材料: generated from the parsed `计算`, so the
/// sentence a reviewer reads is the rule that was applied, not a description kept beside it.
enum MeasureWording {
    static let fromMonthlyReports = "来自已接收的月度报送"
    static let fromDistrictSheet = "来自区科协（QU00）报送的“预算与满意度”表"
    static let fromRegistry = "街道来自单位名册"

    /// `活动类别为“科普活动”的活动场次，来自已接收的月度报送`; parts of `A 或 B` joined by `；或 `.
    static func rule(_ measures: [Measure]) -> String {
        let written = measures.map { formula($0.expression, parent: nil) }.joined(separator: "；或 ")
        var sources: [String] = []
        func add(_ s: String) { if !sources.contains(s) { sources.append(s) } }
        for m in measures { walkSources(m.expression, add) }
        return ([written] + sources).joined(separator: "，")
    }

    /// One leaf term: a count, a sum, a figure.
    static func term(_ e: MeasureExpression) -> String {
        switch e {
        case .number(let n): return n.plain
        case .district(let field): return field.printedLabel
        case .count(let f): return "\(activities(f))场次"
        case let .sum(column, f): return "\(activities(f))的\(column.name)之和"
        case let .distinct(column, f): return "\(activities(f))中不同\(column.name)的个数"
        case .coveredStreets(let f):
            return condition(f).map { "有\($0)的活动的街道数" } ?? "有活动的街道数"
        case .streetTotal: return "单位名册中街道科协的所属街道数"
        case .workload(let item): return "工作量表中“\(item.rawValue)”的数量之和（\(item.countingUnit)）"
        case .negate, .binary: return formula(e, parent: nil)
        }
    }

    private static func formula(_ e: MeasureExpression, parent: ArithmeticOperator?) -> String {
        switch e {
        case .negate(let a): return "−" + formula(a, parent: .multiply)
        case let .binary(op, a, b):
            let text = formula(a, parent: op) + " \(symbol(op)) " + formula(b, parent: op == .subtract || op == .divide ? .multiply : op)
            let loose = op == .add || op == .subtract
            let tight = parent == .multiply || parent == .divide
            return loose && tight ? "(\(text))" : text
        default: return term(e)
        }
    }

    private static func symbol(_ op: ArithmeticOperator) -> String {
        switch op {
        case .add: return "+"
        case .subtract: return "−"
        case .multiply: return "×"
        case .divide: return "÷"
        }
    }

    private static func walkSources(_ e: MeasureExpression, _ add: (String) -> Void) {
        switch e {
        case .number: return
        case .district: add(fromDistrictSheet)
        case .count, .sum, .distinct, .workload: add(fromMonthlyReports)
        case .coveredStreets: add(fromMonthlyReports); add(fromRegistry)
        case .streetTotal: add(fromRegistry)
        case .negate(let a): walkSources(a, add)
        case let .binary(_, a, b): walkSources(a, add); walkSources(b, add)
        }
    }

    /// `活动类别为“科普活动”的活动`, or `全部活动` when the filter takes every row.
    private static func activities(_ f: RowFilter) -> String { condition(f).map { "\($0)的活动" } ?? "全部活动" }

    private static func condition(_ f: RowFilter) -> String? {
        switch f {
        case .all: return nil
        default: return clause(f, insideAnd: false)
        }
    }

    private static func clause(_ f: RowFilter, insideAnd: Bool) -> String {
        switch f {
        case .all: return "全部"
        case let .equals(c, v, negated): return "\(c.name)\(negated ? "不为" : "为")“\(v)”"
        case let .member(c, vs, negated):
            let list = vs.map { "“\($0)”" }
            return negated ? "\(c.name)不是\(list.joined(separator: "、"))" : "\(c.name)为\(list.joined(separator: "或"))"
        case let .contains(c, v): return "\(c.name)含“\(v)”"
        case let .numeric(c, op, v): return "\(c.name)\(comparison(op))\(v.plain)"
        case let .and(a, b): return clause(a, insideAnd: true) + "且" + clause(b, insideAnd: true)
        case let .or(a, b):
            let text = clause(a, insideAnd: false) + "或" + clause(b, insideAnd: false)
            return insideAnd ? "（\(text)）" : text
        case let .not(a): return "不满足（\(clause(a, insideAnd: false))）"
        }
    }

    private static func comparison(_ op: NumericComparison) -> String {
        switch op {
        case .lessThan: return "小于"
        case .lessOrEqual: return "不超过"
        case .greaterThan: return "大于"
        case .greaterOrEqual: return "不少于"
        case .equal: return "等于"
        case .notEqual: return "不等于"
        }
    }
}
