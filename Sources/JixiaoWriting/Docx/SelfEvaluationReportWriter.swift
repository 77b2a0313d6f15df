import Foundation
import JixiaoModel

/// 自评报告.docx — the 部门整体支出绩效自评报告 drafted from the ledger, in the order of the
/// report the office hands in: 部门概况, 支出绩效分析, 自评结论 with one section per 年度目标.
/// A draft to edit: every figure comes from the evaluation, every gap is marked 待填写.
public enum SelfEvaluationReportWriter {
    public static func write(_ draft: SelfEvaluationDraft, to url: URL) throws {
        let document = compose(draft)
        let e = draft.evaluation
        try DocxPackage(document: document.documentXML, styles: WordDocument.stylesXML, footer: WordDocument.footerXML,
                        title: DraftText.title(e), creator: e.info.department).write(to: url)
    }

    static func compose(_ draft: SelfEvaluationDraft) -> WordDocument {
        var doc = WordDocument()
        let e = draft.evaluation
        doc.add(.title, e.info.department)
        doc.add(.title, DraftText.title(e))
        doc.add(.draftNote, DraftText.generatedNote(e.period, yearToDate: e.period.month != 12 || e.period.year != e.info.year))
        profile(draft.profile, into: &doc)
        spending(draft, into: &doc)
        conclusion(draft, into: &doc)
        return doc
    }

    // MARK: 一、部门概况

    private static func profile(_ profile: DepartmentProfile, into doc: inout WordDocument) {
        doc.add(.heading1, "一、部门概况")
        doc.add(.heading2, "（一）机构、人员构成")
        paragraphs(profile.staffing, missing: DraftText.profileMissing("机构、人员构成"), into: &doc)
        doc.add(.heading2, "（二）单位主要职责")
        paragraphs(profile.duties, missing: DraftText.profileMissing("单位主要职责"), into: &doc)
    }

    private static func paragraphs(_ texts: [String]?, missing: String, into doc: inout WordDocument) {
        guard let texts, !texts.isEmpty else {
            doc.add(.body, runs: [.init(text: missing, toFill: true)])
            return
        }
        for text in texts { doc.add(.body, text) }
    }

    // MARK: 二、部门整体支出绩效分析

    private static func spending(_ draft: SelfEvaluationDraft, into doc: inout WordDocument) {
        let e = draft.evaluation
        let year = e.info.year
        doc.add(.heading1, "二、部门整体支出绩效分析")
        doc.add(.heading2, "（一）部门整体支出情况")
        guard let d = draft.district else {
            doc.add(.body, runs: [.init(text: DraftText.districtMissing, toFill: true)])
            goalsSummary(e, into: &doc)
            return
        }
        doc.add(.heading3, "1.预算收入情况")
        doc.add(.body, runs: [.init(text: "\(year)年度本年决算收入合计")] + money(d.finalIncome, "决算收入合计")
                + [.init(text: "，其中：财政拨款收入")] + money(d.fiscalAppropriation, "财政拨款收入") + [.init(text: "。")])
        doc.add(.body, runs: [.init(text: "\(year)年部门预算收入\(d.fullYearBudget.fixed(2))万元（年初预算数\(d.initialBudget.fixed(2))万元，"
                                    + "追加\(d.addition.fixed(2))万元，调减\(d.reduction.fixed(2))万元），上年结转")]
                + money(d.carriedOver, "上年结转") + [.init(text: "。")])
        doc.add(.heading3, "2.预算支出情况")
        doc.add(.body, runs: [.init(text: "\(year)年度本年决算支出合计\(d.executed.fixed(2))万元，其中：基本支出")]
                + money(d.basicExpenditure, "基本支出") + [.init(text: "，项目支出")]
                + money(d.projectExpenditure, "项目支出") + [.init(text: "。")])
        doc.add(.heading3, "3.基本支出情况")
        doc.add(.body, runs: [.init(text: "基本支出：\(year)年支出决算数为")] + money(d.basicExpenditure, "基本支出")
                + [.init(text: "，"), .init(text: DraftText.basicUseToFill, toFill: true)])
        doc.add(.heading3, "4.项目支出情况")
        let rate = e.budget.map { DraftText.percent($0.executionRate) } ?? DraftText.notComputable
        doc.add(.body, "\(year)年初批复数为\(d.initialBudget.fixed(2))万元，经过年中追加\(d.addition.fixed(2))万元和调减"
                + "\(d.reduction.fixed(2))万元，实际预算为\(d.fullYearBudget.fixed(2))万元，实际支出数为\(d.executed.fixed(2))万元，"
                + "预算执行率\(rate)（\(d.executed.fixed(2)) / \(d.fullYearBudget.fixed(2))）。")
        goalsSummary(e, into: &doc)
    }

