import ArgumentParser
import Foundation
import JixiaoCollect

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "核对存档与台账：每个存档副本都在且内容未变，台账中的每个文件都有存档。",
        discussion: """
        逐个读取 archive/ 中的副本并核对内容哈希，核对每条收件记录都在台账中、台账中的每个
        文件都有收件记录和副本，并检查台账数据库本身是否完好。只读，不改动任何文件。

        每次 collect / run 结束时也会快速检查副本是否都在（按大小），有问题时在汇总行中提示。

        退出码：0 全部完好；1 发现问题（逐条列出）；2 配置错误。

        例：jixiao verify --workspace 东西湖2025
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            let ws = try workspace.open()
            let report = ArchiveVerifier(workspace: ws).run()
            print(report.line)
            for problem in report.problems { print("  " + problem) }
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
