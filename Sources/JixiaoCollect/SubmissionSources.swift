import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoScoring
import JixiaoSubmission
import JixiaoWorkspace

/// The submission source the commands use: the submission stage, given the workspace's
/// registry, year, indicator names and read limits.
public enum SubmissionSources {
    public static func standard(for workspace: Workspace) -> SubmissionSource {
        let context = context(for: workspace)
        let limits = workspace.config.limits
        return { data, fileName in
            // A bundle's cover letter or photo is neither accepted nor rejected: the ledger has
            // no status for it, so it is left out here (the bundle itself is archived whole).
            SubmissionReader.read(data, fileName: fileName, context: context, limits: limits).filter { !$0.ignored }
        }
    }

    /// What validation knows of the workspace: every command that reads submissions uses this one.
    public static func context(for workspace: Workspace) -> SubmissionContext {
        SubmissionContext(knownUnits: workspace.unitsByCode, year: workspace.config.year,
                          indicatorNames: indicatorNames(workspace))
    }

    /// The 三级指标 of the workspace's indicators.yaml; nil when it cannot be read. Collecting
    /// goes on then (a slip in indicators.yaml must not keep the night's files out of the
    /// archive): QU00's 偏差原因 rows are taken unchecked, and a reason for an indicator the
    /// set lacks is named when the report is made (`indicators.deviation.unmatched`), which
    /// cannot run before indicators.yaml is put right.
    static func indicatorNames(_ workspace: Workspace) -> [String]? {
        guard let text = try? ConfigText.read(workspace.indicatorsURL, maxBytes: IndicatorSet.maxFileBytes, tooLarge: ""),
              let set = try? IndicatorSet.load(yaml: text, source: "indicators.yaml") else { return nil }
        return set.indicators.map(\.name)
    }
}
