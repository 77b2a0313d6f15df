import Foundation
import GRDB
import JixiaoModel

/// A submission as `withdraw` and `restore` look for it: by the name it was received under or
/// by its content hash, with what it is now.
package struct CorrectableSubmission: Sendable, Hashable {
    package var id: Int64
    package var fileID: Int64
    /// As received, ZIP members as `bundle.zip/成员.xlsx`.
    package var name: String
    /// The file taken from inbox/ (the bundle, for a member).
    package var receivedName: String
    package var hash: String
    package var receivedAt: Date
    package var unitCode: String?
    package var period: Period?
    package var status: SubmissionStatus
    package var activities: Int
}

/// Why a withdrawal or restoration cannot be made; the words are the caller's.
package enum CorrectionRefusal: Error, Sendable, Equatable {
    case rejected
    case duplicate(original: String?)
    case alreadyWithdrawn(at: Date, reason: String)
    case alreadyCounting
}

/// A withdrawal or restoration as recorded: its row, and the versions of the unit-month
/// that counted before and after.
package struct AppliedCorrection: Sendable {
    package var id: Int64
    package var action: Correction.Action
    package var madeAt: Date
    package var reason: String
    package var afterFile: Int64
    package var submission: CorrectableSubmission
    package var unitCode: String
    package var period: Period
    package var countedBefore: CorrectableSubmission?
    package var countsAfter: CorrectableSubmission?

    package var correction: Correction {
        Correction(madeAt: madeAt, action: action, unitCode: unitCode, period: period,
                   fileName: submission.name, reason: reason, countedBefore: countedBefore?.name,
                   wasCounting: countedBefore?.id == submission.id, countsAfter: countsAfter?.name)
    }
}

/// A correction as the archive mirrors it: the submission by its file's id (kept by rebuild)
/// and its name within the file.
package struct StoredCorrection: Sendable, Hashable {
    package var id: Int64
    package var action: Correction.Action
    package var madeAt: String
    package var fileID: Int64
    package var hash: String
    package var submissionName: String
    package var reason: String
    package var afterFile: Int64
}

extension Ledger {
    private static let correctableColumns = """
        SELECT s.id, s.file_id, s.name, s.unit, s.period, s.status, f.name AS file_name, f.hash, f.received_at,
               (SELECT COUNT(*) FROM records r WHERE r.submission_id = s.id) AS activities
        FROM submissions s JOIN files f ON f.id = s.file_id
        """

