import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoSubmission
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one file's bytes into its submissions (one per spreadsheet; one per member of a
/// ZIP bundle). The collector depends on this seam only, so tests can feed it anything.
public typealias SubmissionSource = @Sendable (_ data: Data, _ fileName: String) -> [ParsedSubmission]

/// `jixiao collect`: takes every file in inbox/ in path order and, per file, archives its
/// bytes, records its outcome in the ledger, then deletes it from inbox/. Each step is
/// safe to repeat, so a run killed anywhere is finished by the next one.
///
/// Files go through in small batches: reading, archiving and parsing run on every core,
/// and one ledger transaction records the whole batch (each file complete or not at all),
/// so the fsyncs that make a commit durable are paid per batch, not per file.
public struct Collector: Sendable {
    public let workspace: Workspace
    public let ledger: Ledger
    let source: SubmissionSource
    let fault = FaultHook()
    /// Files per batch; a batch also ends once it holds `batchBytes` of input.
    var batchSize = 64
    var batchBytes = 64 << 20

    public init(workspace: Workspace, ledger: Ledger, source: @escaping SubmissionSource) {
        self.workspace = workspace
        self.ledger = ledger
        self.source = source
        if let size = fault.batchSize { batchSize = size }
    }

    /// Collects the whole inbox. A file that fails (unreadable, disk full) is reported
    /// through `report` and left in inbox/; the others go on.
    public func run(now: () -> Date = Date.init, report: (CollectEvent) -> Void = { _ in }) throws -> CollectSummary {
        try backfillReceipts()
        try Archive(directory: workspace.archiveURL).addMissingCorrections(from: ledger)
        try finishInterruptedRemovals()
        Archive(directory: workspace.archiveURL).removeStaleTemporaries()
        let listing = try InboxScanner.scan(workspace.inboxURL)
        let paths = listing.files
        let runID = try ledger.beginRun(at: now())
        var summary = CollectSummary(runID: runID)
        for skip in listing.skipped {
            let event = CollectEvent(kind: .skipped, fileName: skip.name, index: 0, total: paths.count, detail: skip.reason)
            summary.count(event)
            report(event)
        }
        var touchedDirectories = Set<RawPath>()
        // While one batch is being written to the ledger the next is read and parsed.
        var inFlight: (batch: PreparedBatch, commit: BackgroundCommit)?
        var next = 0
        func finishInFlight() {
            guard let (batch, commit) = inFlight else { return }
            for event in finish(batch, recorded: commit.wait(), total: paths.count, runID: runID) {
                summary.count(event)
                report(event)
            }
            for item in batch.items { touchedDirectories.insert(item.location.parent) }
            inFlight = nil
        }
        while next < paths.count {
            let items = readBatch(paths, from: next)
            next += items.count
            let prepared = try prepare(items, writing: inFlight?.batch, now: now())
            finishInFlight()
            inFlight = (prepared, BackgroundCommit(start: { recordIsolatingFailures(prepared.entries, runID: runID) }))
        }
        finishInFlight()
        // Deletions must be on disk before the ledger forgets they were pending.
        touchedDirectories.forEach { $0.syncDirectory() }
        InboxScanner.removeEmptyFolders(in: workspace.inboxURL)
        try ledger.finishRun(runID, at: now(), files: summary.files, accepted: summary.accepted,
                             rejected: summary.rejected, duplicates: summary.duplicates)
        summary.archiveProblems = try Archive(directory: workspace.archiveURL).missingCopies(of: ledger.receivedFiles()).count
        do {
            try ledger.backUp(in: workspace, runID: runID, at: now())
        } catch {
            summary.backupFailure = error.message
        }
        return summary
    }

    /// One inbox file on its way through a batch.
    struct Item: Sendable {
        var path: String
        var location: RawPath
        /// 1-based position in the run.
        var number: Int
        /// Size and time of the file as it was read, to notice a copy still in progress.
        var seen: FileStatus?
        var data = Data()
        var hash = ""
        var failure: String?
        var submissions: [ParsedSubmission] = []
    }

    /// Reads and archives up to `batchSize` files in parallel.
    private func readBatch(_ paths: [InboxFile], from start: Int) -> [Item] {
        var items: [Item] = []
        var bytes = 0
        var index = start
        while index < paths.count, items.count < batchSize, bytes < batchBytes {
            items.append(Item(path: paths[index].name, location: paths[index].location, number: index + 1))
            bytes += FileStatus(paths[index].location)?.size ?? 0
            index += 1
        }
        let archive = Archive(directory: workspace.archiveURL)
        let limit = workspace.config.limits.maxTotalBytes
        let fault = self.fault
        return Parallel.map(items) { item in
            var item = item
            do {
                item.seen = FileStatus(item.location)
                item.data = try InboxScanner.read(item.location, name: item.path, limit: limit)
                item.hash = SHA256.hex(item.data)
                try archive.store(item.data, hash: item.hash, originalName: item.path)
                fault.reached(.archive, fileNumber: item.number)
            } catch {
                item.failure = (error as? JixiaoError)?.message ?? error.localizedDescription
            }
            return item
        }
    }

