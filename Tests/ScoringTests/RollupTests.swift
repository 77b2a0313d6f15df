import Foundation
import JixiaoModel
@testable import JixiaoScoring
import Testing

@Suite struct RollupTests {
    @Test func rollupCoversEveryPeriodUnitStreetAndMonth() throws {
        let late = Fixture.unit("JD13", .street, street: "新沟镇街道", from: Period(year: 2025, month: 3)!)
        let units = Fixture.registry + [late]
        var snap = Fixture.snapshot(activities: [
            Fixture.activity("JD02", month: 2, coverage: 40, row: 5),
            Fixture.activity("JD02", month: 2, coverage: 60, row: 3),
            Fixture.activity("JD02", month: 1, coverage: 10, row: 9),
            Fixture.activity("QU00", month: 2, coverage: 500, row: 2),
            Fixture.activity("QY01", month: 3, coverage: 7, row: 2),
            Fixture.activity("JD13", month: 3, coverage: 1, row: 2),
            Fixture.activity("JD01", month: 5, coverage: 1000, row: 2),
        ], through: 4, units: units)
        snap.acceptedPeriods["JD03"] = [Period(year: 2025, month: 1)!]
        let rollup = try RollupBuilder.build(snap)

        #expect(rollup.periods.map(\.description) == ["2025-01", "2025-02", "2025-03", "2025-04"])
        #expect(rollup.units.map(\.unit.code) == units.map(\.code))
        let jd02 = rollup.units[2]
        #expect(jd02.months[Period(year: 2025, month: 2)!] == Rollup.UnitMonth(activities: 2, coverage: 100))
        #expect(jd02.months[Period(year: 2025, month: 1)!] == Rollup.UnitMonth(activities: 1, coverage: 10))
        #expect(jd02.months[Period(year: 2025, month: 3)!] == nil)
        // An accepted month with no activity is present with zeros, not missing.
        #expect(rollup.units[3].months[Period(year: 2025, month: 1)!] == Rollup.UnitMonth(activities: 0, coverage: 0))
        // The May activity is after the period.
        #expect(rollup.units[1].months.isEmpty)
        #expect(rollup.units.last?.due.map(\.month) == [3, 4])
        #expect(rollup.units[0].due.count == 4)

        #expect(rollup.streets.map(\.street) == Fixture.streets)
        let jinyinhu = rollup.streets.first { $0.street == "金银湖街道" }
        #expect(jinyinhu == Rollup.StreetRow(street: "金银湖街道", units: 2, activities: 1, coverage: 7))
        let xingou = rollup.streets.first { $0.street == "新沟镇街道" }
        #expect(xingou?.units == 2)
        #expect(xingou?.activities == 1)
        // QU00 sits in 吴家山街道 in the registry, but its activities count for no street.
        #expect(rollup.streets[0] == Rollup.StreetRow(street: "吴家山街道", units: 1, activities: 0, coverage: 0))

        #expect(rollup.months.map(\.activities) == [1, 3, 2, 0])
        #expect(rollup.months.map(\.coverage) == [10, 600, 8, 0])
        #expect(try rollup.records.source.collected().count >= rollup.records.count)
        #expect(try Self.listed(rollup).map { "\($0.unitCode) \($0.period.month) \($0.source.row)" }
                == ["QU00 2 2", "JD02 1 9", "JD02 2 3", "JD02 2 5", "QY01 3 2", "JD13 3 2"])
    }

    @Test func recordsOfUnregisteredUnitsFollowTheRegistryByCode() throws {
        let snap = Fixture.snapshot(activities: [
            Fixture.activity("ZZ09", month: 1), Fixture.activity("AA01", month: 2), Fixture.activity("AA01", month: 1),
            Fixture.activity("QY01", month: 3), Fixture.activity("ZZ09", month: 2),
        ])
        let rollup = try RollupBuilder.build(snap)
        #expect(try rollup.records.source.collected().count >= rollup.records.count)
        #expect(try Self.listed(rollup).map { "\($0.unitCode)-\($0.period.month)" } == ["QY01-3", "AA01-1", "AA01-2", "ZZ09-1", "ZZ09-2"])
        #expect(rollup.streets.allSatisfy { $0.street != "" })
        #expect(rollup.months.map(\.activities).prefix(3) == [2, 2, 1])
    }
}

extension RollupTests {
    /// The records as 汇总表's 活动明细 lists them.
    static func listed(_ rollup: Rollup) throws -> [ActivityRecord] {
        var out: [ActivityRecord] = []
        try rollup.records.forEach { out.append($0) }
        #expect(out.count == rollup.records.count)
        return out
    }
}
