import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

/// `jixiao status`: per unit, which due months are accepted and which are owed and why (the
/// call list's reasons), and the files the last run rejected with their first problems.
public struct StatusReport: Sendable {
    public struct UnitLine: Sendable {
        public var unit: ReportingUnit
        public var accepted: [Period]
        /// Due months not accepted, oldest first, each with why: the unit's entry in the call list.
        public var owed: [CallList.Month]
        /// Accepted months declared 零报告, oldest first.
        public var zeroReports: [Period]

        public init(unit: ReportingUnit, accepted: [Period], owed: [CallList.Month] = [], zeroReports: [Period] = []) {
            self.unit = unit
            self.accepted = accepted
            self.owed = owed
            self.zeroReports = zeroReports
        }

        /// Owed months for which a file came and was sent back (退回修改 pending).
        public var rejected: [Period] { owed.filter(\.reason.sentSomething).map(\.period) }
        /// Owed months with nothing received at all.
        public var missing: [Period] { owed.filter { !$0.reason.sentSomething }.map(\.period) }
        /// The owed months said by reason, as the call list says them.
        public var groups: [CallList.Group] { CallList.Entry(unit: unit, months: owed).groups }
    }

    public var info: DepartmentInfo
    public var through: Period
    public var units: [UnitLine]
    public var lastRunID: Int64?
    public var lastRunRejected: [FileOutcome]

    /// Diagnostics shown per rejected file; the rest are in 校验报告.
    public static let diagnosticsPerFile = 3

    public static func build(ledger: Ledger, workspace: Workspace, through: Period,
                             today: CalendarDate = .today) throws -> StatusReport {
        let snapshot = try ledger.snapshot(of: workspace, through: through, today: today)
        let months = Period.months(of: workspace.info.year, through: through)
        let owed = Dictionary(try snapshot.callList.entries.map { ($0.unit.code, $0.months) }, uniquingKeysWith: { a, _ in a })
        let lines = workspace.units.map { unit -> UnitLine in
            let accepted = snapshot.acceptedPeriods[unit.code] ?? []
            let zero = snapshot.zeroReportPeriods[unit.code] ?? []
            return UnitLine(unit: unit, accepted: months.filter(accepted.contains), owed: owed[unit.code] ?? [],
                            zeroReports: months.filter(zero.contains))
        }
        let lastRun = try ledger.lastRunID()
        let rejectedFiles = try lastRun.map { try ledger.outcomes(ofRun: $0).filter { $0.status == .rejected } } ?? []
        return StatusReport(info: workspace.info, through: through, units: lines, lastRunID: lastRun, lastRunRejected: rejectedFiles)
    }

    /// The text printed on stdout.
    public var text: String {
        var out = [StatusMessages.statusHeader(info, through: through)]
        out += units.map(StatusMessages.statusUnit)
        let complete = units.filter(\.owed.isEmpty).count
        out.append(StatusMessages.statusTotals(units: units.count, complete: complete,
                                               missing: units.reduce(0) { $0 + $1.owed.count }))
        guard let run = lastRunID else {
            out.append(StatusMessages.statusNoRuns)
            return out.joined(separator: "\n")
        }
        out.append(StatusMessages.statusLastRun(run, rejected: lastRunRejected.count))
        for file in lastRunRejected {
            out.append(StatusMessages.statusRejectedFile(file))
            let problems = file.diagnostics.filter { $0.severity == .error } + file.diagnostics.filter { $0.severity == .warning }
            out += problems.prefix(StatusReport.diagnosticsPerFile).map(StatusMessages.statusDiagnostic)
            if problems.count > StatusReport.diagnosticsPerFile {
                out.append(StatusMessages.statusMoreDiagnostics(problems.count - StatusReport.diagnosticsPerFile))
            }
        }
        return out.joined(separator: "\n")
    }
}
