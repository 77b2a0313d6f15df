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
/// period, the workload, the registry and the district inputs. The activity terms of every
/// measure are tallied in one pass over the records when the context is made; each term's
/// evidence is the same selection, read again when listed.
struct MeasureContext {
    /// The snapshot's records; only those `inScope` count.
    let records: ActivityRecords
    let inScope: @Sendable (ActivityRecord) -> Bool
    /// The snapshot's entries, read pass by pass (a province's year holds hundreds of
    /// thousands); `entryCounts` says which are in scope.
    let workload: WorkloadEntries
    let entryCounts: @Sendable (WorkloadEntry) -> Bool
    let matcher: RowMatcher
    /// Streets of the registry's 街道科协 units, in registry order, without repeats.
    let registryStreets: [String]
    let district: DistrictInputs?
    private let tallies: [MeasureExpression: Tally]
    /// Per 工作量 item the measures sum: the counted entries and their quantity.
    private let workloadTallies: [WorkloadItem: (count: Int, total: Int)]

    init(snapshot: LedgerSnapshot, measures: [Measure]) throws {
        let year = snapshot.info.year
        let through = snapshot.through
        let inScope: @Sendable (ActivityRecord) -> Bool = { $0.period.year == year && $0.period <= through }
        self.inScope = inScope
        records = snapshot.activities
        workload = snapshot.workload
        // A 0 adds nothing: the evidence lists the entries that count.
        let entryCounts: @Sendable (WorkloadEntry) -> Bool = { $0.period.year == year && $0.period <= through && $0.quantity != 0 }
        self.entryCounts = entryCounts
        matcher = RowMatcher(units: snapshot.units)
        registryStreets = RegistryStreets.of(snapshot.units)
        district = snapshot.district
        var terms: [MeasureExpression] = []
        for m in measures { m.expression.collectActivityTerms(into: &terms) }
        var tallied = [Tally](repeating: Tally(), count: terms.count)
        let matcher = matcher
        if !terms.isEmpty {
            try records.forEachPositioned { position, r in
                guard inScope(r) else { return }
                for i in terms.indices { tallied[i].add(r, at: position, terms[i], matcher) }
            }
        }
        tallies = Dictionary(zip(terms, tallied), uniquingKeysWith: { first, _ in first })
        var items = Set<WorkloadItem>()
        for m in measures { m.expression.collectWorkloadItems(into: &items) }
        var summed: [WorkloadItem: (count: Int, total: Int)] = [:]
        try workload.forEach(only: items) { e in
            guard entryCounts(e) else { return }
            summed[e.item, default: (0, 0)].count += 1
            summed[e.item, default: (0, 0)].total += e.quantity
        }
        workloadTallies = summed
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
            let t = tally(e)
            return term(Decimal(t.count), activityItems(t, shown: filter.columns, summed: nil, distinct: nil))
        case let .sum(column, filter):
            let t = tally(e)
            return term(t.sum, activityItems(t, shown: Self.adding(column, to: filter.columns), summed: column, distinct: nil))
        case let .distinct(column, filter):
            let t = tally(e)
            return term(Decimal(t.distinct.count),
                        activityItems(t, shown: Self.adding(column, to: filter.columns), summed: nil, distinct: column))
        case .coveredStreets:
            let streets = streetCounts(tally(e))
            return term(Decimal(streets.count { $0.activities > 0 }), .streets(streets, coveredOnly: true))
        case .streetTotal:
            let streets = streetCounts(tally(e))
            return term(Decimal(streets.count), .streets(streets, coveredOnly: false))
        case .workload(let item):
            let t = workloadTallies[item] ?? (0, 0)
            return term(Decimal(t.total), .workload(WorkloadEvidence(source: workload, item: item, count: t.count,
                                                                     counts: entryCounts)))
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

    /// A term's tally; every activity term of the context's measures has one.
    private func tally(_ e: MeasureExpression) -> Tally {
        tallies[e] ?? Tally()
    }

    /// The rows a term counted, as the positions its tally marked in the records' listing.
    private func activityItems(_ t: Tally, shown: [ActivityColumn], summed: ActivityColumn?,
                               distinct: ActivityColumn?) -> EvidenceItems {
        let rows = RecordSelection(source: records, positions: t.positions)
        return .activities(ActivityEvidence(rows: rows, shown: shown, summed: summed, distinct: distinct, normalised: t.normalised))
    }

    /// Every registry street with how many of the term's rows its units reported, in registry order.
    private func streetCounts(_ t: Tally) -> [StreetEvidence] {
        registryStreets.map { StreetEvidence(street: $0, activities: t.streets[$0] ?? 0) }
    }

    private static func adding(_ column: ActivityColumn, to columns: [ActivityColumn]) -> [ActivityColumn] {
        columns.contains(column) ? columns : columns + [column]
    }

    /// The filters of a measure's activity terms and the 工作量 items it sums, each once in the
    /// order written: what the report draft describes as the activities and figures behind an
    /// actual.
    func counted(_ measure: Measure) -> (filters: [RowFilter], workload: [WorkloadItem]) {
        var filters: [RowFilter] = []
        var items: [WorkloadItem] = []
        func walk(_ e: MeasureExpression) {
            switch e {
            case .count(let f), .sum(_, let f), .distinct(_, let f), .coveredStreets(let f): filters.append(f)
            case .workload(let item): if !items.contains(item) { items.append(item) }
            case .negate(let a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            case .number, .district, .streetTotal: break
            }
        }
        walk(measure.expression)
        return (filters, items)
    }
}

/// What one activity term comes to, gathered record by record.
private struct Tally {
    /// The rows counted, by position in the listing.
    var positions = PositionSet()
    var count: Int { positions.count }
    var sum: Decimal = 0
    var distinct = Set<String>()
    var streets: [String: Int] = [:]
    var normalised = Set<ActivityField>()

    mutating func add(_ r: ActivityRecord, at position: Int, _ term: MeasureExpression, _ matcher: RowMatcher) {
        switch term {
        case .count(let f):
            guard matcher.matches(r, f) else { return }
            counted(r, at: position)
        case let .sum(column, f):
            guard matcher.matches(r, f) else { return }
            counted(r, at: position)
            sum += matcher.numeric(r, column) ?? 0
        case let .distinct(column, f):
            guard matcher.matches(r, f) else { return }
            counted(r, at: position)
            let value = matcher.text(r, column)
            if !value.isEmpty { distinct.insert(value) }
        case .coveredStreets(let f):
            guard matcher.matches(r, f) else { return }
            streets[matcher.street(of: r), default: 0] += 1
        case .streetTotal:
            streets[matcher.street(of: r), default: 0] += 1
        case .number, .district, .workload, .binary, .negate:
            return
        }
    }

    private mutating func counted(_ r: ActivityRecord, at position: Int) {
        positions.insert(position)
        for field in r.sent.keys { normalised.insert(field) }
    }
}

extension MeasureExpression {
    /// The 工作量 items the expression sums.
    func collectWorkloadItems(into items: inout Set<WorkloadItem>) {
        switch self {
        case .workload(let item): items.insert(item)
        case .negate(let a): a.collectWorkloadItems(into: &items)
        case let .binary(_, a, b):
            a.collectWorkloadItems(into: &items)
            b.collectWorkloadItems(into: &items)
        case .number, .district, .count, .sum, .distinct, .coveredStreets, .streetTotal: return
        }
    }

    /// The terms that read 活动明细 rows, each once, in the order written.
    func collectActivityTerms(into terms: inout [MeasureExpression]) {
        switch self {
        case .count, .sum, .distinct, .coveredStreets, .streetTotal:
            if !terms.contains(self) { terms.append(self) }
        case .negate(let a): a.collectActivityTerms(into: &terms)
        case let .binary(_, a, b):
            a.collectActivityTerms(into: &terms)
            b.collectActivityTerms(into: &terms)
        case .number, .district, .workload: return
        }
    }
}

/// Whether an activity row meets a rule's filter, reading registry columns from the registry.
struct RowMatcher: Sendable {
    let unitsByCode: [String: ReportingUnit]

    init(units: [ReportingUnit]) {
        unitsByCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The unit's 所属街道; the district office's own activities belong to no street.
    func street(of record: ActivityRecord) -> String {
        unitsByCode[record.unitCode]?.coverageStreet ?? ""
    }

    func text(_ r: ActivityRecord, _ column: ActivityColumn) -> String {
        switch column {
        case .unitCode: return r.unitCode
        case .unitKind: return unitsByCode[r.unitCode]?.kind.rawValue ?? ""
        case .street: return street(of: r)
        case .month: return String(r.period.month)
        case .field(let f): return r.value(f).text
        }
    }

    func numeric(_ r: ActivityRecord, _ column: ActivityColumn) -> Decimal? {
        switch column {
        case .month: return Decimal(r.period.month)
        case .unitCode, .unitKind, .street: return nil
        case .field(let f):
            if case .integer(let n) = r.value(f) { return n.map { Decimal($0) } }
            return nil
        }
    }

    func matches(_ r: ActivityRecord, _ filter: RowFilter) -> Bool {
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
