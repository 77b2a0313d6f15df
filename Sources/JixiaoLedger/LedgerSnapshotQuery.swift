import Foundation
import GRDB
import JixiaoModel
import JixiaoWorkspace

extension Ledger {
    /// What the report and status read, built here only: the accepted, not superseded
    /// records of the workspace's year up to `through`, the district inputs of the latest
    /// accepted QU00 submission that has them, which months were accepted or only
    /// rejected, every file of the year, and — from `today` and the workspace's 报送截止日 —
    /// the last month that can be 未报 yet.
    public func snapshot(of workspace: Workspace, through: Period, today: CalendarDate = .today) throws -> LedgerSnapshot {
        var snapshot = try snapshot(info: workspace.info, through: through, units: workspace.units)
        snapshot.dueThrough = workspace.config.dueThrough(today: today)
        return snapshot
    }

    private func snapshot(info: DepartmentInfo, through: Period, units: [ReportingUnit]) throws -> LedgerSnapshot {
        guard let january = Period(year: info.year, month: 1), let december = Period(year: info.year, month: 12) else {
            throw JixiaoError.configuration(WorkspaceMessages.badYear(info.year))
        }
        let first = january.description
        let last = min(through, december).description
        return try pool.read { db in
            let window: StatementArguments = [first, last]
            let activities = try GRDB.Row.fetchAll(db, sql: """
                SELECT r.* FROM records r JOIN submissions s ON s.id = r.submission_id
                WHERE s.status = 'accepted' AND s.period BETWEEN ? AND ?
                ORDER BY s.unit, s.period, r.id
                """, arguments: window).compactMap(LedgerRows.activity)
            let workload = try GRDB.Row.fetchAll(db, sql: """
                SELECT w.* FROM workload w JOIN submissions s ON s.id = w.submission_id
                WHERE s.status = 'accepted' AND s.period BETWEEN ? AND ?
                ORDER BY s.unit, s.period, w.id
                """, arguments: window).compactMap(LedgerRows.workload)
            let district = try GRDB.Row.fetchOne(db, sql: """
                SELECT d.* FROM district_inputs d JOIN submissions s ON s.id = d.submission_id
                WHERE s.status = 'accepted' AND s.period BETWEEN ? AND ?
                ORDER BY s.period DESC, s.id DESC LIMIT 1
                """, arguments: window).flatMap(LedgerRows.district)

            var accepted: [String: Set<Period>] = [:]
            var rejected: [String: Set<Period>] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: """
                SELECT unit, period, MAX(status IN ('accepted', 'superseded')) AS ok FROM submissions
                WHERE unit IS NOT NULL AND period BETWEEN ? AND ? AND status != 'duplicate'
                GROUP BY unit, period
                """, arguments: window) {
                guard let unit: String = row["unit"], let period = (row["period"] as String?).flatMap(Period.init) else { continue }
                if (row["ok"] as Int64? ?? 0) == 1 {
                    accepted[unit, default: []].insert(period)
                } else {
                    rejected[unit, default: []].insert(period)
                }
            }
            let files = try LedgerRows.outcomes(db, where: "(s.period IS NULL OR s.period BETWEEN ? AND ?)", arguments: window)
            return LedgerSnapshot(info: info, through: through, units: units, activities: activities, workload: workload,
                                  district: district, acceptedPeriods: accepted, rejectedPeriods: rejected, files: files)
        }
    }

    /// Every submission of one run, in the order received, with its diagnostics.
    public func outcomes(ofRun runID: Int64) throws -> [FileOutcome] {
        try pool.read { db in
            try LedgerRows.outcomes(db, where: "s.run_id = ?", arguments: [runID])
        }
    }
}

/// Ledger rows → model values. A row that no longer decodes (edited by hand) is skipped
/// rather than trusted.
enum LedgerRows {
    static func outcomes(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [FileOutcome] {
        let rows = try GRDB.Row.fetchAll(db, sql: """
            SELECT s.id, s.run_id, s.name, s.unit, s.period, s.status, f.hash, f.size, f.received_at
            FROM submissions s JOIN files f ON f.id = s.file_id
            WHERE \(condition)
            ORDER BY s.run_id DESC, s.id
            """, arguments: arguments)
        var diagnostics: [Int64: [Diagnostic]] = [:]
        let ids = rows.map { $0["id"] as Int64 }
        // Chunked IN lists keep each statement under SQLite's variable limit.
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try GRDB.Row.fetchAll(db, sql: """
                SELECT * FROM diagnostics WHERE submission_id IN (\(marks)) ORDER BY id
                """, arguments: StatementArguments(chunk)) {
                guard let d = diagnostic(row) else { continue }
                diagnostics[row["submission_id"], default: []].append(d)
            }
        }
        return rows.compactMap { row in
            guard let status = SubmissionStatus(rawValue: row["status"]) else { return nil }
            let id: Int64 = row["id"]
            return FileOutcome(runID: row["run_id"], fileName: row["name"], contentHash: row["hash"], size: row["size"],
                               receivedAt: LedgerTime.date(row["received_at"]), unitCode: row["unit"],
                               period: (row["period"] as String?).flatMap(Period.init), status: status,
                               diagnostics: diagnostics[id] ?? [])
        }
    }

    static func diagnostic(_ row: GRDB.Row) -> Diagnostic? {
        guard let severity = Severity(rawValue: row["severity"]) else { return nil }
        return Diagnostic(severity, code: row["code"], file: row["file"], sheet: row["sheet"], cell: row["cell"],
                          value: row["value"], message: row["message"])
    }

    static func source(_ row: GRDB.Row) -> SourceRef {
        SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])
    }

    static func activity(_ row: GRDB.Row) -> ActivityRecord? {
        guard let period = Period(row["period"] as String),
              let date = calendarDate(row["date"]),
              let form = ActivityForm(rawValue: row["form"]),
              let category = ActivityCategory(rawValue: row["category"]),
              let theme = ActivityTheme(rawValue: row["theme"]) else { return nil }
        return ActivityRecord(unitCode: row["unit"], period: period, sequence: row["sequence"], name: row["name"], date: date,
                              form: form, category: category, theme: theme, coverage: row["coverage"], place: row["place"],
                              partner: row["partner"], note: row["note"], source: source(row))
    }

    static func workload(_ row: GRDB.Row) -> WorkloadEntry? {
        guard let period = Period(row["period"] as String), let item = WorkloadItem(rawValue: row["item"]) else { return nil }
        return WorkloadEntry(unitCode: row["unit"], period: period, item: item, quantity: row["quantity"], note: row["note"],
                             source: source(row))
    }

    static func district(_ row: GRDB.Row) -> DistrictInputs? {
        guard let initial = Decimal(exactly: row["initial_budget"]), let addition = Decimal(exactly: row["addition"]),
              let reduction = Decimal(exactly: row["reduction"]), let executed = Decimal(exactly: row["executed"]),
              let period = Period(row["period"] as String) else { return nil }
        return DistrictInputs(initialBudget: initial, addition: addition, reduction: reduction, executed: executed,
                              validQuestionnaires: row["valid_questionnaires"], satisfiedQuestionnaires: row["satisfied_questionnaires"],
                              overallGoal: row["overall_goal"], actualCompletion: row["actual_completion"], period: period,
                              sourceFile: row["source_file"])
    }

    static func calendarDate(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }
}
