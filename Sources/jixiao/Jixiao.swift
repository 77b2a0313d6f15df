import ArgumentParser
import Foundation

@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "区科协基层单位月度报送汇总与绩效自评工具（部门整体支出绩效评价指标表）。",
        discussion: """
        每月把各基层单位报来的 xlsx / xls / csv / zip 放进工作目录的 inbox/，运行 jixiao run：
        逐个文件存档、校验、入账，然后生成 out/ 下的 指标表、汇总表、校验报告、催报清单、
        佐证材料 和 自评报告草稿。

        常用：
          jixiao init 东西湖2025 --year 2025     新建工作目录
          jixiao template --out 模板              生成各单位空白报送表
          jixiao run --workspace 东西湖2025       收集 + 出报表（适合 cron）
        """,
        version: VersionInfo.text,
        subcommands: [InitCommand.self, TemplateCommand.self, CheckCommand.self, CollectCommand.self, StatusCommand.self, ReportCommand.self, RunCommand.self, RebuildCommand.self, WithdrawCommand.self, RestoreCommand.self, VerifyCommand.self, CatCommand.self]
    )

    /// Usage mistakes exit with code 2 (docs/commands.md, 退出码) (ArgumentParser's default is 64), so cron
    /// wrappers can tell "fix the command line or configuration" from "something broke".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((UsageMessages.chinese(fullMessage(for: error)) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
