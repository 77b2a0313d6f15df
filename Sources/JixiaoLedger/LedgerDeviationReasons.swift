import Foundation
import GRDB
import JixiaoModel
import JixiaoWorkspace

extension Ledger {
    /// The 偏差原因 of the latest accepted QU00 submission of the year up to `through` (by
    /// 报送月份, then as received) that gives any: each month's template carries the sheet, so
    /// a later file that leaves it blank keeps the reasons given before.
    func deviationReasons(year: Int, through: Period) throws -> SubmittedDeviationReasons? {
        guard let january = Period(year: year, month: 1), let december = Period(year: year, month: 12) else { return nil }
        return try pool.read { db in
            // A compared year's ledger is read as it is, never migrated: it may predate the table.
            guard try db.tableExists("deviation_reasons") else { return nil }
            guard let latest = try GRDB.Row.fetchOne(db, sql: """
                SELECT s.id, s.name, s.period FROM submissions s
                WHERE s.status = 'accepted' AND s.unit = ? AND s.period BETWEEN ? AND ?
                  AND EXISTS (SELECT 1 FROM deviation_reasons d WHERE d.submission_id = s.id)
                ORDER BY s.period DESC, s.id DESC LIMIT 1
                """, arguments: [SubmissionSchema.districtUnitCode, january.description, min(through, december).description])
            else { return nil }
            guard let period = Period(latest["period"] as String) else {
                throw LedgerRows.undecodable("submissions", latest, column: "period")
            }
            let reasons = try GRDB.Row.fetchAll(db, sql: """
                SELECT * FROM deviation_reasons WHERE submission_id = ? ORDER BY id
                """, arguments: [latest["id"] as Int64]).map { row in
                DeviationReason(indicator: row["indicator"], reason: row["reason"],
                                source: SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"],
                                                  cell: row["source_cell"]))
            }
            return SubmittedDeviationReasons(period: period, sourceFile: latest["name"], reasons: reasons)
        }
    }
}