    /// A batch read and parsed, ready for the ledger.
    struct PreparedBatch: Sendable {
        var items: [Item]
        var entries: [LedgerEntry]
    }

    /// Finds duplicates (of recorded files, of the batch still being written, or within
    /// this batch), parses the rest in parallel and builds the ledger entries.
    private func prepare(_ batch: [Item], writing previous: PreparedBatch?, now: Date) throws -> PreparedBatch {
        // The batch's archive copies are durable from here on, before the ledger records them.
        Archive(directory: workspace.archiveURL).syncDirectory()
        var items = batch
        var duplicates: [Int: KnownFile] = [:]
        var firstSeen: [String: String] = [:]
        for entry in previous?.entries ?? [] where firstSeen[entry.file.hash] == nil {
            if case .submissions = entry.content { firstSeen[entry.file.hash] = entry.file.name }
        }
        for (i, item) in items.enumerated() where item.failure == nil {
            if let known = try ledger.knownFile(hash: item.hash) {
                duplicates[i] = known
            } else if let earlier = firstSeen[item.hash] {
                // Its row is written by the time this batch is: `record` resolves it then.
                duplicates[i] = KnownFile(id: nil, name: earlier, receivedAt: LedgerTime.text(now), unitCode: nil, period: nil)
            } else {
                firstSeen[item.hash] = item.path
            }
        }
        let source = self.source
        let skipped = Set(duplicates.keys)
        // The submission stage has checked unit, month and registry: its verdict stands.
        items = Parallel.map(Array(items.enumerated())) { i, item in
            var item = item
            guard item.failure == nil, !skipped.contains(i) else { return item }
            item.submissions = source(item.data, item.path)
            if item.submissions.isEmpty {
                item.submissions = [ParsedSubmission(fileName: item.path,
                                                     diagnostics: [CollectIssue.noSubmission.diagnostic(file: item.path)])]
            }
            return item
        }
        let entries = items.enumerated().compactMap { i, item -> LedgerEntry? in
            guard item.failure == nil else { return nil }
            let file = IncomingFile(path: item.path, hash: item.hash, size: Int64(item.data.count), receivedAt: now)
            if let original = duplicates[i] {
                let note = CollectIssue.duplicateFile(of: original.name, receivedAt: original.receivedAt)
                    .diagnostic(file: item.path)
                return LedgerEntry(file: file, content: .duplicate(original, note), number: item.number)
            }
            return LedgerEntry(file: file, content: .submissions(item.submissions), number: item.number)
        }
        for i in items.indices { items[i].data = Data() }
        return PreparedBatch(items: items, entries: entries)
    }

    /// After the batch's commit: deletes its files from inbox/ and says what became of them.
    private func finish(_ batch: PreparedBatch, recorded: [Result<RecordedOutcome, JixiaoError>], total: Int,
                        runID: Int64) -> [CollectEvent] {
        var events: [CollectEvent] = []
        let unreceipted = writeReceipts(batch, recorded: recorded, runID: runID)
        var recordedIndex = 0
        for item in batch.items {
            if let failure = item.failure {
                events.append(CollectEvent(kind: .failed, fileName: item.path, index: item.number, total: total, detail: failure))
                continue
            }
            let result = recorded[recordedIndex]
            recordedIndex += 1
            let outcome: RecordedOutcome
            switch result {
            case .success(let value): outcome = value
            case .failure(let error):
                events.append(CollectEvent(kind: .failed, fileName: item.path, index: item.number, total: total, detail: error.message))
                continue
            }
            fault.reached(.commit, fileNumber: item.number)
            if let failure = unreceipted[item.number] {
                // Recorded, but the archive does not say so yet: the file stays, and the next run
                // writes the receipt from the ledger before removing it.
                events.append(CollectEvent(kind: .failed, fileName: item.path, index: item.number, total: total, detail: failure))
                continue
            }
            // Someone was still writing the file (a copy or a download in progress): what was
            // read is recorded, but the file stays for the next run, which takes the whole of it.
            if let seen = item.seen, let now = FileStatus(item.location), now != seen {
                events.append(CollectEvent(kind: .keptInInbox, fileName: item.path, index: item.number, total: total))
                continue
            }
            if item.location.removeFile() != 0, errno != ENOENT {
                events.append(CollectEvent(kind: .failed, fileName: item.path, index: item.number, total: total,
                                           detail: CollectMessages.cannotRemove(workspace.inboxURL.appendingPathComponent(item.path).path, errno)))
                continue
            }
            fault.reached(.remove, fileNumber: item.number)
            switch outcome.kind {
            case .duplicate(let original):
                events.append(CollectEvent(kind: .duplicate, fileName: item.path, unitCode: original.unitCode,
                                           period: original.period, index: item.number, total: total, detail: original.name))
            case .submissions(let committed):
                events += committed.map { CollectEvent($0, index: item.number, total: total) }
            }
        }
        return events
    }

