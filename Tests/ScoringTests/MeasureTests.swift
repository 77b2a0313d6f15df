import Foundation
import JixiaoModel
@testable import JixiaoScoring
import Testing

@Suite struct MeasureTests {
    private func value(_ text: String, _ snapshot: LedgerSnapshot) throws -> MeasureOutcome {
        let measure = Measure(text: text, expression: try MeasureParser.parse(text))
        return try MeasureContext(snapshot: snapshot, measures: [measure]).evaluate(measure)
    }

    private var mixed: LedgerSnapshot {
        Fixture.snapshot(activities: [
            Fixture.activity("JD01", category: .popularScience, theme: .foodSafety, form: .offline, coverage: 100),
            Fixture.activity("JD01", category: .popularScience, theme: .foodSafety, form: .online, coverage: 2000),
            Fixture.activity("JD02", category: .training, theme: .emergency, form: .offline, coverage: 30),
            Fixture.activity("QU00", month: 4, category: .academicExchange, theme: .other, form: .offline, coverage: 50),
            Fixture.activity("QY01", category: .innovationScience, theme: .cyberSecurity, form: .online, coverage: 7,
                             name: "院士进企业"),
        ], workload: [Fixture.work("JD01", .appliedProjects, 2), Fixture.work("JD02", .appliedProjects, 3),
                      Fixture.work("JD02", .recruitedExperts, 4)],
        district: Fixture.district())
    }

    @Test func countsWithEqualityMembershipAndOrAndNot() throws {
        #expect(try value("计数()", mixed) == .value(5))
        #expect(try value("计数", mixed) == .value(5))
        #expect(try value("计数(活动主题 = 食品安全 且 活动形式 = 线下)", mixed) == .value(1))
        #expect(try value("计数(活动主题=食品安全 && 活动形式=线上)", mixed) == .value(1))
        #expect(try value("计数(活动类别 属于 [培训, 学术交流])", mixed) == .value(2))
        #expect(try value("计数(活动类别 不属于【培训，学术交流】)", mixed) == .value(3))
        #expect(try value("计数(活动主题 = 食品安全 或 活动类别 = 培训 且 活动形式 = 线上)", mixed) == .value(2))
        #expect(try value("计数((活动主题 = 食品安全 或 活动类别 = 培训) 且 活动形式 = 线下)", mixed) == .value(2))
        #expect(try value("计数(非 活动形式 = 线下)", mixed) == .value(2))
        #expect(try value("计数(活动形式 != 线下)", mixed) == .value(2))
        #expect(try value("计数(活动名称 包含 院士)", mixed) == .value(1))
        #expect(try value("计数(覆盖人数 >= 100)", mixed) == .value(2))
        #expect(try value("计数(月份 = 4)", mixed) == .value(1))
        #expect(try value("计数(单位类型 = 街道科协)", mixed) == .value(3))
        #expect(try value("计数(单位代码 = \"JD02\")", mixed) == .value(1))
    }

    @Test func sumsWorkloadDistinctAndArithmetic() throws {
        #expect(try value("求和(覆盖人数)", mixed) == .value(2187))
        #expect(try value("求和(覆盖人数, 活动形式 = 线上)", mixed) == .value(2007))
        #expect(try value("工作量(申报科普项目)", mixed) == .value(5))
        #expect(try value("工作量(申报科普项目) + 工作量(引进专家人才) * 2", mixed) == .value(13))
        #expect(try value("-(工作量(申报科普项目) - 10) / 5", mixed) == .value(1))
        #expect(try value("去重计数(单位代码)", mixed) == .value(4))
        #expect(try value("去重计数(所属街道)", mixed) == .value(3))
        #expect(try value("全年执行数 / (年初预算数 + 追加数 - 调减数)", mixed)
                == .value(Decimal(string: "323.21")! / Decimal(string: "370.64")!))
        #expect(try value("满意及以上问卷数 / 满意度调查有效问卷数", mixed) == .value(Decimal(string: "0.95")!))
        #expect(try value("1 / 0", mixed) == .undefined)
    }

    @Test func streetCoverageGoesThroughTheRegistryAndSkipsTheDistrictOffice() throws {
        // QU00 is registered in 吴家山街道 but its own activities count for no street;
        // QY01 (an enterprise association) counts for its 所属街道 金银湖街道.
        let snap = Fixture.snapshot(activities: [Fixture.activity("QU00"), Fixture.activity("JD02"), Fixture.activity("QY01")])
        #expect(try value("街道总数", snap) == .value(12))
        #expect(try value("覆盖街道数", snap) == .value(2))
        #expect(try value("覆盖街道数(活动形式 = 线上)", snap) == .value(0))
        #expect(try value("覆盖街道数 / 街道总数", snap) == .value(Decimal(2) / 12))
    }

    @Test func districtValuesWithoutTheSheetAreNotReported() throws {
        #expect(try value("全年执行数 / 全年预算数", Fixture.snapshot()) == .notReported)
        #expect(try value("计数() + 有效问卷数", Fixture.snapshot()) == .notReported)
    }

    @Test func syntaxErrorsSayWhere() {
        func offset(_ text: String) -> Int? {
            do { _ = try MeasureParser.parse(text); return nil } catch { return error.offset }
        }
        #expect(offset("计数(活动类别 = 科普活动") == 14)
        #expect(offset("计数(活动类别 > 科普活动)") == 8)
        #expect(offset("计数(地区 = 东)") == 3)
        #expect(offset("计数() 计数()") == 5)
        #expect(offset("") == 0)
        #expect(offset("计数(活动名称 = \"未闭合)") == 10)
    }
}
