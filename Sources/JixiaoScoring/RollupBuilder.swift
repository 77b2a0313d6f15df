import Foundation
import JixiaoModel

/// Accepted records → district totals per unit, per street and per month (汇总表).
public enum RollupBuilder {
    public static func build(_ snapshot: LedgerSnapshot) -> Rollup {
        let periods = Period.months(of: snapshot.info.year, through: snapshot.through)
        let inYear = Set(periods)
        let order = Dictionary(snapshot.units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let records = snapshot.activities.filter { inYear.contains($0.period) }.sorted { a, b in
            let ua = order[a.unitCode] ?? Int.max, ub = order[b.unitCode] ?? Int.max
            if ua != ub { return ua < ub }
            if a.unitCode != b.unitCode { return a.unitCode < b.unitCode }
            if a.period != b.period { return a.period < b.period }
            if a.source.file != b.source.file { return a.source.file < b.source.file }
            return a.source.row < b.source.row
        }

        var perUnitMonth: [String: [Period: Rollup.UnitMonth]] = [:]
        for r in records {
            perUnitMonth[r.unitCode, default: [:]][r.period, default: Rollup.UnitMonth(activities: 0, coverage: 0)].add(r)
        }
        let units = snapshot.units.map { unit in
            var months: [Period: Rollup.UnitMonth] = [:]
            for period in snapshot.acceptedPeriods[unit.code] ?? [] where inYear.contains(period) {
                months[period] = Rollup.UnitMonth(activities: 0, coverage: 0)
            }
            for (period, totals) in perUnitMonth[unit.code] ?? [:] { months[period] = totals }
            return Rollup.UnitRow(unit: unit, months: months, due: periods.filter(unit.isDue))
        }

        let streetOf = Dictionary(snapshot.units.filter { $0.kind != .district }.map { ($0.code, $0.street) },
                                  uniquingKeysWith: { first, _ in first })
        let streets = RegistryStreets.of(snapshot.units).map { street in
            let members = records.filter { streetOf[$0.unitCode] == street }
            return Rollup.StreetRow(street: street,
                                    units: snapshot.units.count { $0.kind != .district && $0.street == street },
                                    activities: members.count, coverage: members.reduce(0) { $0 + $1.coverage })
        }

        let months = periods.map { period in
            let members = records.filter { $0.period == period }
            return Rollup.MonthRow(period: period, activities: members.count, coverage: members.reduce(0) { $0 + $1.coverage })
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
