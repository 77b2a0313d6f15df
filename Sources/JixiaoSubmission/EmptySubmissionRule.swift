import JixiaoModel
import JixiaoReading

/// A file that says nothing is not a report: an untouched template would otherwise take the
/// unit off the call list. Saying “nothing happened” is done on purpose, by 零报告 = 是.
enum EmptySubmissionRule {
    /// `zeroReportCell`: where 基本信息 has (or should have) the 零报告 answer; nil for a CSV.
    static func check(_ submission: ParsedSubmission, at zeroReportCell: (sheet: String, ref: CellRef?)?, csv: Bool,
                      log: inout DiagnosticLog) {
        let activities = submission.activities.count
        if submission.declaresZeroReport {
            if activities > 0 {
                log.add(.zeroReportWithActivities(activities), sheet: zeroReportCell?.sheet, cell: zeroReportCell?.ref,
                        value: "是")
            }
            return
        }
        // A file already rejected for what it holds needs no second verdict on what it lacks.
        guard !log.hasErrors, activities == 0, !submission.workload.contains(where: { $0.quantity > 0 }),
              submission.district == nil, submission.deviationReasons.isEmpty else { return }
        log.add(.emptySubmission(csv: csv), sheet: zeroReportCell?.sheet, cell: zeroReportCell?.ref)
    }
}
