/// Failures that stop a command. Problems inside one submission are diagnostics, never these.
public enum JixiaoError: Error, Sendable, Equatable {
    /// jixiao.yaml, units.csv or the workspace layout is wrong, or the usage is: exit 2.
    case configuration(String)
    /// Another run holds the workspace lock: exit 3.
    case locked(String)
    /// The file system or the ledger failed: exit 1.
    case io(String)

    /// Plain Chinese, for stderr.
    public var message: String {
        switch self {
        case .configuration(let m), .locked(let m), .io(let m): return m
        }
    }

    /// The process exit code (docs/commands.md, 退出码).
    public var exitCode: Int32 {
        switch self {
        case .configuration: return 2
        case .locked: return 3
        case .io: return 1
        }
    }
}
