import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// The example's four workbooks, its 自评报告.docx, its return copy and two blank templates, made under a fixed clock, are byte for byte the committed
/// ones (by SHA-256). A refactoring that changes any cell, style or part of them fails here;
/// a deliberate change to an output updates `Golden/example-outputs.sha256` in the same commit.
@Suite struct ExampleGoldenTests {
    static let golden = TestSupport.repoFile("Tests/EndToEndTests/Golden/example-outputs.sha256")

    /// The night after the year closed: every month is past its 报送截止日.
    static let receivedAt = Date(timeIntervalSince1970: 1_768_442_400)   // 2026-01-15T02:00:00Z
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!

    @Test func exampleWorkbooksAreByteIdenticalToTheCommittedOnes() throws {
        let scratch = try Scratch("golden")
        let root = scratch.file("dongxihu-2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        let ws = try Workspace.open(at: root)
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws))
            .run(now: { Self.receivedAt })
        let result = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 12)!, today: Self.today)
        // The blank templates are drawn from the same field specification: QU00's (with
        // 预算与满意度) and a street's.
        // The rejected JD05 June file's return copy too: receipt times come from the fixed clock.
        var files = result.outputs.all + result.outputs.returnCopies
        for code in ["QU00", "JD01"] {
            let unit = try #require(ws.unitsByCode[code])
            let url = root.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: Period(year: 2025, month: 3)!))
            try TemplateWriter.write(unit: unit, period: Period(year: 2025, month: 3)!,
                                     indicators: try ReportProducer.loadIndicators(ws).deviationSheetRows, to: url)
            files.append(url)
        }
        let got = try files.map { "\(SHA256.hex(try Data(contentsOf: $0)))  \($0.lastPathComponent)" }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(got == expected, "new hashes:\n\(got.joined(separator: "\n"))")
    }
}
