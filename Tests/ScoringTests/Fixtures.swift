import Foundation
import JixiaoModel
@testable import JixiaoScoring
import TestSupport

/// Small builders for snapshots, so each test states only the records it cares about.
enum Fixture {
    static let streets = ["吴家山街道", "将军路街道", "慈惠街道", "走马岭街道", "径河街道", "长青街道", "金银湖街道",
                          "常青花园新区街道", "辛安渡办事处", "东山办事处", "新沟镇街道", "柏泉办事处"]
    static let january = Period(year: 2025, month: 1)!

    static func unit(_ code: String, _ kind: UnitKind, street: String, from: Period = january) -> ReportingUnit {
        ReportingUnit(code: code, name: code + "科协", kind: kind, street: street, contact: "联系人", phone: "027-0000",
                      firstPeriod: from)
    }

    /// QU00, JD01…JD12 in the default registry's order, and one enterprise association in 金银湖街道.
    static var registry: [ReportingUnit] {
        [unit("QU00", .district, street: "吴家山街道")]
            + streets.enumerated().map { i, s in unit(String(format: "JD%02d", i + 1), .street, street: s) }
            + [unit("QY01", .enterprise, street: "金银湖街道")]
    }

    static func activity(_ unit: String, month: Int = 3, category: ActivityCategory = .popularScience,
                         theme: ActivityTheme = .other, form: ActivityForm = .offline, coverage: Int = 100,
                         row: Int = 2, name: String = "社区科普讲座") -> ActivityRecord {
        let period = Period(year: 2025, month: month)!
        return ActivityRecord(unitCode: unit, period: period, name: name,
                              date: CalendarDate(year: 2025, month: month, day: 5)!, form: form, category: category,
                              theme: theme, coverage: coverage,
                              source: SourceRef(file: "\(unit)_\(period).xlsx", sheet: "活动明细", row: row))
    }

    static func work(_ unit: String, _ item: WorkloadItem, _ quantity: Int, month: Int = 6) -> WorkloadEntry {
        WorkloadEntry(unitCode: unit, period: Period(year: 2025, month: month)!, item: item, quantity: quantity,
                      source: SourceRef(file: "\(unit).xlsx", sheet: "工作量", row: 2))
    }

    static func district(initial: String = "381.71", addition: String = "34", reduction: String = "45.07",
                         executed: String = "323.21", valid: Int = 200, satisfied: Int = 190) -> DistrictInputs {
        DistrictInputs(initialBudget: Decimal(string: initial)!, addition: Decimal(string: addition)!,
                       reduction: Decimal(string: reduction)!, executed: Decimal(string: executed)!,
                       validQuestionnaires: valid, satisfiedQuestionnaires: satisfied, overallGoal: "",
                       actualCompletion: "各项目标均已完成", period: Period(year: 2025, month: 12)!, sourceFile: "QU00_2025-12.xlsx")
    }

    static func snapshot(activities: [ActivityRecord] = [], workload: [WorkloadEntry] = [],
                         district: DistrictInputs? = nil, through: Int = 12,
                         units: [ReportingUnit] = registry) -> LedgerSnapshot {
        var accepted: [String: Set<Period>] = [:]
        for a in activities { accepted[a.unitCode, default: []].insert(a.period) }
        return LedgerSnapshot(info: DepartmentInfo(department: "武汉市东西湖区科学技术协会", year: 2025),
                              through: Period(year: 2025, month: through)!, units: units, activities: activities,
                              workload: workload, district: district, acceptedPeriods: accepted,
                              rejectedPeriods: [:], files: [])
    }

    /// A year at the seed's levels: 153 科普活动 (52 食品安全, 31 of them offline), every
    /// street active, 5 科创服务 + 2 学术交流, 10 科创科普, 10 宣讲 + 3 培训, 206,000 人次.
    static var seedYear: LedgerSnapshot {
        var acts: [ActivityRecord] = []
        var row = 2
        func add(_ unit: String, _ category: ActivityCategory, theme: ActivityTheme = .other,
                 form: ActivityForm = .offline, coverage: Int) {
            acts.append(activity(unit, month: row % 12 + 1, category: category, theme: theme, form: form,
                                 coverage: coverage, row: row))
            row += 1
        }
        for i in 0..<153 {
            let unit = String(format: "JD%02d", i % 12 + 1)
            let theme: ActivityTheme = i < 52 ? .foodSafety : .youthEducation
            let form: ActivityForm = i < 31 || i >= 52 ? .offline : .online
            add(unit, .popularScience, theme: theme, form: form, coverage: 1200)
        }
        for _ in 0..<5 { add("QU00", .innovationService, coverage: 400) }
        for _ in 0..<2 { add("QU00", .academicExchange, coverage: 300) }
        for _ in 0..<10 { add("QY01", .innovationScience, coverage: 400) }
        for _ in 0..<10 { add("QU00", .scientistSpirit, coverage: 650) }
        for _ in 0..<3 { add("QU00", .training, coverage: 200) }
        // 153×1200 + 5×400 + 2×300 + 10×400 + 10×650 + 3×200 = 197,300; top up to 206,000.
        add("QU00", .other, coverage: 8700)
        let workload = [work("QU00", .approvedExpertStations, 3), work("QU00", .recruitedExperts, 19),
                        work("QU00", .appliedProjects, 9), work("QU00", .newEnterpriseAssociations, 3),
                        work("QU00", .recruitedScienceWorkers, 60), work("QY01", .recruitedScienceWorkers, 33)]
        return snapshot(activities: acts, workload: workload, district: district())
    }

    /// A one-indicator set around `body` (the indicator's own lines, indented four spaces).
    static func singleIndicator(weight: String = "100", _ body: String, decimals: Int = 1) -> String {
        """
        小数位数: \(decimals)
        一级指标分值:
          产出指标: \(weight)
        指标:
          - 一级指标: 产出指标
            二级指标: 数量指标
            三级指标: 测试指标
            分值: \(weight)
        \(body)
        """
    }

    static func load(_ yaml: String) throws -> IndicatorSet {
        try IndicatorSet.load(yaml: yaml, source: "indicators.yaml")
    }

    static func loadError(_ yaml: String) -> IndicatorSetError? {
        do {
            _ = try IndicatorSet.load(yaml: yaml, source: "indicators.yaml")
            return nil
        } catch {
            return error
        }
    }
}

/// The default indicator set as shipped (templates/indicators.yaml, which `jixiao init`
/// writes into every new workspace).
let defaultIndicatorsYAML: String = (try? String(contentsOf: TestSupport.repoFile("templates/indicators.yaml"), encoding: .utf8)) ?? ""
