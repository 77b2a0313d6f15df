import Foundation
import JixiaoModel

/// What a measure came to.
enum MeasureOutcome: Equatable {
    case value(Decimal)
    /// The district office has not sent its 预算与满意度 sheet yet.
    case notReported
    /// A division by zero: the figure has no meaning yet.
    case undefined
}

/// The records a measure is computed over: the year's counted activities up to the
/// period, the workload, the registry and the district inputs.
struct MeasureContext {
    let activities: [ActivityRecord]
    let workload: [WorkloadEntry]
    let unitsByCode: [String: ReportingUnit]
    /// Streets of the registry's 街道科协 units, in registry order, without repeats.
    let registryStreets: [String]
    let district: DistrictInputs?

    init(snapshot: LedgerSnapshot) {
        let year = snapshot.info.year
        let through = snapshot.through
        activities = snapshot.activities.filter { $0.period.year == year && $0.period <= through }
        workload = snapshot.workload.filter { $0.period.year == year && $0.period <= through }
        unitsByCode = Dictionary(snapshot.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        registryStreets = RegistryStreets.of(snapshot.units)
        district = snapshot.district
    }

    /// A measure's outcome and the terms it was computed from.
    struct Measured {
        var outcome: MeasureOutcome
        var terms: [EvidenceTerm]
    }

    func evaluate(_ measure: Measure) -> MeasureOutcome {
        self.measure(measure).outcome
    }

    /// The one evaluation scoring and 佐证材料 share: each term's value is computed from the
    /// very rows or figures its evidence lists.
    func measure(_ measure: Measure) -> Measured {
        var terms: [EvidenceTerm] = []
        let outcome = evaluate(measure.expression, terms: &terms)
        return Measured(outcome: outcome, terms: terms)
    }

    private func evaluate(_ e: MeasureExpression, terms: inout [EvidenceTerm]) -> MeasureOutcome {
        func term(_ value: Decimal, _ items: EvidenceItems) -> MeasureOutcome {
            terms.append(EvidenceTerm(rule: MeasureWording.term(e), value: value, items: items))
            return .value(value)
        }
        switch e {
        case .number(let n): return .value(n)
        case .district(let field):
            guard let d = district else { return .notReported }
            let value = field.value(in: d)
            return term(value, .district(DistrictFigure(label: field.printedLabel, value: value, period: d.period,
                                                        sourceFile: d.sourceFile, cell: d.cells[field.printedLabel] ?? "")))
        case .count(let filter):
            let rows = activities.filter { matches($0, filter) }
            return term(Decimal(rows.count), .activities(rows, shown: filter.columns, summed: nil, distinct: nil))
        case let .sum(column, filter):
            let rows = activities.filter { matches($0, filter) }
            let total = rows.reduce(Decimal(0)) { $0 + (numeric($1, column) ?? 0) }
            return term(total, .activities(rows, shown: Self.adding(column, to: filter.columns), summed: column, distinct: nil))
        case let .distinct(column, filter):
            let rows = activities.filter { matches($0, filter) }
            let values = Set(rows.map { text($0, column) }.filter { !$0.isEmpty })
            return term(Decimal(values.count),
                        .activities(rows, shown: Self.adding(column, to: filter.columns), summed: nil, distinct: column))
        case .coveredStreets(let filter):
            let streets = streetCounts(activities.filter { matches($0, filter) })
            return term(Decimal(streets.count { $0.activities > 0 }), .streets(streets, coveredOnly: true))
        case .streetTotal:
            let streets = streetCounts(activities)
            return term(Decimal(streets.count), .streets(streets, coveredOnly: false))
        case .workload(let item):
            // A 0 adds nothing: the evidence lists the entries that count.
            let entries = workload.filter { $0.item == item && $0.quantity != 0 }
            return term(Decimal(entries.reduce(0) { $0 + $1.quantity }), .workload(entries))
        case .negate(let a):
            let inner = evaluate(a, terms: &terms)
            guard case .value(let v) = inner else { return inner }
            return .value(-v)
        case let .binary(op, a, b):
            let left = evaluate(a, terms: &terms), right = evaluate(b, terms: &terms)
            if left == .notReported || right == .notReported { return .notReported }
            guard case .value(let x) = left, case .value(let y) = right else { return .undefined }
            switch op {
            case .add: return .value(x + y)
            case .subtract: return .value(x - y)
            case .multiply: return .value(x * y)
            case .divide: return y == 0 ? .undefined : .value(x / y)
            }
        }
    }

    /// Every registry street with how many of `rows` its units reported, in registry order.
    private func streetCounts(_ rows: [ActivityRecord]) -> [StreetEvidence] {
        var counts: [String: Int] = [:]
        for r in rows { counts[street(of: r), default: 0] += 1 }
        return registryStreets.map { StreetEvidence(street: $0, activities: counts[$0] ?? 0) }
    }

    private static func adding(_ column: ActivityColumn, to columns: [ActivityColumn]) -> [ActivityColumn] {
        columns.contains(column) ? columns : columns + [column]
    }

    /// The rows and entries a measure's terms read: what the report draft names as the
    /// activities and figures behind an actual.
    func counted(_ measure: Measure) -> (activities: [ActivityRecord], workload: [WorkloadEntry]) {
        var filters: [RowFilter] = []
        var items: [WorkloadItem] = []
        func walk(_ e: MeasureExpression) {
            switch e {
            case .count(let f), .sum(_, let f), .distinct(_, let f), .coveredStreets(let f): filters.append(f)
            case .workload(let item): items.append(item)
            case .negate(let a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            case .number, .district, .streetTotal: break
            }
        }
        walk(measure.expression)
        return (activities.filter { r in filters.contains { matches(r, $0) } },
                workload.filter { items.contains($0.item) && $0.quantity != 0 })
    }

    /// The unit's 所属街道; the district office's own activities belong to no street.
    func street(of record: ActivityRecord) -> String {
        unitsByCode[record.unitCode]?.coverageStreet ?? ""
    }

    private func text(_ r: ActivityRecord, _ column: ActivityColumn) -> String {
        switch column {
        case .unitCode: return r.unitCode
        case .unitKind: return unitsByCode[r.unitCode]?.kind.rawValue ?? ""
        case .street: return street(of: r)
        case .month: return String(r.period.month)
        case .field(let f): return r.value(f).text
        }
    }

    private func numeric(_ r: ActivityRecord, _ column: ActivityColumn) -> Decimal? {
        switch column {
        case .month: return Decimal(r.period.month)
        case .unitCode, .unitKind, .street: return nil
        case .field(let f):
            if case .integer(let n) = r.value(f) { return n.map { Decimal($0) } }
            return nil
        }
    }

    private func matches(_ r: ActivityRecord, _ filter: RowFilter) -> Bool {
        switch filter {
        case .all: return true
        case let .equals(column, value, negated): return (text(r, column) == value) != negated
        case let .member(column, values, negated):
            let hit = column.isNumeric
                ? values.contains { Decimal(exactly: $0) == numeric(r, column) }
                : values.contains(text(r, column))
            return hit != negated
        case let .contains(column, value): return text(r, column).contains(value)
        case let .numeric(column, op, value):
            guard let v = numeric(r, column) else { return false }
            return op.holds(v, value)
        case let .and(a, b): return matches(r, a) && matches(r, b)
        case let .or(a, b): return matches(r, a) || matches(r, b)
        case let .not(a): return !matches(r, a)
        }
    }
}

/// The streets coverage is counted against: every 所属街道 of a 街道科协 unit.
enum RegistryStreets {
    static func of(_ units: [ReportingUnit]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for unit in units where unit.kind == .street && !unit.street.isEmpty && seen.insert(unit.street).inserted {
            out.append(unit.street)
        }
        return out
    }
}
