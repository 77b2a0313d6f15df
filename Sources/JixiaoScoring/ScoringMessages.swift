import Foundation
import JixiaoModel

/// Every user-facing text of the scoring stage, in one place for review.
enum ScoringMessages {
    // MARK: locations

    static func located(source: String, line: Int?, column: Int?, _ message: String) -> String {
        switch (line, column) {
        case let (l?, c?): return "\(source) 第\(l)行第\(c)列：\(message)"
        case let (l?, nil): return "\(source) 第\(l)行：\(message)"
        default: return "\(source)：\(message)"
        }
    }

    static let wholeFile = "文件顶层"
    static let anIndicator = "指标"
    static let endOfText = "（结尾）"

    // MARK: file structure

    static let fileTooLarge = "文件超过 1 MB，不像是指标体系文件，请检查是否选错了文件。"
    static let emptyFile = "文件是空的，请以 templates/indicators.yaml 为样本填写指标体系。"
    static let notUTF8 = "文件不是 UTF-8 编码的文本，请用记事本或 VS Code 另存为 UTF-8 后再试。"
    static let yamlSyntax = "YAML 格式有误，请检查缩进（只能用空格）、冒号（半角冒号后加一个空格）和引号是否成对。"
    /// `detail` says what is refused and what to write instead.
    static func yamlRefused(_ detail: String) -> String { detail + "。" }
    /// `detail` says what is wrong and what to write instead.
    static func yamlMistake(_ detail: String) -> String { detail + "。" }
    static let quoteComparison = "以 > 或 < 开头的值要加引号，如 指标值: \">=130场\"，也可以写成 ≥130场。"
    static func notMapping(_ what: String) -> String { "「\(what)」应写成「键: 值」的形式。" }
    static let badKey = "键必须是一段文字，如「分值」。"
    static func unknownKey(_ key: String, in what: String, allowed: [String]) -> String {
        "「\(what)」里不认识「\(key)」，可用的键：\(allowed.joined(separator: "、"))。"
    }
    static func missingKey(_ key: String, in what: String) -> String { "「\(what)」缺少「\(key)」，请补上。" }
    static func notText(_ key: String) -> String { "「\(key)」应是一段文字或数字，不能是列表或下级键值。" }
    static func emptyValue(_ key: String) -> String { "「\(key)」没有填写内容。" }
    static func notNumber(_ key: String, _ seen: String) -> String { "「\(key)」应是数字，现为「\(seen)」。" }
    static func notIntegerIn(_ key: String, _ seen: String, _ range: ClosedRange<Int>) -> String {
        "「\(key)」应是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，现为「\(seen)」。"
    }
    static func notFlag(_ key: String, _ seen: String) -> String { "「\(key)」只能填 true 或 false（是/否），现为「\(seen)」。" }
    static let indicatorsNotList = "「指标」应是以「- 」开头的列表，每项一个三级指标。"
    static let goalsNotList = "「年度目标」应是以「- 」开头的列表，每项写 目标 和 指标（该目标对应的三级指标名称列表）。"
    static let goalIndicatorsNotList = "年度目标的「指标」应是三级指标名称的列表，如 指标: [科普惠民活动场次, 科普活动覆盖人次]。"
    static func unknownGoalIndicator(_ name: String, known: [String]) -> String {
        "年度目标里的指标「\(name)」不是本文件中的三级指标，请照「指标」里的三级指标名称填写（已有：\(known.joined(separator: "、"))）。"
    }
    static let gradesNotList = "「评价等级」应是列表，每项写 等级、类型、最低分。"
    static func duplicateGradeMinimum(_ m: String) -> String { "评价等级里最低分 \(m) 出现了两次。" }
    static func lowestGradeNotZero(_ label: String) -> String { "最低一档评价等级（\(label)）的最低分应为 0，否则低分无等级可评。" }
    static let groupsNotMapping = "「一级指标分值」应写成「一级指标名: 分值」，每行一个，如「成本指标: 20」。"
    static func unknownGroup(_ name: String, known: [String]) -> String {
        "一级指标「\(name)」不在「一级指标分值」里（已有：\(known.joined(separator: "、"))），请改正名称或在那里补上它的分值。"
    }
    static func negativeWeight(_ w: String) -> String { "分值不能为负数（现为 \(w)）。" }
    static let twoBudgetIndicators = "只能有一个指标标记「预算执行率: true」。"
    static let budgetMustBeMeasured = "标记为预算执行率的指标必须按公式计算，不能是定性指标。"
    static let budgetMustBeRate = "预算执行率的指标值应是一个百分比，如「=100%」。"
    static let qualitativeWithMeasure = "定性指标不写「计算」：请删去「计算」或删去「定性」。"
    static func missingMeasure(_ name: String) -> String {
        "指标「\(name)」缺少「计算」（实际值怎么算）；定性指标请改写「定性」（等级和得分）。"
    }
    static let measureNotTextOrList = "「计算」应是一个计算式，或与指标值中「或」的各部分一一对应的列表。"
    static func measureCountMismatch(targets: Int, measures: Int) -> String {
        "指标值有 \(targets) 个部分（用「或」分开），「计算」却有 \(measures) 个，请一一对应。"
    }
    static func unitConflict(written: String, key: String) -> String {
        "指标值里的单位「\(written)」与「单位: \(key)」不一致，请只保留一个。"
    }