    /// The archive's receipts of the batch's committed files, made durable before any of them
    /// leaves inbox/. Returns the files whose receipt could not be written, by number.
    private func writeReceipts(_ batch: PreparedBatch, recorded: [Result<RecordedOutcome, JixiaoError>],
                               runID: Int64) -> [Int: String] {
        let archive = Archive(directory: workspace.archiveURL)
        var failed: [Int: String] = [:]
        // One entry and one result per item that was read, in order.
        for (entry, result) in zip(batch.entries, recorded) {
            guard case .success(let outcome) = result else { continue }
            let file = entry.file
            do {
                try archive.addReceipt(Receipt(file: outcome.fileID, run: runID, path: file.path, size: file.size,
                                               receivedAt: LedgerTime.text(file.receivedAt)), hash: file.hash)
            } catch {
                failed[entry.number] = error.message
            }
        }
        archive.syncDirectory()
        return failed
    }

    /// The batch in one transaction; should that fail, file by file, so one bad file
    /// costs only its own outcome (it stays in inbox/ and is reported).
    private func recordIsolatingFailures(_ entries: [LedgerEntry], runID: Int64) -> [Result<RecordedOutcome, JixiaoError>] {
        let fault = self.fault
        let hook: (Int) -> Void = { number in fault.reached(.insert, fileNumber: number) }
        if let all = try? ledger.record(entries, runID: runID, inserted: hook) {
            return all.map { .success($0) }
        }
        return entries.map { entry in
            do {
                return .success(try ledger.record([entry], runID: runID, inserted: hook)[0])
            } catch {
                return .failure(.io(LedgerMessages.writeFailed(error)))
            }
        }
    }

    /// A run killed after committing a file but before deleting it left the file in
    /// inbox/; it is recorded, so its receipt is completed and it only has to go (if it is
    /// still the same bytes).
    private func finishInterruptedRemovals() throws {
        let pending = try ledger.pendingRemovals()
        guard !pending.isEmpty else { return }
        let archive = Archive(directory: workspace.archiveURL)
        for (path, hash) in pending {
            if let file = try ledger.receivedFile(path: path, hash: hash) {
                try archive.addReceipt(Receipt(file: file.id, run: file.run, path: file.name, size: file.size,
                                               receivedAt: file.receivedAt), hash: hash)
            }
        }
        archive.syncDirectory()
        // Recorded by the name people see, which for a GBK folder is not its bytes on disk.
        let onDisk = Dictionary(grouping: (try? InboxScanner.scan(workspace.inboxURL).files) ?? [], by: \.name)
        var directories = Set<RawPath>()
        for (path, hash) in pending {
            for file in onDisk[path] ?? [] {
                guard let data = try? InboxScanner.read(file.location, name: path, limit: workspace.config.limits.maxTotalBytes),
                      SHA256.hex(data) == hash else { continue }
                _ = file.location.removeFile()
                directories.insert(file.location.parent)
            }
        }
        directories.forEach { $0.syncDirectory() }
        try ledger.clearPendingRemovals()
    }

    /// A ledger from before the archive kept receipts: they are written once from its files.
    private func backfillReceipts() throws {
        let archive = Archive(directory: workspace.archiveURL)
        guard !FileManager.default.fileExists(atPath: archive.receiptsDirectory.path) else { return }
        for file in try ledger.receivedFiles() {
            try archive.addReceipt(Receipt(file: file.id, run: file.run, path: file.name, size: file.size,
                                           receivedAt: file.receivedAt), hash: file.hash)
        }
        try FileManager.default.createDirectory(at: archive.receiptsDirectory, withIntermediateDirectories: true)
        archive.syncDirectory()
    }
}

/// A ledger write running on its own thread while the next batch is parsed.
final class BackgroundCommit: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read after `wait`.
    private var result: [Result<RecordedOutcome, JixiaoError>] = []

    init(start work: @escaping @Sendable () -> [Result<RecordedOutcome, JixiaoError>]) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    func wait() -> [Result<RecordedOutcome, JixiaoError>] {
        done.wait()
        return result
    }
}

/// Runs a closure over an array on all cores, keeping the order of results.
enum Parallel {
    static func map<T: Sendable, R: Sendable>(_ input: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard input.count > 1 else { return input.map(transform) }
        let results = ResultSlots<R>(count: input.count)
        DispatchQueue.concurrentPerform(iterations: input.count) { i in
            results.set(i, transform(input[i]))
        }
        return results.values
    }

    /// Each slot is written by exactly one iteration; the lock orders those writes
    /// before the final read.
    private final class ResultSlots<R: Sendable>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: R) {
            lock.lock()
            slots[i] = value
            lock.unlock()
        }

        var values: [R] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
