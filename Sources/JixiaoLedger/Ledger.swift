import Foundation
import GRDB
import GRDBSQLite
import JixiaoModel
import JixiaoSubmission
import JixiaoWorkspace

/// The workspace's SQLite ledger (WAL): every run, every file received, what became of
/// it, the records of accepted submissions and every diagnostic. One file's outcome is
/// written in one transaction, so a killed run never leaves half a file recorded.
public final class Ledger: Sendable {
    let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    /// Opens (creating and migrating when needed) the ledger at `url`.
    public static func open(at url: URL) throws(JixiaoError) -> Ledger {
        var config = Configuration()
        config.prepareDatabase { db in
            // FULL: a commit is on disk before the inbox file it records is deleted.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The writer's page cache holds a collect's batch without spilling pages half-way
            // (a fifth fewer writes); readers go through the records once per pass, where a
            // large cache only adds memory.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -32768") }
        }
        config.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: url.path, configuration: config)
            try LedgerSchema.migrator.migrate(pool)
            try LedgerSchema.addMissingActivityColumns(pool)
            return Ledger(pool: pool)
        } catch {
            throw .io(LedgerMessages.ledgerUnavailable(url.path, detail: LedgerMessages.reason(error)))
        }
    }

    // MARK: Runs

    /// A new run; `id` only when history is replayed with the ids it had.
    package func beginRun(at date: Date, id: Int64? = nil) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO runs (id, started_at) VALUES (?, ?)", arguments: [id, LedgerTime.text(date)])
            return db.lastInsertedRowID
        }
    }

    package func finishRun(_ id: Int64, at date: Date, files: Int, accepted: Int, rejected: Int, duplicates: Int) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, files = ?, accepted = ?, rejected = ?, duplicates = ? WHERE id = ?
                """, arguments: [LedgerTime.text(date), files, accepted, rejected, duplicates, id])
            try db.execute(sql: "DELETE FROM pending_removals")
        }
    }

    /// The newest run that took at least one file, if any.
    public func lastRunID() throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM files")
        }
    }

    // MARK: Files

    /// An earlier file with the same bytes (not itself a duplicate).
    package func knownFile(hash: String) throws -> KnownFile? {
        try pool.read { db in try knownFile(db, hash: hash) }
    }

    private func knownFile(_ db: Database, hash: String) throws -> KnownFile? {
        guard let row = try GRDB.Row.fetchOne(db, sql: """
            SELECT id, name, received_at FROM files WHERE hash = ? AND outcome != 'duplicate' ORDER BY id LIMIT 1
            """, arguments: [hash]) else { return nil }
        let id: Int64 = row["id"]
        let units = try GRDB.Row.fetchAll(db, sql: "SELECT unit, period FROM submissions WHERE file_id = ? ORDER BY id", arguments: [id])
        let only = units.count == 1 ? units.first : nil
        return KnownFile(id: id, name: row["name"], receivedAt: row["received_at"],
                         unitCode: only?["unit"], period: (only?["period"] as String?).flatMap(Period.init))
    }

    /// Inbox files committed by a run that may have died before deleting them.
    package func pendingRemovals() throws -> [(path: String, hash: String)] {
        try pool.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT path, hash FROM pending_removals ORDER BY path").map { ($0["path"], $0["hash"]) }
        }
    }

    /// Writes what is in the WAL into the database file and closes it, so the file alone is
    /// the whole ledger (before it is moved into place).
    package func close() throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try pool.close()
    }

    package func clearPendingRemovals() throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM pending_removals") }
    }

    /// Records inbox files with all their submissions, in one transaction: each file is
    /// either recorded whole or not at all. Accepted submissions supersede earlier accepted
    /// ones of the same unit and month, in entry order. `inserted` runs inside the
    /// transaction after each file's rows (the fault-test hook).
    package func record(_ entries: [LedgerEntry], runID: Int64, inserted: (Int) -> Void = { _ in }) throws -> [RecordedOutcome] {
        try pool.write { db in
            var recordedHashes: [String: KnownFile] = [:]
            var outcomes: [RecordedOutcome] = []
            for entry in entries {
                let file = entry.file
                switch entry.content {
                case .duplicate(let known, let note):
                    // An original earlier in this batch has its row now.
                    var original = known
                    if known.id == nil {
                        original = try recordedHashes[file.hash] ?? knownFile(db, hash: file.hash) ?? known
                    }
                    let fileID = try insertFile(db, file, runID: runID, outcome: SubmissionStatus.duplicate.rawValue, duplicateOf: original.id)
                    let id = try insertSubmission(db, fileID: fileID, runID: runID, name: file.name, unit: original.unitCode,
                                                  period: original.period, status: .duplicate, parsed: nil)
                    try insertDiagnostics(db, submissionID: id, [note])
                    outcomes.append(RecordedOutcome(fileID: fileID, kind: .duplicate(original)))
                case .submissions(let submissions):
                    let fileID = try insertFile(db, file, runID: runID, outcome: FileOutcomeText.summary(submissions), duplicateOf: nil)
                    var committed: [CommittedSubmission] = []
                    for parsed in submissions {
                        committed.append(try insertSubmission(db, fileID: fileID, runID: runID, parsed))
                    }
                    let only = submissions.count == 1 ? submissions.first : nil
                    recordedHashes[file.hash] = KnownFile(id: fileID, name: file.name, receivedAt: LedgerTime.text(file.receivedAt),
                                                          unitCode: only?.unitCode, period: only?.period)
                    outcomes.append(RecordedOutcome(fileID: fileID, kind: .submissions(committed)))
                }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO pending_removals (path, hash) VALUES (?, ?)")
                    .run([file.path, file.hash])
                inserted(entry.number)
            }
            return outcomes
        }
    }

    private func insertSubmission(_ db: Database, fileID: Int64, runID: Int64, _ parsed: ParsedSubmission) throws -> CommittedSubmission {
        let status: SubmissionStatus = parsed.hasErrors ? .rejected : .accepted
        let id = try insertSubmission(db, fileID: fileID, runID: runID, name: parsed.fileName, unit: parsed.unitCode,
                                      period: parsed.period, status: status, parsed: parsed)
        try insertDiagnostics(db, submissionID: id, parsed.diagnostics)
        var replaced: ReplacedSubmission?
        if status == .accepted, let unit = parsed.unitCode, let period = parsed.period {
            replaced = try ReplacedSubmission.current(db, unit: unit, period: period, excluding: id)
            try db.cachedStatement(sql: """
                UPDATE submissions SET status = 'superseded', superseded_by = ?
                WHERE unit = ? AND period = ? AND status = 'accepted' AND id != ?
                """).run([id, unit, period.description, id])
            try insertRecords(db, submissionID: id, parsed)
        }
        return CommittedSubmission(parsed: parsed, status: status, replaced: replaced)
    }

    private func insertFile(_ db: Database, _ file: IncomingFile, runID: Int64, outcome: String, duplicateOf: Int64?) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO files (id, run_id, hash, name, size, received_at, outcome, duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).run([file.replayedID, runID, file.hash, file.name, file.size, LedgerTime.text(file.receivedAt), outcome,
                     duplicateOf])
        return db.lastInsertedRowID
    }

    private func insertSubmission(_ db: Database, fileID: Int64, runID: Int64, name: String, unit: String?, period: Period?,
                                  status: SubmissionStatus, parsed: ParsedSubmission?) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO submissions (file_id, run_id, name, unit, period, status, unit_name, preparer, phone, filled_on,
                                     zero_report)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([fileID, runID, name, unit, period?.description, status.rawValue,
                                     parsed?.unitName ?? "", parsed?.preparer ?? "", parsed?.phone ?? "",
                                     parsed?.filledOn?.description, parsed?.declaresZeroReport ?? false])
        return db.lastInsertedRowID
    }

    private func insertDiagnostics(_ db: Database, submissionID: Int64, _ diagnostics: [Diagnostic]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO diagnostics (submission_id, severity, code, file, sheet, cell, value, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for d in diagnostics {
            try statement.run([submissionID, d.severity.rawValue, d.code, d.file, d.sheet, d.cell, d.value, d.message])
        }
    }

    private func insertRecords(_ db: Database, submissionID: Int64, _ parsed: ParsedSubmission) throws {
        // Many rows per INSERT: a submission's 200 activities cost a handful of statement
        // executions instead of 200. Rows keep their order, so ids stay in entry order.
        let activities = parsed.activities
        let largest = RecordInsert.largestStatement(variableLimit: sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
        var parameters = StatementParameters(capacity: RecordInsert.columns * largest)
        var start = activities.startIndex
        while start < activities.endIndex {
            let rows = RecordInsert.rows(remaining: activities.endIndex - start, largest: largest)
            let end = start + rows
            parameters.removeAll()
            for r in activities[start..<end] {
                parameters.append(submissionID)
                parameters.append(r.unitCode)
                parameters.append(r.period.description)
                for field in ActivityField.all { parameters.append(r.value(field)) }
                parameters.append(r.source.file)
                parameters.append(r.source.sheet)
                parameters.append(r.source.row)
                parameters.append(LedgerJSON.text(Dictionary(uniqueKeysWithValues: r.sent.map { ($0.key.spec.ledgerColumn, $0.value) })))
            }
            try parameters.execute(db.cachedStatement(sql: RecordInsert.sql(rows: rows)))
            start = end
        }
        let work = try db.cachedStatement(sql: """
            INSERT INTO workload (submission_id, unit, period, item, quantity, note, source_file, source_sheet, source_row,
                                  source_cell)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for w in parsed.workload {
            try work.run([submissionID, w.unitCode, w.period.description, w.item.rawValue, w.quantity, w.note,
                                         w.source.file, w.source.sheet, w.source.row, w.source.cell])
        }
        if let d = parsed.district, parsed.unitCode == SubmissionSchema.districtUnitCode {
            try db.execute(sql: """
                INSERT INTO district_inputs (submission_id, initial_budget, addition, reduction, executed, valid_questionnaires,
                                             satisfied_questionnaires, overall_goal, actual_completion, period, source_file,
                                             cells, final_income, fiscal_appropriation, carried_over, basic_expenditure,
                                             project_expenditure)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [submissionID, d.initialBudget.plain, d.addition.plain, d.reduction.plain, d.executed.plain,
                                 d.validQuestionnaires, d.satisfiedQuestionnaires, d.overallGoal, d.actualCompletion,
                                 d.period.description, d.sourceFile, LedgerJSON.text(d.cells), d.finalIncome?.plain,
                                 d.fiscalAppropriation?.plain, d.carriedOver?.plain, d.basicExpenditure?.plain,
                                 d.projectExpenditure?.plain])
        }
        if parsed.unitCode == SubmissionSchema.districtUnitCode, !parsed.deviationReasons.isEmpty {
            let reason = try db.cachedStatement(sql: """
                INSERT INTO deviation_reasons (submission_id, indicator, reason, source_file, source_sheet, source_row, source_cell)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for r in parsed.deviationReasons {
                try reason.run([submissionID, r.indicator, r.reason, r.source.file, r.source.sheet, r.source.row,
                                r.source.cell ?? ""])
            }
        }
    }
}

