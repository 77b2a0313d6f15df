import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoWorkspace

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "撤回一份已接收的报送：它不再计入，该单位该月此前接收的版本（如有）重新计入。",
        discussion: """
        文件按日志或校验报告“文件”表中的写法指定（如 2025-05/JD03_慈惠街道科协_2025-05_更正.xlsx，
        不重名时只写文件名也可），或写内容哈希（校验报告和 archive/ 中的文件名）的前 8 位以上。
        撤回后，同一单位同一月份此前接收、后来被替代的最新一版重新计入；没有这样的版本时，
        该月重新算作未报（列入催报清单）。撤回记入台账和 archive/receipts/corrections/，
        jixiao rebuild 会照样重做；校验报告的“更正记录”表列出每次撤回和恢复。
        要让撤回的报送重新计入，用 jixiao restore。之后运行 jixiao report 更新报表。

        退出码：0 成功；1 写入失败；2 用法错误，或无法撤回（找不到或有多份对应的文件、被退回的、
        重复文件、已撤回的）；3 另一个 jixiao 正在运行。

        例：jixiao withdraw 2025-05/JD03_慈惠街道科协_2025-05_更正.xlsx --reason "单位来电：更正表填错"
        """
    )

    @Argument(help: ArgumentHelp("文件名（如日志所示）或内容哈希（至少 8 位）。", valueName: "文件或哈希"))
    var target: String

    @Option(name: .long, help: ArgumentHelp("撤回的原因（必填），记入台账和校验报告。", valueName: "原因"))
    var reason: String

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            try workspace.locked { ws in
                let ledger = try Ledger.open(for: ws, check: .integrity)
                let outcome = try Corrector(workspace: ws, ledger: ledger).withdraw(target, reason: reason, now: LogClock.now())
                print(LogClock.stamped(outcome.line))
            }
        }
    }
}
