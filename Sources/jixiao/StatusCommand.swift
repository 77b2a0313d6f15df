import ArgumentParser
import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "查看各单位报送情况：已接收的月份，所欠的月份和原因（未报、退回待改、文件无法读取），以及上次收集退回的文件。",
        discussion: """
        只统计 jixiao.yaml 中的年度。应报月份按单位名册的“应报起始月 / 停报月”计算；
        不指定 --period 时，统计到报送截止日（jixiao.yaml 的 deadline_day）已过的最后一个月。
        只读取台账，不改动 inbox/、archive/ 和 out/，不加锁。本机时钟早于台账中上次运行的时间时
        会提示，并且不按更早的月份统计。

        例：jixiao status --period 2025-06
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Option(name: .long, help: "统计到哪个月（YYYY-MM）。")
    var period: String?

    func run() throws {
        try CommandFailure.mapping {
            let ws = try workspace.open()
            let explicit = try PeriodOption.parse(period, workspace: ws)
            let ledger = try Ledger.openReadOnly(for: ws)
            let clock = try PeriodOption.resolve(explicit, workspace: ws, ledger: ledger)
            print(try StatusReport.build(ledger: ledger, workspace: ws, through: clock.period, today: clock.today).text)
        }
    }
}
