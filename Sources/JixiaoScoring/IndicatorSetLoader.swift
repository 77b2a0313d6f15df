import Foundation
import JixiaoModel
import JixiaoYAML
import Yams

extension IndicatorSet {
    /// Parses `indicators.yaml`; `source` names the file in errors and diagnostics.
    public static func load(yaml: String, source: String) throws(IndicatorSetError) -> IndicatorSet {
        try IndicatorSetLoader(source: source).load(yaml)
    }

    /// The annotated default is a few KB; a file this large is the wrong file, refused unread.
    public static let maxFileBytes = IndicatorSetLoader.maxBytes

    public static func tooLarge(source: String) -> IndicatorSetError {
        IndicatorSetError(source: source, line: nil, message: ScoringMessages.fileTooLarge)
    }
}

/// Walks the YAML node tree of an indicator file into an `IndicatorSet`, refusing
/// anything it does not understand with the line it is on.
struct IndicatorSetLoader {
    static let maxBytes = 1 << 20
    static let topKeys = ["小数位数", "评价等级", "一级指标分值", "年度总体目标", "年度目标", "指标"]
    static let goalKeys = ["目标", "指标"]
    static let indicatorKeys = ["一级指标", "二级指标", "三级指标", "分值", "指标值", "单位", "计算", "偏差原因",
                                "预算执行率", "定性", "人工评分"]
    static let gradeKeys = ["等级", "类型", "最低分"]
    static let qualitativeKeys = ["等级", "得分", "实际完成值"]
    static let overrideKeys = ["得分", "理由"]

    let source: String

    func load(_ yaml: String) throws(IndicatorSetError) -> IndicatorSet {
        guard yaml.utf8.count <= Self.maxBytes else { throw fail(nil, ScoringMessages.fileTooLarge) }
        if let refusal = YAMLGuard.check(yaml) {
            throw IndicatorSetError(source: source, line: refusal.line, column: refusal.column,
                                    message: ScoringMessages.yamlRefused(refusal.message))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw fail(nil, ScoringMessages.emptyFile) }
            root = node
        } catch let e as IndicatorSetError {
            throw e
        } catch let e as YamlError {
            throw yamlFailure(e, yaml: yaml)
        } catch {
            throw fail(nil, ScoringMessages.yamlSyntax)
        }
        // Not a mapping at all: a slip on the first line (`小数位数:1`) makes the whole file one text.
        if root.mapping == nil, let slip = YAMLDiagnosis.slip(in: yaml) {
            throw IndicatorSetError(source: source, line: slip.line, column: slip.column,
                                    message: ScoringMessages.yamlMistake(slip.message))
        }
        let top = try mapping(root, what: ScoringMessages.wholeFile, allowed: Self.topKeys)

