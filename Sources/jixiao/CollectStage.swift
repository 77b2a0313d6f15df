import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The collect stage as `collect` and `run` both perform it: per-file log lines on
/// stderr (with a progress bar on a terminal), the summary line on stdout.
enum CollectStage {
    static func run(_ workspace: Workspace, printSummary: Bool = true) throws -> CollectSummary {
        let ledger = try Ledger.open(for: workspace, check: .integrity)
        let collector = Collector(workspace: workspace, ledger: ledger, source: SubmissionSources.standard(for: workspace))
        let progress = ProgressOutput(isTerminal: isatty(2) == 1)
        let summary = try collector.run(report: progress.show)
        progress.finish()
        if printSummary { print(LogClock.stamped(summary.line)) }
        return summary
    }
}
