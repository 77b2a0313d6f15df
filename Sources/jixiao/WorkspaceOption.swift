import ArgumentParser
import Foundation
import JixiaoWorkspace

/// `--workspace DIR`, shared by the commands that work on a workspace.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "工作目录（默认为当前目录）。")
    var workspace: String = "."

    var url: URL { URL(fileURLWithPath: workspace, isDirectory: true).standardizedFileURL }

    func open() throws(JixiaoError) -> Workspace { try Workspace.open(at: url) }

    /// The workspace under its lock while `body` runs: what every command that writes to it
    /// does first (exit 3 when another jixiao holds it).
    func locked<T>(_ body: (Workspace) throws -> T) throws -> T {
        let ws = try open()
        let lock = try WorkspaceLock.acquire(ws)
        defer { withExtendedLifetime(lock) {} }
        return try body(ws)
    }
}
