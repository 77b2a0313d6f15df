import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoSubmission
import JixiaoWorkspace

/// `jixiao rebuild`: the ledger derived anew from archive/ alone. Every receipt is replayed
/// in the order the files were received, each in the run it came in, with its original name
/// and time, through the same submission stage as `collect` — so outcomes, supersession
/// and diagnostics come out as they were (validated against today's units.csv).
///
/// The new ledger is built beside the old one and moved into place only when complete;
/// the old one, if any, is kept under another name. A copy missing or altered stops it.
public struct Rebuilder: Sendable {
    public let workspace: Workspace
    let source: SubmissionSource
    let fault = FaultHook()
    /// Receptions per ledger transaction, as `collect` batches them.
    var batchSize = 64

    public init(workspace: Workspace, source: @escaping SubmissionSource) {
        self.workspace = workspace
        self.source = source
        if let size = fault.batchSize { batchSize = size }
    }

    public func run(now: Date = Date()) throws(JixiaoError) -> RebuildSummary {
        let archive = Archive(directory: workspace.archiveURL)
        let (receipts, unreadable) = archive.allReceipts()
        if !unreadable.isEmpty { throw .io(CollectMessages.receiptsUnreadable(unreadable)) }
        guard !receipts.isEmpty else {
            throw .io(archive.holdsFiles() ? CollectMessages.archiveWithoutReceipts : CollectMessages.archiveEmpty)
        }
        let (corrections, unreadableCorrections) = archive.allCorrections()
        if !unreadableCorrections.isEmpty { throw .io(CollectMessages.receiptsUnreadable(unreadableCorrections)) }
        let building = workspace.root.appendingPathComponent("ledger.sqlite.rebuilding")
        Self.removeDatabase(at: building)
        var summary = RebuildSummary()
        do {
            let ledger = try Ledger.open(at: building)
            try replay(receipts, corrections: corrections, archive: archive, into: ledger, summary: &summary)
            try ledger.clearPendingRemovals()
            try ledger.close()
        } catch {
            Self.removeDatabase(at: building)
            if let error = error as? JixiaoError { throw error }
            throw .io(CollectMessages.rebuildFailed("\(error)"))
        }
        summary.keptLedger = try moveIntoPlace(building, now: now)
        return summary
    }

    /// Corrections go in where they were made: a batch ends at the file a correction came
    /// after, and the correction is made before the next file is recorded.
    private func replay(_ receipts: [(hash: String, receipt: Receipt)], corrections: [CorrectionReceipt], archive: Archive,
                        into ledger: Ledger, summary: inout RebuildSummary) throws {
        let stops = Set(corrections.map(\.afterFile))
        var pending = corrections[...]
        func correct(through file: Int64) throws {
            while let next = pending.first, next.afterFile <= file {
                try replay(next, into: ledger)
                summary.corrections += 1
                pending.removeFirst()
            }
        }
        var start = 0
        var currentRun: (id: Int64, counts: RunCounts)?
        func closeRun() throws {
            guard let run = currentRun else { return }
            try ledger.finishRun(run.id, at: LedgerTime.date(run.counts.lastReceivedAt), files: run.counts.files,
                                 accepted: run.counts.accepted, rejected: run.counts.rejected,
                                 duplicates: run.counts.duplicates)
            summary.add(run.counts)
            currentRun = nil
        }
        while start < receipts.count {
            let run = receipts[start].receipt.run
            var end = start
            while end < receipts.count, end - start < batchSize, receipts[end].receipt.run == run,
                  end == start || !stops.contains(receipts[end - 1].receipt.file) { end += 1 }
            if currentRun?.id != run {
                try closeRun()
                let id = try ledger.beginRun(at: LedgerTime.date(receipts[start].receipt.receivedAt), id: run)
                currentRun = (id, RunCounts())
                summary.runs += 1
            }
            let entries = try prepare(Array(receipts[start..<end]), archive: archive, ledger: ledger)
            for outcome in try ledger.record(entries, runID: run) { currentRun?.counts.count(outcome) }
            currentRun?.counts.lastReceivedAt = receipts[end - 1].receipt.receivedAt
            for number in (start + 1)...end { fault.reached(.replay, fileNumber: number) }
            try correct(through: receipts[end - 1].receipt.file)
            start = end
        }
        try correct(through: .max)
        try closeRun()
    }

    private func replay(_ receipt: CorrectionReceipt, into ledger: Ledger) throws {
        guard let target = try ledger.correctableSubmission(fileID: receipt.file, name: receipt.submission),
              target.hash == receipt.hash else {
            throw JixiaoError.io(CorrectionMessages.replayUnmatched(receipt))
        }
        do {
            _ = try ledger.correct(receipt.action, submission: target.id, reason: receipt.reason, at: LedgerTime.date(receipt.madeAt),
                                   replayed: (receipt.id, receipt.afterFile))
        } catch let refusal as CorrectionRefusal {
            throw JixiaoError.io(CorrectionMessages.replayRefused(receipt, refusal))
        }
    }

