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
        snapshot.deviationReasons = try deviationReasons(year: workspace.info.year, through: through)
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
            let district = try GRDB.Row.fetchOne(db, sql: """
                SELECT d.* FROM district_inputs d JOIN submissions s ON s.id = d.submission_id
                WHERE s.status = 'accepted' AND s.period BETWEEN ? AND ?
                ORDER BY s.period DESC, s.id DESC LIMIT 1
                """, arguments: window).map(LedgerRows.district)

            var accepted: [String: Set<Period>] = [:]
            var rejected: [String: Set<Period>] = [:]
            var zeroReports: [String: Set<Period>] = [:]
            // A compared year's ledger, only read, may predate 零报告: it has none.
            let knowsZeroReports = try db.columns(in: "submissions").contains { $0.name == "zero_report" }
            for row in try !knowsZeroReports ? [] : GRDB.Row.fetchAll(db, sql: """
                SELECT unit, period FROM submissions
                WHERE status = 'accepted' AND zero_report = 1 AND unit IS NOT NULL AND period BETWEEN ? AND ?
                """, arguments: window) {
                guard let unit: String = row["unit"], let period = (row["period"] as String?).flatMap(Period.init) else { continue }
                zeroReports[unit, default: []].insert(period)
            }
            for row in try GRDB.Row.fetchAll(db, sql: """
                SELECT unit, period, MAX(status IN ('accepted', 'superseded')) AS ok FROM submissions
                WHERE unit IS NOT NULL AND period BETWEEN ? AND ? AND status NOT IN ('duplicate', 'withdrawn')
                GROUP BY unit, period
                """, arguments: window) {
                guard let unit: String = row["unit"], let period = (row["period"] as String?).flatMap(Period.init) else { continue }
                if (row["ok"] as Int64? ?? 0) == 1 {
                    accepted[unit, default: []].insert(period)
                } else {
                    rejected[unit, default: []].insert(period)
                }
            }
            var snapshot = LedgerSnapshot(info: info, through: through, units: units,
                                          records: activityRecords(first: first, last: last),
                                          workload: workloadEntries(first: first, last: last),
                                          district: district, acceptedPeriods: accepted, rejectedPeriods: rejected,
                                          zeroReportPeriods: zeroReports, files: fileOutcomes(first: first, last: last),
                                          acceptedFiles: acceptedFiles(first: first, last: last))
            snapshot.corrections = try Ledger.corrections(db, window: window)
            return snapshot
        }
    }

    /// The accepted records of the months `first`...`last`, read by a cursor on each pass:
    /// a report goes over them several times and never holds them all.
    private func activityRecords(first: String, last: String) -> ActivityRecords {
        let pool = pool
        return ActivityRecords { listing, body in
            try Ledger.readPass(pool, LedgerMessages.Listed.records, body: { (p: (position: Int, record: ActivityRecord)) in try body(p.position, p.record) }) { db, deliver in
                let select = "SELECT \(try LedgerRows.activitySelect(db)) FROM records r JOIN submissions s ON s.id = r.submission_id"
                let accepted = "s.status = 'accepted' AND s.period BETWEEN ? AND ?"
                switch listing {
                case .all(let only):
                    let rows = try GRDB.Row.fetchCursor(db, sql: "\(select) WHERE \(accepted) ORDER BY s.unit, s.period, r.id",
                                                        arguments: [first, last])
                    var position = 0
                    while let row = try rows.next() {
                        defer { position += 1 }
                        if let only, !only.contains(position) { continue }
                        try deliver((position, try LedgerRows.activity(row)))
                    }
                case .units(let units):
                    let statement = try db.makeStatement(sql: """
                        \(select) WHERE s.unit = ? AND \(accepted) ORDER BY s.period, r.source_file, r.source_row, r.id
                        """)
                    var n = 0
                    for unit in units {
                        let rows = try GRDB.Row.fetchCursor(statement, arguments: [unit, first, last])
                        while let row = try rows.next() {
                            try deliver((n, try LedgerRows.activity(row)))
                            n += 1
                        }
                    }
                }
            }
        }
    }

    /// The accepted 工作量 entries of the months `first`...`last` that are not 0, by a cursor
    /// on each pass. A 0 adds nothing to any measure and is listed nowhere: most of a year's
    /// entries are 0, and they are not read.
    private func workloadEntries(first: String, last: String) -> WorkloadEntries {
        let pool = pool
        return WorkloadEntries { items, body in
            try Ledger.readPass(pool, LedgerMessages.Listed.workload, body: body) { db, deliver in
                var arguments: StatementArguments = [first, last]
                var only = ""
                if let items {
                    let names = items.map(\.rawValue).sorted()
                    only = " AND w.item IN (\(Array(repeating: "?", count: names.count).joined(separator: ",")))"
                    arguments += StatementArguments(names)
                }
                let rows = try GRDB.Row.fetchCursor(db, sql: """
                    SELECT w.* FROM workload w JOIN submissions s ON s.id = w.submission_id
                    WHERE s.status = 'accepted' AND s.period BETWEEN ? AND ? AND w.quantity != 0\(only)
                    ORDER BY s.unit, s.period, w.id
                    """, arguments: arguments)
                while let row = try rows.next() { try deliver(try LedgerRows.workload(row)) }
            }
        }
    }

    /// Every file of the months `first`...`last` (and those that name no month), newest run
    /// first, by a cursor on each pass.
    private func fileOutcomes(first: String, last: String) -> FileOutcomes {
        let pool = pool
        return FileOutcomes { statuses, body in
            try Ledger.readPass(pool, LedgerMessages.Listed.files, body: body) { db, deliver in
                var condition = "(s.period IS NULL OR s.period BETWEEN ? AND ?)"
                var arguments: StatementArguments = [first, last]
                if let statuses {
                    let names = statuses.map(\.rawValue).sorted()
                    condition += " AND s.status IN (\(Array(repeating: "?", count: names.count).joined(separator: ",")))"
                    arguments += StatementArguments(names)
                }
                try LedgerRows.forEachOutcome(db, where: condition, arguments: arguments, deliver)
            }
        }
    }

    /// The accepted files of one unit in the months `first`...`last`, looked up when asked.
    private func acceptedFiles(first: String, last: String) -> AcceptedFiles {
        let pool = pool
        return AcceptedFiles { unit in
            do {
                // Asked while a listing's read is open (佐证材料 names the copy of each row it
                // lists): the lookup joins that read.
                return try pool.unsafeReentrantRead { db in
                    var byMonth: [Period: AcceptedFile] = [:]
                    let rows = try GRDB.Row.fetchCursor(db.cachedStatement(sql: """
                        SELECT s.period, f.hash, f.name FROM submissions s JOIN files f ON f.id = s.file_id
                        WHERE s.unit = ? AND s.period BETWEEN ? AND ? AND s.status = 'accepted' ORDER BY s.id
                        """), arguments: [unit, first, last])
                    while let row = try rows.next() {
                        guard let period = Period(row[0] as String) else { throw LedgerRows.undecodable("submissions", row, column: "period") }
                        byMonth[period] = AcceptedFile(contentHash: row[1], receivedName: row[2])
                    }
                    return byMonth
                }
            } catch let error as JixiaoError {
                throw error
            } catch {
                throw JixiaoError.io(LedgerMessages.listingUnreadable(LedgerMessages.Listed.files, LedgerMessages.reason(error)))
            }
        }
    }

    /// One pass of a listing in one read transaction. What the caller's body throws (a full
    /// disk while writing) passes through as it is; only a failed read of the ledger itself
    /// is put in the ledger's words.
    private static func readPass<Element>(_ pool: DatabasePool, _ listed: String, body: (Element) throws -> Void,
                                          _ read: (Database, _ deliver: (Element) throws -> Void) throws -> Void) throws {
        var bodyError: (any Error)?
        do {
            try withoutActuallyEscaping(body) { body in
                let deliver = { (element: Element) throws in
                    do { try body(element) } catch { bodyError = error; throw error }
                }
                try pool.read { db in try read(db, deliver) }
            }
        } catch {
            if let bodyError { throw bodyError }
            if error is JixiaoError { throw error }
            throw JixiaoError.io(LedgerMessages.listingUnreadable(listed, LedgerMessages.reason(error)))
        }
    }

    /// Every submission of one run, in the order received, with its diagnostics.
    public func outcomes(ofRun runID: Int64) throws -> [FileOutcome] {
        try pool.read { db in
            try LedgerRows.outcomes(db, where: "s.run_id = ?", arguments: [runID])
        }
    }
}