/// The multi-row INSERT of activity records, in pieces of 2ⁿ rows: a submission's 200
/// rows are three statement executions (128 + 64 + 8), and the few distinct statements
/// all stay in the statement cache.
enum RecordInsert {
    /// The `records` columns in INSERT order: whose row, the 活动明细 fields, where it came from.
    static let columnNames = ["submission_id", "unit", "period"] + ActivityField.allCases.map(\.spec.ledgerColumn)
        + ["source_file", "source_sheet", "source_row", "sent"]
    static let columns = columnNames.count
    /// 17 × 128 = 2,176 parameters; SQLite before 3.32 allows only 999, then 32 rows it is.
    static let rowsPerStatement = 128

    static func largestStatement(variableLimit: Int32) -> Int {
        var rows = rowsPerStatement
        while rows > 1 && rows * columns > Int(variableLimit) { rows /= 2 }
        return rows
    }

    /// The next piece: the largest power of two that fits what is left.
    static func rows(remaining: Int, largest: Int) -> Int {
        var rows = largest
        while rows > remaining { rows /= 2 }
        return max(rows, 1)
    }

    static func sql(rows: Int) -> String {
        let piece = rows.trailingZeroBitCount
        return rows.nonzeroBitCount == 1 && piece < texts.count ? texts[piece] : text(rows: rows)
    }

