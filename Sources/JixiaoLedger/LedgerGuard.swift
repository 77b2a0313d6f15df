import Foundation
import GRDB
import JixiaoWorkspace

/// Opening a workspace's ledger refuses rather than guesses: a ledger that is gone while the
/// archive holds files would give a table of zeros, a damaged one would take new files into
/// a store that cannot be read back, and one written by a newer jixiao may mean what this
/// version does not know.
extension Ledger {
    public enum Check: Sendable {
        /// Everything that is cheap: the file is there (or the workspace is new) and its
        /// schema is one this version knows. For commands that only read.
        case presence
        /// Also `PRAGMA quick_check`: for commands about to record, before inbox/ is touched.
        case integrity
    }

    public static func open(for workspace: Workspace, check: Check) throws(JixiaoError) -> Ledger {
        let url = workspace.ledgerURL
        if !FileManager.default.fileExists(atPath: url.path), archiveHoldsFiles(workspace.archiveURL) {
            throw .io(LedgerMessages.ledgerMissing(workspace.root.path))
        }
        let ledger: Ledger
        do {
            ledger = try openChecked(at: url)
        } catch let error as JixiaoError {
            throw error
        } catch {
            throw .io(describe(error, workspace: workspace))
        }
        // An empty file opens as a new, empty database: with receptions recorded in the
        // archive it is a lost ledger, not a fresh one. (Copies alone are not enough: a run
        // that could not commit leaves copies and no receipt.)
        if archiveHoldsReceipts(workspace.archiveURL), (try? ledger.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") }) == 0 {
            throw .io(LedgerMessages.ledgerMissing(workspace.root.path))
        }
        if case .integrity = check {
            let result: String
            do {
                result = try ledger.pool.read { db in
                    try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ")
                }
            } catch {
                throw .io(describe(error, workspace: workspace))
            }
            guard result == "ok" else { throw .io(LedgerMessages.ledgerDamaged(workspace.root.path, detail: result)) }
        }
        return ledger
    }

    /// Only what SQLite calls corruption is "damaged": a full disk or a read error says so
    /// instead, so nobody rebuilds a sound ledger for want of disk space.
    private static func describe(_ error: Error, workspace: Workspace) -> String {
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_CORRUPT || db.resultCode == .SQLITE_NOTADB {
            return LedgerMessages.ledgerDamaged(workspace.root.path, detail: LedgerMessages.reason(error))
        }
        return LedgerMessages.ledgerUnavailable(workspace.ledgerURL.path, detail: LedgerMessages.reason(error))
    }

    /// `open(at:)`, refusing a ledger whose migrations this version does not know.
    private static func openChecked(at url: URL) throws -> Ledger {
        if FileManager.default.fileExists(atPath: url.path) {
            let probe = try DatabaseQueue(path: url.path, configuration: readOnly)
            let superseded = try probe.read { db in try LedgerSchema.migrator.hasBeenSuperseded(db) }
            try probe.close()
            if superseded { throw JixiaoError.io(LedgerMessages.ledgerFromNewerVersion(url.path)) }
        }
        return try open(at: url)
    }

    private static var readOnly: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }

    static func archiveHoldsReceipts(_ archive: URL) -> Bool {
        let receipts = (try? FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent("receipts").path)) ?? []
        return receipts.contains { !$0.hasPrefix(".") }
    }

    /// Anything received: a copy or a receipt in archive/.
    static func archiveHoldsFiles(_ archive: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? []
        return names.contains { name in
            guard !name.hasPrefix(".") else { return false }
            guard name == "receipts" else { return true }
            let receipts = (try? FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent(name).path)) ?? []
            return receipts.contains { !$0.hasPrefix(".") }
        }
    }
}