    /// A figure QU00 may leave blank: 万元 text, or a highlighted 待填写.
    private static func money(_ value: Decimal?, _ label: String) -> [WordDocument.Run] {
        guard let value else { return [.init(text: DraftText.figureMissing(label), toFill: true)] }
        return [.init(text: "\(value.fixed(2))万元")]
    }

    private static func goalsSummary(_ e: Evaluation, into doc: inout WordDocument) {
        doc.add(.heading2, "（二）部门整体支出预算绩效目标的完成情况")
        let met = e.indicators.filter { $0.score >= $0.weight }
        let short = e.indicators.filter { $0.score < $0.weight }
        var text = "\(e.info.year)年部门整体支出绩效指标共\(e.indicators.count)项，"
        text += short.isEmpty ? "均已完成。" : "已达到指标值\(met.count)项，未得满分\(short.count)项："
            + short.map { "\($0.name)（指标值\($0.targetText)，实际完成\($0.actualText)）" }.joined(separator: "；") + "。"
        doc.add(.body, text)
    }

    // MARK: 三、自评结论

    private static func conclusion(_ draft: SelfEvaluationDraft, into doc: inout WordDocument) {
        let e = draft.evaluation
        doc.add(.heading1, "三、自评结论")
        doc.add(.heading2, "（一）自评结论")
        doc.add(.body, DraftText.scoreSentence(e))
        doc.add(.body, "根据综合得分参照《湖北省财政支出绩效评价考评计分结果级别评定对照表》确定项目考评类型、结果级别，"
                + "评价结果类型为\(e.grade.letter)，项目评价级别为\(e.grade.label)。详见部门整体支出绩效评价指标表。")
        doc.add(.heading2, "（二）主要经验，存在的问题和下步打算")
        doc.add(.body, runs: [.init(text: "主要经验：", bold: true), .init(text: DraftText.experienceToFill, toFill: true)])
        var goals = draft.goals
        if goals.isEmpty {
            // Without 年度目标 in indicators.yaml each indicator stands for its own goal.
            doc.add(.body, runs: [.init(text: DraftText.noGoalsConfigured, toFill: true)])
            goals = e.indicators.map { AnnualGoal(title: $0.name, indicators: [GoalIndicator(result: $0, activities: ActivitySummary(), workload: [])]) }
        }
        for (i, goal) in goals.enumerated() {
            doc.add(.heading3, "目标\(DraftText.chineseNumber(i + 1))：\(goal.title)")
            doc.add(.body, runs: [.init(text: "指标要求：", bold: true),
                                  .init(text: goal.indicators.map { "\($0.result.name)\($0.result.targetText)" }.joined(separator: "；") + "。")])
            doc.add(.body, runs: [.init(text: "完成情况：", bold: true), .init(text: completion(goal, draft))])
        }
        problems(e, into: &doc)
    }

    private static func completion(_ goal: AnnualGoal, _ draft: SelfEvaluationDraft) -> String {
        let allMet = goal.indicators.allSatisfy { $0.result.score >= $0.result.weight }
        var text = allMet ? "完成目标任务。" : "未全部完成目标任务。"
        // Several indicators of a goal often count the same rows (覆盖人次 and 覆盖率 both read
        // every activity): those are described once.
        var described: [RowSetFingerprint] = []
        for item in goal.indicators {
            let r = item.result
            text += "\(r.name)实际完成\(r.actualText)（指标值\(r.targetText)）"
            if let c = r.completion, r.score < r.weight { text += "，完成率\(DraftText.percent(c))" }
            if !item.changes.isEmpty, let year = draft.comparedYear {
                text += "，" + item.changes.map { "\($0.sentence)（\(year)年为\($0.previous.text)）" }.joined(separator: "、")
            }
            text += "。"
            let rows = item.activities.rows
            if !described.contains(rows) {
                text += activities(item.activities, draft)
                described.append(rows)
            }
            text += workload(item.workload, draft)
        }
        return text
    }

    /// Who held the counted activities and a few of them by name: the largest first.
    private static func activities(_ summary: ActivitySummary, _ draft: SelfEvaluationDraft) -> String {
        guard summary.count > 0 else { return "" }
        let units = summary.perUnit.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let named = units.prefix(3).map { "\(draft.unitNames[$0.key] ?? $0.key)\($0.value)场" }.joined(separator: "、")
        var text = "共\(summary.count)场，覆盖\(summary.coverage)人次，由\(named)\(units.count > 3 ? "等" : "")\(units.count)个单位开展"
        text += "，如" + summary.notable.map { "“\(DraftText.nested($0.name))”（\(draft.unitNames[$0.unitCode] ?? $0.unitCode)，\($0.date.month)月\($0.date.day)日，\($0.coverage)人次）" }
            .joined(separator: "、")
        return text + "。"
    }

