import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoSubmission
import JixiaoWorkspace

/// The submission source the commands use: the submission stage, given the workspace's
/// registry, year and read limits.
public enum SubmissionSources {
    public static func standard(for workspace: Workspace) -> SubmissionSource {
        let context = SubmissionContext(knownUnits: workspace.unitsByCode, year: workspace.config.year)
        let limits = workspace.config.limits
        return { data, fileName in
            // A bundle's cover letter or photo is neither accepted nor rejected: the ledger has
            // no status for it, so it is left out here (the bundle itself is archived whole).
            SubmissionReader.read(data, fileName: fileName, context: context, limits: limits).filter { !$0.ignored }
        }
    }
}
