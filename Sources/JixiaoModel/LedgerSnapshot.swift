import Foundation

/// What became of a file (or of a ZIP member) received in `inbox/`.
public enum SubmissionStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case accepted
    case rejected
    case superseded
    case duplicate
    /// Taken back by `jixiao withdraw`: it no longer counts, and is not brought back by a
    /// later withdrawal of another version (only `jixiao restore` does that).
    case withdrawn

    /// 已接收 / 已退回 / 已被替代 / 重复文件 / 已撤回.
    public var label: String {
        switch self {
        case .accepted: return "已接收"
        case .rejected: return "已退回"
        case .superseded: return "已被替代"
        case .duplicate: return "重复文件"
        case .withdrawn: return "已撤回"
        }
    }
}

/// One received file and its outcome, with every diagnostic found in it.
public struct FileOutcome: Sendable, Codable, Hashable {
    public var runID: Int64
    /// As received, ZIP members as `bundle.zip/成员.xlsx`.
    public var fileName: String
    /// SHA-256 of the bytes, hex; the name of its copy in `archive/`.
    public var contentHash: String
    public var size: Int64
    /// When it was collected, UTC.
    public var receivedAt: Date
    public var unitCode: String?
    public var period: Period?
    public var status: SubmissionStatus
    public var diagnostics: [Diagnostic]
    /// The file taken from inbox/ (`三月报送.zip` for its member `三月报送.zip/JD01.xlsx`): its
    /// name and `contentHash` find the copy in archive/.
    public var receivedName: String
    /// For a superseded submission, the file (as received) of the submission that replaced it.
    public var supersededBy: String?
    /// For a withdrawn submission, the reason given when it was withdrawn.
    public var withdrawalReason: String?

    public init(runID: Int64, fileName: String, contentHash: String, size: Int64, receivedAt: Date,
                unitCode: String?, period: Period?, status: SubmissionStatus, diagnostics: [Diagnostic],
                receivedName: String? = nil, supersededBy: String? = nil, withdrawalReason: String? = nil) {
        self.runID = runID
        self.fileName = fileName
        self.contentHash = contentHash
        self.size = size
        self.receivedAt = receivedAt
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.diagnostics = diagnostics
        self.receivedName = receivedName ?? fileName
        self.supersededBy = supersededBy
        self.withdrawalReason = withdrawalReason
    }
}

/// Everything the report stage reads from the ledger for one year, up to a period.
/// Only accepted, not superseded submissions contribute records.
public struct LedgerSnapshot: Sendable {
    public var info: DepartmentInfo
    /// The report's period: year-to-date runs stop here; December is the full year.
    public var through: Period
    public var units: [ReportingUnit]
    /// Read pass by pass, never held whole (see `ActivityRecords`).
    public var activities: ActivityRecords
    /// The 工作量 entries that add something, read pass by pass: the ledger's snapshot leaves
    /// out the 0s.
    public var workload: WorkloadEntries
    /// From the latest accepted QU00 submission that has 预算与满意度.
    public var district: DistrictInputs?
    /// From the latest accepted QU00 submission whose 偏差原因 sheet gives any reason.
    public var deviationReasons: SubmittedDeviationReasons?
    /// Periods with an accepted submission, per unit code.
    public var acceptedPeriods: [String: Set<Period>]
    /// Periods whose every submission was rejected, per unit code.
    public var rejectedPeriods: [String: Set<Period>]
    /// Periods whose counting submission declares 零报告 (no activities that month), per unit code.
    public var zeroReportPeriods: [String: Set<Period>]
    /// Every file of the year, newest run first, read pass by pass.
    public var files: FileOutcomes
    /// The accepted ones, looked up by unit.
    public var acceptedFiles: AcceptedFiles
    /// Every withdrawal and restoration of the year's submissions, newest first.
    public var corrections: [Correction] = []
    /// The last month whose 报送截止日 has passed; later months are not due yet, whatever
    /// the registry says. nil: no such limit (every month through `through` is due).
    public var dueThrough: Period?

    public init(info: DepartmentInfo, through: Period, units: [ReportingUnit], activities: [ActivityRecord],
                workload: [WorkloadEntry], district: DistrictInputs?, acceptedPeriods: [String: Set<Period>],
                rejectedPeriods: [String: Set<Period>], zeroReportPeriods: [String: Set<Period>] = [:],
                files: [FileOutcome], dueThrough: Period? = nil) {
        self.init(info: info, through: through, units: units, records: ActivityRecords(activities),
                  workload: WorkloadEntries(workload), district: district, acceptedPeriods: acceptedPeriods,
                  rejectedPeriods: rejectedPeriods, zeroReportPeriods: zeroReportPeriods, files: FileOutcomes(files),
                  acceptedFiles: AcceptedFiles(files), dueThrough: dueThrough)
    }

    public init(info: DepartmentInfo, through: Period, units: [ReportingUnit], records: ActivityRecords,
                workload: WorkloadEntries, district: DistrictInputs?, acceptedPeriods: [String: Set<Period>],
                rejectedPeriods: [String: Set<Period>], zeroReportPeriods: [String: Set<Period>] = [:],
                files: FileOutcomes, acceptedFiles: AcceptedFiles, dueThrough: Period? = nil) {
        self.info = info
        self.through = through
        self.units = units
        self.activities = records
        self.workload = workload
        self.district = district
        self.acceptedPeriods = acceptedPeriods
        self.rejectedPeriods = rejectedPeriods
        self.zeroReportPeriods = zeroReportPeriods
        self.files = files
        self.acceptedFiles = acceptedFiles
        self.dueThrough = dueThrough
    }

    /// Whether `unit` owes a submission for `period`: by the registry and the deadline.
    public func isDue(_ unit: ReportingUnit, _ period: Period) -> Bool {
        unit.isDue(period) && (dueThrough.map { period <= $0 } ?? true)
    }
}

