import Foundation
import JixiaoModel
import JixiaoSubmission
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one file's bytes into its submissions (one per spreadsheet; one per member of a
/// ZIP bundle). The collector depends on this seam only, so tests can feed it anything.
public typealias SubmissionSource = @Sendable (_ data: Data, _ fileName: String) -> [ParsedSubmission]

/// `jixiao collect`: takes every file in inbox/ in path order and, per file, archives its
/// bytes, records its outcome in one ledger transaction, then deletes it from inbox/.
/// Each step is safe to repeat, so a run killed anywhere is finished by the next one.
public struct Collector {
    public let workspace: Workspace
    public let ledger: Ledger
    let source: SubmissionSource
    let fault = FaultHook()

    public init(workspace: Workspace, ledger: Ledger, source: @escaping SubmissionSource) {
        self.workspace = workspace
        self.ledger = ledger
        self.source = source
    }

    /// Collects the whole inbox. A file that fails (unreadable, disk full) is reported
    /// through `report` and left in inbox/; the others go on.
    public func run(now: () -> Date = Date.init, report: (CollectEvent) -> Void = { _ in }) throws -> CollectSummary {
        try finishInterruptedRemovals()
        let paths = try InboxScanner.files(in: workspace.inboxURL)
        let runID = try ledger.beginRun(at: now())
        var summary = CollectSummary(runID: runID)
        var touchedDirectories = Set<String>()
        for (offset, path) in paths.enumerated() {
            let number = offset + 1
            let url = workspace.inboxURL.appendingPathComponent(path)
            let events: [CollectEvent]
            do {
                events = try collect(path: path, url: url, number: number, total: paths.count, runID: runID, now: now())
                touchedDirectories.insert(url.deletingLastPathComponent().path)
            } catch {
                let message = (error as? CollectError)?.message ?? String(describing: error)
                events = [CollectEvent(kind: .failed, fileName: path, index: number, total: paths.count, detail: message)]
            }
            for event in events {
                summary.count(event)
                report(event)
            }
        }
        // Deletions must be on disk before the ledger forgets they were pending.
        touchedDirectories.forEach(AtomicFile.syncDirectory)
        InboxScanner.removeEmptyFolders(in: workspace.inboxURL)
        try ledger.finishRun(runID, at: now(), summary: summary)
        return summary
    }

    private func collect(path: String, url: URL, number: Int, total: Int, runID: Int64, now: Date) throws -> [CollectEvent] {
        let data = try InboxScanner.read(url, limit: workspace.config.limits.maxTotalBytes)
        let file = IncomingFile(path: path, hash: SHA256.hex(data), size: Int64(data.count), receivedAt: now)
        try Archive(directory: workspace.archiveURL).store(data, hash: file.hash, originalName: path)
        fault.reached(.archive, fileNumber: number)

        let events: [CollectEvent]
        if let original = try ledger.knownFile(hash: file.hash) {
            let note = Diagnostic(.warning, code: "file.duplicate", file: path,
                                  message: Messages.duplicateFile(of: original.name, receivedAt: original.receivedAt))
            try ledger.commitDuplicate(file, runID: runID, of: original, diagnostic: note) {
                fault.reached(.insert, fileNumber: number)
            }
            events = [CollectEvent(kind: .duplicate, fileName: path, unitCode: original.unitCode, period: original.period,
                                   index: number, total: total, detail: original.name)]
        } else {
            var submissions = source(data, path)
            if submissions.isEmpty {
                submissions = [ParsedSubmission(fileName: path, diagnostics: [
                    Diagnostic(.error, code: "file.empty", file: path, message: Messages.noSubmissionInFile)])]
            }
            let reviewed = submissions.map { SubmissionReview.review($0, units: workspace.unitsByCode, year: workspace.config.year) }
            let committed = try ledger.commit(file, runID: runID, submissions: reviewed) {
                fault.reached(.insert, fileNumber: number)
            }
            events = committed.map { CollectEvent($0, index: number, total: total) }
        }
        fault.reached(.commit, fileNumber: number)
        if unlink(url.path) != 0, errno != ENOENT {
            throw CollectError.io(Messages.cannotRemove(url.path, errno))
        }
        fault.reached(.remove, fileNumber: number)
        return events
    }

    /// A run killed after committing a file but before deleting it left the file in
    /// inbox/; it is recorded, so it only has to go (if it is still the same bytes).
    private func finishInterruptedRemovals() throws {
        let pending = try ledger.pendingRemovals()
        guard !pending.isEmpty else { return }
        var directories = Set<String>()
        for (path, hash) in pending {
            let url = workspace.inboxURL.appendingPathComponent(path)
            guard let data = try? InboxScanner.read(url, limit: workspace.config.limits.maxTotalBytes),
                  SHA256.hex(data) == hash else { continue }
            unlink(url.path)
            directories.insert(url.deletingLastPathComponent().path)
        }
        directories.forEach(AtomicFile.syncDirectory)
        try ledger.clearPendingRemovals()
    }
}

/// The checks that need the registry and the workspace year, applied to what the
/// submission stage parsed. They only add diagnostics to a submission that has no error
/// yet, so a problem is never reported twice.
enum SubmissionReview {
    static func review(_ parsed: ParsedSubmission, units: [String: ReportingUnit], year: Int) -> ParsedSubmission {
        var result = parsed
        guard !parsed.hasErrors else { return result }
        let file = parsed.fileName
        guard let code = parsed.unitCode, !code.isEmpty else {
            result.diagnostics.append(Diagnostic(.error, code: "unit.missing", file: file, message: Messages.unitMissing))
            return result
        }
        guard let unit = units[code] else {
            result.diagnostics.append(Diagnostic(.error, code: "unit.unknown", file: file, value: code, message: Messages.unitUnknown(code)))
            return result
        }
        guard let period = parsed.period else {
            result.diagnostics.append(Diagnostic(.error, code: "period.missing", file: file, message: Messages.periodMissing))
            return result
        }
        guard period.year == year else {
            result.diagnostics.append(Diagnostic(.error, code: "period.otherYear", file: file, value: period.description,
                                                 message: Messages.periodOtherYear(period, year: year)))
            return result
        }
        if !unit.isDue(period) {
            result.diagnostics.append(Diagnostic(.warning, code: "unit.notDue", file: file, value: period.description,
                                                 message: Messages.unitNotDue(unit, period)))
        }
        return result
    }
}
