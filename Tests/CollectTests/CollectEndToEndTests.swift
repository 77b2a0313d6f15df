import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// Real workbooks (Fixtures/, made by make_fixtures.py) through the real reader and
/// submission stage into a temporary workspace.
@Suite struct CollectEndToEndTests {
    func collect(_ ws: Workspace, _ ledger: Ledger) throws -> (CollectSummary, [String]) {
        var lines: [String] = []
        let collector = Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws))
        let summary = try collector.run(report: { lines.append($0.logLine) })
        return (summary, lines)
    }

    /// A copy cut short in archive/ (a crash before the batch's sync) is written again,
    /// not taken for the file's copy because its name matches.
    @Test func truncatedArchiveCopyIsRewritten() throws {
        let ws = try TestSupport.workspace()
        let ledger = try Ledger.open(at: ws.ledgerURL)
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL)
        let bytes = try Data(contentsOf: ws.inboxURL.appendingPathComponent("JD01_2025-03.xlsx"))
        let copy = ws.archiveURL.appendingPathComponent(SHA256.hex(bytes) + ".xlsx")
        try bytes.prefix(100).write(to: copy)
        let (summary, _) = try collect(ws, ledger)
        #expect(summary.accepted == 1)
        #expect(try Data(contentsOf: copy) == bytes)
    }

    @Test func twoBatchesWithResubmissionDuplicateAndRejection() throws {
        let ws = try TestSupport.workspace()
        let ledger = try Ledger.open(at: ws.ledgerURL)
        for name in ["JD01_2025-03.xlsx", "JD02_2025-03.xlsx", "QU00_2025-03.xlsx"] {
            try TestSupport.copyFixture("batch1/" + name, to: ws.inboxURL)
        }
        let (first, _) = try collect(ws, ledger)
        #expect(first.accepted == 2 && first.rejected == 1)

        let afterFirst = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        // JD02's file has an error: none of its rows or workload count.
        #expect(!afterFirst.activities.all.contains { $0.unitCode == "JD02" })
        #expect(!afterFirst.workload.all.contains { $0.unitCode == "JD02" })
        #expect(afterFirst.rejectedPeriods["JD02"] == [Period(year: 2025, month: 3)!])
        let rejected = try #require(afterFirst.files.all.first { $0.unitCode == "JD02" })
        #expect(rejected.status == .rejected)
        #expect(rejected.diagnostics.contains { $0.severity == .error && $0.location == "活动明细!G3" && $0.value == "很多人" })
        #expect(afterFirst.district?.executed == Decimal(string: "323.21"))
        #expect(afterFirst.district?.fullYearBudget == Decimal(string: "370.64"))

        for name in ["JD01_2025-03_更正.xlsx", "JD03_2025-04.xlsx"] {
            try TestSupport.copyFixture("batch2/" + name, to: ws.inboxURL)
        }
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL, as: "转发/JD01_2025-03.xlsx")
        let (second, lines) = try collect(ws, ledger)
        #expect(second.accepted == 2 && second.duplicates == 1 && second.resubmissions == 1)
        #expect(lines.contains { $0.hasPrefix("[接收] JD01 2025-03 JD01_2025-03_更正.xlsx（替代 ") && $0.contains(" 收到的 JD01_2025-03.xlsx，活动 ") })

        let snap = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        let jd01 = snap.activities.all.filter { $0.unitCode == "JD01" }
        #expect(jd01.count == 3)
        let coverage: Int = jd01.map(\.coverage).reduce(0, +)
        #expect(coverage == 540)
        #expect(Set(jd01.map(\.source.file)) == ["JD01_2025-03_更正.xlsx"])
        #expect(snap.activities.all.contains { $0.unitCode == "JD03" && $0.category == .training })
        let statuses = Dictionary(grouping: snap.files.all, by: \.status).mapValues(\.count)
        #expect(statuses == [.accepted: 3, .superseded: 1, .rejected: 1, .duplicate: 1])
        #expect(TestSupport.inboxContents(ws).isEmpty)
        #expect(TestSupport.archiveNames(ws).count == 5)
    }

    @Test func bundleWithGBKMemberNames() throws {
        let ws = try TestSupport.workspace()
        let ledger = try Ledger.open(at: ws.ledgerURL)
        try TestSupport.copyFixture("五月报送.zip", to: ws.inboxURL)
        let (summary, lines) = try collect(ws, ledger)
        #expect(summary.files == 1 && summary.accepted == 2)
        #expect(lines == ["[接收] JD04 2025-05 五月报送.zip/五月/走马岭街道.xlsx", "[接收] JD05 2025-05 五月报送.zip/五月/径河街道.xlsx"])
        let snap = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 5)!)
        #expect(snap.activities.all.map(\.source.file) == ["五月报送.zip/五月/走马岭街道.xlsx", "五月报送.zip/五月/径河街道.xlsx"])
        let zipHash = SHA256.hex(try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("五月报送.zip")))
        #expect(snap.files.all.allSatisfy { $0.contentHash == zipHash })
        #expect(TestSupport.archiveNames(ws) == [zipHash + ".zip"])
    }

    @Test func workspaceWithGBKRegistry() throws {
        let ws0 = try TestSupport.workspace()
        try FileManager.default.removeItem(at: ws0.unitsURL)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("units-gbk.csv"), to: ws0.unitsURL)
        let ws = try Workspace.open(at: ws0.root)
        #expect(ws.units.first { $0.code == "JD08" }?.street == "常青花园新区街道")
        let ledger = try Ledger.open(at: ws.ledgerURL)
        try TestSupport.copyFixture("batch2/JD03_2025-04.xlsx", to: ws.inboxURL)
        let (summary, _) = try collect(ws, ledger)
        #expect(summary.accepted == 1)
    }
}
