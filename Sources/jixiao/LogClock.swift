import Foundation

/// The clock the CLI stamps its log lines with.
///
/// Normally the machine's clock. `JIXIAO_NOW=2026-12-02T02:00:03Z` (ISO 8601) fixes it, so
/// tests can assert whole log lines. The stamps, and the time a withdraw or restore is recorded
/// with (which is no run's time); the ledger's run times and `ReportClock` keep the real clock,
/// so a fixed stamp cannot make a run look set back.
enum LogClock {
    static let environmentKey = "JIXIAO_NOW"

    /// Read once: every log line asks for the time.
    private static let fixed: Date? = fixed(environment: ProcessInfo.processInfo.environment)

    static func fixed(environment: [String: String]) -> Date? {
        environment[environmentKey].flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    static func now() -> Date { fixed ?? Date() }

    /// `2026-12-02 02:00:03 ` in the machine's time zone, as the clerk reads a clock.
    static func stamp(_ date: Date = now(), timeZone: TimeZone = .current) -> String {
        let c = components(date, timeZone)
        return "\(day(date, timeZone: timeZone)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) "
    }

    /// `2026-12-02` in the machine's time zone.
    static func day(_ date: Date, timeZone: TimeZone = .current) -> String {
        let c = components(date, timeZone)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    private static func components(_ date: Date, _ timeZone: TimeZone) -> DateComponents {
        Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
    }

    private static func pad(_ n: Int?, _ width: Int = 2) -> String {
        let s = String(n ?? 0)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// `line` with the timestamp in front: every line of the log says when it was written.
    static func stamped(_ line: String) -> String { stamp() + line }
}
