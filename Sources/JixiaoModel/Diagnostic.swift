/// How much a problem matters: errors reject the whole file, warnings are recorded only.
public enum Severity: String, Sendable, Codable, Hashable, CaseIterable {
    case error
    case warning

    /// 错误 / 警告, as shown to users.
    public var label: String { self == .error ? "错误" : "警告" }
}

/// One problem found in one place of one file. Diagnostics are values: collected,
/// stored in the ledger and written to 校验报告 — only unrecoverable failures are thrown.
public struct Diagnostic: Sendable, Codable, Hashable {
    public var severity: Severity
    /// A stable machine-readable code, e.g. `date.outsidePeriod` (the codes are listed in docs/collecting.md).
    public var code: String
    /// The file as received (`bundle.zip/三月/JD01.xlsx`).
    public var file: String
    /// Sheet name, when the problem is inside one.
    public var sheet: String?
    /// A1 reference inside `sheet` (`G14`), when the problem is a cell.
    public var cell: String?
    /// The value seen, verbatim (trimmed for display only).
    public var value: String?
    /// Plain Chinese, saying what is wrong and what to do.
    public var message: String

    public init(_ severity: Severity, code: String, file: String, sheet: String? = nil,
                cell: String? = nil, value: String? = nil, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.value = value
        self.message = message
    }

    /// `活动明细!G14`, or the sheet alone, or empty.
    public var location: String {
        switch (sheet, cell) {
        case let (s?, c?): return "\(s)!\(c)"
        case let (s?, nil): return s
        case let (nil, c?): return c
        default: return ""
        }
    }
}