    private static let texts = (0...rowsPerStatement.trailingZeroBitCount).map { text(rows: 1 << $0) }

    private static func text(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return "INSERT INTO records (\(columnNames.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}

extension Statement {
    /// Executes with arguments bound as they are, without checking them against the statement
    /// first: every caller passes exactly one value per `?` of its own SQL. Binding once per
    /// execution costs less than GRDB's nested temporary bindings, which is what a batch of
    /// thousands of rows spends its time in. A failed statement leaves GRDB's cache, so a
    /// reused statement is always in a state to be reset.
    func run(_ arguments: StatementArguments) throws {
        setUncheckedArguments(arguments)
        try execute()
    }
}

/// A file read from inbox/, about to be recorded.
package struct IncomingFile: Sendable {
    /// Path relative to inbox/, which is also the name shown to users.
    package var path: String
    package var name: String { path }
    package var hash: String
    package var size: Int64
    package var receivedAt: Date
    /// The `files` id it had, when history is replayed from the archive; nil for a new file.
    package var replayedID: Int64?

    package init(path: String, hash: String, size: Int64, receivedAt: Date, replayedID: Int64? = nil) {
        self.path = path
        self.hash = hash
        self.size = size
        self.receivedAt = receivedAt
        self.replayedID = replayedID
    }
}

/// An earlier file with the same content hash.
package struct KnownFile: Sendable {
    /// Its `files` row; nil while it is an earlier file of the batch being recorded.
    package var id: Int64?
    package var name: String
    package var receivedAt: String
    package var unitCode: String?
    package var period: Period?

    package init(id: Int64?, name: String, receivedAt: String, unitCode: String?, period: Period?) {
        self.id = id
        self.name = name
        self.receivedAt = receivedAt
        self.unitCode = unitCode
        self.period = period
    }
}

/// One inbox file to record: its submissions, or a note that it repeats earlier bytes.
package struct LedgerEntry: Sendable {
    package enum Content: Sendable {
        case submissions([ParsedSubmission])
        case duplicate(KnownFile, Diagnostic)
    }

    package var file: IncomingFile
    package var content: Content
    /// 1-based position of the file in the run.
    package var number: Int

    package init(file: IncomingFile, content: Content, number: Int) {
        self.file = file
        self.content = content
        self.number = number
    }
}

/// What `record` made of one entry.
package struct RecordedOutcome: Sendable {
    /// The file's own `files` row.
    package var fileID: Int64
    package var kind: Kind

    package enum Kind: Sendable {
        case submissions([CommittedSubmission])
        /// The original, with its unit and month when it held exactly one submission.
        case duplicate(KnownFile)
    }
}

/// A submission as recorded.
package struct CommittedSubmission: Sendable {
    package var parsed: ParsedSubmission
    package var status: SubmissionStatus
    /// The accepted submission for the same unit and month that this one replaced.
    package var replaced: ReplacedSubmission?
}

/// What an accepted submission replaced, so the log can say which file stopped counting and
/// how many activities it held: a replacement is never silent about what it took away.
public struct ReplacedSubmission: Sendable, Hashable {
    /// As received, ZIP members as `bundle.zip/成员.xlsx`.
    public var fileName: String
    public var receivedAt: Date
    public var activities: Int

    /// The unit-month's accepted submission other than `id`, if any (there is at most one).
    static func current(_ db: Database, unit: String, period: Period, excluding id: Int64) throws -> ReplacedSubmission? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT s.name, f.received_at, (SELECT COUNT(*) FROM records r WHERE r.submission_id = s.id) AS activities
            FROM submissions s JOIN files f ON f.id = s.file_id
            WHERE s.unit = ? AND s.period = ? AND s.status = 'accepted' AND s.id != ?
            ORDER BY s.id DESC LIMIT 1
            """), arguments: [unit, period.description, id]) else { return nil }
        return ReplacedSubmission(fileName: row["name"], receivedAt: LedgerTime.date(row["received_at"]),
                                  activities: row["activities"])
    }
}

/// The `files.outcome` of a file: its submissions' status, or `mixed` for a ZIP with both.
enum FileOutcomeText {
    static func summary(_ submissions: [ParsedSubmission]) -> String {
        let rejected = submissions.filter(\.hasErrors).count
        if submissions.isEmpty || rejected == submissions.count { return SubmissionStatus.rejected.rawValue }
        return rejected == 0 ? SubmissionStatus.accepted.rawValue : "mixed"
    }
}

/// Timestamps as ISO 8601 UTC text, sortable and readable in any SQLite browser.
package enum LedgerTime {
    package static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    package static func date(_ text: String) -> Date {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? Date(timeIntervalSince1970: 0)
    }
}

/// Small string maps kept in one TEXT column: JSON with sorted keys, so the same values
/// always give the same bytes; '' for an empty map.
enum LedgerJSON {
    static func text(_ map: [String: String]) -> String {
        guard !map.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(map)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    /// nil when the text is not such a map.
    static func map(_ text: String) -> [String: String]? {
        guard !text.isEmpty else { return [:] }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
