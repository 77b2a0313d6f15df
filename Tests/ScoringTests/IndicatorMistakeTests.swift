@testable import JixiaoScoring
@testable import JixiaoYAML
import Testing

/// The slips made editing indicators.yaml in Notepad, named in Chinese at their line and column.
@Suite struct IndicatorMistakeTests {
    static func message(_ body: String) -> String? {
        Fixture.loadError(Fixture.singleIndicator(body))?.description
    }

    @Test func fullWidthColonInsideAnIndicator() {
        let text = "小数位数: 1\n一级指标分值:\n  产出指标: 100\n指标:\n  - 一级指标: 产出指标\n    二级指标：数量指标\n    三级指标: 甲\n"
        #expect(Fixture.loadError(text)?.description
            == "indicators.yaml 第6行第9列：“二级指标”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“二级指标: 数量指标”。")
        // On the `- ` line that opens the indicator.
        let first = "一级指标分值:\n  产出指标: 100\n指标:\n  - 一级指标：产出指标\n    二级指标: 数量指标\n"
        #expect(Fixture.loadError(first)?.description
            == "indicators.yaml 第4行第9列：“一级指标”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“一级指标: 产出指标”。")
    }

    @Test func colonInsideTextAsksForQuotes() {
        #expect(Self.message("    指标值: \">=1\"\n    计算: 计数()\n    偏差原因: 原因: 场地不足")
            == "indicators.yaml 第11行第13列：“偏差原因”的取值“原因: 场地不足”中有“冒号加空格”，YAML 会把它当成下一层的“名称: 取值”；请给整个取值加上双引号，写成 偏差原因: \"原因: 场地不足\"，或把其中的冒号改成全角“：”。")
    }

    @Test func tabIndentation() {
        #expect(Self.message("    指标值: \">=1\"\n\t计算: 计数()")
            == "indicators.yaml 第10行第1列：行首用了制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格，与同一层的其他行对齐。")
    }

    @Test func missingSpaceAfterColon() {
        #expect(Self.message("    指标值:\">=1\"\n    计算: 计数()")
            == "indicators.yaml 第9行第8列：“指标值”后面的冒号缺少空格；YAML 的冒号后面要有一个空格，请改成“指标值: \">=1\"”。")
        #expect(Fixture.loadError("小数位数:1")?.description
            == "indicators.yaml 第1行第5列：“小数位数”后面的冒号缺少空格；YAML 的冒号后面要有一个空格，请改成“小数位数: 1”。")
    }

    @Test func duplicateKeyNamesTheFirstLine() {
        #expect(Self.message("    指标值: \">=1\"\n    计算: 计数()\n    指标值: \">=2\"")
            == "indicators.yaml 第11行第5列：“指标值”在第 9 行已经写过，同一层不能写两次；请删去其中一处，或把两处合并。")
    }

    /// Keys repeat across indicators, and text may hold what the check looks for: all of it loads.
    @Test func repeatsAcrossIndicatorsAndColonsInTextAreNotSlips() throws {
        let text = """
            一级指标分值:
              产出指标: 100
            年度总体目标: >-
              目标：提升素质
                year:2025	tab
            指标:
              - 一级指标: 产出指标
                二级指标: 数量指标
                三级指标: "场次: 合计"
                分值: 50
                指标值: ">=1"
                计算: 计数()
                偏差原因: 原因：场地不足，见 http://example.org
              -
                一级指标: 产出指标
                二级指标: 数量指标
                三级指标: 乙
                分值: 50
                指标值: ">=1"
                计算:
                  - 计数()
            """
        let set = try IndicatorSet.load(yaml: text, source: "indicators.yaml")
        #expect(set.indicators.map(\.name) == ["场次: 合计", "乙"])
        #expect(set.overallGoal == "目标：提升素质\n  year:2025\ttab")
        #expect(YAMLSlips.find(in: text).isEmpty)
        #expect(YAMLSlips.find(in: defaultIndicatorsYAML).isEmpty)
    }
}
