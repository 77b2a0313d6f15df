import Foundation
import JixiaoModel
@testable import JixiaoScoring
import TestSupport
import Testing

@Suite struct IndicatorFileTests {
    /// The default indicator set of docs/scoring.md, row by row: 一级, 二级, 三级, 指标值 as printed, 分值.
    static let specTable: [(String, String, String, String, Decimal)] = [
        ("成本指标", "经济成本指标", "预算执行率", "=100%", 20),
        ("产出指标", "数量指标", "科创服务活动场次", "≥3场", 5),
        ("产出指标", "数量指标", "食品安全主题科普活动场次", "≥15场", 3),
        ("产出指标", "数量指标", "其中线下活动场次", "≥5场", 2),
        ("产出指标", "数量指标", "获批专家工作站或引进专家人才", "≥1家 或 ≥2名", 5),
        ("产出指标", "数量指标", "科普惠民活动场次", "≥130场", 5),
        ("产出指标", "数量指标", "申报上级科普项目数", "≥5个", 5),
        ("产出指标", "数量指标", "科创科普活动场次", "≥7场", 5),
        ("产出指标", "数量指标", "科学家精神宣讲和科技工作者培训场次", "≥3场", 5),
        ("产出指标", "数量指标", "指导成立企业科协数", "≥3家", 5),
        ("效益指标", "社会效益指标", "科普活动覆盖人次", "≥10万人次", 10),
        ("效益指标", "社会效益指标", "街道科普活动覆盖率", "=100%", 10),
        ("效益指标", "可持续影响指标", "新吸纳科技工作者人数", "≥50人", 10),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", 10),
    ]

