/// A file in inbox/ that cannot even be opened (no read permission): collect leaves it where
/// it is and the 校验报告 lists it, so that someone fixes it before the next run.
public struct UnreadableInboxFile: Sendable, Hashable {
    /// Relative to inbox/, as the log shows it.
    public var name: String
    /// In Chinese: why it cannot be read and what to do.
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
