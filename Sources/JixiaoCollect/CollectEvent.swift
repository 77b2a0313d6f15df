import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

/// What happened to one submission (or one whole file) during a run: one log line.
public struct CollectEvent: Sendable {
    /// `keptInInbox`: the file changed while it was being collected; it stays for the next run.
    /// `skipped`: something in inbox/ that is not a file the run can take (a link, a pipe, a
    /// folder that cannot be read or is too deep); it stays where it is.
    public enum Kind: Sendable { case accepted, rejected, duplicate, failed, keptInInbox, skipped }

    public var kind: Kind
    /// As received: `三月/JD01.xlsx`, `bundle.zip/JD02.xlsx`.
    public var fileName: String
    public var unitCode: String?
    public var period: Period?
    public var warnings: Int = 0
    public var errors: Int = 0
    /// The first error, for the `[退回]` line.
    public var firstError: Diagnostic?
    /// The earlier accepted submission for the same unit and month that this one replaced.
    public var replaced: ReplacedSubmission?
    /// Activities this submission brought, for the replacement's before → after.
    public var activities = 0
    public var supersededEarlier: Bool { replaced != nil }
    /// 1-based position of its inbox file in the run (0 for a skipped entry), and the run's file count.
    public var index: Int
    public var total: Int
    /// For `.duplicate` the earlier file's name; for `.failed` and `.skipped` the reason.
    public var detail: String?

    init(kind: Kind, fileName: String, unitCode: String? = nil, period: Period? = nil, index: Int, total: Int, detail: String? = nil) {
        self.kind = kind
        self.fileName = fileName
        self.unitCode = unitCode
        self.period = period
        self.index = index
        self.total = total
        self.detail = detail
    }

    init(_ committed: CommittedSubmission, index: Int, total: Int) {
        let parsed = committed.parsed
        self.init(kind: committed.status == .accepted ? .accepted : .rejected, fileName: parsed.fileName,
                  unitCode: parsed.unitCode, period: parsed.period, index: index, total: total)
        warnings = parsed.diagnostics.filter { $0.severity == .warning }.count
        errors = parsed.diagnostics.filter { $0.severity == .error }.count
        firstError = parsed.diagnostics.first { $0.severity == .error }
        replaced = committed.replaced
        activities = parsed.activities.count
    }

    /// `[接收] JD01 2025-03 JD01_2025-03.xlsx（2 条警告）`, for stderr.
    public var logLine: String { CollectMessages.logLine(self) }
}

/// The counts of one run: the one-line summary on stdout.
public struct CollectSummary: Sendable, Equatable {
    public var runID: Int64
    /// Inbox files taken (a ZIP counts once), and failed ones left in inbox/.
    public var files = 0
    public var failed = 0
    /// Submissions by outcome (a ZIP's members count each).
    public var accepted = 0
    public var rejected = 0
    public var duplicates = 0
    /// Files that changed while being collected and were left in inbox/ for the next run.
    public var keptInInbox = 0
    /// Entries of inbox/ the run could not take (see `CollectEvent.Kind.skipped`).
    public var skipped = 0
    /// Accepted submissions that replaced an earlier one.
    public var resubmissions = 0
    public var warnings = 0
    /// Files of the ledger whose archive copy is missing or has the wrong size.
    public var archiveProblems = 0
    /// Why the ledger could not be backed up after the run, if it could not.
    public var backupFailure: String?

    public init(runID: Int64) { self.runID = runID }

    /// Something the operator must see to (exit 1): a file left in inbox/ that could not be
    /// handled or collected, archive copies gone, or no backup made.
    public var needsAttention: Bool { failed > 0 || skipped > 0 || archiveProblems > 0 || backupFailure != nil }

    mutating func count(_ event: CollectEvent) {
        switch event.kind {
        case .skipped:
            skipped += 1
            return
        case .accepted: accepted += 1
        case .rejected: rejected += 1
        case .duplicate: duplicates += 1
        case .failed: failed += 1
        case .keptInInbox: keptInInbox += 1
        }
        if event.supersededEarlier { resubmissions += 1 }
        warnings += event.warnings
        // A ZIP's members share their file's index; count the file once.
        if event.index != lastIndex {
            lastIndex = event.index
            if event.kind != .failed && event.kind != .keptInInbox { files += 1 }
        }
    }

    private var lastIndex = 0

    public var line: String { CollectMessages.summaryLine(self) }
}
