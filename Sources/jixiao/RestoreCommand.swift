import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoWorkspace

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "恢复一份较早接收的报送（已被替代或已撤回的），让它重新计入该单位该月。",
        discussion: """
        文件的写法与 jixiao withdraw 相同：日志或校验报告“文件”表中的文件名，或内容哈希的前 8 位以上。
        恢复后它计入该单位该月，此前计入的版本改为“已被替代”（以后撤回它时，那一版又会计入）。
        恢复记入台账和 archive/receipts/corrections/，jixiao rebuild 会照样重做，并列在校验报告的
        “更正记录”表中。被退回的报送不能恢复（请单位改正后重新报送）。之后运行 jixiao report 更新报表。

        退出码：0 成功；1 写入失败；2 用法错误，或无法恢复（找不到或有多份对应的文件、被退回的、
        重复文件、它已经在计入）；3 另一个 jixiao 正在运行。

        例：jixiao restore 2025-05/JD03_慈惠街道科协_2025-05_更正.xlsx --reason "核实后更正表无误"
        """
    )

    @Argument(help: ArgumentHelp("文件名（如日志所示）或内容哈希（至少 8 位）。", valueName: "文件或哈希"))
    var target: String

    @Option(name: .long, help: ArgumentHelp("恢复的原因（可不写），记入台账和校验报告。", valueName: "原因"))
    var reason: String = ""

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            try workspace.locked { ws in
                let ledger = try Ledger.open(for: ws, check: .integrity)
                let outcome = try Corrector(workspace: ws, ledger: ledger).restore(target, reason: reason, now: LogClock.now())
                print(LogClock.stamped(outcome.line))
            }
        }
    }
}