    /// Every submission ever recorded, in the order received.
    package func correctableSubmissions() throws -> [CorrectableSubmission] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.correctableColumns + " ORDER BY s.id").map(Self.correctable)
        }
    }

    package func correctableSubmission(fileID: Int64, name: String) throws -> CorrectableSubmission? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.correctableColumns + " WHERE s.file_id = ? AND s.name = ? AND s.status != 'duplicate'",
                             arguments: [fileID, name]).map(Self.correctable)
        }
    }

    /// Withdraws or restores submission `id` in one transaction. Withdrawn, it stops counting
    /// and the newest superseded version of its unit-month (if any) counts again; restored, it
    /// counts and the version counting until then is superseded by it. `replayed` keeps the
    /// id and position a correction had, when rebuild replays it.
    package func correct(_ action: Correction.Action, submission id: Int64, reason: String, at date: Date,
                         replayed: (id: Int64, afterFile: Int64)? = nil) throws -> AppliedCorrection {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: Self.correctableColumns + " WHERE s.id = ?", arguments: [id]) else {
                throw DatabaseError(message: "submission \(id) not found")
            }
            let target = try Self.correctable(row)
            try Self.refusal(action, target, db).map { throw $0 }
            guard let unit = target.unitCode, let period = target.period else { throw CorrectionRefusal.rejected }
            let counting = try Row.fetchOne(db, sql: Self.correctableColumns + """
                 WHERE s.unit = ? AND s.period = ? AND s.status = 'accepted' ORDER BY s.id DESC LIMIT 1
                """, arguments: [unit, period.description]).map(Self.correctable)
            var after: CorrectableSubmission?
            switch action {
            case .withdraw:
                try db.execute(sql: "UPDATE submissions SET status = 'withdrawn', superseded_by = NULL WHERE id = ?", arguments: [id])
                if counting?.id == id {
                    after = try Row.fetchOne(db, sql: Self.correctableColumns + """
                         WHERE s.unit = ? AND s.period = ? AND s.status = 'superseded' ORDER BY s.id DESC LIMIT 1
                        """, arguments: [unit, period.description]).map(Self.correctable)
                    if let next = after {
                        try db.execute(sql: "UPDATE submissions SET status = 'accepted', superseded_by = NULL WHERE id = ?",
                                       arguments: [next.id])
                    }
                } else {
                    after = counting
                }
            case .restore:
                if let counting {
                    try db.execute(sql: "UPDATE submissions SET status = 'superseded', superseded_by = ? WHERE id = ?",
                                   arguments: [id, counting.id])
                }
                try db.execute(sql: "UPDATE submissions SET status = 'accepted', superseded_by = NULL WHERE id = ?", arguments: [id])
                after = target
            }
            let afterFile = try replayed?.afterFile ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM files") ?? 0
            try db.execute(sql: """
                INSERT INTO corrections (id, made_at, action, submission_id, reason, after_file, counted_before, counts_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [replayed?.id, LedgerTime.text(date), action.rawValue, id, reason, afterFile, counting?.id, after?.id])
            return AppliedCorrection(id: db.lastInsertedRowID, action: action, madeAt: date, reason: reason, afterFile: afterFile,
                                     submission: target, unitCode: unit, period: period, countedBefore: counting, countsAfter: after)
        }
    }

    private static func refusal(_ action: Correction.Action, _ target: CorrectableSubmission, _ db: Database) throws -> CorrectionRefusal? {
        switch target.status {
        case .rejected: return .rejected
        case .duplicate:
            let original = try String.fetchOne(db, sql: """
                SELECT o.name FROM files f JOIN files o ON o.id = f.duplicate_of WHERE f.id = ?
                """, arguments: [target.fileID])
            return .duplicate(original: original)
        case .accepted: return action == .restore ? .alreadyCounting : nil
        case .superseded: return nil
        case .withdrawn:
            guard action == .withdraw else { return nil }
            let last = try Row.fetchOne(db, sql: """
                SELECT made_at, reason FROM corrections WHERE submission_id = ? AND action = 'withdraw' ORDER BY id DESC LIMIT 1
                """, arguments: [target.id])
            return .alreadyWithdrawn(at: LedgerTime.date(last?["made_at"] ?? ""), reason: last?["reason"] ?? "")
        }
    }

    /// Every correction, in the order made, as the archive mirrors it.
    package func storedCorrections() throws -> [StoredCorrection] {
        try pool.read { db in
            guard try db.tableExists("corrections") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT c.id, c.action, c.made_at, c.reason, c.after_file, s.file_id, s.name, f.hash
                FROM corrections c JOIN submissions s ON s.id = c.submission_id JOIN files f ON f.id = s.file_id
                ORDER BY c.id
                """).map { row in
                guard let action = Correction.Action(rawValue: row["action"]) else {
                    throw LedgerRows.undecodable("corrections", row, column: "action")
                }
                return StoredCorrection(id: row["id"], action: action, madeAt: row["made_at"], fileID: row["file_id"],
                                        hash: row["hash"], submissionName: row["name"], reason: row["reason"],
                                        afterFile: row["after_file"])
            }
        }
    }

    /// The year's corrections for the report, newest first.
    static func corrections(_ db: Database, window: StatementArguments) throws -> [Correction] {
        guard try db.tableExists("corrections") else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT c.made_at, c.action, c.reason, s.unit, s.period, s.name, b.name AS before_name, a.name AS after_name,
                   c.counted_before IS c.submission_id AS was_counting
            FROM corrections c JOIN submissions s ON s.id = c.submission_id
            LEFT JOIN submissions b ON b.id = c.counted_before
            LEFT JOIN submissions a ON a.id = c.counts_after
            WHERE s.period BETWEEN ? AND ?
            ORDER BY c.id DESC
            """, arguments: window).map { row in
            guard let action = Correction.Action(rawValue: row["action"]) else {
                throw LedgerRows.undecodable("corrections", row, column: "action")
            }
            guard let period = (row["period"] as String?).flatMap(Period.init) else {
                throw LedgerRows.undecodable("corrections", row, column: "period")
            }
            return Correction(madeAt: LedgerTime.date(row["made_at"]), action: action, unitCode: row["unit"] ?? "", period: period,
                              fileName: row["name"], reason: row["reason"], countedBefore: row["before_name"],
                              wasCounting: row["was_counting"] ?? false, countsAfter: row["after_name"])
        }
    }

    private static func correctable(_ row: Row) throws -> CorrectableSubmission {
        guard let status = SubmissionStatus(rawValue: row["status"]) else {
            throw LedgerRows.undecodable("submissions", row, column: "status")
        }
        return CorrectableSubmission(id: row["id"], fileID: row["file_id"], name: row["name"], receivedName: row["file_name"],
                                     hash: row["hash"], receivedAt: LedgerTime.date(row["received_at"]), unitCode: row["unit"],
                                     period: (row["period"] as String?).flatMap(Period.init), status: status,
                                     activities: row["activities"])
    }
}
