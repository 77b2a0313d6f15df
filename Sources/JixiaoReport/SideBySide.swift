import Dispatch
import Synchronization

/// Jobs run side by side, one per core: a report's outputs are independent files, and the
/// longest (佐证材料) takes about as long as all the others together.
enum SideBySide {
    /// Runs every job and waits for all of them; then throws the error of the first job in the
    /// list that failed, so that the same failure is reported whichever job finished first.
    static func run(_ jobs: [@Sendable () throws -> Void]) throws {
        let failures = Mutex<[Int: any Error]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do {
                try jobs[i]()
            } catch {
                failures.withLock { $0[i] = error }
            }
        }
        let first = failures.withLock { found in found.keys.min().map { found[$0]! } }
        if let first { throw first }
    }

    /// The results of two jobs run side by side; the first one's error if both fail.
    static func both<A: Sendable, B: Sendable>(_ a: @escaping @Sendable () throws -> A,
                                               _ b: @escaping @Sendable () throws -> B) throws -> (A, B) {
        let results = Mutex<(A?, B?)>((nil, nil))
        try run([
            { let x = try a(); results.withLock { $0.0 = x } },
            { let y = try b(); results.withLock { $0.1 = y } },
        ])
        return results.withLock { ($0.0!, $0.1!) }
    }
}
