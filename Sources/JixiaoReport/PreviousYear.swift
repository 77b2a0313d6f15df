import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoScoring
import JixiaoWorkspace

/// `compare_with`: the previous year's workspace, evaluated with its own indicators.yaml
/// through the same month, read only (its ledger is neither created, migrated nor locked).
/// Anything wrong with it is a note for 校验报告, never a failed report.
enum PreviousYear {
    struct Outcome {
        var evaluation: Evaluation?
        var problem: Diagnostic?
    }

    static func evaluate(for workspace: Workspace, through period: Period, today: CalendarDate) -> Outcome {
        guard let path = workspace.config.compareWith else { return Outcome() }
        let root = path.hasPrefix("/") ? URL(fileURLWithPath: path, isDirectory: true)
            : workspace.root.appendingPathComponent(path, isDirectory: true).standardizedFileURL
        func problem(_ detail: String) -> Outcome { Outcome(problem: ReportNotes.comparisonUnavailable(path, detail)) }
        do {
            let previous = try Workspace.open(at: root)
            guard previous.config.year < workspace.config.year else {
                return problem(ReportMessages.comparisonNotEarlier(previous.config.year, workspace.config.year))
            }
            guard FileManager.default.fileExists(atPath: previous.ledgerURL.path) else {
                return problem(ReportMessages.comparisonWithoutLedger)
            }
            let indicators = try ReportProducer.loadIndicators(previous)
            let ledger = try Ledger.openReadOnly(for: previous)
            guard let through = Period(year: previous.config.year, month: period.month) else { return Outcome() }
            do {
                let snapshot = try ledger.snapshot(of: previous, through: through, today: today)
                return Outcome(evaluation: try Evaluator.evaluate(indicators, snapshot: snapshot))
            } catch {
                return problem("\(error)")
            }
        } catch {
            return problem(error.message)
        }
    }
}

/// The report stage's notes for 校验报告 (评分提示) and the run summary.
enum ReportNotes {
    static let comparisonUnavailableCode = "report.compareUnavailable"

    static func comparisonUnavailable(_ path: String, _ detail: String) -> Diagnostic {
        Diagnostic(.warning, code: comparisonUnavailableCode, file: "jixiao.yaml", value: path,
                   message: ReportMessages.comparisonUnavailable(path, detail))
    }

    static func profile(_ message: String) -> Diagnostic {
        Diagnostic(.warning, code: "report.profileUnavailable", file: DepartmentProfileFile.name, message: message)
    }
}
