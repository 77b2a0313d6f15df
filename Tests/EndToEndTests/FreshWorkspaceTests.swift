import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace
import TestSupport
import Testing

@Suite struct FreshWorkspaceTests {
    /// A workspace straight from `jixiao init`, before anything was collected, must still
    /// report: every indicator present, nothing measured from the missing district sheet,
    /// and every due unit-month in 催报清单.
    @Test func newWorkspaceReportsBeforeAnySubmission() throws {
        let root = TestSupport.scratch("fresh")
        try Workspace.create(at: root, year: 2025, department: "武汉市东西湖区科学技术协会")
        let ws = try Workspace.open(at: root)
        let result = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 3)!)
        let e = result.evaluation
        #expect(e.indicators.count == 14)
        #expect(e.indicators.reduce(Decimal(0)) { $0 + $1.weight } == 100)
        #expect(e.budget == nil)
        #expect(e.indicators.first { $0.name == "预算执行率" }?.progress == .notMeasured)
        #expect(e.total == 0)
        #expect(e.grade.label == "差")
        let dueUnitMonths = ws.units.reduce(0) { n, u in n + (1...3).filter { u.isDue(Period(year: 2025, month: $0)!) }.count }
        #expect(result.missing == dueUnitMonths)
        for url in result.outputs.all {
            #expect(FileManager.default.fileExists(atPath: url.path))
        }
    }

    /// Before a month's 报送截止日 nobody is late for it: 催报清单 stays empty.
    @Test func monthsBeforeTheirDeadlineAreNotMissing() throws {
        let root = TestSupport.scratch("early")
        try Workspace.create(at: root, year: 2025, department: "测试区科协")
        let ws = try Workspace.open(at: root)
        let march = Period(year: 2025, month: 3)!
        let early = try ReportProducer.produce(workspace: ws, through: march, today: CalendarDate(year: 2025, month: 3, day: 20)!)
        // January and February are due by 20 March (deadline day 10); March is not yet.
        let dueJanFeb = [1, 2].reduce(0) { n, m in n + ws.units.filter { $0.isDue(Period(year: 2025, month: m)!) }.count }
        #expect(early.missing == dueJanFeb)
        let none = try ReportProducer.produce(workspace: ws, through: march, today: CalendarDate(year: 2025, month: 1, day: 20)!)
        #expect(none.missing == 0)
    }

    @Test func brokenIndicatorsFileIsAConfigurationErrorNamingTheLine() throws {
        let root = TestSupport.scratch("badind")
        try Workspace.create(at: root, year: 2025, department: "测试区科协")
        let ws = try Workspace.open(at: root)
        var text = try String(contentsOf: ws.indicatorsURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "计数(活动类别 = 科普活动)", with: "计数(活动类型 = 科普活动)")
        try text.write(to: ws.indicatorsURL, atomically: true, encoding: .utf8)
        do {
            _ = try ReportProducer.loadIndicators(ws)
            Issue.record("a measure on an unknown column must be refused")
        } catch {
            #expect(error.exitCode == 2)
            #expect(error.message.contains("行"))
            #expect(error.message.contains("活动类型"))
        }
    }
}
