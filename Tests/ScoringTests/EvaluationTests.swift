import Foundation
import JixiaoModel
@testable import JixiaoScoring
import Testing

private func d(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite struct EvaluationTests {
    @Test func seedYearScoresNinetySevenPointFourExcellent() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.seedYear)
        #expect(eval.groups.map(\.score) == [d("17.4"), 40, 30, 10])
        #expect(eval.groups.map(\.points) == [20, 40, 30, 10])
        #expect(eval.total == d("97.4"))
        #expect(eval.grade == Grade(letter: "A", label: "优"))
        #expect(eval.scheduleProgress == 1)

        let byName = Dictionary(uniqueKeysWithValues: eval.indicators.map { ($0.name, $0) })
        #expect(byName["预算执行率"]?.actualText == "87.2%")
        #expect(byName["预算执行率"]?.score == d("17.4"))
        #expect(byName["预算执行率"]?.progress == .behind)
        #expect(byName["科普惠民活动场次"]?.actualText == "153场")
        #expect(byName["食品安全主题科普活动场次"]?.actualText == "52场")
        #expect(byName["其中线下活动场次"]?.actualText == "31场")
        #expect(byName["科创服务活动场次"]?.actualText == "7场")
        #expect(byName["获批专家工作站或引进专家人才"]?.actualText == "3家、19名")
        #expect(byName["科普活动覆盖人次"]?.actualText == "20.6万人次")
        #expect(byName["科普活动覆盖人次"]?.targetText == "≥10万人次")
        #expect(byName["街道科普活动覆盖率"]?.actualText == "100.0%")
        #expect(byName["新吸纳科技工作者人数"]?.actualText == "93人")
        #expect(byName["服务对象满意度"]?.actualText == "95.0%")
        #expect(eval.indicators.dropFirst().allSatisfy { $0.score == $0.weight && $0.progress == .met })

        let budget = try #require(eval.budget)
        #expect(budget.initialBudget == d("381.71"))
        #expect(budget.fullYearBudget == d("370.64"))
        #expect(budget.executed == d("323.21"))
        #expect(ActualText.percent(budget.executionRate) == "87.2%")
        #expect(budget.weight == 20)
        #expect(budget.score == d("17.4"))
        #expect(budget.note == "追加34.00万元、调减45.07万元")
        #expect(eval.actualCompletion == "各项目标均已完成")
        #expect(eval.overallGoal.hasPrefix("持续推进"))
    }

    @Test func budgetNoteOmitsZeroParts() {
        #expect(ScoringMessages.budgetNote(addition: 0, reduction: d("45.07")) == "调减45.07万元")
        #expect(ScoringMessages.budgetNote(addition: d("34"), reduction: 0) == "追加34.00万元")
        #expect(ScoringMessages.budgetNote(addition: 0, reduction: 0) == "")
    }

    @Test func reviewerWarningsForMissingReasonAndLowTargets() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.seedYear)
        let missing = eval.notes.filter { $0.code == "indicators.deviation.missing" }
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("预算执行率") == true)
        let low = eval.notes.filter { $0.code == "indicators.target.low" }.map(\.message)
        // 52 ≥ 3×15, 31 ≥ 3×5, 3家 ≥ 3×1, 19名 ≥ 3×2, 10 科创科普 < 21, 153 < 390.
        #expect(low.contains { $0.contains("食品安全主题科普活动场次") })
        #expect(low.contains { $0.contains("其中线下活动场次") })
        #expect(low.contains { $0.contains("3家") } && low.contains { $0.contains("19名") })
        #expect(!low.contains { $0.contains("科普惠民活动场次") })
        #expect(!low.contains { $0.contains("科创科普活动场次") })
        #expect(eval.notes.allSatisfy { $0.severity == .warning })
    }

    @Test func reasonGivenSilencesTheWarning() throws {
        let yaml = defaultIndicatorsYAML.replacingOccurrences(of: "    # 偏差原因: 部分项目", with: "    偏差原因: 部分项目")
        #expect(yaml != defaultIndicatorsYAML)
        let eval = try Evaluator.evaluate(try Fixture.load(yaml), snapshot: Fixture.seedYear)
        #expect(!eval.notes.contains { $0.code == "indicators.deviation.missing" })
        #expect(eval.indicators[0].deviationReason.hasPrefix("部分项目"))
    }

    static func submitted(_ reasons: [(String, String)]) -> SubmittedDeviationReasons {
        SubmittedDeviationReasons(period: Period(year: 2025, month: 12)!, sourceFile: "2025-12/QU00_东西湖区科协_2025-12.xlsx",
                                  reasons: reasons.enumerated().map { i, r in
                                      DeviationReason(indicator: r.0, reason: r.1,
                                                      source: SourceRef(file: "2025-12/QU00_东西湖区科协_2025-12.xlsx", sheet: "偏差原因",
                                                                        row: 2 + i, cell: "D\(2 + i)"))
                                  })
    }

    /// QU00's sheet takes the place of indicators.yaml's reason, and says where it came from.
    @Test func aSubmittedReasonOverridesTheOneInIndicatorsYAML() throws {
        let yaml = defaultIndicatorsYAML.replacingOccurrences(of: "    # 偏差原因: 部分项目", with: "    偏差原因: 部分项目")
        var snapshot = Fixture.seedYear
        snapshot.deviationReasons = Self.submitted([("预算执行率", "年末两个项目尚未验收结算。")])
        let eval = try Evaluator.evaluate(try Fixture.load(yaml), snapshot: snapshot)
        let budget = try #require(eval.indicators.first { $0.name == "预算执行率" })
        #expect(budget.deviationReason == "年末两个项目尚未验收结算。")
        #expect(budget.deviationReasonSource?.location == "偏差原因!D2")
        #expect(budget.deviationReasonSource?.file == "2025-12/QU00_东西湖区科协_2025-12.xlsx")
        #expect(!eval.notes.contains { $0.code.hasPrefix("indicators.deviation") })
    }

    /// A reason for an indicator the sheet leaves empty is still indicators.yaml's.
    @Test func withoutASubmittedReasonIndicatorsYAMLsStands() throws {
        let yaml = defaultIndicatorsYAML.replacingOccurrences(of: "    # 偏差原因: 部分项目", with: "    偏差原因: 部分项目")
        var snapshot = Fixture.seedYear
        snapshot.deviationReasons = Self.submitted([("科普惠民活动场次", "已超额完成，无偏差。")])
        let eval = try Evaluator.evaluate(try Fixture.load(yaml), snapshot: snapshot)
        let budget = try #require(eval.indicators.first { $0.name == "预算执行率" })
        #expect(budget.deviationReason.hasPrefix("部分项目"))
        #expect(budget.deviationReasonSource == nil)
        // A full-score indicator shows what the office wrote too.
        #expect(eval.indicators.first { $0.name == "科普惠民活动场次" }?.deviationReason == "已超额完成，无偏差。")
    }

    @Test func noReasonAnywhereStaysAWarningSayingWhereToWriteIt() throws {
        var snapshot = Fixture.seedYear
        snapshot.deviationReasons = Self.submitted([("科普惠民活动场次", "无偏差。")])
        let eval = try Evaluator.evaluate(try Fixture.load(defaultIndicatorsYAML), snapshot: snapshot)
        let missing = try #require(eval.notes.first { $0.code == "indicators.deviation.missing" })
        #expect(missing.severity == .warning)
        #expect(missing.message.contains("「预算执行率」"))
        #expect(missing.message.contains("「偏差原因」工作表") && missing.message.contains("indicators.yaml"), "\(missing.message)")
    }

    /// A reason for a 三级指标 indicators.yaml no longer has is named, not dropped unseen.
    @Test func aReasonForAnIndicatorNoLongerInTheSetIsNamed() throws {
        var snapshot = Fixture.seedYear
        snapshot.deviationReasons = Self.submitted([("预算执行率", "原因"), ("老指标", "去年的原因")])
        let eval = try Evaluator.evaluate(try Fixture.load(defaultIndicatorsYAML), snapshot: snapshot)
        let unmatched = eval.notes.filter { $0.code == "indicators.deviation.unmatched" }
        #expect(unmatched.count == 1)
        #expect(unmatched.first?.severity == .warning)
        #expect(unmatched.first?.message.contains("「老指标」") == true)
        #expect(unmatched.first?.message.contains("偏差原因!D3") == true)
    }

    @Test func missingDistrictInputsLeaveThoseIndicatorsUnmeasured() throws {
        var snapshot = Fixture.seedYear
        snapshot.district = nil
        let eval = try Evaluator.evaluate(try Fixture.load(defaultIndicatorsYAML), snapshot: snapshot)
        for name in ["预算执行率", "服务对象满意度"] {
            let r = try #require(eval.indicators.first { $0.name == name })
            #expect(r.actualText == "未报送")
            #expect(r.score == 0)
            #expect(r.progress == .notMeasured)
            #expect(r.completion == nil)
        }
        #expect(eval.notes.filter { $0.code == "indicators.district.missing" }.count == 2)
        #expect(eval.budget == nil)
        #expect(eval.total == 70)
        #expect(eval.grade.label == "中")
    }

    @Test func zeroQuestionnairesIsUndefinedNotACrash() throws {
        var snapshot = Fixture.seedYear
        snapshot.district = Fixture.district(valid: 0, satisfied: 0)
        let eval = try Evaluator.evaluate(try Fixture.load(defaultIndicatorsYAML), snapshot: snapshot)
        let r = try #require(eval.indicators.first { $0.name == "服务对象满意度" })
        #expect(r.actualText == "无法计算")
        #expect(r.score == 0)
        #expect(eval.notes.contains { $0.code == "indicators.measure.undefined" })
    }

    @Test func scheduleProgressComparesCompletionWithShareOfYear() throws {
        let yaml = """
        一级指标分值:
          产出指标: 100
        指标:
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 达标, 分值: 25, 指标值: ">=2场", 计算: 计数(活动类别 = 培训)}
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 超前, 分值: 25, 指标值: ">=10场", 计算: 计数(活动类别 = 科普活动)}
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 滞后, 分值: 25, 指标值: ">=10场", 计算: 计数(活动类别 = 科创科普)}
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 恰好, 分值: 25, 指标值: ">=10场", 计算: 计数(活动类别 = 学术交流)}
        """
        var acts = (0..<2).map { Fixture.activity("JD01", category: .training, row: $0) }
        acts += (0..<6).map { Fixture.activity("JD01", category: .popularScience, row: 10 + $0) }
        acts += (0..<4).map { Fixture.activity("JD01", category: .innovationScience, row: 20 + $0) }
        acts += (0..<5).map { Fixture.activity("JD01", category: .academicExchange, row: 30 + $0) }
        let eval = try Evaluator.evaluate(try Fixture.load(yaml), snapshot: Fixture.snapshot(activities: acts, through: 6))
        #expect(eval.scheduleProgress == d("0.5"))
        #expect(eval.indicators.map(\.progress) == [.met, .onSchedule, .behind, .onSchedule])
        #expect(eval.indicators.map(\.completion) == [1, d("0.6"), d("0.4"), d("0.5")])
    }

    @Test func recordsAfterThePeriodOrOutsideTheYearAreNotCounted() throws {
        let set = try Fixture.load(Fixture.singleIndicator("    指标值: \">=10场\"\n    计算: 计数()"))
        let acts = [Fixture.activity("JD01", month: 3), Fixture.activity("JD01", month: 5), Fixture.activity("JD01", month: 7)]
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.snapshot(activities: acts, through: 5))
        #expect(eval.indicators[0].actualText == "2场")
        #expect(eval.period == Period(year: 2025, month: 5))
    }
}
