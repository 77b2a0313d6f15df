import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "收集 inbox/ 中的报送文件：存档、校验、入账，然后从 inbox/ 移走。",
        discussion: """
        inbox/ 下的每个文件（可放在子文件夹中；隐藏文件和 ~$ 开头的临时文件除外）按路径顺序处理：
          1. 原样复制到 archive/，以内容哈希命名；
          2. 读取并校验，结果（接收 / 退回 / 重复）和全部问题记入台账 ledger.sqlite；
          3. 从 inbox/ 删除。
        同一内容的文件再次放入按“重复”处理，不重复计数；同一单位同一月份后报的合格文件替代先报的。
        zip 压缩包中的每个表格文件各算一份报送。

        每个文件在标准错误输出一行：[接收] / [退回] / [重复]，结束时在标准输出打印一行汇总。
        inbox/ 可以是指向共享文件夹的符号链接；inbox/ 里面的符号链接（不跟随）、命名管道等，
        以及打不开或嵌套超过 32 层的文件夹，各记一行 [跳过]，留在原处。
        中途被中断也不会丢文件或重复入账，再运行一次即可接着完成。

        退出码：0 正常（有退回文件也是正常结果）；1 有文件处理失败或有 [跳过] 的项目；2 配置错误；
        3 另一个 jixiao 正在运行。

        例：jixiao collect --workspace 东西湖2025 && jixiao status --workspace 东西湖2025
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            try workspace.locked { ws in
                let summary = try CollectStage.run(ws)
                if summary.needsAttention { throw ExitCode(1) }
            }
        }
    }
}
