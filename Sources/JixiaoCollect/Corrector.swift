import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

/// `jixiao withdraw` and `jixiao restore`: which version of a unit-month counts, changed by
/// hand with a reason. Each is a ledger event, mirrored to the archive
/// (`archive/receipts/corrections/`) so that `rebuild` replays it in its place.
///
/// The ledger is written first, then the archive: a mirror that could not be written is
/// written again by the next withdraw, restore or collect, before anything else.
public struct Corrector: Sendable {
    public let workspace: Workspace
    public let ledger: Ledger

    public init(workspace: Workspace, ledger: Ledger) {
        self.workspace = workspace
        self.ledger = ledger
    }

    /// Withdraws the accepted submission `typed` names (as received, or by content hash).
    public func withdraw(_ typed: String, reason: String, now: Date) throws(JixiaoError) -> CorrectionOutcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .configuration(CorrectionMessages.reasonRequired) }
        return try apply(.withdraw, typed, reason: reason, now: now)
    }

    /// Makes the earlier (superseded or withdrawn) submission `typed` names count again.
    public func restore(_ typed: String, reason: String, now: Date) throws(JixiaoError) -> CorrectionOutcome {
        try apply(.restore, typed, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), now: now)
    }

    private func apply(_ action: Correction.Action, _ typed: String, reason: String, now: Date) throws(JixiaoError) -> CorrectionOutcome {
        let archive = Archive(directory: workspace.archiveURL)
        try archive.addMissingCorrections(from: ledger)
        let submissions: [CorrectableSubmission]
        do { submissions = try ledger.correctableSubmissions() } catch { throw .io(LedgerMessages.writeFailed(error)) }
        let target = try CorrectionTarget.resolve(typed, in: submissions)
        let applied: AppliedCorrection
        do {
            applied = try ledger.correct(action, submission: target.id, reason: reason, at: now)
        } catch let refusal as CorrectionRefusal {
            throw .configuration(CorrectionMessages.refused(action, target, refusal))
        } catch {
            throw .io(LedgerMessages.writeFailed(error))
        }
        do {
            try archive.addCorrection(CorrectionReceipt(applied))
        } catch {
            throw .io(CorrectionMessages.mirrorFailed(applied, detail: error.message))
        }
        return CorrectionOutcome(applied)
    }
}

/// What a withdrawal or restoration did, for its log line.
public struct CorrectionOutcome: Sendable {
    public var correction: Correction
    /// Activities of the version counting before and after (nil: none counted).
    public var activities: (before: Int?, after: Int?)

    init(_ applied: AppliedCorrection) {
        correction = applied.correction
        activities = (applied.countedBefore?.activities, applied.countsAfter?.activities)
    }

    public var line: String { CorrectionMessages.logLine(self) }
}

/// Finding the submission a withdraw or restore means: by the name the log and 校验报告 show,
/// by its last path part, or by its content hash (or a prefix of at least 8 hex digits).
/// More than one match is refused with the candidates listed, never picked.
enum CorrectionTarget {
    static let shortestHashPrefix = 8

    static func resolve(_ typed: String, in submissions: [CorrectableSubmission]) throws(JixiaoError) -> CorrectableSubmission {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .configuration(CorrectionMessages.targetRequired) }
        let lower = text.lowercased()
        let isHex = lower.allSatisfy { $0.isHexDigit }
        if isHex, lower.count >= shortestHashPrefix {
            let byHash = submissions.filter { $0.hash.hasPrefix(lower) }
            if !byHash.isEmpty { return try single(byHash, typed: text) }
        }
        let byName = submissions.filter { $0.name == text || $0.receivedName == text }
        if !byName.isEmpty { return try single(byName, typed: text) }
        let byLastPart = submissions.filter { lastPart($0.name) == text }
        if !byLastPart.isEmpty { return try single(byLastPart, typed: text) }
        throw .configuration(CorrectionMessages.unknown(text, suggestions: suggestions(for: text, in: submissions),
                                                        looksLikeHash: isHex ? lower.count >= shortestHashPrefix : nil))
    }

    /// One submission, or a refusal listing them. A duplicate never counts, so it is one only
    /// when nothing else matches (and is then refused as a duplicate).
    private static func single(_ matches: [CorrectableSubmission], typed: String) throws(JixiaoError) -> CorrectableSubmission {
        let counted = matches.filter { $0.status != .duplicate }
        let candidates = counted.isEmpty ? Array(matches.prefix(1)) : counted
        guard candidates.count == 1, let only = candidates.first else {
            throw .configuration(CorrectionMessages.ambiguous(typed, candidates))
        }
        return only
    }

    static func lastPart(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }

    /// The one name within a slip of what was typed, else the names containing it.
    static func suggestions(for typed: String, in submissions: [CorrectableSubmission]) -> [String] {
        let names = Array(Set(submissions.filter { $0.status != .duplicate }.map(\.name))).sorted()
        if let near = Spelling.nearest(to: typed, in: names) { return [near] }
        let byLastPart = Dictionary(names.map { (lastPart($0), $0) }, uniquingKeysWith: { first, _ in first })
        if let near = Spelling.nearest(to: typed, in: Array(byLastPart.keys)), let name = byLastPart[near] { return [name] }
        let lower = typed.lowercased()
        return names.filter { $0.lowercased().contains(lower) }
    }
}

