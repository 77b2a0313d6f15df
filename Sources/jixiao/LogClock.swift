import Foundation

/// The clock the CLI stamps its log lines with.
///
/// Normally the machine's clock. `JIXIAO_NOW=2026-12-02T02:00:03Z` (ISO 8601) fixes it, so
/// tests can assert whole log lines. Only the stamps: the ledger's run times and `ReportClock`
/// keep the real clock, so a fixed stamp cannot make a run look set back.
enum LogClock {
    static let environmentKey = "JIXIAO_NOW"

    static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        guard let text = environment[environmentKey] else { return Date() }
        return ISO8601DateFormatter().date(from: text) ?? Date()
    }

    /// `2026-12-02 02:00:03 ` in the machine's time zone, as the clerk reads a clock.
    static func stamp(_ date: Date = now(), timeZone: TimeZone = .current) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        func pad(_ n: Int?, _ width: Int = 2) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) "
    }

    /// `line` with the timestamp in front: every line of the log says when it was written.
    static func stamped(_ line: String) -> String { stamp() + line }
}
