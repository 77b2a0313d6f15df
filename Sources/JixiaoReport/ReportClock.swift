import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

/// The date a report or status is made as of, and the month it counts through.
///
/// Normally that is the machine's clock. A clock earlier than a run the ledger has already
/// recorded has been set back (a dead CMOS battery, a wrong manual setting), and trusting it
/// would quietly report an earlier month and count fewer months as 未报: a signed table that
/// is confidently wrong. Then the latest date the ledger has seen is used instead, and the
/// default month is never earlier than one the ledger has already reached.
public struct ReportClock: Sendable, Equatable {
    /// The day deadlines are measured against (which months are due, so can be 未报).
    public var today: CalendarDate
    /// The month counted through.
    public var period: Period
    /// For stderr, when the clock was found set back.
    public var warning: String?

    /// `period` is `--period` when given; otherwise the last month whose deadline has passed.
    public static func resolve(workspace: Workspace, ledger: Ledger, period explicit: Period?,
                               now: Date = Date(), timeZone: TimeZone = .current) throws(JixiaoError) -> ReportClock {
        let config = workspace.config
        let clockToday = CalendarDate(now, in: timeZone)
        let latestRun: Date?
        let latestAccepted: Period?
        do {
            latestRun = try ledger.latestRunStart()
            latestAccepted = try ledger.latestAcceptedPeriod()
        } catch {
            throw .io(ReportMessages.ledgerUnreadable("\(error)"))
        }
        guard let latestRun, now < latestRun else {
            return ReportClock(today: clockToday, period: explicit ?? config.lastDuePeriod(today: clockToday), warning: nil)
        }
        let today = max(clockToday, CalendarDate(latestRun, in: timeZone))
        var period = config.lastDuePeriod(today: today)
        if let latestAccepted, latestAccepted.year == config.year, latestAccepted > period { period = latestAccepted }
        let chosen = explicit ?? period
        let warning = ReportMessages.clockSetBack(now: now, latestRun: latestRun, timeZone: timeZone,
                                                  period: chosen, explicit: explicit != nil)
        return ReportClock(today: today, period: chosen, warning: warning)
    }
}

extension CalendarDate {
    /// The day `date` falls on in `timeZone`.
    init(_ date: Date, in timeZone: TimeZone) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        self = CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}

extension ReportMessages {
    static func clockSetBack(now: Date, latestRun: Date, timeZone: TimeZone, period: Period, explicit: Bool) -> String {
        let basis = explicit
            ? "本次按 --period 统计到\(period.chineseDescription)"
            : "本次按台账已到过的最近月份统计到\(period.chineseDescription)（不早于上次）"
        return "警告：本机时钟似乎被往回调了：现在显示 \(minute(now, timeZone))，而上次运行是在 \(minute(latestRun, timeZone))。"
            + basis + "，截止日按上次运行的日期判断。请校正系统时间；如要统计别的月份，请用 --period 指定。"
    }

    /// `2026年1月15日 02:00`, in the machine's time zone as the user reads a clock.
    static func minute(_ date: Date, _ timeZone: TimeZone) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        func pad(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 0)年\(c.month ?? 0)月\(c.day ?? 0)日 \(pad(c.hour)):\(pad(c.minute))"
    }
}