    /// Per 工作量 item: the units that reported it, largest first, and a few of their 说明.
    private static func workload(_ summaries: [WorkloadSummary], _ draft: SelfEvaluationDraft) -> String {
        summaries.map { summary in
            let item = summary.item
            let units = summary.perUnit.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var text = "\(item.rawValue)共\(summary.total)\(item.countingUnit)，据"
                + units.prefix(3).map { "\(draft.unitNames[$0.key] ?? $0.key)\($0.value)\(item.countingUnit)" }.joined(separator: "、")
                + (units.count > 3 ? "等\(units.count)个单位" : "") + "报送"
            if !summary.notes.isEmpty { text += "（" + summary.notes.map(DraftText.nested).joined(separator: "；") + "）" }
            return text + "。"
        }.joined()
    }

    private static func problems(_ e: Evaluation, into doc: inout WordDocument) {
        let short = e.indicators.filter { $0.score < $0.weight }
        guard !short.isEmpty else {
            doc.add(.body, runs: [.init(text: "存在的问题和下步打算：", bold: true), .init(text: "各项指标均已达到指标值。"),
                                  .init(text: DraftText.plansToFill, toFill: true)])
            return
        }
        doc.add(.body, runs: [.init(text: "存在的问题和下步打算：", bold: true)])
        for r in short {
            let lead = "\(r.name)得分\(r.score.plain)分（满\(r.weight.plain)分）："
            if r.deviationReason.isEmpty {
                doc.add(.body, runs: [.init(text: lead), .init(text: DraftText.reasonMissing, toFill: true)])
            } else {
                doc.add(.body, lead + r.deviationReason)
            }
        }
    }
}

/// The draft's own wording, in one place for review.
enum DraftText {
    static func title(_ e: Evaluation) -> String { "\(e.info.year)年度部门整体支出绩效自评报告" }

    static func generatedNote(_ period: Period, yearToDate: Bool) -> String {
        "【自动生成的草稿】本稿由 jixiao 根据台账中截至\(period.chineseDescription)已接收的报送数据生成\(yearToDate ? "（年度未结束，数字为截至本月的累计）" : "")，"
            + "请修改润色后定稿：标黄处为待填写的内容，数字请与财务决算和指标表核对。定稿前请删除本段。"
    }

    static func profileMissing(_ section: String) -> String {
        "待填写：\(section)。请在工作目录的 部门概况.txt 中“【\(section)】”下填写，下次生成时写入此处。"
    }

    static let districtMissing = "待填写：区科协（QU00）尚未报送“预算与满意度”表，预算收支情况暂无数据。"
    static func figureMissing(_ label: String) -> String { "（待填写：\(label)，区科协“预算与满意度”表中未填）" }
    static let basicUseToFill = "待填写：主要用途（如在职人员基本工资、津贴补贴等人员经费以及办公费、印刷费等日常公用经费）。"
    static let notComputable = "无法计算（全年预算数为 0）"
    static let experienceToFill = "待填写：全年工作的总体情况和主要经验。"
    static let noGoalsConfigured = "待填写：indicators.yaml 中未设“年度目标”，以下按三级指标逐项列出，可在该文件中把指标归入年度目标。"
    static let plansToFill = "待填写：下步打算。"
    static let reasonMissing = "待填写：偏差原因分析及改进措施（可由区科协在报送表“\(SubmissionSchema.deviationSheet)”工作表中该指标一行填写后报送，"
        + "或写在 indicators.yaml 该指标的“偏差原因”中）。"

    /// 本项目考评综合得分为：97.4分，其中：成本指标得分17.4分（满20分），…
    static func scoreSentence(_ e: Evaluation) -> String {
        "根据所选取的各项指标已设定的权重和实际得分，本项目考评综合得分为：\(e.total.plain)分，其中："
            + e.groups.map { "\($0.name)得分\($0.score.plain)分（满\($0.points.plain)分）" }.joined(separator: "，")
            + "。详见部门整体支出绩效评价指标表。"
    }

    /// Quotation marks inside a quoted name become single ones: “‘临空i科普’讲座”.
    static func nested(_ text: String) -> String {
        text.replacingOccurrences(of: "“", with: "‘").replacingOccurrences(of: "”", with: "’")
    }

    static func percent(_ rate: Decimal) -> String { (rate * 100).fixed(1) + "%" }

    /// 一 … 九十九, as goals are numbered in the report.
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