    // MARK: 指标值

    static let emptyTargetPart = "指标值「或」的前后都要有内容，如「>=1家 或 >=2名」。"
    static func badComparator(_ seen: String) -> String {
        "指标值的比较符「\(seen)」无法识别，只能用 >=（≥）、<=（≤）或 =，如「>=130场」「=100%」。"
    }
    static func targetNeedsNumber(_ seen: String) -> String { "指标值「\(seen)」的比较符后面应是数字，如「>=130场」。" }
    static func percentWithUnit(_ unit: String) -> String { "百分比指标值不再带单位（多了「\(unit)」）。" }

    // MARK: 定性 and 人工评分

    static func unknownQualitativeLevel(_ seen: String) -> String {
        "定性等级「\(seen)」无法识别，只能是：\(QualitativeAssessment.Level.allCases.map(\.rawValue).joined(separator: "、"))。"
    }
    static func qualitativeOutOfBand(score: String, level: QualitativeAssessment.Level, weight: String) -> String {
        "定性等级「\(level.rawValue)」的得分应在分值 \(weight) 的 \(band(level)) 之间，\(score) 不在这个范围，请调整得分或等级。"
    }
    /// The band of the weight a 定性 level's score must lie in.
    static func band(_ level: QualitativeAssessment.Level) -> String {
        switch level {
        case .achieved: return "80%–100%"
        case .partlyAchieved: return "60%–80%（不含80%）"
        case .notAchieved: return "0–60%（不含60%）"
        }
    }
    static func overrideOutOfRange(_ score: String, weight: String) -> String { "人工评分的得分 \(score) 应在 0 到分值 \(weight) 之间。" }
    static let overrideNeedsReason = "人工评分必须写明「理由」（评审意见或依据），它会显示在指标表和校验报告中。"

    // MARK: 计算

