import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "定时任务用：加锁，收集 inbox/，再生成 out/ 下的报表。",
        discussion: """
        同一工作目录同一时间只允许一个 jixiao run / collect：另一个正在运行时立即以退出码 3 结束，
        不等待也不改动任何文件。上次运行被强行终止留下的锁会自动失效，无需手工清理。

        退出码：0 正常；1 意外失败，或有文件处理失败或 [跳过] 的项目；2 配置错误；3 另一个 jixiao 正在运行；
        4 使用了 --strict 且本次有文件被退回。

        crontab 例：0 2 * * * jixiao run --workspace /data/东西湖2025 >> /data/jixiao.log 2>&1
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Option(name: .long, help: "报表统计到哪个月（YYYY-MM，默认为截止日已过的最后一个月）。")
    var period: String?

    @Flag(name: .long, help: "本次有文件被退回时以退出码 4 结束。")
    var strict = false


    func run() throws {
        try CommandFailure.mapping {
            let ws = try workspace.open()
            let through = try PeriodOption.resolve(period, workspace: ws)
            let lock = try RunLock(path: ws.lockPath)
            let summary = try CollectStage.run(ws, printSummary: false)
            do {
                try ReportStage.run(ws, through: through, after: summary.line)
            } catch {
                print(summary.line)  // what was collected stays reported even when the report fails
                throw error
            }
            withExtendedLifetime(lock) {}
            if summary.needsAttention { throw ExitCode(1) }
            if strict, summary.rejected > 0 { throw ExitCode(4) }
        }
    }
}
