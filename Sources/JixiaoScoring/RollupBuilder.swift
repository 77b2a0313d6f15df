import Foundation
import JixiaoModel

/// Accepted records → district totals per unit, per street and per month (汇总表).
public enum RollupBuilder {
    public static func build(_ snapshot: LedgerSnapshot) -> Rollup {
        let periods = Period.months(of: snapshot.info.year, through: snapshot.through)
        let inYear = Set(periods)
        let counted = snapshot.activities.filter { inYear.contains($0.period) }
        // Registry order; codes missing from the registry follow, alphabetically.
        var order = Dictionary(snapshot.units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (i, code) in Set(counted.map(\.unitCode)).subtracting(order.keys).sorted().enumerated() {
            order[code] = snapshot.units.count + i
        }
        // Sort small keys and move each (large) record once.
        let keys = counted.map { RecordOrder(unit: order[$0.unitCode] ?? 0, record: $0) }
        let records = keys.indices.sorted { keys[$0] < keys[$1] }.map { counted[$0] }

        // One pass over the records for every total; the rows below only look them up.
        let streetOf = Dictionary(snapshot.units.filter { $0.kind != .district }.map { ($0.code, $0.street) },
                                  uniquingKeysWith: { first, _ in first })
        let zero = Rollup.UnitMonth(activities: 0, coverage: 0)
        var perUnitMonth: [String: [Period: Rollup.UnitMonth]] = [:]
        var perStreet: [String: Rollup.UnitMonth] = [:]
        var perMonth: [Period: Rollup.UnitMonth] = [:]
        for r in records {
            perUnitMonth[r.unitCode, default: [:]][r.period, default: zero].add(r)
            perMonth[r.period, default: zero].add(r)
            if let street = streetOf[r.unitCode] { perStreet[street, default: zero].add(r) }
        }
        let units = snapshot.units.map { unit in
            var months: [Period: Rollup.UnitMonth] = [:]
            for period in snapshot.acceptedPeriods[unit.code] ?? [] where inYear.contains(period) {
                months[period] = zero
            }
            for (period, totals) in perUnitMonth[unit.code] ?? [:] { months[period] = totals }
            return Rollup.UnitRow(unit: unit, months: months, due: periods.filter { snapshot.isDue(unit, $0) },
                                  zeroReports: (snapshot.zeroReportPeriods[unit.code] ?? []).intersection(inYear))
        }
        let streets = RegistryStreets.of(snapshot.units).map { street in
            let totals = perStreet[street] ?? zero
            return Rollup.StreetRow(street: street,
                                    units: snapshot.units.count { $0.kind != .district && $0.street == street },
                                    activities: totals.activities, coverage: totals.coverage)
        }
        let months = periods.map { period in
            let totals = perMonth[period] ?? zero
            return Rollup.MonthRow(period: period, activities: totals.activities, coverage: totals.coverage)
        }
        return Rollup(periods: periods, units: units, streets: streets, months: months, records: records)
    }
}

extension Rollup.UnitMonth {
    fileprivate mutating func add(_ r: ActivityRecord) {
        activities += 1
        coverage += r.coverage
    }
}

/// Records in unit, period, source file and row order.
private struct RecordOrder: Comparable {
    /// Position of the unit: registry order, then unregistered codes.
    var unit: Int
    /// year × 12 + month.
    var period: Int
    var file: String
    var row: Int

    init(unit: Int, record: ActivityRecord) {
        self.unit = unit
        period = record.period.year * 12 + record.period.month
        file = record.source.file
        row = record.source.row
    }

    static func < (a: RecordOrder, b: RecordOrder) -> Bool {
        if a.unit != b.unit { return a.unit < b.unit }
        if a.period != b.period { return a.period < b.period }
        if a.file != b.file { return a.file < b.file }
        return a.row < b.row
    }
}
