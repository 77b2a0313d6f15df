import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

/// Figures, not assertions on speed: run with
/// `JIXIAO_BENCH=1 swift test -c release --filter WritingBenchmark`.
@Suite struct WritingBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["JIXIAO_BENCH"] != nil

    @Test(.enabled(if: WritingBenchmark.enabled))
    func rollupWithManyRecords() throws {
        let dir = try Scratch()
        for count in [10_000, 100_000] {
            let rollup = Fixtures.rollup(extraRecords: count)
            let before = Self.maxResidentMB()
            let start = Date()
            let url = dir.file("汇总表-\(count).xlsx")
            try RollupWorkbookWriter.write(Fixtures.evaluation(period: Period(year: 2025, month: 3)!), rollup: rollup, to: url)
            let seconds = Date().timeIntervalSince(start)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            print("汇总表 \(rollup.records.count) records: \(String(format: "%.2f", seconds)) s, "
                  + "file \(size / 1024) KiB, peak RSS \(before) → \(Self.maxResidentMB()) MB")
        }
    }

    @Test(.enabled(if: WritingBenchmark.enabled))
    func templatesForTheRegistry() throws {
        let dir = try Scratch()
        let start = Date()
        let units = Fixtures.units
        for unit in units {
            try TemplateWriter.write(unit: unit, period: Period(year: 2025, month: 3)!,
                                     to: dir.file(TemplateWriter.fileName(unit: unit, period: Period(year: 2025, month: 3)!)))
        }
        print("templates: \(units.count) workbooks in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }

    static func maxResidentMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