    /// One batch: each copy read and checked against its hash, duplicates found as `collect`
    /// finds them, the rest parsed in parallel.
    private func prepare(_ batch: [(hash: String, receipt: Receipt)], archive: Archive,
                         ledger: Ledger) throws -> [LedgerEntry] {
        let limit = workspace.config.limits.maxTotalBytes
        let copies: [Result<Data, JixiaoError>] = Parallel.map(batch) { hash, receipt in
            let url = archive.copyURL(hash: hash, path: receipt.path)
            guard let data = try? InboxScanner.read(RawPath(url.path), name: url.lastPathComponent, limit: max(limit, Int(receipt.size))) else {
                return .failure(.io(CollectMessages.archiveCopyMissing(url.lastPathComponent, receipt.path)))
            }
            guard SHA256.hex(data) == hash else {
                return .failure(.io(CollectMessages.archiveCopyAltered(url.lastPathComponent, receipt.path)))
            }
            return .success(data)
        }
        var firstSeen: [String: Receipt] = [:]
        var duplicates: [Int: KnownFile] = [:]
        for (i, (hash, receipt)) in batch.enumerated() {
            if let known = try ledger.knownFile(hash: hash) {
                duplicates[i] = known
            } else if let earlier = firstSeen[hash] {
                duplicates[i] = KnownFile(id: nil, name: earlier.path, receivedAt: earlier.receivedAt, unitCode: nil, period: nil)
            } else {
                firstSeen[hash] = receipt
            }
        }
        let data = try copies.map { try $0.get() }
        let source = self.source
        let skipped = Set(duplicates.keys)
        let parsed: [[ParsedSubmission]] = Parallel.map(Array(batch.enumerated())) { i, item in
            guard !skipped.contains(i) else { return [] }
            let submissions = source(data[i], item.receipt.path)
            return submissions.isEmpty
                ? [ParsedSubmission(fileName: item.receipt.path, diagnostics: [CollectIssue.noSubmission.diagnostic(file: item.receipt.path)])]
                : submissions
        }
        return batch.enumerated().map { i, item in
            let r = item.receipt
            let file = IncomingFile(path: r.path, hash: item.hash, size: r.size, receivedAt: LedgerTime.date(r.receivedAt),
                                    replayedID: r.file)
            if let original = duplicates[i] {
                let note = CollectIssue.duplicateFile(of: original.name, receivedAt: original.receivedAt).diagnostic(file: r.path)
                return LedgerEntry(file: file, content: .duplicate(original, note), number: i + 1)
            }
            return LedgerEntry(file: file, content: .submissions(parsed[i]), number: i + 1)
        }
    }

    /// The rebuilt ledger becomes ledger.sqlite; an existing one is kept beside it.
    private func moveIntoPlace(_ building: URL, now: Date) throws(JixiaoError) -> String? {
        let target = workspace.ledgerURL
        let fm = FileManager.default
        var kept: String?
        if fm.fileExists(atPath: target.path) {
            let stamp = LedgerTime.text(now).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            let name = "ledger.sqlite.before-rebuild-\(stamp)"
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: target.path + suffix) {
                guard rename(target.path + suffix, workspace.root.appendingPathComponent(name + suffix).path) == 0 else {
                    throw .io(CollectMessages.rebuildFailed(String(cString: strerror(errno))))
                }
            }
            kept = name
        }
        fault.reached(.swap, fileNumber: 1)
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: building.path + suffix) }
        guard rename(building.path, target.path) == 0 else {
            throw .io(CollectMessages.rebuildFailed(String(cString: strerror(errno))))
        }
        AtomicFile.syncDirectory(workspace.root.path)
        return kept
    }

    static func removeDatabase(at url: URL) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
    }
}

/// One run's outcome counts while it is replayed.
struct RunCounts: Sendable {
    var files = 0, accepted = 0, rejected = 0, duplicates = 0
    var lastReceivedAt = ""

    mutating func count(_ outcome: RecordedOutcome) {
        files += 1
        switch outcome.kind {
        case .duplicate: duplicates += 1
        case .submissions(let committed):
            for c in committed {
                switch c.status {
                case .accepted: accepted += 1
                case .rejected: rejected += 1
                case .superseded, .duplicate, .withdrawn: break
                }
            }
        }
    }
}

/// What a rebuild did, for its summary line.
public struct RebuildSummary: Sendable {
    public var runs = 0
    public var files = 0
    public var accepted = 0
    public var rejected = 0
    public var duplicates = 0
    /// Withdrawals and restorations replayed.
    public var corrections = 0
    /// The name the ledger replaced was kept under, if there was one.
    public var keptLedger: String?

    mutating func add(_ counts: RunCounts) {
        files += counts.files
        accepted += counts.accepted
        rejected += counts.rejected
        duplicates += counts.duplicates
    }

    public var line: String { CollectMessages.rebuildSummary(self) }
}
