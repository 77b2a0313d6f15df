import Foundation
import JixiaoLedger
import JixiaoWorkspace

/// `jixiao verify`: the archive and the ledger agree. Every receipt's copy is there with
/// the hash it was received with; every file of the ledger has its receipt and its copy;
/// every receipt is in the ledger; the ledger passes SQLite's quick check.
public struct ArchiveVerifier: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    public func run() -> VerifyReport {
        let archive = Archive(directory: workspace.archiveURL)
        var report = VerifyReport()
        let (receipts, unreadable) = archive.allReceipts()
        report.problems += unreadable.map(CollectMessages.verifyReceiptUnreadable)
        var checked = Set<String>()
        for (hash, receipt) in receipts {
            let url = archive.copyURL(hash: hash, path: receipt.path)
            guard checked.insert(url.lastPathComponent).inserted else { continue }
            report.copies += 1
            guard let data = FileManager.default.contents(atPath: url.path) else {
                report.problems.append(CollectMessages.verifyCopyMissing(url.lastPathComponent, receipt.path))
                continue
            }
            if SHA256.hex(data) != hash {
                report.problems.append(CollectMessages.verifyCopyAltered(url.lastPathComponent, receipt.path))
            }
        }
        guard FileManager.default.fileExists(atPath: workspace.ledgerURL.path) else {
            report.problems.append(CollectMessages.verifyLedgerMissing(workspace.root.path))
            return report
        }
        let files: [ReceivedFile]
        let corrections: [StoredCorrection]
        do {
            let ledger = try Ledger.open(for: workspace, check: .integrity)
            files = try ledger.receivedFiles()
            corrections = try ledger.storedCorrections()
        } catch {
            report.problems.append((error as? JixiaoError)?.message ?? "\(error)")
            return report
        }
        report.ledgerFiles = files.count
        let receiptsByFile = Dictionary(receipts.map { ($0.receipt.file, $0) }, uniquingKeysWith: { a, _ in a })
        for file in files {
            guard let (hash, receipt) = receiptsByFile[file.id] else {
                report.problems.append(CollectMessages.verifyNoReceipt(file.name, id: file.id))
                continue
            }
            if hash != file.hash || receipt.path != file.name || receipt.size != file.size {
                report.problems.append(CollectMessages.verifyReceiptDiffers(file.name, id: file.id))
            }
        }
        let known = Set(files.map(\.id))
        for (_, receipt) in receipts where !known.contains(receipt.file) {
            report.problems.append(CollectMessages.verifyNotInLedger(receipt.path, id: receipt.file))
        }
        report.problems += Self.compare(corrections, archive)
        return report
    }

    /// Every correction of the ledger has its archive record, saying the same, and back.
    static func compare(_ corrections: [StoredCorrection], _ archive: Archive) -> [String] {
        let (archived, unreadable) = archive.allCorrections()
        var problems = unreadable.map(CollectMessages.verifyReceiptUnreadable)
        let byID = Dictionary(archived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for c in corrections {
            guard let mirror = byID[c.id] else {
                problems.append(CorrectionMessages.verifyCorrectionNotArchived(c))
                continue
            }
            if mirror != CorrectionReceipt(c) { problems.append(CorrectionMessages.verifyCorrectionDiffers(c)) }
        }
        let known = Set(corrections.map(\.id))
        for r in archived where !known.contains(r.id) {
            problems.append(CorrectionMessages.verifyCorrectionNotInLedger(r))
        }
        return problems
    }
}

/// What verify found.
public struct VerifyReport: Sendable {
    public var copies = 0
    public var ledgerFiles = 0
    public var problems: [String] = []

    public var isClean: Bool { problems.isEmpty }
    public var line: String { CollectMessages.verifySummary(self) }
}
