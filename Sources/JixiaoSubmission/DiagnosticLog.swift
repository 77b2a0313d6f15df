import JixiaoModel
import JixiaoReading

/// Collects the diagnostics of one submission, stamping each with the file as received.
struct DiagnosticLog {
    let file: String
    private(set) var items: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func add(_ issue: Issue, sheet: String? = nil, cell: CellRef? = nil, value: String? = nil) {
        let shown = value.map(Normalize.text)
        items.append(Diagnostic(issue.severity, code: issue.code, file: file, sheet: sheet,
                                cell: cell?.a1, value: shown, message: issue.message(value: shown)))
    }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}
