import Foundation
import JixiaoLedger
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Test hook for the crash-safety tests, not a user feature: with
/// `JIXIAO_FAULT_AFTER=<step>:<n>` in the environment, the process kills itself with
/// SIGKILL when the n-th inbox file (1-based) reaches that step of `collect`:
///
/// - `archive` — its bytes are in archive/, nothing recorded yet;
/// - `insert` — inside its ledger transaction, everything written, not committed;
/// - `commit` — committed, the file still in inbox/;
/// - `remove` — deleted from inbox/;
///
/// and of `rebuild`: `replay` — the batch holding the n-th receipt is recorded in the new
/// ledger; `swap` (n = 1) — the old ledger moved aside, the new one not yet in its place.
///
/// SIGKILL cannot be caught, so this is exactly a power cut of the process at that point.
/// `JIXIAO_BATCH_FILES=<n>` makes batches of n files, so the tests can kill a run between
/// and inside batches with few files.
struct FaultHook: Sendable {
    enum Step: String, Sendable { case archive, insert, commit, remove, replay, swap }

    let step: Step?
    let count: Int
    let batchSize: Int?

    static let environmentKey = "JIXIAO_FAULT_AFTER"
    static let batchKey = "JIXIAO_BATCH_FILES"

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        batchSize = environment[FaultHook.batchKey].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let parts = environment[FaultHook.environmentKey]?.split(separator: ":") ?? []
        if parts.count == 2, let step = Step(rawValue: String(parts[0])), let n = Int(parts[1]), n > 0 {
            self.step = step
            self.count = n
        } else {
            self.step = nil
            self.count = 0
        }
    }

    /// Called when file number `fileNumber` (1-based) has completed `step`.
    func reached(_ step: Step, fileNumber: Int) {
        guard step == self.step, fileNumber == count else { return }
        kill(getpid(), SIGKILL)
    }
}
