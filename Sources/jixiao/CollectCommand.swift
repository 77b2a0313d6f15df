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
        中途被中断也不会丢文件或重复入账，再运行一次即可接着完成。

        退出码：0 正常（有退回文件也是正常结果）；1 有文件处理失败；2 配置错误；3 另一个 jixiao 正在运行。

        例：jixiao collect --workspace 东西湖2025 && jixiao status --workspace 东西湖2025
        """
    )

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        try CommandFailure.mapping {
            let ws = try workspace.open()
            let lock = try RunLock(path: ws.lockPath)
            let summary = try CollectStage.run(ws)
            withExtendedLifetime(lock) {}
            if summary.failed > 0 { throw ExitCode(1) }
        }
    }
}

/// `--workspace DIR`, shared by the commands that work on a workspace.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "工作目录（默认为当前目录）。")
    var workspace: String = "."

    var url: URL { URL(fileURLWithPath: workspace, isDirectory: true).standardizedFileURL }

    func open() throws(JixiaoError) -> Workspace { try Workspace.open(at: url) }
}

/// The collect stage as `collect` and `run` both perform it: per-file log lines on
/// stderr (with a progress bar on a terminal), the summary line on stdout.
enum CollectStage {
    static func run(_ workspace: Workspace, printSummary: Bool = true) throws -> CollectSummary {
        let ledger = try Ledger.open(at: workspace.ledgerURL)
        let collector = Collector(workspace: workspace, ledger: ledger, source: SubmissionSources.standard(for: workspace))
        let progress = ProgressOutput(isTerminal: isatty(2) == 1)
        let summary = try collector.run(report: progress.show)
        progress.finish()
        if printSummary { print(summary.line) }
        return summary
    }
}

/// Log lines on stderr; on a terminal, a one-line progress bar kept below them.
final class ProgressOutput {
    let isTerminal: Bool
    private var barShown = false

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ event: CollectEvent) {
        clearBar()
        FileHandle.standardError.write(Data((event.logLine + "\n").utf8))
        guard isTerminal, event.total > 1 else { return }
        let width = 30
        let filled = width * event.index / max(event.total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\(bar) \(event.index)/\(event.total)".utf8))
        barShown = true
    }

    func finish() { clearBar() }

    private func clearBar() {
        guard barShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        barShown = false
    }
}

/// Turns the library's failures into the exit codes of docs/commands.md with the message on stderr.
enum CommandFailure {
    static func mapping(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as JixiaoError {
            FileHandle.standardError.write(Data(("错误：" + error.message + "\n").utf8))
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data(("错误：\(error)\n").utf8))
            throw ExitCode(1)
        }
    }
}