    static func inMeasure(_ text: String, _ message: String) -> String { "计算式「\(text)」有误：\(message)" }
    static let unclosedQuote = "引号没有配对。"
    static func unexpectedCharacter(_ c: String) -> String { "不认识的符号「\(c)」；表示“并且”请写「且」或 &&，表示“或者”请写「或」或 ||。" }
    static let emptyMeasure = "计算式是空的。"
    static func unexpectedToken(_ t: String) -> String { "「\(t)」放在这里看不懂，请检查括号和运算符。" }
    static func expected(_ symbol: String, found: String) -> String { "这里应有「\(symbol)」，看到的是「\(found)」。" }
    static let nestedTooDeep = "括号嵌套层数太多，请简化计算式。"
    static func sumNeedsNumber(_ column: String) -> String { "求和只能对数字列（覆盖人数）进行，「\(column)」不是数字列；计行数请用「计数」。" }
    static func unknownWorkloadItem(_ seen: String) -> String {
        "工作量项目「\(seen)」不存在，可用：\(WorkloadItem.allCases.map(\.rawValue).joined(separator: "、"))。"
    }
    static func unknownName(_ word: String) -> String {
        "不认识「\(word)」。可用的函数：计数、求和、去重计数、覆盖街道数、街道总数、工作量；预算与满意度的数："
            + DistrictField.allCases.map(\.rawValue).joined(separator: "、") + "。"
    }
    static func orderingNeedsNumber(_ column: String) -> String { "「\(column)」不是数字列，只能用 =、!=、属于、不属于、包含。" }
    static func badConditionOperator(_ seen: String) -> String {
        "条件里的「\(seen)」不是比较方式，请用 =、!=、属于 [..]、不属于 [..]、包含，数字列还可用 >、>=、<、<=。"
    }
    static func unknownColumn(_ seen: String) -> String {
        "未知的列「\(seen)」，可用的列：\(ActivityColumn.allCases.map(\.name).joined(separator: "、"))。"
    }
    static func expectedNumber(_ seen: String) -> String { "这里应是数字，看到的是「\(seen)」。" }
    static func expectedValue(_ seen: String) -> String { "这里应是要比较的值，看到的是「\(seen)」。" }
    static func unknownChoice(_ value: String, column: String, allowed: [String]) -> String {
        var s = "「\(column)」没有「\(value)」这个值，可选：\(allowed.joined(separator: "、"))。"
        if value.contains("且") || value.contains("或") { s += "「且」「或」的前后请加空格。" }
        return s
    }

    // MARK: evaluation notes

    static func weightsTotal(_ sum: String) -> String { "各三级指标分值合计为 \(sum)，应为 100，请调整分值。" }
    static func groupPointsTotal(_ sum: String) -> String { "一级指标分值合计为 \(sum)，应为 100，请调整「一级指标分值」。" }
    static func groupWeights(_ group: String, sum: String, points: String) -> String {
        "「\(group)」下各三级指标分值合计为 \(sum)，与它的分值 \(points) 不符，请调整。"
    }
    static func indicatorRef(_ name: String, line: Int) -> String { "「\(name)」（第\(line)行）" }
    static func missingDeviation(_ ref: String, score: String, weight: String) -> String {
        "\(ref)得分 \(score) 低于分值 \(weight)，没有偏差原因；请在区科协（\(SubmissionSchema.districtUnitCode)）报送表的"
            + "「\(SubmissionSchema.deviationSheet)」工作表中该指标一行填写偏差原因分析及改进措施后重新报送，"
            + "或在 indicators.yaml 中为它填写「偏差原因」。"
    }
    static func unmatchedDeviation(_ indicator: String, file: String, cell: String) -> String {
        "区科协报送的 \(file) 中 \(cell) 是三级指标「\(indicator)」的偏差原因，但 indicators.yaml 中没有这个指标，"
            + "这条原因未采用；请核对指标名称（改过名的，请在新名称一行重新填写后报送）。"
    }
    static func targetTooLow(_ ref: String, actual: String, target: String) -> String {
        "\(ref)实际完成 \(actual)，达到指标值 \(target) 的 3 倍以上，目标值设置可能偏低，评审时可能被问到。"
    }
    static func overrideApplied(_ ref: String, score: String, formula: String, reason: String) -> String {
        "\(ref)采用人工评分 \(score)（按公式为 \(formula)），理由：\(reason)"
    }
    static func districtMissing(_ ref: String) -> String {
        "\(ref)需要区科协（QU00）的「预算与满意度」表，尚未收到，暂记 0 分；请区科协报送后重新生成报表。"
    }
    static func undefinedMeasure(_ ref: String) -> String { "\(ref)的计算式出现除以 0（如问卷数为 0），暂记 0 分，请检查数据。" }
    static func qualitativeRule(_ level: String) -> String {
        "定性指标：按 indicators.yaml 中的评定（\(level)）计分，不由报送记录计算"
    }
    static let actualNotReported = "未报送"
    static let actualUndefined = "无法计算"

    static func budgetNote(addition: Decimal, reduction: Decimal) -> String {
        var parts: [String] = []
        if addition != 0 { parts.append("追加\(addition.fixed(2))万元") }
        if reduction != 0 { parts.append("调减\(reduction.fixed(2))万元") }
        return parts.joined(separator: "、")
    }
}
