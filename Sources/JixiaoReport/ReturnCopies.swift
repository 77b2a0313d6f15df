import Foundation
import JixiaoCollect
import JixiaoModel
import JixiaoScoring
import JixiaoSubmission
import JixiaoWorkspace
import JixiaoWriting

/// The return copies (退回修改) of a report: one per rejected submission listed in 校验报告
/// whose unit and month have no accepted submission yet, in the order received.
///
/// The ledger keeps the outcome and the diagnostics, not the cells; the cells come from the
/// archived original, read again through the submission stage (a ZIP member from inside its
/// archived bundle). Each diagnostic carries the original's sheet and cell, and the values
/// read again carry theirs, so a problem is shown where its value sits in the copy.
enum ReturnCopies {
    /// `indicators` lays out a QU00 copy's 偏差原因 as its template has it.
    static func build(workspace: Workspace, snapshot: LedgerSnapshot, indicators: IndicatorSet) throws -> [ReturnCopy] {
        var rejected: [FileOutcome] = []
        try snapshot.files.forEach(only: [.rejected]) { if !isSettled($0, snapshot) { rejected.append($0) } }
        let pending = rejected.enumerated()
            .sorted { a, b in
                a.element.runID != b.element.runID ? a.element.runID < b.element.runID : a.offset < b.offset
            }
            .map(\.element)
        guard !pending.isEmpty else { return [] }
        let archive = ArchivedCopies(workspace: workspace)
        var context = SubmissionSources.context(for: workspace)
        context.indicatorNames = indicators.indicators.map(\.name)
        // A bundle with several rejected members is read once.
        var reread: [String: [String: ParsedSubmission]] = [:]
        return pending.map { outcome in
            let key = outcome.contentHash + "/" + outcome.receivedName
            if reread[key] == nil {
                let parsed = archive.data(hash: outcome.contentHash, receivedName: outcome.receivedName).map {
                    SubmissionReader.readKeepingSentValues($0, fileName: outcome.receivedName, context: context,
                                                           limits: workspace.config.limits)
                } ?? []
                reread[key] = Dictionary(parsed.map { ($0.fileName, $0) }, uniquingKeysWith: { first, _ in first })
            }
            return copy(of: outcome, sent: reread[key]?[outcome.fileName]?.sent, workspace: workspace,
                        fallbackPeriod: snapshot.through, indicators: indicators.deviationSheetRows)
        }
    }

    /// A later submission of the same unit and month was accepted: nothing to send back.
    static func isSettled(_ outcome: FileOutcome, _ snapshot: LedgerSnapshot) -> Bool {
        guard let unit = outcome.unitCode, let period = outcome.period else { return false }
        return snapshot.acceptedPeriods[unit]?.contains(period) == true
    }

    static let unreadableCodes: Set<String> = [
        SubmissionIssue.unreadable("").code, SubmissionIssue.notASpreadsheetMember.code, SubmissionIssue.emptyBundle.code,
    ]

    static func copy(of outcome: FileOutcome, sent: SentSubmission?, workspace: Workspace,
                     fallbackPeriod: Period, indicators: [DeviationSheetRow] = []) -> ReturnCopy {
        var copy = ReturnCopy(fileName: outcome.fileName, receivedAt: outcome.receivedAt, unitCode: outcome.unitCode,
                              period: outcome.period, templatePeriod: outcome.period ?? fallbackPeriod)
        let unreadable = outcome.diagnostics.filter { unreadableCodes.contains($0.code) }
        if !unreadable.isEmpty {
            copy.unreadableReason = unreadable.map(\.message).joined(separator: "\n")
            return copy
        }
        // Without the archived copy (see `jixiao verify`) the copy still lists every problem,
        // at its place in the original.
        var sent = sent ?? SentSubmission()
        if sent.values[.basicInfo("单位代码")] == nil, let code = outcome.unitCode { sent.values[.basicInfo("单位代码")] = .text(code) }
        if sent.values[.basicInfo("报送月份")] == nil, let period = outcome.period {
            sent.values[.basicInfo("报送月份")] = .text(period.description)
        }
        // A CSV has no 单位名称; the registry's saves the unit typing it.
        if sent.values[.basicInfo("单位名称")] == nil, let code = outcome.unitCode, let unit = workspace.unitsByCode[code] {
            sent.values[.basicInfo("单位名称")] = .text(unit.name)
        }
        copy.values = sent.values
        copy.activityRows = sent.activityRows
        copy.includesDistrict = outcome.unitCode == SubmissionSchema.districtUnitCode && sent.hasDistrictSheet
        if outcome.unitCode == SubmissionSchema.districtUnitCode && sent.hasDeviationSheet {
            copy.deviationRows = deviationRows(sent.deviationRows, indicators: indicators)
        }
        let problems = outcome.diagnostics.enumerated().compactMap { i, d -> (Int, ReturnCopy.Problem)? in
            var slot = sent.slot(for: d)
            if case .district? = slot, !copy.includesDistrict { slot = .sheet(SubmissionSchema.districtSheet) }
            if case .deviation? = slot, copy.deviationRows == nil { slot = .sheet(SubmissionSchema.deviationSheet) }
            guard SentSubmission.shows(d, at: slot) else { return nil }
            let location = slot == nil && !d.location.isEmpty ? ReturnNotes.originally(d.location) : ""
            return (i, ReturnCopy.Problem(severity: d.severity, slot: slot, seen: d.value,
                                          fix: d.message + ReturnNotes.note(for: d.code, slot: slot) + location))
        }
        // By place in the copy; problems of the file as a whole first.
        copy.problems = problems.sorted { a, b in
            switch (a.1.slot, b.1.slot) {
            case (nil, nil): return a.0 < b.0
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x < y || (!(y < x) && a.0 < b.0)
            }
        }.map(\.1)
        return copy
    }
}

extension ReturnCopies {
    /// The copy's 偏差原因 rows: indicators.yaml's with their 一级指标 and 分值, then the names
    /// only the file had (no 分值 to print for those).
    static func deviationRows(_ names: [String], indicators: [DeviationSheetRow]) -> [DeviationSheetRow] {
        var unused = indicators[...]
        return names.map { name in
            if let i = unused.firstIndex(where: { $0.indicator == name }) {
                let row = unused[i]
                unused.remove(at: i)
                return row
            }
            return DeviationSheetRow(level1: "", indicator: name, weight: nil)
        }
    }
}

/// What a return copy adds to a problem's message when the copy already changed what it is about.
enum ReturnNotes {
    static func note(for code: String, slot: TemplateSlot?) -> String {
        switch (code, slot) {
        case (SubmissionIssue.columnMissing("").code, .activityHeader?):
            return "（本文件已按模板补上这一列，请在这一列逐行填写）"
        case (SubmissionIssue.sheetMissing("").code, .sheet?):
            return "（本文件已按模板补上这张工作表，请填写）"
        case (SubmissionIssue.headerNotFound(expected: []).code, _):
            return "（原表的内容无法按列识别，没有抄到本文件中，请在本文件的这张工作表中按列填写）"
        default:
            return ""
        }
    }

    static func originally(_ location: String) -> String { "（原文件中的位置：\(location)）" }
}