/// One correction as the archive keeps it (`archive/receipts/corrections/000001.json`): the
/// submission by its file's id, which rebuild keeps, and its name within that file.
struct CorrectionReceipt: Codable, Sendable, Hashable {
    var id: Int64
    var action: Correction.Action
    /// As the ledger stores it (ISO 8601, UTC).
    var madeAt: String
    var file: Int64
    var hash: String
    var submission: String
    var reason: String
    /// The newest file received when it was made: it is replayed right after that one.
    var afterFile: Int64

    init(_ applied: AppliedCorrection) {
        id = applied.id
        action = applied.action
        madeAt = LedgerTime.text(applied.madeAt)
        file = applied.submission.fileID
        hash = applied.submission.hash
        submission = applied.submission.name
        reason = applied.reason
        afterFile = applied.afterFile
    }

    init(_ stored: StoredCorrection) {
        id = stored.id
        action = stored.action
        madeAt = stored.madeAt
        file = stored.fileID
        hash = stored.hash
        submission = stored.submissionName
        reason = stored.reason
        afterFile = stored.afterFile
    }
}

extension Archive {
    static let correctionsFolder = "corrections"

    var correctionsDirectory: URL { receiptsDirectory.appendingPathComponent(Archive.correctionsFolder, isDirectory: true) }

    static func correctionFileName(_ id: Int64) -> String { String(format: "%06lld.json", id) }

    /// Writes one correction, durably. Writing the same one again changes nothing.
    func addCorrection(_ receipt: CorrectionReceipt) throws(JixiaoError) {
        let url = correctionsDirectory.appendingPathComponent(Archive.correctionFileName(receipt.id))
        do {
            try FileManager.default.createDirectory(at: correctionsDirectory, withIntermediateDirectories: true)
        } catch {
            throw .io(CollectMessages.cannotWriteArchive(correctionsDirectory.path, detail: error.localizedDescription))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(receipt) } catch { throw .io(CollectMessages.cannotWriteArchive(url.path, detail: "\(error)")) }
        try AtomicFile.store(data, at: url, syncingDirectory: true, syncingData: true)
    }

    /// Every correction in the archive in the order made, with the files that could not be read.
    func allCorrections() -> (corrections: [CorrectionReceipt], unreadable: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: correctionsDirectory.path)) ?? []
        var out: [CorrectionReceipt] = []
        var unreadable: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let url = correctionsDirectory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let receipt = try? JSONDecoder().decode(CorrectionReceipt.self, from: data),
                  name == Archive.correctionFileName(receipt.id) else {
                unreadable.append("\(Archive.receiptsFolder)/\(Archive.correctionsFolder)/\(name)")
                continue
            }
            out.append(receipt)
        }
        return (out.sorted { $0.id < $1.id }, unreadable)
    }

    /// The ledger's corrections whose mirror is not in the archive yet (a write that failed,
    /// or a ledger from before corrections were mirrored) are written now.
    func addMissingCorrections(from ledger: Ledger) throws(JixiaoError) {
        let stored: [StoredCorrection]
        do { stored = try ledger.storedCorrections() } catch { throw .io(LedgerMessages.writeFailed(error)) }
        guard !stored.isEmpty else { return }
        let present = Set(allCorrections().corrections.map(\.id))
        for correction in stored where !present.contains(correction.id) {
            try addCorrection(CorrectionReceipt(correction))
        }
    }
}
