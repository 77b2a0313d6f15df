import Foundation
import GRDB
import JixiaoModel

extension Ledger {
    /// The latest clock reading any run has recorded at its start. The latest, not the last
    /// run's: once a run with a clock set back has recorded its time, the runs after it must
    /// still be compared with the real latest one.
    public func latestRunStart() throws -> Date? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(started_at) FROM runs").map(LedgerTime.date)
        }
    }

    /// The latest month with an accepted (current) submission, in any year.
    public func latestAcceptedPeriod() throws -> Period? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(period) FROM submissions WHERE status = 'accepted'").flatMap(Period.init)
        }
    }
}
