import Foundation
import JixiaoModel
@testable import JixiaoScoring
import Testing

/// The evidence each measure returns is what it counted: the same rows, the same figures.
@Suite struct EvidenceTests {
    private func measured(_ text: String, _ snapshot: LedgerSnapshot) throws -> MeasureContext.Measured {
        let measure = Measure(text: text, expression: try MeasureParser.parse(text))
        return try MeasureContext(snapshot: snapshot, measures: [measure]).measure(measure)
    }

    /// The rows a term's evidence lists, read again as 佐证材料 reads them.
    static func rows(_ a: ActivityEvidence) throws -> [ActivityRecord] {
        var out: [ActivityRecord] = []
        try a.rows.forEach { out.append($0) }
        return out
    }

    private var mixed: LedgerSnapshot {
        var district = Fixture.district()
        district.cells = ["全年执行数": "预算与满意度!B4", "年初预算数": "预算与满意度!B1"]
        return Fixture.snapshot(activities: [
            Fixture.activity("JD01", category: .popularScience, theme: .foodSafety, form: .offline, coverage: 100, row: 2),
            Fixture.activity("JD01", category: .training, theme: .foodSafety, form: .online, coverage: 2000, row: 3),
            Fixture.activity("JD02", category: .popularScience, theme: .emergency, form: .online, coverage: 30, row: 2),
            Fixture.activity("QU00", month: 4, category: .popularScience, coverage: 50, row: 5),
        ], workload: [Fixture.work("JD01", .appliedProjects, 2), Fixture.work("JD02", .appliedProjects, 0),
                      Fixture.work("JD03", .appliedProjects, 3), Fixture.work("JD02", .recruitedExperts, 4)],
        district: district)
    }

    @Test func aCountListsExactlyTheRowsItCounted() throws {
        let m = try measured("计数(活动类别 = 科普活动 且 活动形式 = 线上)", mixed)
        #expect(m.outcome == .value(1))
        let term = try #require(m.terms.first)
        #expect(m.terms.count == 1)
        #expect(term.value == 1)
        #expect(term.rule == "活动类别为“科普活动”且活动形式为“线上”的活动场次")
        guard case .activities(let a) = term.items else { Issue.record("not activities"); return }
        #expect(try a.rows.source.collected().count == 4)
        #expect(try Self.rows(a).map(\.unitCode) == ["JD02"])
        #expect(a.rows.count == 1)
        #expect(a.shown == [.field(.category), .field(.form)])
        #expect(a.summed == nil)
    }

    @Test func aSumListsItsRowsAndTheirTotalIsTheValue() throws {
        let m = try measured("求和(覆盖人数, 活动主题 = 食品安全)", mixed)
        let term = try #require(m.terms.first)
        guard case .activities(let a) = term.items else { Issue.record("not activities"); return }
        #expect(Decimal(try Self.rows(a).reduce(0) { $0 + $1.coverage }) == term.value)
        #expect(term.value == 2100)
        #expect(a.summed == .field(.coverage))
        #expect(a.shown == [.field(.theme), .field(.coverage)])
    }

    @Test func workloadListsOnlyTheEntriesThatAddSomething() throws {
        let m = try measured("工作量(申报科普项目)", mixed)
        let term = try #require(m.terms.first)
        guard case .workload(let entries) = term.items else { Issue.record("not workload"); return }
        #expect(entries.count == 2)
        var listed: [String] = []
        try entries.forEach { listed.append($0.unitCode) }
        #expect(listed == ["JD01", "JD03"])
        #expect(term.value == 5)
        #expect(m.outcome == .value(5))
        #expect(term.rule == "工作量表中“申报科普项目”的数量之和（个）")
    }

    @Test func districtFiguresCarryTheirCell() throws {
        let m = try measured("全年执行数 / (年初预算数 + 追加数 - 调减数)", mixed)
        #expect(m.terms.map(\.rule) == ["全年执行数", "年初预算数", "追加数", "调减数"])
        guard case .district(let executed) = m.terms[0].items else { Issue.record("not a figure"); return }
        #expect(executed.value == Decimal(string: "323.21")!)
        #expect(executed.cell == "预算与满意度!B4")
        #expect(executed.sourceFile == "QU00_2025-12.xlsx")
        // The ledger kept no cell for 追加数 here: the figure says so by an empty cell.
        guard case .district(let addition) = m.terms[2].items else { Issue.record("not a figure"); return }
        #expect(addition.cell == "")
    }

    @Test func streetCoverageListsEveryRegistryStreet() throws {
        let m = try measured("覆盖街道数 / 街道总数", mixed)
        guard case let .streets(streets, coveredOnly) = m.terms[0].items else { Issue.record("not streets"); return }
        #expect(coveredOnly)
        #expect(streets.count == Fixture.streets.count)
        // QU00's own activity belongs to no street.
        #expect(streets.filter { $0.activities > 0 }.map(\.street) == ["吴家山街道", "将军路街道"])
        #expect(m.terms[0].value == 2)
        #expect(m.terms[1].value == Decimal(Fixture.streets.count))
    }

    @Test func theRuleInWordsNamesTheSource() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.seedYear)
        let rules = Dictionary(uniqueKeysWithValues: eval.indicators.map { ($0.name, $0.evidence.rule) })
        #expect(rules["科普惠民活动场次"] == "活动类别为“科普活动”的活动场次，来自已接收的月度报送")
        #expect(rules["预算执行率"] == "全年执行数 ÷ (年初预算数 + 追加数 − 调减数)，来自区科协（QU00）报送的“预算与满意度”表")
        #expect(rules["科创服务活动场次"] == "活动类别为“学术交流”或“科创服务”的活动场次，来自已接收的月度报送")
        #expect(rules["获批专家工作站或引进专家人才"]
                == "工作量表中“获批专家工作站”的数量之和（家）；或 工作量表中“引进专家人才”的数量之和（人），来自已接收的月度报送")
        #expect(rules["科普活动覆盖人次"] == "全部活动的覆盖人数之和，来自已接收的月度报送")
    }

    @Test func everyIndicatorsEvidenceAddsUpToItsTerms() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.seedYear)
        for item in eval.indicators {
            #expect(!item.evidence.terms.isEmpty, "\(item.name)")
            for term in item.evidence.terms {
                switch term.items {
                case .activities(let a):
                    let rows = try Self.rows(a)
                    #expect(rows.count == a.rows.count, "\(item.name)")
                    if a.summed != nil {
                        #expect(Decimal(rows.reduce(0) { $0 + $1.coverage }) == term.value, "\(item.name)")
                    } else if a.distinct == nil {
                        #expect(Decimal(rows.count) == term.value, "\(item.name)")
                    }
                case let .streets(streets, coveredOnly):
                    #expect(Decimal(coveredOnly ? streets.count { $0.activities > 0 } : streets.count) == term.value)
                case .workload(let entries):
                    var sum = 0
                    try entries.forEach { sum += $0.quantity }
                    #expect(Decimal(sum) == term.value, "\(item.name)")
                case .district(let figure):
                    #expect(figure.value == term.value)
                }
            }
        }
        let popular = try #require(eval.indicators.first { $0.name == "科普惠民活动场次" })
        #expect(popular.evidence.terms.first?.value == 153)
    }
}
