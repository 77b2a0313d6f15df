import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

/// The same inputs must give byte-identical workbooks: outputs are compared and archived.
@Suite struct DeterminismTests {
    static let march = Period(year: 2025, month: 3)!

    static let writers: [(String, @Sendable (URL) throws -> Void)] = [
        ("指标表", { try IndicatorTableWriter.write(Fixtures.evaluation(), to: $0) }),
        ("汇总表", { try RollupWorkbookWriter.write(Fixtures.evaluation(period: march), rollup: Fixtures.rollup(), to: $0) }),
        ("校验报告", { try ValidationReportWriter.write(files: FileOutcomes(ValidationReportTests.files), units: Fixtures.units, to: $0) }),
        ("催报清单", { try ReminderListWriter.write(ReminderListTests.calls, to: $0) }),
        ("报送表", { try TemplateWriter.write(unit: Fixtures.district, period: march, to: $0) }),
        ("退回修改", { try ReturnCopyWriter.write(ReturnCopyTests.sample, to: $0) }),
        ("退回修改-无法读取", { try ReturnCopyWriter.write(ReturnCopyTests.unreadable, to: $0) }),
    ]

    @Test(arguments: writers.indices)
    func writingTwiceGivesIdenticalBytes(_ index: Int) throws {
        let (name, write) = Self.writers[index]
        let dir = try Scratch()
        let a = dir.file("\(name)-a.xlsx")
        let b = dir.file("\(name)-b.xlsx")
        try write(a)
        try write(b)
        let first = try Data(contentsOf: a)
        #expect(first.starts(with: Data("PK".utf8)), "\(name) is not a ZIP package")
        #expect(first == (try Data(contentsOf: b)), "\(name) differs between two writes")
    }
}