        let decimals = try top.value("小数位数").map { node throws(IndicatorSetError) in try integer(node, key: "小数位数", range: 0...4) } ?? 1
        let grades = try top.value("评价等级").map { node throws(IndicatorSetError) in try gradeList(node) } ?? IndicatorSet.standardGrades
        guard let groupsNode = top.value("一级指标分值") else { throw fail(root, ScoringMessages.missingKey("一级指标分值", in: ScoringMessages.wholeFile)) }
        let groups = try groupList(groupsNode)
        guard let indicatorsNode = top.value("指标") else { throw fail(root, ScoringMessages.missingKey("指标", in: ScoringMessages.wholeFile)) }
        guard case let .sequence(seq) = indicatorsNode, !seq.isEmpty else { throw fail(indicatorsNode, ScoringMessages.indicatorsNotList) }
        var indicators: [IndicatorSpec] = []
        for node in seq {
            indicators.append(try indicator(node, groups: groups))
        }
        let budget = indicators.filter(\.isBudgetExecutionRate)
        if budget.count > 1 { throw IndicatorSetError(source: source, line: budget[1].line, message: ScoringMessages.twoBudgetIndicators) }
        let goal = try top.value("年度总体目标").map { node throws(IndicatorSetError) in Self.joinFoldedChinese(try text(node, key: "年度总体目标")) } ?? ""
        let annualGoals = try top.value("年度目标").map { node throws(IndicatorSetError) in try goalList(node, indicators: indicators) } ?? []
        return IndicatorSet(source: source, decimals: decimals, grades: grades, groups: groups,
                            indicators: TableOrder.sorted(indicators, groups: groups), overallGoal: goal,
                            totalsLine: groupsNode.mark?.line ?? 1, annualGoals: annualGoals)
    }

    // MARK: sections

    private func gradeList(_ node: Node) throws(IndicatorSetError) -> [GradeThreshold] {
        guard case let .sequence(seq) = node, !seq.isEmpty else { throw fail(node, ScoringMessages.gradesNotList) }
        var grades: [GradeThreshold] = []
        for item in seq {
            let m = try mapping(item, what: "评价等级", allowed: Self.gradeKeys)
            let label = try text(try m.required("等级", self), key: "等级")
            let letter = try m.value("类型").map { n throws(IndicatorSetError) in try text(n, key: "类型") } ?? ""
            let minimum = try decimal(try m.required("最低分", self), key: "最低分")
            if grades.contains(where: { $0.minimum == minimum }) { throw fail(item, ScoringMessages.duplicateGradeMinimum(minimum.plain)) }
            grades.append(GradeThreshold(minimum: minimum, label: label, letter: letter))
        }
        grades.sort { $0.minimum > $1.minimum }
        if let lowest = grades.last, lowest.minimum != 0 { throw fail(node, ScoringMessages.lowestGradeNotZero(lowest.label)) }
        return grades
    }

    /// 年度目标: each goal names the 三级指标 its 完成情况 is written from.
    private func goalList(_ node: Node, indicators: [IndicatorSpec]) throws(IndicatorSetError) -> [AnnualGoalSpec] {
        guard case let .sequence(seq) = node, !seq.isEmpty else { throw fail(node, ScoringMessages.goalsNotList) }
        let known = indicators.map(\.name)
        var goals: [AnnualGoalSpec] = []
        for item in seq {
            let m = try mapping(item, what: "年度目标", allowed: Self.goalKeys)
            let title = Self.joinFoldedChinese(try text(try m.required("目标", self), key: "目标"))
            let listNode = try m.required("指标", self)
            let nameNodes: [Node]
            switch listNode {
            case .scalar: nameNodes = [listNode]
            case .sequence(let names) where !names.isEmpty: nameNodes = Array(names)
            default: throw fail(listNode, ScoringMessages.goalIndicatorsNotList)
            }
            var names: [String] = []
            for nameNode in nameNodes {
                let name = try text(nameNode, key: "指标")
                guard known.contains(name) else { throw fail(nameNode, ScoringMessages.unknownGoalIndicator(name, known: known)) }
                if !names.contains(name) { names.append(name) }
            }
            goals.append(AnnualGoalSpec(title: title, indicators: names, line: item.mark?.line ?? 0))
        }
        return goals
    }

    private func groupList(_ node: Node) throws(IndicatorSetError) -> [IndicatorGroupSpec] {
        guard case let .mapping(m) = node, !m.isEmpty else { throw fail(node, ScoringMessages.groupsNotMapping) }
        var groups: [IndicatorGroupSpec] = []
        for (key, value) in m {
            let name = try text(key, key: "一级指标分值")
            groups.append(IndicatorGroupSpec(name: name, points: try decimal(value, key: name), line: key.mark?.line ?? 0))
        }
        return groups
    }

    private func indicator(_ node: Node, groups: [IndicatorGroupSpec]) throws(IndicatorSetError) -> IndicatorSpec {
        let m = try mapping(node, what: ScoringMessages.anIndicator, allowed: Self.indicatorKeys)
        let level1Node = try m.required("一级指标", self)
        let level1 = try text(level1Node, key: "一级指标")
        guard groups.contains(where: { $0.name == level1 }) else {
            throw fail(level1Node, ScoringMessages.unknownGroup(level1, known: groups.map(\.name)))
        }
        let level2 = try text(try m.required("二级指标", self), key: "二级指标")
        let name = try text(try m.required("三级指标", self), key: "三级指标")
        let weightNode = try m.required("分值", self)
        let weight = try decimal(weightNode, key: "分值")
        guard weight >= 0 else { throw fail(weightNode, ScoringMessages.negativeWeight(weight.plain)) }
        let targetNode = try m.required("指标值", self)
        let targetRaw = try text(targetNode, key: "指标值")
        let reason = try m.value("偏差原因").map { n throws(IndicatorSetError) in Self.joinFoldedChinese(try text(n, key: "偏差原因", allowEmpty: true)) } ?? ""
        let isBudget = try m.value("预算执行率").map { n throws(IndicatorSetError) in try flag(n, key: "预算执行率") } ?? false
        let override = try m.value("人工评分").map { n throws(IndicatorSetError) in try manualOverride(n, weight: weight) }

        let assessment: IndicatorSpec.Assessment
        let targetText: String
        if let q = m.value("定性") {
            if let measureNode = m.value("计算") { throw fail(measureNode, ScoringMessages.qualitativeWithMeasure) }
            if isBudget { throw fail(q, ScoringMessages.budgetMustBeMeasured) }
            assessment = .qualitative(try qualitative(q, weight: weight))
            targetText = targetRaw
        } else {
            guard let measureNode = m.value("计算") else { throw fail(node, ScoringMessages.missingMeasure(name)) }
            let unit = try m.value("单位").map { n throws(IndicatorSetError) in try text(n, key: "单位", allowEmpty: true) } ?? ""
            let parts = try targets(targetNode, raw: targetRaw, unit: unit, measures: measureNode)
            if isBudget, parts.count != 1 || !parts[0].isPercent { throw fail(targetNode, ScoringMessages.budgetMustBeRate) }
            assessment = .measured(parts)
            targetText = parts.map(\.text).joined(separator: " 或 ")
        }
        return IndicatorSpec(level1: level1, level2: level2, name: name, weight: weight, assessment: assessment,
                             targetText: targetText, deviationReason: reason, override: override,
                             isBudgetExecutionRate: isBudget, line: node.mark?.line ?? 0)
    }

    private func targets(_ targetNode: Node, raw: String, unit: String, measures: Node) throws(IndicatorSetError) -> [TargetPart] {
        let parsed: [ParsedTarget]
        switch TargetParser.parse(raw) {
        case .success(let p): parsed = p
        case .failure(let e): throw fail(targetNode, e.message)
        }
        let measureNodes: [Node]
        switch measures {
        case .scalar: measureNodes = [measures]
        case .sequence(let seq): measureNodes = Array(seq)
        default: throw fail(measures, ScoringMessages.measureNotTextOrList)
        }
        guard measureNodes.count == parsed.count else {
            throw fail(measures, ScoringMessages.measureCountMismatch(targets: parsed.count, measures: measureNodes.count))
        }
        var parts: [TargetPart] = []
        for (target, measureNode) in zip(parsed, measureNodes) {
            var unitText = target.unit
            if !unit.isEmpty {
                if target.isPercent { throw fail(targetNode, ScoringMessages.percentWithUnit(unit)) }
                if unitText.isEmpty { unitText = unit }
                else if unitText != unit { throw fail(targetNode, ScoringMessages.unitConflict(written: unitText, key: unit)) }
            }
            var resolved = target
            resolved.unit = unitText
            parts.append(TargetPart(comparator: resolved.comparator, numberText: resolved.numberText, isPercent: resolved.isPercent,
                                    unit: resolved.unit, scale: resolved.scale, measure: try measure(measureNode)))
        }
        return parts
    }

    private func measure(_ node: Node) throws(IndicatorSetError) -> Measure {
        let source = try text(node, key: "计算")
        do {
            return Measure(text: source, expression: try MeasureParser.parse(source))
        } catch {
            guard case let .scalar(s) = node, let mark = s.mark else { throw fail(node, error.message) }
            let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
            let column = mark.column + error.offset + (quoted ? 1 : 0)
            throw IndicatorSetError(source: self.source, line: mark.line, column: column,
                                    message: ScoringMessages.inMeasure(source, error.message))
        }
    }

    private func qualitative(_ node: Node, weight: Decimal) throws(IndicatorSetError) -> QualitativeAssessment {
        let m = try mapping(node, what: "定性", allowed: Self.qualitativeKeys)
        let levelNode = try m.required("等级", self)
        let levelText = try text(levelNode, key: "等级")
        guard let level = QualitativeAssessment.Level(rawValue: levelText) else {
            throw fail(levelNode, ScoringMessages.unknownQualitativeLevel(levelText))
        }
        let scoreNode = try m.required("得分", self)
        let score = try decimal(scoreNode, key: "得分")
        guard level.admits(score, weight: weight) else {
            throw fail(scoreNode, ScoringMessages.qualitativeOutOfBand(score: score.plain, level: level, weight: weight.plain))
        }
        let actual = try m.value("实际完成值").map { n throws(IndicatorSetError) in try text(n, key: "实际完成值") } ?? level.rawValue
        return QualitativeAssessment(level: level, score: score, actualText: actual)
    }

    private func manualOverride(_ node: Node, weight: Decimal) throws(IndicatorSetError) -> ManualOverride {
        let m = try mapping(node, what: "人工评分", allowed: Self.overrideKeys)
        let scoreNode = try m.required("得分", self)
        let score = try decimal(scoreNode, key: "得分")
        guard score >= 0, score <= weight else { throw fail(scoreNode, ScoringMessages.overrideOutOfRange(score.plain, weight: weight.plain)) }
        guard let reasonNode = m.value("理由") else { throw fail(node, ScoringMessages.overrideNeedsReason) }
        let reason = try text(reasonNode, key: "理由", allowEmpty: true)
        guard !reason.isEmpty else { throw fail(reasonNode, ScoringMessages.overrideNeedsReason) }
        return ManualOverride(score: score, reason: reason)
    }

    // MARK: reading nodes

    func fail(_ node: Node?, _ message: String) -> IndicatorSetError {
        IndicatorSetError(source: source, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    private func mapping(_ node: Node, what: String, allowed: [String]) throws(IndicatorSetError) -> KeyedNodes {
        guard case let .mapping(m) = node else { throw fail(node, ScoringMessages.notMapping(what)) }
        var keyed = KeyedNodes(node: node, what: what)
        for (key, value) in m {
            guard case let .scalar(k) = key else { throw fail(key, ScoringMessages.badKey) }
            guard allowed.contains(k.string) else { throw fail(key, ScoringMessages.unknownKey(k.string, in: what, allowed: allowed)) }
            keyed.entries.append((k.string, value))
        }
        return keyed
    }

    /// YAML's folded text (`>-`) joins its lines with a space, which Chinese prose does not
    /// have: a space between two Chinese characters or punctuation marks is dropped.
    static func joinFoldedChinese(_ text: String) -> String {
        func isCJK(_ c: Unicode.Scalar) -> Bool {
            (0x3000...0x9FFF).contains(c.value) || (0xFF00...0xFFEF).contains(c.value)
        }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in scalars.enumerated() {
            if c == " ", i > 0, i + 1 < scalars.count, isCJK(scalars[i - 1]), isCJK(scalars[i + 1]) { continue }
            out.append(c)
        }
        return String(out)
    }

    private func text(_ node: Node, key: String, allowEmpty: Bool = false) throws(IndicatorSetError) -> String {
        guard case let .scalar(s) = node else { throw fail(node, ScoringMessages.notText(key)) }
        let t = s.string.trimmingCharacters(in: .whitespacesAndNewlines)
        // A key with nothing after it (or `~`) is YAML's null: empty text.
        let isNull = t.isEmpty || (s.style == .plain && (t == "~" || t == "null"))
        if isNull && !allowEmpty { throw fail(node, ScoringMessages.emptyValue(key)) }
        return isNull ? "" : t
    }

    private func decimal(_ node: Node, key: String) throws(IndicatorSetError) -> Decimal {
        let t = try text(node, key: key)
        guard let d = Decimal(exactly: t), !t.lowercased().contains("e") else { throw fail(node, ScoringMessages.notNumber(key, t)) }
        return d
    }

    private func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(IndicatorSetError) -> Int {
        let t = try text(node, key: key)
        guard let n = Int(t), range.contains(n) else { throw fail(node, ScoringMessages.notIntegerIn(key, t, range)) }
        return n
    }

    private func flag(_ node: Node, key: String) throws(IndicatorSetError) -> Bool {
        switch try text(node, key: key) {
        case "true", "True", "TRUE", "yes", "是": return true
        case "false", "False", "FALSE", "no", "否": return false
        case let other: throw fail(node, ScoringMessages.notFlag(key, other))
        }
    }

    private func yamlFailure(_ error: YamlError, yaml: String) -> IndicatorSetError {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            // `指标值: >=130` reads as a YAML block scalar; say so rather than only "syntax error".
            let lineText = yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first ?? ""
            if lineText.range(of: #":\s*[><]"#, options: .regularExpression) != nil {
                return IndicatorSetError(source: source, line: mark.line, column: mark.column, message: ScoringMessages.quoteComparison)
            }
        case .reader:
            return IndicatorSetError(source: source, line: nil, message: ScoringMessages.notUTF8)
        default:
            break
        }
        guard let mistake = YAMLDiagnosis.explain(error, in: yaml) else {
            return IndicatorSetError(source: source, line: nil, message: ScoringMessages.yamlSyntax)
        }
        return IndicatorSetError(source: source, line: mistake.line, column: mistake.column,
                                 message: ScoringMessages.yamlMistake(mistake.message))
    }
}

/// A mapping's entries by key, in file order, remembering the mapping for errors.
struct KeyedNodes {
    var node: Node
    var what: String
    var entries: [(String, Node)] = []

    init(node: Node, what: String) {
        self.node = node
        self.what = what
    }

    func value(_ key: String) -> Node? { entries.first { $0.0 == key }?.1 }

    func required(_ key: String, _ loader: IndicatorSetLoader) throws(IndicatorSetError) -> Node {
        guard let v = value(key) else { throw loader.fail(node, ScoringMessages.missingKey(key, in: what)) }
        return v
    }
}

/// 指标表 order: 一级 groups as declared, then each group's 二级 in order of first
/// appearance, file order within — so merged 一级/二级 cells are contiguous.
enum TableOrder {
    static func sorted(_ indicators: [IndicatorSpec], groups: [IndicatorGroupSpec]) -> [IndicatorSpec] {
        var out: [IndicatorSpec] = []
        for group in groups {
            let members = indicators.filter { $0.level1 == group.name }
            var level2Order: [String] = []
            for m in members where !level2Order.contains(m.level2) { level2Order.append(m.level2) }
            for level2 in level2Order { out += members.filter { $0.level2 == level2 } }
        }
        return out
    }
}
