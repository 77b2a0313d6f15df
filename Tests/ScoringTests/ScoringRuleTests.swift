import Foundation
import JixiaoModel
@testable import JixiaoScoring
import Testing

private func d(_ s: String) -> Decimal { Decimal(string: s)! }

/// Scores one indicator of `body` against `snapshot`.
private func scoreOne(_ body: String, weight: String = "100", decimals: Int = 1,
                      _ snapshot: LedgerSnapshot) throws -> IndicatorResult {
    let set = try Fixture.load(Fixture.singleIndicator(weight: weight, body, decimals: decimals))
    return try Evaluator.evaluate(set, snapshot: snapshot).indicators[0]
}

private func activities(_ n: Int, category: ActivityCategory = .popularScience) -> [ActivityRecord] {
    (0..<n).map { Fixture.activity("JD01", category: category, row: $0 + 2) }
}

@Suite struct ScoringRuleTests {
    @Test func atLeastGivesFullWeightWhenMetAndProportionOtherwise() throws {
        let body = "    指标值: \">=8场\"\n    计算: 计数()"
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(9))).score == 100)
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(8))).score == 100)
        // 100 × 3/8 = 37.5
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(3))).score == d("37.5"))
        #expect(try scoreOne(body, Fixture.snapshot()).score == 0)
    }

    @Test func atMostFallsLinearlyToZeroAtTwiceTheTarget() throws {
        let body = "    指标值: \"<=4次\"\n    计算: 计数()"
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(4))).score == 100)
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(5))).score == 75)
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(7))).score == 25)
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(8))).score == 0)
        #expect(try scoreOne(body, Fixture.snapshot(activities: activities(11))).score == 0)
    }

    @Test func fullRateScoresWeightTimesRateCappedAtHundredPercent() throws {
        let body = "    指标值: \"=100%\"\n    计算: 全年执行数 / 全年预算数"
        let under = try scoreOne(body, weight: "20", Fixture.snapshot(district: Fixture.district()))
        #expect(under.score == d("17.4"))
        #expect(under.actualText == "87.2%")
        let over = try scoreOne(body, weight: "20", Fixture.snapshot(district: Fixture.district(executed: "400")))
        #expect(over.score == 20)
        #expect(over.actualText == "107.9%")
    }

    @Test func eitherPartMetGivesFullWeightElseTheBetterPartial() throws {
        let yaml = "    指标值: \">=4家 或 >=10名\"\n    计算:\n      - 工作量(获批专家工作站)\n      - 工作量(引进专家人才)"
        let metByB = try scoreOne(yaml, weight: "5", Fixture.snapshot(workload: [Fixture.work("QU00", .recruitedExperts, 10)]))
        #expect(metByB.score == 5)
        #expect(metByB.progress == .met)
        #expect(metByB.actualText == "0家、10名")
        #expect(metByB.targetText == "≥4家 或 ≥10名")
        // 1/4 of 5 = 1.25 vs 6/10 of 5 = 3 → 3.
        let partial = try scoreOne(yaml, weight: "5", Fixture.snapshot(workload: [
            Fixture.work("QU00", .approvedExpertStations, 1), Fixture.work("QU00", .recruitedExperts, 6)]))
        #expect(partial.score == 3)
        #expect(partial.completion == d("0.6"))
    }

    @Test func roundsEachScoreHalfUpInDecimal() throws {
        // 10 × 1/16 = 0.625 → 0.63 at two decimals; at one decimal 0.6.
        let body = "    指标值: \">=16\"\n    计算: 计数()"
        #expect(try scoreOne(body, weight: "10", decimals: 2, Fixture.snapshot(activities: activities(1))).score == d("0.63"))
        #expect(try scoreOne(body, weight: "10", decimals: 1, Fixture.snapshot(activities: activities(1))).score == d("0.6"))
        // x.x5 exactly rounds up: 20 × 349/400 = 20 × 0.8725 = 17.45 → 17.5.
        let rate = "    指标值: \"=100%\"\n    计算: 全年执行数 / 全年预算数"
        let at = Fixture.snapshot(district: Fixture.district(initial: "400", addition: "0", reduction: "0", executed: "349"))
        #expect(try scoreOne(rate, weight: "20", at).score == d("17.5"))
        // 20 × 0.87249995 = 17.449999 → 17.4: no double rounding through a rounded rate.
        // 0.45 × 1/3 = 0.15 exactly → 0.2, though 1/3 itself does not terminate.
        #expect(try scoreOne("    指标值: \">=3\"\n    计算: 计数()", weight: "0.45",
                             Fixture.snapshot(activities: activities(1))).score == d("0.2"))
        let below = Fixture.snapshot(district: Fixture.district(initial: "400", addition: "0", reduction: "0", executed: "348.99998"))
        #expect(try scoreOne(rate, weight: "20", below).score == d("17.4"))
    }

    @Test func scoreNeverExceedsWeight() {
        // 2.25 rounds to 2.3 at one decimal; the score stays 2.25.
        #expect(ScoringRule.rounded(d("2.25"), weight: d("2.25"), decimals: 1) == d("2.25"))
        #expect(ScoringRule.rawScore(.atLeast, weight: 5, actual: 50, threshold: 3) == 5)
        #expect(ScoringRule.rawScore(.equal, weight: 5, actual: 2, threshold: 1) == 5)
        #expect(ScoringRule.rawScore(.atMost, weight: 5, actual: -1, threshold: 3) == 5)
    }

    @Test func qualitativeScoreIsTakenWithinItsBand() throws {
        let set = try Fixture.load(Fixture.singleIndicator(weight: "10", "    指标值: 制度健全\n    定性: {等级: 部分达成, 得分: 7.5, 实际完成值: 基本健全}"))
        let r = try Evaluator.evaluate(set, snapshot: Fixture.snapshot()).indicators[0]
        #expect(r.score == d("7.5"))
        #expect(r.actualText == "基本健全")
        #expect(r.targetText == "制度健全")
        #expect(r.progress == .notMeasured)
    }

    @Test func qualitativeScoreOutsideItsBandIsAConfigurationError() {
        let cases = [("达成", "7.9"), ("部分达成", "8"), ("部分达成", "5.9"), ("未达成", "6"), ("达成", "10.1")]
        for (level, score) in cases {
            let err = Fixture.loadError(Fixture.singleIndicator(weight: "10", "    指标值: 制度健全\n    定性: {等级: \(level), 得分: \(score)}"))
            #expect(err?.line == 10, "\(level) \(score)")
            #expect(err?.message.contains(level) == true)
        }
        for (level, score) in [("达成", "8"), ("达成", "10"), ("部分达成", "6"), ("未达成", "0")] {
            #expect(Fixture.loadError(Fixture.singleIndicator(weight: "10", "    指标值: 制度健全\n    定性: {等级: \(level), 得分: \(score)}")) == nil)
        }
    }

    @Test func manualOverrideReplacesTheFormulaAndIsListed() throws {
        let body = "    指标值: \">=10场\"\n    计算: 计数()\n    偏差原因: 部分活动延期\n    人工评分: {得分: 65.5, 理由: 评审组认定两场活动不符合要求}"
        let set = try Fixture.load(Fixture.singleIndicator(body))
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.snapshot(activities: activities(10)))
        #expect(eval.indicators[0].score == d("65.5"))
        #expect(eval.indicators[0].overrideReason == "评审组认定两场活动不符合要求")
        let note = eval.notes.first { $0.code == "indicators.override" }
        #expect(note?.severity == .warning)
        #expect(note?.message.contains("评审组认定两场活动不符合要求") == true)
        #expect(note?.message.contains("100") == true)
    }

    @Test func gradeThresholdsAtTheBoundaries() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        let expectations: [(String, String, String)] = [
            ("100", "优", "A"), ("90", "优", "A"), ("89.9", "良", "B"), ("80", "良", "B"),
            ("79.9", "中", "C"), ("60", "中", "C"), ("59.9", "差", "D"), ("0", "差", "D"),
        ]
        for (total, label, letter) in expectations {
            #expect(set.grade(for: d(total)) == Grade(letter: letter, label: label), "\(total)")
        }
    }

    @Test func gradeThresholdsComeFromTheFile() throws {
        let yaml = "评价等级:\n  - {等级: 合格, 类型: P, 最低分: 70}\n  - {等级: 不合格, 类型: F, 最低分: 0}\n"
            + Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()")
        let set = try Fixture.load(yaml)
        #expect(set.grade(for: 70) == Grade(letter: "P", label: "合格"))
        #expect(set.grade(for: d("69.9")) == Grade(letter: "F", label: "不合格"))
    }
}
