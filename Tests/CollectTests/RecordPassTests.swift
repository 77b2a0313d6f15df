import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
import Testing

/// The report reads the ledger's records pass by pass: every pass lists the same records in
/// the same order, a pass by positions gives exactly the records at those places of the full
/// listing, and a pass by units follows the order asked for.
@Suite struct RecordPassTests {
    private func collected() throws -> LedgerSnapshot {
        let env = try CollectorTests.Env()
        try env.drop("b.xlsx", "unit=JD02 period=2025-03 n=2")
        try env.drop("a.xlsx", "unit=JD01 period=2025-04 n=3")
        try env.drop("c.xlsx", "unit=JD01 period=2025-02 n=1")
        _ = try env.collect()
        return try env.snapshot()
    }

    @Test func everyPassListsTheSameRecordsInUnitMonthRowOrder() throws {
        let snapshot = try collected()
        let first = try snapshot.activities.collected()
        #expect(first.map { "\($0.unitCode) \($0.period.month) \($0.source.row)" }
                == ["JD01 2 2", "JD01 4 2", "JD01 4 3", "JD01 4 4", "JD02 3 2", "JD02 3 3"])
        #expect(try snapshot.activities.collected() == first)
    }

    @Test func aPassByPositionsDecodesOnlyThoseRecords() throws {
        let snapshot = try collected()
        let all = try snapshot.activities.collected()
        var positions = PositionSet()
        for p in [5, 1, 3] { positions.insert(p) }
        var picked: [ActivityRecord] = []
        try snapshot.activities.forEach(at: positions) { picked.append($0) }
        #expect(picked == [all[1], all[3], all[5]])
        #expect(positions.count == 3)
    }

    @Test func aPassByUnitsFollowsTheOrderAsked() throws {
        let snapshot = try collected()
        var listed: [String] = []
        try snapshot.activities.forEach(units: ["JD02", "QU00", "JD01"]) { listed.append("\($0.unitCode) \($0.period.month)") }
        #expect(listed == ["JD02 3", "JD02 3", "JD01 2", "JD01 4", "JD01 4", "JD01 4"])
    }

    @Test func whatThePassersBodyThrowsComesBackAsItIs() throws {
        struct Stop: Error {}
        let snapshot = try collected()
        #expect(throws: Stop.self) { try snapshot.activities.forEach { _ in throw Stop() } }
    }

    /// Counted in one pass, listed in a later one: if the ledger lost a row in between, the
    /// listing says so instead of printing fewer rows under the old count.
    @Test func aListingThatNoLongerMatchesItsCountStops() throws {
        let env = try CollectorTests.Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-04 n=3")
        _ = try env.collect()
        let snapshot = try env.snapshot()
        var positions = PositionSet()
        for p in 0..<3 { positions.insert(p) }
        let selection = RecordSelection(source: snapshot.activities, positions: positions)
        try env.ledger.pool.write { db in try db.execute(sql: "DELETE FROM records WHERE id = (SELECT MAX(id) FROM records)") }
        #expect {
            try selection.forEach { _ in }
        } throws: { error in
            guard let changed = error as? RecordsChanged else { return false }
            return changed.expected == 3 && changed.listed == 2 && changed.description.contains("本次不生成报表")
        }
    }

    @Test func aPassOverFilesGivesOnlyTheStatusesAskedNewestRunFirst() throws {
        let env = try CollectorTests.Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        try env.drop("b.xlsx", "unit=JD02 period=2025-03 n=1 error=1")
        _ = try env.collect()
        try env.drop("c.xlsx", "unit=JD01 period=2025-03 n=4")
        _ = try env.collect()
        let snapshot = try env.snapshot()
        #expect(snapshot.files.all.map(\.fileName) == ["c.xlsx", "a.xlsx", "b.xlsx"])
        var rejected: [FileOutcome] = []
        try snapshot.files.forEach(only: [.rejected]) { rejected.append($0) }
        #expect(rejected.map(\.fileName) == ["b.xlsx"])
        #expect(rejected.first?.diagnostics.contains { $0.severity == .error } == true, "diagnostics come with the file")
        var kept: [String] = []
        try snapshot.files.forEach(only: [.accepted, .superseded]) { kept.append("\($0.fileName) \($0.status.rawValue)") }
        #expect(kept == ["c.xlsx accepted", "a.xlsx superseded"])
    }

    @Test func aPassOverWorkloadGivesOnlyTheItemsAskedAndNoZeros() throws {
        let env = try CollectorTests.Env()
        try env.drop("a.xlsx", "unit=JD02 period=2025-03 n=2")
        try env.drop("b.xlsx", "unit=JD01 period=2025-04 n=3")
        try env.drop("c.xlsx", "unit=JD01 period=2025-05 n=0")
        _ = try env.collect()
        let snapshot = try env.snapshot()
        #expect(snapshot.workload.all.map { "\($0.unitCode) \($0.period.month) \($0.quantity)" } == ["JD01 4 3", "JD02 3 2"])
        var asked: [Int] = []
        try snapshot.workload.forEach(only: [.recruitedScienceWorkers]) { asked.append($0.quantity) }
        #expect(asked == [3, 2])
        var other = 0
        try snapshot.workload.forEach(only: [.appliedProjects]) { _ in other += 1 }
        #expect(other == 0)
    }

    @Test func aWorkloadListingThatNoLongerMatchesItsCountStops() throws {
        let env = try CollectorTests.Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        try env.drop("b.xlsx", "unit=JD02 period=2025-03 n=5")
        _ = try env.collect()
        let snapshot = try env.snapshot()
        let evidence = WorkloadEvidence(source: snapshot.workload, item: .recruitedScienceWorkers, count: 2, counts: { _ in true })
        var listed = 0
        try evidence.forEach { _ in listed += 1 }
        #expect(listed == 2)
        try env.ledger.pool.write { db in try db.execute(sql: "DELETE FROM workload WHERE id = (SELECT MAX(id) FROM workload)") }
        #expect {
            try evidence.forEach { _ in }
        } throws: { error in
            guard let changed = error as? RecordsChanged else { return false }
            return changed.expected == 2 && changed.listed == 1 && changed.description.contains("工作量有变动")
        }
    }

    @Test func positionSetsCountAndCompareByMembers() {
        var a = PositionSet(), b = PositionSet()
        for p in [0, 64, 200, 64] { a.insert(p) }
        for p in [200, 0, 64] { b.insert(p) }
        #expect(a.count == 3)
        #expect(a == b)
        #expect(a.contains(200) && !a.contains(199) && !a.contains(10_000))
    }
}
