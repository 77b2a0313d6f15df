import Foundation
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import Testing
import TestSupport

/// A ledger written by an earlier jixiao opens in this one and reads the same. The fixture
/// `ledger-v1.sqlite` was made by `jixiao collect` of `Fixtures/batch1` then `Fixtures/batch2`
/// at schema v1 (the first release's tables); each later schema change must keep this test.
@Suite struct LedgerMigrationTests {
    @Test func aFirstReleaseLedgerOpensAndReadsTheSame() throws {
        let ws = try TestSupport.workspace()
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("ledger-v1.sqlite"), to: ws.ledgerURL)
        let ledger = try Ledger.open(for: ws, check: .integrity)
        let applied = try ledger.pool.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1: runs, files, submissions, records, diagnostics", "v2: district final accounts"])
        let snapshot = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        let byUnit = Dictionary(grouping: snapshot.activities, by: \.unitCode).mapValues { ($0.count, $0.reduce(0) { $0 + $1.coverage }) }
        #expect(byUnit["JD01"]?.0 == 3 && byUnit["JD01"]?.1 == 540)
        #expect(byUnit["JD03"]?.0 == 1 && byUnit["JD03"]?.1 == 60)
        #expect(byUnit["QU00"]?.0 == 1 && byUnit["QU00"]?.1 == 200)
        #expect(snapshot.district?.executed != nil)
        #expect(snapshot.files.map(\.status) == [.accepted, .accepted, .superseded, .rejected, .accepted])
        #expect(try ledger.receivedFiles().count == 5)
    }
}
