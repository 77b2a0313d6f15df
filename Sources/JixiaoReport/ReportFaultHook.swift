import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test hook for the tests of replacing out/ as a set, not a user feature: with
/// `JIXIAO_REPORT_FAULT=<step>:<n>` in the environment,
///
/// - `write:<n>` — writing the n-th workbook (1-based, in `ReportOutputs.all` order) fails;
/// - `rename:<n>` — the process kills itself with SIGKILL once the n-th staged workbook has
///   been renamed into place, exactly like a power cut between the renames.
struct ReportFaultHook: Sendable {
    enum Step: String, Sendable { case write, rename }

    static let environmentKey = "JIXIAO_REPORT_FAULT"

    let step: Step?
    let count: Int

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let parts = environment[Self.environmentKey]?.split(separator: ":") ?? []
        if parts.count == 2, let step = Step(rawValue: String(parts[0])), let n = Int(parts[1]), n > 0 {
            self.step = step
            count = n
        } else {
            step = nil
            count = 0
        }
    }

    struct InjectedFailure: Error, CustomStringConvertible {
        var description: String { ReportMessages.injectedFailure }
    }

    func writing(_ workbook: Int) throws {
        if step == .write, workbook == count { throw InjectedFailure() }
    }

    func renamed(_ workbook: Int) {
        if step == .rename, workbook == count { kill(getpid(), SIGKILL) }
    }
}
