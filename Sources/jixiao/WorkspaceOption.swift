import ArgumentParser
import Foundation
import JixiaoWorkspace

/// `--workspace DIR`, shared by the commands that work on a workspace.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "工作目录（默认为当前目录）。")
    var workspace: String = "."

    var url: URL { URL(fileURLWithPath: workspace, isDirectory: true).standardizedFileURL }

    func open() throws(JixiaoError) -> Workspace { try Workspace.open(at: url) }
}
