import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoWorkspace

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "从 archive/ 重建台账 ledger.sqlite（台账丢失或损坏时使用）。",
        discussion: """
        archive/ 中保存着收到过的每个文件的原样副本，以及每次收件的记录（archive/receipts/：
        原文件名和路径、大小、收件时间、第几次收集）。rebuild 按原来的收件顺序把它们逐个重新
        校验、入账，得到与原来相同的接收、退回、重复和更正替代结果；之后 jixiao report 写出的
        指标表和活动明细与原来相同（按当前的 units.csv 校验单位）。

        新台账先写在旁边，完整写好后才替换；原有的 ledger.sqlite（如果还在）改名保存为
        ledger.sqlite.before-rebuild-时间，不会删除。存档副本缺失或被改动时停止，原台账不变。
        不读取、不改动 inbox/ 和 out/；重建后运行 jixiao report 重新生成报表。

        退出码：0 成功；1 存档不完整或写入失败；2 配置错误；3 另一个 jixiao 正在运行。

        例：jixiao rebuild --workspace 东西湖2025 && jixiao report --workspace 东西湖2025
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            try workspace.locked { ws in
                let summary = try Rebuilder(workspace: ws, source: SubmissionSources.standard(for: ws)).run()
                print(LogClock.stamped(summary.line))
            }
        }
    }
}
