import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "定时任务用：加锁，收集 inbox/，再生成 out/ 下的报表。",
        discussion: """
        同一工作目录同一时间只允许一个 jixiao run / collect / report：另一个正在运行时立即以退出码 3
        结束，不等待也不改动任何文件。上次运行被强行终止留下的锁会自动失效，无需手工清理；它没写完的
        报表替换在本次开始时先补完，留下的临时文件先删掉。报表生成失败时 out/ 中仍是上次的整套报表。
        本机时钟早于台账中上次运行的时间时会提示，并且不按更早的月份统计。

        退出码：0 正常；1 意外失败，或有文件处理失败或 [跳过] 的项目；2 配置错误；3 另一个 jixiao 正在运行；
        4 使用了 --strict 且本次有文件被退回。

        例（写安装后的绝对路径：cron 和 systemd 的 PATH 里通常没有 /usr/local/bin）：
        crontab（每晚 2 点，日志每行以时间开头）：
          0 2 * * * cd /data/东西湖2025 && /usr/local/bin/jixiao run >> jixiao.log 2>&1
        systemd 服务单元（配一个 OnCalendar=*-*-* 02:00:00 的定时器）：
          ExecStart=/usr/local/bin/jixiao run --workspace /data/东西湖2025
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
            let explicit = try PeriodOption.parse(period, workspace: ws)
            let lock = try WorkspaceLock.acquire(ws)
            defer { withExtendedLifetime(lock) {} }
            let summary = try CollectStage.run(ws, printSummary: false)
            let clock: ReportClock
            do {
                clock = try PeriodOption.resolve(explicit, workspace: ws, ledger: try Ledger.open(for: ws, check: .presence))
            } catch {
                print(LogClock.stamped(summary.line))  // what was collected stays reported even when the report cannot start
                throw error
            }
            try ReportStage.run(ws, clock: clock, after: summary.line)
            if summary.needsAttention { throw ExitCode(1) }
            if strict, summary.rejected > 0 { throw ExitCode(4) }
        }
    }
}
