import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace

/// `--period YYYY-MM`, or the last month whose deadline has passed (see `ReportClock`).
enum PeriodOption {
    /// The month `--period` names, checked against the workspace's year; nil when not given.
    static func parse(_ text: String?, workspace: Workspace) throws(JixiaoError) -> Period? {
        guard let text else { return nil }
        guard let period = Period(text), period.year == workspace.config.year else {
            throw .configuration("--period 应为 \(workspace.config.year) 年内的月份，写成 \(workspace.config.year)-06 这样的格式（收到“\(text)”）")
        }
        return period
    }

    /// The date and month to report as of; a clock found set back is warned about on stderr.
    static func resolve(_ explicit: Period?, workspace: Workspace, ledger: Ledger) throws(JixiaoError) -> ReportClock {
        let clock = try ReportClock.resolve(workspace: workspace, ledger: ledger, period: explicit)
        if let warning = clock.warning {
            FileHandle.standardError.write(Data((LogClock.stamped(warning) + "\n").utf8))
        }
        return clock
    }
}