    @Test func defaultFileIsTheSpecTable() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        #expect(set.indicators.count == Self.specTable.count)
        for (spec, row) in zip(set.indicators, Self.specTable) {
            #expect(spec.level1 == row.0)
            #expect(spec.level2 == row.1)
            #expect(spec.name == row.2)
            #expect(spec.targetText == row.3)
            #expect(spec.weight == row.4)
        }
        #expect(set.groups.map(\.name) == ["成本指标", "产出指标", "效益指标", "满意度指标"])
        #expect(set.groups.map(\.points) == [20, 40, 30, 10])
        #expect(set.decimals == 1)
        #expect(set.indicators.filter(\.isBudgetExecutionRate).map(\.name) == ["预算执行率"])
        #expect(set.check().isEmpty)
    }

    @Test func tableOrderGroupsByFirstLevelAsDeclared() throws {
        let yaml = """
        一级指标分值:
          成本指标: 50
          产出指标: 50
        指标:
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 甲, 分值: 25, 指标值: ">=1", 计算: 计数()}
          - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 乙, 分值: 50, 指标值: ">=1", 计算: 计数()}
          - {一级指标: 产出指标, 二级指标: 质量指标, 三级指标: 丙, 分值: 10, 指标值: ">=1", 计算: 计数()}
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 丁, 分值: 15, 指标值: ">=1", 计算: 计数()}
        """
        let set = try Fixture.load(yaml)
        #expect(set.indicators.map(\.name) == ["乙", "甲", "丁", "丙"])
    }

    @Test func targetsAcceptFullWidthFormsAndTheUnitKey() throws {
        func target(_ lines: String) throws -> String {
            try Fixture.load(Fixture.singleIndicator(lines + "\n    计算: 计数()")).indicators[0].targetText
        }
        #expect(try target("    指标值: \"＞＝１３０场\"") == "≥130场")
        #expect(try target("    指标值: ≤5\n    单位: 次") == "≤5次")
        #expect(try target("    指标值: =100％") == "=100%")
        #expect(try target("    指标值: \">= 2.5 万人次\"") == "≥2.5万人次")
        #expect(Fixture.loadError(Fixture.singleIndicator("    指标值: \">=5场\"\n    单位: 次\n    计算: 计数()"))?.line == 9)
    }

    // MARK: mistakes name their line

    private func expectError(_ yaml: String, line: Int, mentions words: [String],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let err = Fixture.loadError(yaml) else {
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return
        }
        #expect(err.line == line, "\(err)", sourceLocation: sourceLocation)
        for w in words { #expect(err.message.contains(w), "\(err)", sourceLocation: sourceLocation) }
        #expect(err.description.hasPrefix("indicators.yaml 第\(line)行"), sourceLocation: sourceLocation)
    }

    @Test func unknownColumnNamesLineAndColumn() {
        expectError(Fixture.singleIndicator("    指标值: \">=1场\"\n    计算: 计数(活动类型 = 科普活动)"),
                    line: 10, mentions: ["活动类型", "未知的列", "活动类别"])
        let err = Fixture.loadError(Fixture.singleIndicator("    指标值: \">=1场\"\n    计算: 计数(活动类型 = 科普活动)"))
        #expect(err?.column == 12)
    }

    @Test func unknownEnumValueListsTheChoices() {
        expectError(Fixture.singleIndicator("    指标值: \">=1场\"\n    计算: 计数(活动主题 = 食品卫生)"),
                    line: 10, mentions: ["食品卫生", "食品安全"])
        // 且 without spaces glues the value to the next condition; the message says so.
        expectError(Fixture.singleIndicator("    指标值: \">=1场\"\n    计算: 计数(活动主题 = 食品安全且活动形式 = 线下)"),
                    line: 10, mentions: ["加空格"])
    }

    @Test func badComparatorIsRejected() {
        for bad in [">130场", "约130场", "=>130", "130场"] {
            expectError(Fixture.singleIndicator("    指标值: \"\(bad)\"\n    计算: 计数()"), line: 9, mentions: ["比较符"])
        }
        expectError(Fixture.singleIndicator("    指标值: \">=多场\"\n    计算: 计数()"), line: 9, mentions: ["数字"])
    }

    @Test func annualGoalsNameTheirIndicators() throws {
        let base = Fixture.singleIndicator("    指标值: \">=1场\"\n    计算: 计数()")
        let set = try Fixture.load(base + "\n年度目标:\n  - 目标: 提升全民科学素质\n    指标: [测试指标]\n  - {目标: 第二个, 指标: 测试指标}\n")
        #expect(set.annualGoals.map(\.title) == ["提升全民科学素质", "第二个"])
        #expect(set.annualGoals.map(\.indicators) == [["测试指标"], ["测试指标"]])
        #expect(try Fixture.load(base).annualGoals.isEmpty)
        expectError(base + "\n年度目标:\n  - 目标: 甲\n    指标: [测试指示]\n", line: 13, mentions: ["测试指示", "测试指标"])
        expectError(base + "\n年度目标:\n  - 目标: 甲\n", line: 12, mentions: ["指标"])
        expectError(base + "\n年度目标: 甲\n", line: 11, mentions: ["年度目标", "列表"])
    }

    @Test func otherMistakesNameTheirLine() {
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()\n    权重: 5"), line: 11, mentions: ["权重", "分值"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\""), line: 5, mentions: ["计算"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 工作量(申报项目)"), line: 10, mentions: ["申报项目", "申报科普项目"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数(活动类别 = 科普活动"), line: 10, mentions: [")"])
        expectError(Fixture.singleIndicator("    指标值: \">=1家 或 >=2名\"\n    计算: 工作量(获批专家工作站)"), line: 10, mentions: ["2 个部分"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()\n    人工评分: {得分: 50}"), line: 11, mentions: ["理由"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()\n    人工评分: {得分: 150, 理由: 复核}"), line: 11, mentions: ["150"])
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 求和(活动主题)"), line: 10, mentions: ["求和"])
        expectError(Fixture.singleIndicator("    分值: 5\n    指标值: \">=1\"\n    计算: 计数()"), line: 9, mentions: ["分值", "第 8 行已经写过"])
        expectError("一级指标分值:\n  产出指标: 100\n指标:\n  - {一级指标: 产品指标, 二级指标: 数量指标, 三级指标: 甲, 分值: 100, 指标值: \">=1\", 计算: 计数()}",
                    line: 4, mentions: ["产品指标", "一级指标分值"])
        expectError("一级指标分值:\n  产出指标: 100\n指标:\n  - 一级指标: 产出指标\n   二级指标: x\n", line: 5, mentions: ["缩进不齐"])
        expectError(Fixture.singleIndicator("    指标值: >=130场\n    计算: 计数()"), line: 9, mentions: ["引号"])
        expectError("一级指标分值:\n  产出指标: 100\n  产出指标: 100\n指标: []\n", line: 3, mentions: ["产出指标", "第 2 行已经写过"])
        expectError("小数位数: 9\n" + Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()"), line: 2, mentions: ["小数位数", "第 1 行已经写过"])
    }

    @Test func deeplyNestedMeasureIsRefusedNotRecursedInto() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        expectError(Fixture.singleIndicator("    指标值: \">=1\"\n    计算: \"\(deep)\""), line: 10, mentions: ["嵌套"])
    }

    @Test func hostileYAMLIsRefusedQuickly() {
        let deep = "指标: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(Fixture.loadError(deep) != nil)
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 { laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        laughs += "一级指标分值:\n  产出指标: 100\n指标: *a12\n"
        let err = Fixture.loadError(laughs)
        #expect(err?.line == 1)
        #expect(err?.message.contains("锚点/别名") == true)
        #expect(Fixture.loadError(String(repeating: "#", count: 2 << 20)) != nil)
    }

    /// Composing either bomb would spin for minutes; the test finishing shows it never starts.
    @Test(arguments: [false, true])
    func aliasBombIsRefusedBeforeYamsExpandsIt(asKey: Bool) {
        let err = Fixture.loadError(TestSupport.aliasBomb(asKey: asKey, firstLine: 3))
        #expect(err?.line == 3)
        #expect(err?.column == 4)
        #expect(err?.description.hasPrefix("indicators.yaml 第3行第4列：使用了 YAML 锚点/别名（&、*），本工具不支持，请直接写出取值") == true)
    }

    @Test func complexKeysAreRefusedWithTheirLine() {
        let explicit = Fixture.singleIndicator("    指标值: \">=1\"\n    计算: 计数()\n    ? 偏差原因\n    : 无")
        #expect(Fixture.loadError(explicit)?.line == 11)
        #expect(Fixture.loadError(explicit)?.message.contains("复杂键") == true)
        let listKey = "一级指标分值:\n  [产出指标, 成本指标]: 100\n指标: []\n"
        #expect(Fixture.loadError(listKey)?.line == 2)
        #expect(Fixture.loadError(listKey)?.message.contains("“名称: 取值”") == true)
    }

    /// `&`, `*` and `?` as text (quoted, in comments, in block scalars, inside a formula)
    /// load exactly as before.
    @Test func ampersandsAndAsterisksInTextStillLoad() throws {
        let set = try Fixture.load("""
            # *注释* &不是锚点 ? 不是键
            一级指标分值:
              产出指标: 100
            指标:
              - 一级指标: 产出指标
                二级指标: "*不是别名*"
                三级指标: 甲&乙? 丙
                分值: 100
                指标值: ≥12场
                计算: 计数() * 2   # &注释
                偏差原因: |
                  &锚点样的文字
                  *别名样的文字
            """)
        let spec = set.indicators[0]
        #expect(spec.level2 == "*不是别名*")
        #expect(spec.name == "甲&乙? 丙")
        #expect(spec.deviationReason.contains("&锚点样的文字"))
        #expect(spec.deviationReason.contains("*别名样的文字"))
        guard case .measured(let parts) = spec.assessment else { Issue.record("not measured"); return }
        #expect(parts[0].measure.text == "计数() * 2")
    }

    // MARK: consistency

    @Test func weightsNotHundredAreErrorsWithTheirLines() throws {
        let yaml = """
        一级指标分值:
          成本指标: 20
          产出指标: 70
        指标:
          - {一级指标: 成本指标, 二级指标: 经济成本指标, 三级指标: 甲, 分值: 20, 指标值: ">=1", 计算: 计数()}
          - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 乙, 分值: 75, 指标值: ">=1", 计算: 计数()}
        """
        let diagnostics = try Fixture.load(yaml).check()
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(Set(diagnostics.map(\.code)) == ["indicators.weights.total", "indicators.groups.total", "indicators.weights.group"])
        let group = diagnostics.first { $0.code == "indicators.weights.group" }
        #expect(group?.message.contains("第3行") == true)
        #expect(group?.message.contains("75") == true)
        #expect(diagnostics.first { $0.code == "indicators.weights.total" }?.message.contains("95") == true)
    }
}

@Suite struct FoldedTextTests {
    @Test func foldedChineseProseHasNoStraySpaces() throws {
        let set = try Fixture.load(defaultIndicatorsYAML)
        #expect(!set.overallGoal.isEmpty)
        #expect(!set.overallGoal.contains("， "))
        #expect(IndicatorSetLoader.joinFoldedChinese("建设， 打造 TCL 空调品牌") == "建设，打造 TCL 空调品牌")
    }
}
