import Foundation
import GRDB
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import Testing
import TestSupport

/// A ledger written by an earlier jixiao opens in this one and reads the same. The fixture
/// `ledger-v1.sqlite` was made by `jixiao collect` of `Fixtures/batch1` then `Fixtures/batch2`
/// at schema v1 (the first release's tables); each later schema change must keep this test.
@Suite struct LedgerMigrationTests {
    /// A compared year's ledger is only read, never migrated: one from the first release still
    /// gives its records, without the sent values it never had.
    @Test func aFirstReleaseLedgerReadWithoutMigratingGivesItsRecords() throws {
        let ws = try TestSupport.workspace()
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("ledger-v1.sqlite"), to: ws.ledgerURL)
        let ledger = try Ledger.openReadOnly(for: ws)
        let snapshot = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        let records = try snapshot.activities.collected()
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0.sent.isEmpty })
        var listed = 0
        try snapshot.activities.forEach(units: ["QU00", "JD01"]) { _ in listed += 1 }
        #expect(listed == 4)
    }

    @Test func aFirstReleaseLedgerOpensAndReadsTheSame() throws {
        let ws = try TestSupport.workspace()
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("ledger-v1.sqlite"), to: ws.ledgerURL)
        let ledger = try Ledger.open(for: ws, check: .integrity)
        let applied = try ledger.pool.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1: runs, files, submissions, records, diagnostics", "v2: corrections, withdrawn submissions",
                            "v3: zero report, a submission may declare a month without activities",
                            "v4: sent values and source cells, for 佐证材料", "v5: district final accounts",
                            "v6: deviation reasons from QU00's 偏差原因 sheet"])
        let snapshot = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        let byUnit = Dictionary(grouping: try snapshot.activities.collected(), by: \.unitCode).mapValues { ($0.count, $0.reduce(0) { $0 + $1.coverage }) }
        #expect(byUnit["JD01"]?.0 == 3 && byUnit["JD01"]?.1 == 540)
        #expect(byUnit["JD03"]?.0 == 1 && byUnit["JD03"]?.1 == 60)
        #expect(byUnit["QU00"]?.0 == 1 && byUnit["QU00"]?.1 == 200)
        #expect(snapshot.district?.executed != nil)
        #expect(snapshot.files.all.map(\.status) == [.accepted, .accepted, .superseded, .rejected, .accepted])
        #expect(try ledger.receivedFiles().count == 5)
        // Rows recorded before v4 have no sent values or cells: they read as none, not as errors.
        #expect(snapshot.activities.all.allSatisfy { $0.sent.isEmpty })
        #expect(snapshot.workload.all.allSatisfy { $0.source.cell == nil })
        #expect(snapshot.district?.cells == [:])
        // No 偏差原因 sheet was ever read: the reasons are indicators.yaml's.
        #expect(snapshot.deviationReasons == nil)
        // The widened status column takes a withdrawal; the earlier version counts again.
        let superseded = try #require(try ledger.correctableSubmissions().first { $0.status == .superseded })
        let current = try #require(try ledger.correctableSubmissions().first {
            $0.status == .accepted && $0.unitCode == superseded.unitCode && $0.period == superseded.period
        })
        _ = try ledger.correct(.withdraw, submission: current.id, reason: "迁移后撤回", at: Date(timeIntervalSince1970: 1_768_442_400))
        let after = try ledger.correctableSubmissions()
        #expect(after.first { $0.id == current.id }?.status == .withdrawn)
        #expect(after.first { $0.id == superseded.id }?.status == .accepted)
        #expect(try ledger.pool.read { db in try String.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    /// Widening the status column remakes `submissions` from its stored definition, so a
    /// column some other change added to it before is carried over with its values.
    @Test func widenedSubmissionsKeepAColumnAddedAfterTheFirstRelease() throws {
        let ws = try TestSupport.workspace()
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("ledger-v1.sqlite"), to: ws.ledgerURL)
        do {
            let queue = try DatabaseQueue(path: ws.ledgerURL.path)
            try queue.write { db in
                try db.execute(sql: "ALTER TABLE submissions ADD COLUMN extra TEXT NOT NULL DEFAULT ''")
                try db.execute(sql: "UPDATE submissions SET extra = 'kept-' || id")
            }
            try queue.close()
        }
        let ledger = try Ledger.open(for: ws, check: .integrity)
        let extras = try ledger.pool.read { db in try String.fetchAll(db, sql: "SELECT extra FROM submissions ORDER BY id") }
        #expect(extras == (1...5).map { "kept-\($0)" })
        let indexes = try ledger.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions' ORDER BY name")
        }
        #expect(indexes == ["submissions_file", "submissions_unit_period"])
    }
}
