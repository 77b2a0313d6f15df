import GRDB
import JixiaoModel
import JixiaoWorkspace

/// The ledger's tables, as an append-only list of migrations: a workspace made by an
/// older version is brought up to date when it is opened, never rebuilt.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, files, submissions, records, diagnostics") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    files INTEGER NOT NULL DEFAULT 0,
                    accepted INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0
                );
                -- One row per file taken from inbox/; a ZIP bundle is one file.
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    hash TEXT NOT NULL,
                    name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    received_at TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    duplicate_of INTEGER REFERENCES files(id)
                );
                CREATE INDEX files_hash ON files(hash);
                -- One row per submission: the file itself, or each spreadsheet of a ZIP.
                CREATE TABLE submissions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file_id INTEGER NOT NULL REFERENCES files(id),
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    name TEXT NOT NULL,
                    unit TEXT,
                    period TEXT,
                    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'superseded', 'duplicate')),
                    superseded_by INTEGER REFERENCES submissions(id),
                    unit_name TEXT NOT NULL DEFAULT '',
                    preparer TEXT NOT NULL DEFAULT '',
                    phone TEXT NOT NULL DEFAULT '',
                    filled_on TEXT
                );
                CREATE INDEX submissions_unit_period ON submissions(unit, period, status);
                CREATE INDEX submissions_file ON submissions(file_id);
                CREATE TABLE records (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    unit TEXT NOT NULL,
                    period TEXT NOT NULL,
                    sequence INTEGER,
                    name TEXT NOT NULL,
                    date TEXT NOT NULL,
                    form TEXT NOT NULL,
                    category TEXT NOT NULL,
                    theme TEXT NOT NULL,
                    coverage INTEGER NOT NULL,
                    place TEXT NOT NULL,
                    partner TEXT NOT NULL,
                    note TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_sheet TEXT NOT NULL,
                    source_row INTEGER NOT NULL
                );
                CREATE INDEX records_submission ON records(submission_id);
                CREATE TABLE workload (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    unit TEXT NOT NULL,
                    period TEXT NOT NULL,
                    item TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    note TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_sheet TEXT NOT NULL,
                    source_row INTEGER NOT NULL
                );
                CREATE INDEX workload_submission ON workload(submission_id);
                -- Money as decimal TEXT: binary floating point would not keep 323.21 exact.
                CREATE TABLE district_inputs (
                    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
                    initial_budget TEXT NOT NULL,
                    addition TEXT NOT NULL,
                    reduction TEXT NOT NULL,
                    executed TEXT NOT NULL,
                    valid_questionnaires INTEGER NOT NULL,
                    satisfied_questionnaires INTEGER NOT NULL,
                    overall_goal TEXT NOT NULL,
                    actual_completion TEXT NOT NULL,
                    period TEXT NOT NULL,
                    source_file TEXT NOT NULL
                );
                CREATE TABLE diagnostics (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    severity TEXT NOT NULL,
                    code TEXT NOT NULL,
                    file TEXT NOT NULL,
                    sheet TEXT,
                    cell TEXT,
                    value TEXT,
                    message TEXT NOT NULL
                );
                CREATE INDEX diagnostics_submission ON diagnostics(submission_id);
                -- inbox/ files whose outcome is committed but which may not be deleted yet:
                -- a run killed between the commit and the unlink finishes the unlink next time.
                CREATE TABLE pending_removals (
                    path TEXT PRIMARY KEY,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: corrections, withdrawn submissions") { db in
            try allowWithdrawnStatus(db)
            try db.execute(sql: """
                -- jixiao withdraw / restore, in the order made. after_file is the newest file
                -- received at the time: rebuild replays the correction right after that file.
                -- counted_before / counts_after: which version counted for the unit-month.
                CREATE TABLE corrections (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    made_at TEXT NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('withdraw', 'restore')),
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    reason TEXT NOT NULL,
                    after_file INTEGER NOT NULL,
                    counted_before INTEGER REFERENCES submissions(id),
                    counts_after INTEGER REFERENCES submissions(id)
                );
                CREATE INDEX corrections_submission ON corrections(submission_id);
                """)
        }
        migrator.registerMigration("v3: zero report, a submission may declare a month without activities") { db in
            try db.execute(sql: "ALTER TABLE submissions ADD COLUMN zero_report INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v4: sent values and source cells, for 佐证材料") { db in
            try db.execute(sql: """
                -- The typed text of fields normalised on reading (科普讲座 → 科普活动), as a JSON
                -- object by ledger column; '' when nothing was changed.
                ALTER TABLE records ADD COLUMN sent TEXT NOT NULL DEFAULT '';
                -- The 数量 cell (C5); NULL for rows recorded before cells were kept.
                ALTER TABLE workload ADD COLUMN source_cell TEXT;
                -- Each figure's cell, a JSON object by label (年初预算数 → 预算与满意度!B3).
                ALTER TABLE district_inputs ADD COLUMN cells TEXT NOT NULL DEFAULT '';
                """)
        }
        // The 决算 figures of 预算与满意度 the self-evaluation report quotes; optional, so NULL.
        migrator.registerMigration("v5: district final accounts") { db in
            for column in ["final_income", "fiscal_appropriation", "carried_over", "basic_expenditure", "project_expenditure"] {
                try db.execute(sql: "ALTER TABLE district_inputs ADD COLUMN \(column) TEXT")
            }
        }
        migrator.registerMigration("v6: deviation reasons from QU00's 偏差原因 sheet") { db in
            try db.execute(sql: """
                -- One row per 三级指标 the submission gives a reason for (an empty reason has no row),
                -- in the sheet's order; source_cell is the reason's cell (D3).
                CREATE TABLE deviation_reasons (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    submission_id INTEGER NOT NULL REFERENCES submissions(id),
                    indicator TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_sheet TEXT NOT NULL,
                    source_row INTEGER NOT NULL,
                    source_cell TEXT NOT NULL,
                    UNIQUE (submission_id, indicator)
                );
                """)
        }
        return migrator
    }

    /// `submissions.status` gains 'withdrawn'. SQLite cannot change a CHECK in place, so the
    /// table is made anew from its own stored definition (keeping any column added since v1),
    /// its rows and indexes carried over; the migrator holds foreign-key checks until the end.
    static func allowWithdrawnStatus(_ db: Database) throws {
        let statuses = "'superseded', 'duplicate')"
        guard let definition = try String.fetchOne(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'submissions'
            """),
            definition.contains(statuses), let name = definition.range(of: "CREATE TABLE submissions") else {
            throw DatabaseError(message: "submissions: unexpected definition")
        }
        let widened = "CREATE TABLE submissions_widened"
            + definition[name.upperBound...].replacingOccurrences(of: statuses, with: "'superseded', 'duplicate', 'withdrawn')")
        let indexes = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions' AND sql IS NOT NULL ORDER BY name
            """)
        try db.execute(sql: widened)
        try db.execute(sql: "INSERT INTO submissions_widened SELECT * FROM submissions")
        try db.execute(sql: "DROP TABLE submissions")
        try db.execute(sql: "ALTER TABLE submissions_widened RENAME TO submissions")
        for index in indexes { try db.execute(sql: index) }
    }

    /// `records` has a column per 活动明细 field. The first migration created the fields of the
    /// time; a field declared since gets its column here, on ledgers old and new alike, so a
    /// new field is a change to `ActivityField` alone. Earlier records hold no value in it (empty
    /// text, NULL numbers), so a field added to a year already collected must be optional.
    static func addMissingActivityColumns(_ pool: DatabasePool) throws {
        let present = try pool.read { db in Set(try db.columns(in: "records").map(\.name)) }
        let missing = ActivityField.all.filter { !present.contains($0.spec.ledgerColumn) }
        guard !missing.isEmpty else { return }
        try pool.write { db in
            for field in missing {
                try db.execute(sql: "ALTER TABLE records ADD COLUMN \(field.spec.ledgerColumn) \(columnType(field.spec))")
            }
        }
    }

    static func columnType(_ spec: ActivityFieldSpec) -> String {
        switch spec.kind {
        case .integer: return "INTEGER"
        case .text, .choice, .date, .money, .period: return "TEXT NOT NULL DEFAULT ''"
        }
    }
}
