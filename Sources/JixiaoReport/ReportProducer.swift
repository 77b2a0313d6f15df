import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting

/// The workbooks a report writes into out/, by name.
public struct ReportOutputs: Sendable {
    public var indicatorTable: URL
    public var rollup: URL
    public var validationReport: URL
    public var reminders: URL
    public var evidence: URL
    /// 自评报告.docx, the draft of the self-evaluation report.
    public var selfEvaluation: URL
    /// out/退回/, one return copy (退回修改) per rejected submission still to be corrected.
    public var returns: URL
    /// The return copies written, in the order received.
    public var returnCopies: [URL] = []

    init(out: URL, names: WorkspaceConfig.OutputNames) {
        indicatorTable = out.appendingPathComponent(names.indicatorTable)
        rollup = out.appendingPathComponent(names.rollup)
        validationReport = out.appendingPathComponent(names.validationReport)
        reminders = out.appendingPathComponent(names.reminders)
        evidence = out.appendingPathComponent(names.evidence)
        selfEvaluation = out.appendingPathComponent(Workspace.selfEvaluationReportName)
        returns = out.appendingPathComponent(Workspace.returnsFolder, isDirectory: true)
    }

    /// In the order they are written and listed.
    public var all: [URL] { [indicatorTable, rollup, validationReport, reminders, evidence, selfEvaluation] }
}

/// What one report wrote, for the run summary.
public struct ReportResult: Sendable {
    public var evaluation: Evaluation
    public var outputs: ReportOutputs
    public var missing: Int

    /// `报表（截至2025年12月）：总分 97.4，优（A）；待催报 4 个单位月；已写出 指标表.xlsx、汇总表.xlsx、…`.
    public var line: String {
        let e = evaluation
        return "报表（截至\(e.period.chineseDescription)）：总分 \(e.total.fixed(1))，\(e.grade.label)（\(e.grade.letter)）；"
            + "待催报 \(missing) 个单位月；已写出 \(outputs.all.map(\.lastPathComponent).joined(separator: "、"))"
            + (outputs.returnCopies.isEmpty ? "" : "；退回修改 \(outputs.returnCopies.count) 份（out/\(Workspace.returnsFolder)/）")
            + (e.notes.contains { $0.code == ReportNotes.comparisonUnavailableCode } ? ReportMessages.comparisonSkippedInLine : "")
    }
}

/// The report stage: ledger → snapshot → rollup + evaluation → the workbooks in out/.
/// It reads the ledger only, so it can run as often as wanted and always gives the same files.
public enum ReportProducer {
    /// `today` decides which months are due yet (报送截止日 passed): only those can be 未报.
    /// The four workbooks and the folder out/退回/ of return copies replace the old ones as
    /// one set (`OutputSet`), so a copy of a file since corrected disappears: when this throws, out/
    /// still holds the previous report whole, unless `OutputSet.hasPendingReplacement` says
    /// the renames themselves failed and the next run is to finish them.
    public static func produce(workspace: Workspace, through period: Period,
                               today: CalendarDate = .today) throws(JixiaoError) -> ReportResult {
        try produce(workspace: workspace, through: period, today: today, fault: ReportFaultHook())
    }

