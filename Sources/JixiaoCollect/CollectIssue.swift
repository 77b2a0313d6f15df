import JixiaoModel

/// What collecting itself can say about a file, beside the submission stage's issues:
/// severity, the stable code stored in the ledger and the message, each an exhaustive switch.
public enum CollectIssue: Sendable, Hashable {
    /// The file held no spreadsheet the submission stage could read as a submission.
    case noSubmission
    /// The same bytes were received before.
    case duplicateFile(of: String, receivedAt: String)

    public var severity: Severity {
        switch self {
        case .noSubmission: return .error
        case .duplicateFile: return .warning
        }
    }

    public var code: String {
        switch self {
        case .noSubmission: return "file.empty"
        case .duplicateFile: return "file.duplicate"
        }
    }

    public var message: String {
        switch self {
        case .noSubmission: return CollectMessages.noSubmissionInFile
        case .duplicateFile(let original, let receivedAt): return CollectMessages.duplicateFile(of: original, receivedAt: receivedAt)
        }
    }

    func diagnostic(file: String) -> Diagnostic {
        Diagnostic(severity, code: code, file: file, message: message)
    }
}
