import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "根据台账生成 out/ 下的 指标表、汇总表、校验报告、催报清单、佐证材料 和 自评报告草稿。",
        discussion: """
        只读台账（ledger.sqlite），不处理 inbox/：统计已接收且未被替代的报送，截至 --period 所指月份。
          指标表.xlsx   部门整体支出绩效自评表（年度指标值、实际完成值、分值、得分、总分、等级）
          汇总表.xlsx   总览（含序时进度）、按单位、按街道、活动明细和图表
          校验报告.xlsx 每个文件的接收/退回情况和每个问题所在的单元格
          催报清单.xlsx 应报未报（或被退回未重报）的单位和月份，附联系人电话
          佐证材料.xlsx 每个指标的计算规则，计入的每条记录、每个数及其来源
          自评报告.docx 部门整体支出绩效自评报告的草稿，数字取自台账，待填写处标黄
          退回/         每份被退回且尚未重报的文件一份退回修改表，标出有问题的单元格
        同一台账重复生成得到逐字节相同的文件，便于比较。六个文件和 退回/ 整套替换：先全部写成临时文件，
        都写好后才一起换上；写出失败时 out/ 中仍是上次的整套报表，运行被中断时下次运行会先补完。
        生成报表时加运行锁：另一个 jixiao（run、collect、report）正在使用这个工作目录时立即以
        退出码 3 结束，不等待。本机时钟早于台账中上次运行的时间时会提示，并且不按更早的月份统计。

        例：
          jixiao report --workspace 东西湖2025                 截至截止日已过的最后一个月
          jixiao report --workspace 东西湖2025 --period 2025-06 半年序时进度

        退出码：0 正常；1 意外失败（如 out/ 不可写）；2 配置错误（如 indicators.yaml 写错，会指出行号）；
        3 另一个 jixiao 正在使用这个工作目录。
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    @Option(name: .long, help: "统计到哪个月（YYYY-MM，默认为截止日已过的最后一个月）。")
    var period: String?

    func run() throws {
        try CommandFailure.mapping {
            let ws = try workspace.open()
            let explicit = try PeriodOption.parse(period, workspace: ws)
            let lock = try WorkspaceLock.acquire(ws)
            defer { withExtendedLifetime(lock) {} }
            let clock = try PeriodOption.resolve(explicit, workspace: ws, ledger: try Ledger.open(for: ws, check: .presence))
            try ReportStage.run(ws, clock: clock)
        }
    }
}

/// The report stage as `report` and `run` both perform it.
enum ReportStage {
    /// `report` prints its summary and the paths written; `run` (for cron) folds the collect
    /// summary in front, so each run leaves exactly one line on stdout. A failed report still
    /// prints its line, saying whether out/ kept the previous set, before the error goes up.
    static func run(_ workspace: Workspace, clock: ReportClock, after collectLine: String? = nil) throws {
        let prefix = collectLine.map { $0 + "；" } ?? ""
        let result: ReportResult
        do {
            result = try ReportProducer.produce(workspace: workspace, through: clock.period, today: clock.today)
        } catch {
            print(LogClock.stamped(prefix + ReportProducer.failureLine(workspace, through: clock.period)))
            throw error
        }
        print(LogClock.stamped(prefix + result.line))
        guard collectLine == nil else { return }
        for url in result.outputs.all + result.outputs.returnCopies {
            print("  " + url.path)
        }
    }
}
