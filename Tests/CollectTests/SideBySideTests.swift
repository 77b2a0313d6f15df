import Foundation
@testable import JixiaoReport
import Testing

/// The report's outputs are written by jobs side by side; what fails must be told the same way
/// whichever job finished first.
@Suite struct SideBySideTests {
    struct Failed: Error, Equatable { var job: Int }

    @Test func everyJobRunsAndTheFirstListedFailureIsThrown() {
        let ran = Counter()
        #expect(throws: Failed(job: 0)) {
            try SideBySide.run([
                { Thread.sleep(forTimeInterval: 0.05); ran.add(); throw Failed(job: 0) },
                { ran.add(); throw Failed(job: 1) },
                { ran.add() },
            ])
        }
        #expect(ran.value == 3)
    }

    @Test func bothGivesEachResult() throws {
        let (a, b) = try SideBySide.both({ (1...1000).reduce(0, +) }, { "佐证材料" })
        #expect(a == 500_500 && b == "佐证材料")
        #expect(throws: Failed(job: 1)) { _ = try SideBySide.both({ 1 }, { () throws -> Int in throw Failed(job: 1) }) }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