/// Ledger rows → model values. A row that no longer decodes (edited by hand, or damaged)
/// stops the read with its table and id: leaving it out would make the official table
/// undercount without a word.
enum LedgerRows {
    static func outcomes(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [FileOutcome] {
        var outcomes: [FileOutcome] = []
        try forEachOutcome(db, where: condition, arguments: arguments) { outcomes.append($0) }
        return outcomes
    }

    /// The submissions that meet `condition`, newest run first, each with its diagnostics,
    /// decoded row by row: a year of a province is tens of thousands of files.
    static func forEachOutcome(_ db: Database, where condition: String, arguments: StatementArguments,
                               _ body: (FileOutcome) throws -> Void) throws {
        // A ledger only read (status on a read-only workspace) may predate corrections.
        let withdrawal = try db.tableExists("corrections") ? """
            (SELECT c.reason FROM corrections c WHERE c.submission_id = s.id AND c.action = 'withdraw' ORDER BY c.id DESC LIMIT 1)
            """ : "NULL"
        let rows = try GRDB.Row.fetchCursor(db, sql: """
            SELECT s.id, s.run_id, s.name, s.unit, s.period, s.status, f.hash, f.name AS file_name, f.size, f.received_at,
                   r.name AS superseded_by_name, \(withdrawal) AS withdrawal_reason
            FROM submissions s JOIN files f ON f.id = s.file_id
            LEFT JOIN submissions r ON r.id = s.superseded_by
            WHERE \(condition)
            ORDER BY s.run_id DESC, s.id
            """, arguments: arguments)
        let diagnostics = try db.makeStatement(sql: "SELECT * FROM diagnostics WHERE submission_id = ? ORDER BY id")
        while let row = try rows.next() {
            guard let status = SubmissionStatus(rawValue: row["status"]) else {
                throw undecodable("submissions", row, column: "status")
            }
            let period: Period? = try (row["period"] as String?).map { text in
                guard let p = Period(text) else { throw undecodable("submissions", row, column: "period") }
                return p
            }
            var found: [Diagnostic] = []
            let id: Int64 = row["id"]
            let diagnosticRows = try GRDB.Row.fetchCursor(diagnostics, arguments: [id])
            while let d = try diagnosticRows.next() { found.append(try diagnostic(d)) }
            try body(FileOutcome(runID: row["run_id"], fileName: row["name"], contentHash: row["hash"], size: row["size"],
                                 receivedAt: LedgerTime.date(row["received_at"]), unitCode: row["unit"],
                                 period: period, status: status, diagnostics: found,
                                 receivedName: row["file_name"], supersededBy: row["superseded_by_name"],
                                 withdrawalReason: status == .withdrawn ? row["withdrawal_reason"] : nil))
        }
    }

    static func diagnostic(_ row: GRDB.Row) throws -> Diagnostic {
        guard let severity = Severity(rawValue: row["severity"]) else { throw undecodable("diagnostics", row, column: "severity") }
        return Diagnostic(severity, code: row["code"], file: row["file"], sheet: row["sheet"], cell: row["cell"],
                          value: row["value"], message: row["message"])
    }

    static func source(_ row: GRDB.Row) -> SourceRef {
        SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])
    }

    /// The columns `activity` decodes, by position: a report reads every record several times,
    /// and a lookup by name costs more than the rest of the decoding.
    /// A ledger only read (a compared year's, written by an older jixiao) may predate the
    /// sent values: they read as none.
    static func activitySelect(_ db: Database) throws -> String {
        let sent = try db.columns(in: "records").contains { $0.name == "sent" } ? "r.sent" : "NULL AS sent"
        return (["r.id", "r.unit", "r.period", "r.source_file", "r.source_sheet", "r.source_row", sent]
            + ActivityField.all.map { "r." + $0.spec.ledgerColumn }).joined(separator: ", ")
    }
    private static let firstFieldIndex = 7

    static func activity(_ row: GRDB.Row) throws -> ActivityRecord {
        guard let periodText = row[2] as String?, let period = Period(periodText) else {
            throw undecodable("records", row, column: "period")
        }
        var values: [ActivityValue] = []
        values.reserveCapacity(ActivityField.all.count)
        for (i, field) in ActivityField.all.enumerated() {
            guard let value = activityValue(row[firstFieldIndex + i], field) else {
                throw undecodable("records", row, column: field.spec.ledgerColumn)
            }
            values.append(value)
        }
        let source = SourceRef(file: row[3], sheet: row[4], row: row[5])
        guard var record = ActivityRecord(unitCode: row[1], period: period, source: source, value: { values[$0.rawValue] }) else {
            throw undecodable("records", row, column: nil)
        }
        let sentText: String = row[6] ?? ""
        guard !sentText.isEmpty, sentText != "{}" else { return record }
        guard let sent = LedgerJSON.map(sentText) else { throw undecodable("records", row, column: "sent") }
        for (column, text) in sent {
            guard let field = ActivityField.all.first(where: { $0.spec.ledgerColumn == column }) else {
                throw undecodable("records", row, column: "sent")
            }
            record.sent[field] = text
        }
        return record
    }

    /// One `records` column by its field's kind; nil when the stored value does not fit it.
    private static func activityValue(_ stored: DatabaseValue, _ field: ActivityField) -> ActivityValue? {
        let spec = field.spec
        switch spec.kind {
        case .text:
            return String.fromDatabaseValue(stored).map(ActivityValue.text)
        case .integer:
            if stored.isNull { return spec.required ? nil : .integer(nil) }
            return Int.fromDatabaseValue(stored).map { .integer($0) }
        case .date:
            return String.fromDatabaseValue(stored).flatMap(calendarDate).map(ActivityValue.date)
        case .choice(let allowed):
            guard let text = String.fromDatabaseValue(stored), allowed.contains(text) else { return nil }
            return .choice(text)
        case .money, .period:
            return nil
        }
    }

    static func workload(_ row: GRDB.Row) throws -> WorkloadEntry {
        guard let period = Period(row["period"] as String) else { throw undecodable("workload", row, column: "period") }
        guard let item = WorkloadItem(rawValue: row["item"]) else { throw undecodable("workload", row, column: "item") }
        var source = source(row)
        source.cell = row["source_cell"]
        return WorkloadEntry(unitCode: row["unit"], period: period, item: item, quantity: row["quantity"], note: row["note"],
                             source: source)
    }

    static func district(_ row: GRDB.Row) throws -> DistrictInputs {
        func money(_ column: String) throws -> Decimal {
            guard let value = Decimal(exactly: row[column]) else { throw undecodable("district_inputs", row, column: column) }
            return value
        }
        let initial = try money("initial_budget"), addition = try money("addition")
        let reduction = try money("reduction"), executed = try money("executed")
        // NULL when left blank, and absent from a ledger not yet migrated (a compared year's, read-only).
        func optionalMoney(_ column: String) throws -> Decimal? {
            guard let text = row[column] as String? else { return nil }
            guard let value = Decimal(exactly: text) else { throw undecodable("district_inputs", row, column: column) }
            return value
        }
        guard let period = Period(row["period"] as String) else { throw undecodable("district_inputs", row, column: "period") }
        guard let cells = LedgerJSON.map(row["cells"] ?? "") else { throw undecodable("district_inputs", row, column: "cells") }
        var inputs = DistrictInputs(initialBudget: initial, addition: addition, reduction: reduction, executed: executed,
                                    validQuestionnaires: row["valid_questionnaires"], satisfiedQuestionnaires: row["satisfied_questionnaires"],
                                    overallGoal: row["overall_goal"], actualCompletion: row["actual_completion"], period: period,
                                    sourceFile: row["source_file"], cells: cells)
        inputs.finalAccounts = FinalAccounts(
            finalIncome: try optionalMoney("final_income"), fiscalAppropriation: try optionalMoney("fiscal_appropriation"),
            carriedOver: try optionalMoney("carried_over"), basicExpenditure: try optionalMoney("basic_expenditure"),
            projectExpenditure: try optionalMoney("project_expenditure"))
        return inputs
    }

    static func calendarDate(_ text: String) -> CalendarDate? {
        // As the ledger stores it, `2025-03-05`, read without splitting.
        let digits = text.utf8.withContiguousStorageIfAvailable { b -> CalendarDate? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  let y = ASCIIDigits.number(b, 0..<4), let m = ASCIIDigits.number(b, 5..<7),
                  let d = ASCIIDigits.number(b, 8..<10) else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        }
        if let date = digits ?? nil { return date }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    static func undecodable(_ table: String, _ row: GRDB.Row, column: String?) -> JixiaoError {
        let id: Int64? = row["id"] ?? row["submission_id"]
        let value: String? = column.flatMap { row[$0] as DatabaseValue? }.map { "\($0)" }
        return .io(LedgerMessages.undecodableRow(table: table, id: id, column: column, value: value))
    }
}
