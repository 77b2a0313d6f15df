import Foundation
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

    init(out: URL, names: WorkspaceConfig.OutputNames) {
        indicatorTable = out.appendingPathComponent(names.indicatorTable)
        rollup = out.appendingPathComponent(names.rollup)
        validationReport = out.appendingPathComponent(names.validationReport)
        reminders = out.appendingPathComponent(names.reminders)
    }

    /// In the order they are written and listed.
    public var all: [URL] { [indicatorTable, rollup, validationReport, reminders] }
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
    }
}

/// The report stage: ledger → snapshot → rollup + evaluation → the workbooks in out/.
/// It reads the ledger only, so it can run as often as wanted and always gives the same files.
public enum ReportProducer {
    /// `today` decides which months are due yet (报送截止日 passed): only those can be 未报.
    public static func produce(workspace: Workspace, through period: Period,
                               today: CalendarDate = .today) throws(JixiaoError) -> ReportResult {
        let indicators = try loadIndicators(workspace)
        let snapshot: LedgerSnapshot
        do {
            let ledger = try Ledger.open(for: workspace, check: .presence)
            snapshot = try ledger.snapshot(of: workspace, through: period, today: today)
        } catch let error as JixiaoError {
            throw error
        } catch {
            throw .io(ReportMessages.ledgerUnreadable("\(error)"))
        }
        let rollup = RollupBuilder.build(snapshot)
        let evaluation = Evaluator.evaluate(indicators, snapshot: snapshot)
        let missing = snapshot.missingSubmissions
        let outputs = ReportOutputs(out: workspace.outURL, names: workspace.config.outputs)
        do {
            try FileManager.default.createDirectory(at: workspace.outURL, withIntermediateDirectories: true)
            try IndicatorTableWriter.write(evaluation, to: outputs.indicatorTable)
            try RollupWorkbookWriter.write(evaluation, rollup: rollup, to: outputs.rollup)
            try ValidationReportWriter.write(files: snapshot.files, units: snapshot.units, notes: evaluation.notes,
                                             to: outputs.validationReport)
            try ReminderListWriter.write(missing, period: period, to: outputs.reminders)
        } catch let error as WritingError {
            throw .io(error.message)
        } catch {
            throw .io(ReportMessages.outputFailed("\(error)"))
        }
        return ReportResult(evaluation: evaluation, outputs: outputs, missing: missing.count)
    }

    /// The workspace's indicators.yaml, parsed and checked: a mistake there is a configuration error.
    public static func loadIndicators(_ workspace: Workspace) throws(JixiaoError) -> IndicatorSet {
        let text: String
        do {
            text = try String(contentsOf: workspace.indicatorsURL, encoding: .utf8)
        } catch {
            throw .configuration(ReportMessages.indicatorsUnreadable(workspace.indicatorsURL.path))
        }
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

/// The report stage's own messages.
enum ReportMessages {
    static func ledgerUnreadable(_ detail: String) -> String {
        "无法读取台账 ledger.sqlite（\(detail)）。请确认工作目录完整，必要时从备份恢复。"
    }

    static func outputFailed(_ detail: String) -> String {
        "写出报表失败（\(detail)）。请检查 out/ 目录是否可写、磁盘空间是否充足，报表是否正被 Excel/WPS 打开。"
    }

    static func indicatorsUnreadable(_ path: String) -> String {
        "找不到或无法读取指标体系文件 \(path)，请确认它存在且为 UTF-8 编码（可用 jixiao init 生成的默认文件）。"
    }
}
