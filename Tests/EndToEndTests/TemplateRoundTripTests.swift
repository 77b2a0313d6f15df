import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// Blank templates from `jixiao template`, filled in by another program (openpyxl, as a
/// unit's Excel would), collected and reported: the numbers must come through exactly.
@Suite struct TemplateRoundTripTests {
    static let filler = TestSupport.repoFile("Tests/EndToEndTests/fill_template.py")

    @Test(.requires(.openpyxl))
    func filledTemplatesAreAcceptedAndCounted() throws {
        let scratch = try Scratch("roundtrip")
        let root = scratch.file("ws")
        try Workspace.create(at: root, year: 2025, department: "武汉市东西湖区科学技术协会")
        let ws = try Workspace.open(at: root)
        let period = Period(year: 2025, month: 12)!
        let streets = ws.units.filter { $0.kind == .street }
        #expect(streets.count == 12)

        var filled: [(ReportingUnit, [String: Any])] = []
        for (i, unit) in streets.enumerated() {
            let activities: [[Any]] = [
                ["守护舌尖安全 食品安全科普讲座", "2025-12-\(String(format: "%02d", i + 1))", "线下", "科普活动", "食品安全", 1000 + i, "社区活动室"],
                ["临空i科普 线上课堂", "2025-12-20", "线上", "科普活动", "青少年科技教育", 500, ""],
            ]
            filled.append((unit, ["activities": activities, "workload": ["吸纳科技工作者": 5, "申报科普项目": 1]]))
        }
        let district = try #require(ws.units.first { $0.code == SubmissionSchema.districtUnitCode })
        filled.append((district, [
            "activities": [["科学家精神宣讲报告会", "2025-12-03", "线下", "科学家精神宣讲", "科学家精神", 650, "吴家山中学"]],
            "workload": ["新成立企业科协": 3, "获批专家工作站": 1],
            "district": ["年初预算数": 200.5, "追加数": 10, "调减数": 0.5, "全年执行数": 189, "满意度调查有效问卷数": 100, "满意及以上问卷数": 92],
        ]))

        for (unit, spec) in filled {
            let blank = ws.templatesURL.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: period))
            try TemplateWriter.write(unit: unit, period: period, to: blank)
            let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
            let target = ws.inboxURL.appendingPathComponent(blank.lastPathComponent)
            let filled = try Tool.openpyxl.run([Self.filler.path, blank.path, target.path, json])
            #expect(filled.status == 0, "\(filled.stderr)")
        }

        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        let snapshot = try ledger.snapshot(of: ws, through: period)
        let files = try snapshot.files.collected()
        #expect(files.count == 13)
        for file in files {
            #expect(file.status == .accepted, "\(file.fileName): \(file.diagnostics.map(\.message))")
            #expect(file.diagnostics.isEmpty, "\(file.fileName): \(file.diagnostics.map(\.message))")
        }
        #expect(try snapshot.activities.collected().count == 25)
        let coverage = try snapshot.activities.collected().reduce(0) { $0 + $1.coverage }
        let expectedCoverage: Int = 12 * 1000 + 66 + 12 * 500 + 650
        #expect(coverage == expectedCoverage)

        let e = try ReportProducer.produce(workspace: ws, through: period).evaluation
        func actual(_ name: String) -> String? { e.indicators.first { $0.name == name }?.actualText }
        #expect(actual("科普惠民活动场次") == "24场")
        #expect(actual("食品安全主题科普活动场次") == "12场")
        #expect(actual("街道科普活动覆盖率") == "100.0%")
        #expect(actual("新吸纳科技工作者人数") == "60人")
        #expect(actual("申报上级科普项目数") == "12个")
        #expect(actual("指导成立企业科协数") == "3家")
        #expect(actual("服务对象满意度") == "92.0%")
        // 189 / (200.5 + 10 - 0.5) = 90.0% → 20 × 0.9 = 18.0
        #expect(actual("预算执行率") == "90.0%")
        #expect(e.budget?.fullYearBudget == 210)
        #expect(e.budget?.score == 18)
    }
}