    static func produce(workspace: Workspace, through period: Period, today: CalendarDate,
                        fault: ReportFaultHook) throws(JixiaoError) -> ReportResult {
        let indicators = try loadIndicators(workspace)
        // The snapshot's records are read by a cursor, pass by pass: the rollup's totals, the
        // measures, the draft's goals, then 汇总表's and 佐证材料's listings as they are written.
        let snapshot: LedgerSnapshot
        let rollup: Rollup
        var evaluation: Evaluation
        let previous = PreviousYear.evaluate(for: workspace, through: period, today: today)
        let goals: [AnnualGoal]
        let calls: CallList
        let returnCopies: [ReturnCopy]
        do {
            let ledger = try Ledger.open(for: workspace, check: .presence)
            let read = try ledger.snapshot(of: workspace, through: period, today: today)
            snapshot = read
            // The scoring's passes beside the rollup's and the rejected files', on a second core.
            let compared = previous.evaluation
            ((rollup, calls, returnCopies), (evaluation, goals)) = try SideBySide.both({
                (try RollupBuilder.build(read), try read.callList,
                 try ReturnCopies.build(workspace: workspace, snapshot: read, indicators: indicators))
            }, {
                let scored = try Evaluator.evaluate(indicators, snapshot: read)
                return (scored, try Evaluator.annualGoals(indicators, evaluation: scored, snapshot: read, previous: compared))
            })
        } catch let error as JixiaoError {
            throw error
        } catch {
            throw .io(ReportMessages.ledgerUnreadable("\(error)"))
        }
        let (profile, profileProblem) = DepartmentProfileFile.load(workspace.profileURL)
        evaluation.notes += [previous.problem, profileProblem.map(ReportNotes.profile)].compactMap { $0 }
        let comparison = previous.evaluation.map { YearComparison.changes(evaluation, previous: $0) }
        let draft = SelfEvaluationDraft(
            evaluation: evaluation, profile: profile, district: snapshot.district,
            goals: goals,
            unitNames: Dictionary(snapshot.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }),
            comparedYear: previous.evaluation?.info.year)
        var outputs = ReportOutputs(out: workspace.outURL, names: workspace.config.outputs)
        try OutputSet(workspace: workspace).prepareFolder()
        let replacement = OutputSet(workspace: workspace).replacement()
        do {
            // Staged in the order of ReportOutputs.all, which the renames follow.
            let staged = [outputs.indicatorTable, outputs.rollup, outputs.validationReport, outputs.reminders, outputs.evidence,
                          outputs.selfEvaluation].map { replacement.stage($0.lastPathComponent) }
            let folder = try replacement.stageFolder(Workspace.returnsFolder)
            let copyNames = ReturnCopyWriter.fileNames(returnCopies)
            let evaluation = evaluation
            // 佐证材料 lists most rows: it is written beside the others, on a second core.
            try SideBySide.run([
                {
                    try fault.writing(1)
                    try IndicatorTableWriter.write(evaluation, filledOn: workspace.config.filledOn ?? today, madeOn: today,
                                                   to: staged[0])
                    try fault.writing(2)
                    try RollupWorkbookWriter.write(evaluation, rollup: rollup, comparison: comparison, madeOn: today, to: staged[1])
                    try fault.writing(3)
                    try ValidationReportWriter.write(files: snapshot.files, units: snapshot.units, notes: evaluation.notes,
                                                     corrections: snapshot.corrections, unreadable: workspace.unreadableInboxFiles,
                                                     through: period, madeOn: today, to: staged[2])
                    try fault.writing(4)
                    try ReminderListWriter.write(calls, madeOn: today, to: staged[3])
                    try fault.writing(6)
                    try SelfEvaluationReportWriter.write(draft, to: staged[5])
                    try fault.writing(7)
                    for (copy, name) in zip(returnCopies, copyNames) {
                        try ReturnCopyWriter.write(copy, madeOn: today, to: folder.appendingPathComponent(name))
                    }
                },
                {
                    try fault.writing(5)
                    try EvidenceWorkbookWriter.write(evaluation, sources: EvidenceSources(snapshot), madeOn: today, to: staged[4])
                },
            ])
            outputs.returnCopies = copyNames.map { outputs.returns.appendingPathComponent($0) }
        } catch let error as WritingError {
            replacement.discard()
            throw .io(error.message)
        } catch let error as RecordsChanged {
            replacement.discard()
            throw .io(error.description)
        } catch let error as JixiaoError {
            replacement.discard()
            throw error
        } catch {
            replacement.discard()
            throw .io(ReportMessages.outputFailed("\(error)"))
        }
        try replacement.commit(renamed: fault.renamed)
        return ReportResult(evaluation: evaluation, outputs: outputs, missing: calls.monthCount)
    }

    /// The stdout line of a report that failed: whether out/ still holds the previous set whole.
    public static func failureLine(_ workspace: Workspace, through period: Period) -> String {
        OutputSet(workspace: workspace).hasPendingReplacement
            ? ReportMessages.failedMidReplacement(period)
            : ReportMessages.failedOldSetKept(period)
    }

    /// The workspace's indicators.yaml, parsed and checked: a mistake there is a configuration error.
    public static func loadIndicators(_ workspace: Workspace) throws(JixiaoError) -> IndicatorSet {
        let text = try ConfigText.read(workspace.indicatorsURL, maxBytes: IndicatorSet.maxFileBytes,
                                       tooLarge: IndicatorSet.tooLarge(source: "indicators.yaml").description)
        let set: IndicatorSet
        do {
            set = try IndicatorSet.load(yaml: text, source: "indicators.yaml")
        } catch {
            throw .configuration(error.description)
        }
        let errors = set.check().filter { $0.severity == .error }
        if !errors.isEmpty {
            throw .configuration(errors.map(\.message).joined(separator: "\n"))
        }
        return set
    }
}

extension EvidenceSources {
    /// Each accepted submission's copy in archive/, looked up unit by unit, and the registry's unit names.
    init(_ snapshot: LedgerSnapshot) {
        let accepted = snapshot.acceptedFiles
        self.init(units: snapshot.units) { unit in
            try accepted.byMonth(of: unit).mapValues { ArchivedCopies.copyName(hash: $0.contentHash, receivedName: $0.receivedName) }
        }
    }
}

/// The report stage's own messages.
enum ReportMessages {
    static func ledgerUnreadable(_ detail: String) -> String {
        "无法读取台账 ledger.sqlite（\(detail)）。请确认工作目录完整，必要时从备份恢复。"
    }

    static func outputFailed(_ detail: String) -> String {
        "写出报表失败（\(detail)）。请检查 out/ 目录是否可写、磁盘空间是否充足，报表是否正被 Excel/WPS 打开。"
    }

    static func failedOldSetKept(_ period: Period) -> String {
        "报表（截至\(period.chineseDescription)）未生成：out/ 中仍是上次生成的整套报表，一个也没有改动"
    }

    static func failedMidReplacement(_ period: Period) -> String {
        "报表（截至\(period.chineseDescription)）未替换完：out/ 中的报表暂时不成套，请勿使用，下次运行 jixiao report 会补完"
    }

    static let injectedFailure = "按测试设置模拟的写出失败"
}

// compare_with's messages.
extension ReportMessages {
    static func comparisonUnavailable(_ path: String, _ detail: String) -> String {
        "compare_with 指定的上年工作目录 \(path) 无法使用（\(detail)），本次报表不作上年对比；请检查 jixiao.yaml 中的路径"
    }

    static func comparisonNotEarlier(_ theirs: Int, _ ours: Int) -> String {
        "它的评价年度是 \(theirs) 年，不早于本年度 \(ours) 年"
    }

    static let comparisonWithoutLedger = "其中没有台账 ledger.sqlite"

    static let comparisonSkippedInLine = "；compare_with 的上年工作目录无法使用，未作上年对比（原因见校验报告“评分提示”）"
}
