import JixiaoModel

/// One submission read from one file (or one ZIP member): what it claims to be, what it
/// holds, and every problem found. Errors reject it whole; warnings are kept beside it.
public struct ParsedSubmission: Sendable {
    /// The file as received (`bundle.zip/三月/JD01.xlsx`).
    public var fileName: String
    /// 单位代码, when it could be read (from 基本信息, a CSV column or the file name).
    public var unitCode: String?
    /// 报送月份, when it could be read.
    public var period: Period?
    public var unitName: String
    /// 填报人, 联系电话, 填报日期 from 基本信息.
    public var preparer: String
    public var phone: String
    public var filledOn: CalendarDate?
    public var activities: [ActivityRecord]
    public var workload: [WorkloadEntry]
    /// 预算与满意度, only from the district office's (QU00) submission.
    public var district: DistrictInputs?
    /// 偏差原因's rows that give a reason, only from the district office's (QU00) submission.
    public var deviationReasons: [DeviationReason] = []
    /// 基本信息 declares the month had no activities (零报告 = 是).
    public var declaresZeroReport = false
    public var diagnostics: [Diagnostic]
    /// The values as sent, by template slot: only from `SubmissionReader.readKeepingSentValues`,
    /// for a return copy (退回修改); nil when the file could not be read as a spreadsheet.
    public var sent: SentSubmission?
    /// A bundle member that is no spreadsheet (a cover letter, a photo): listed as 已忽略, with
    /// a warning saying what it is, and neither accepted nor rejected.
    public var ignored = false

    public init(fileName: String, unitCode: String? = nil, period: Period? = nil, unitName: String = "",
                preparer: String = "", phone: String = "", filledOn: CalendarDate? = nil,
                activities: [ActivityRecord] = [], workload: [WorkloadEntry] = [],
                district: DistrictInputs? = nil, diagnostics: [Diagnostic] = []) {
        self.fileName = fileName
        self.unitCode = unitCode
        self.period = period
        self.unitName = unitName
        self.preparer = preparer
        self.phone = phone
        self.filledOn = filledOn
        self.activities = activities
        self.workload = workload
        self.district = district
        self.diagnostics = diagnostics
    }

    /// Accepted when nothing is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
