import Foundation
import JixiaoModel
@testable import JixiaoScoring
import TestSupport
import Testing

/// The examples in docs/indicators.md are what users copy: each must load as written.
@Suite struct DocumentationTests {
    private var doc: String {
        get throws {
            try String(contentsOf: TestSupport.repoFile("docs/indicators.md"), encoding: .utf8)
        }
    }

    /// The value after `key: ` on each line of the doc, comments dropped, quotes removed.
    private func values(of key: String) throws -> [String] {
        try doc.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix(key + ": ") else { return nil }
            var v = String(t.dropFirst(key.count + 2))
            if let hash = v.range(of: "  #") { v = String(v[..<hash.lowerBound]) }
            v = v.trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v.isEmpty || v.hasPrefix("…") ? nil : v
        }
    }

    @Test func everyMeasureExampleParses() throws {
        let measures = try values(of: "计算")
        #expect(measures.count >= 8)
        for m in measures {
            #expect(throws: Never.self, "\(m)") { _ = try MeasureParser.parse(m) }
        }
    }

    @Test func everyTargetExampleInTheTableParses() throws {
        let targets = try doc.split(separator: "\n").filter { $0.hasPrefix("| `\"") }.compactMap { line -> String? in
            guard let start = line.range(of: "`\""), let end = line.range(of: "\"`") else { return nil }
            return String(line[start.upperBound..<end.lowerBound])
        }
        #expect(targets.count == 6)
        for t in targets {
            guard case .success = TargetParser.parse(t) else {
                Issue.record("\(t) does not parse")
                continue
            }
        }
    }

    @Test func qualitativeAndOverrideExamplesLoad() throws {
        let yaml = """
        一级指标分值:
          效益指标: 10
        指标:
          - 一级指标: 效益指标
            二级指标: 可持续影响指标
            三级指标: 科普阵地长效运行机制
            分值: 5
            指标值: 机制健全、运行良好
            定性:
              等级: 部分达成
              得分: 3.5
          - 一级指标: 效益指标
            二级指标: 数量指标
            三级指标: 科创服务活动场次
            分值: 5
            指标值: ">=7场"
            计算: 计数(活动类别 = 科创服务)
            人工评分:
              得分: 4.5
              理由: 评审组认定其中两场活动不属于科创服务，按 5 场计。
        """
        let set = try Fixture.load(yaml)
        let eval = try Evaluator.evaluate(set, snapshot: Fixture.snapshot())
        #expect(eval.indicators.map(\.score) == [Decimal(string: "3.5")!, Decimal(string: "4.5")!])
        #expect(eval.total == 8)
    }
}
