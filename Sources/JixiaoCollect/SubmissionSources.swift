import Foundation
import JixiaoModel
import JixiaoReading
import JixiaoSubmission

/// The submission source the commands use: the submission stage, given the workspace's
/// registry, year and read limits.
public enum SubmissionSources {
    public static func standard(for workspace: Workspace) -> SubmissionSource {
        let context = SubmissionContext(knownUnits: workspace.unitsByCode, year: workspace.config.year)
        let limits = workspace.config.limits
        return { data, fileName in
            do throws(ReadError) {
                let document = try SpreadsheetReader.read(data, name: fileName, limits: limits)
                return [SubmissionReader.parse(document, fileName: fileName, context: context)]
            } catch {
                return [ParsedSubmission(fileName: fileName, diagnostics: [
                    Diagnostic(.error, code: "file.unreadable", file: fileName, message: error.message)])]
            }
        }
    }
}
