import Foundation
import JixiaoModel

/// Accepted records → district totals per unit, per street and per month (汇总表).
public enum RollupBuilder {
    /// One pass over the records for every total; the 活动明细 listing reads them again when written.
    public static func build(_ snapshot: LedgerSnapshot) throws -> Rollup {
        let periods = Period.months(of: snapshot.info.year, through: snapshot.through)
        let inYear = Set(periods)
        let streetOf = Dictionary(snapshot.units.filter { $0.kind != .district }.map { ($0.code, $0.street) },
                                  uniquingKeysWith: { first, _ in first })
        let zero = Rollup.UnitMonth(activities: 0, coverage: 0)
        var perUnitMonth: [String: [Period: Rollup.UnitMonth]] = [:]
        var perStreet: [String: Rollup.UnitMonth] = [:]
        var perMonth: [Period: Rollup.UnitMonth] = [:]
        var count = 0
        try snapshot.activities.forEach { r in
            guard inYear.contains(r.period) else { return }
            count += 1
            perUnitMonth[r.unitCode, default: [:]][r.period, default: zero].add(r)
            perMonth[r.period, default: zero].add(r)
            if let street = streetOf[r.unitCode] { perStreet[street, default: zero].add(r) }
        }
        // Registry order; codes missing from the registry follow, alphabetically.
        var listed = Set<String>()
        var order = snapshot.units.map(\.code).filter { perUnitMonth[$0] != nil && listed.insert($0).inserted }
        order += perUnitMonth.keys.filter { !listed.contains($0) }.sorted()
        let records = Rollup.Records(source: snapshot.activities, units: order,
                                     months: (periods.first ?? snapshot.through)...(periods.last ?? snapshot.through),
                                     count: count)

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
