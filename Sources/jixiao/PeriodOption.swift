import JixiaoModel
import JixiaoWorkspace

/// `--period YYYY-MM`, or the last month whose deadline has passed.
enum PeriodOption {
    static func resolve(_ text: String?, workspace: Workspace) throws(JixiaoError) -> Period {
        guard let text else {
            return workspace.config.lastDuePeriod(today: .today)
        }
        guard let period = Period(text), period.year == workspace.config.year else {
            throw .configuration("--period 应为 \(workspace.config.year) 年内的月份，写成 \(workspace.config.year)-06 这样的格式（收到“\(text)”）")
        }
        return period
    }
}
