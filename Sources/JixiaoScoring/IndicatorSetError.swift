/// A mistake in `indicators.yaml`: the line (and column when known) and, in Chinese,
/// what is wrong and how to fix it. Loading stops at the first one.
public struct IndicatorSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// 1-based, when the mistake has a place in the file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(source: String, line: Int?, column: Int? = nil, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// `indicators.yaml 第12行：……`.
    public var description: String { ScoringMessages.located(source: source, line: line, column: column, message) }
}
