import Foundation
import GRDB
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening the ledger only to read it, for `status`: nothing is created, migrated or
/// locked, so it works on a workspace that is read-only (a copy on a CD, a share mounted
/// read-only, a directory the clerk may only look at).
extension Ledger {
    /// The same refusals as `open(for:check: .presence)`. Without a ledger file there is
    /// nothing to read, and the workspace is opened as usual (which creates it).
    public static func openReadOnly(for workspace: Workspace) throws(JixiaoError) -> Ledger {
        let url = workspace.ledgerURL
        guard FileManager.default.fileExists(atPath: url.path) else { return try open(for: workspace, check: .presence) }
        let (path, immutable) = readPath(url)
        // Read as immutable, SQLite ignores the -wal file: committed work still in it would be
        // missing from what status shows, so an unmerged -wal is refused, not read around.
        if immutable, let size = try? FileManager.default.attributesOfItem(atPath: url.path + "-wal")[.size] as? Int,
           size > 0 {
            throw .io(LedgerMessages.ledgerUnmergedInReadOnlyFolder(url.path))
        }
        let ledger: Ledger
        do {
            ledger = try Ledger(pool: DatabasePool(path: path, configuration: readOnlyConfiguration))
            let superseded = try ledger.pool.read { db in try LedgerSchema.migrator.hasBeenSuperseded(db) }
            if superseded { throw JixiaoError.io(LedgerMessages.ledgerFromNewerVersion(url.path)) }
        } catch let error as JixiaoError {
            throw error
        } catch {
            throw .io(LedgerMessages.ledgerUnavailable(url.path, detail: LedgerMessages.reason(error)))
        }
        if archiveHoldsReceipts(workspace.archiveURL), (try? ledger.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") }) == 0 {
            throw .io(LedgerMessages.ledgerMissing(workspace.root.path))
        }
        return ledger
    }

    /// In a folder nobody can write, no -wal/-shm can be made and so none is being written:
    /// SQLite is told the file is immutable and reads it as it stands. Elsewhere an
    /// ordinary read-only connection sees a concurrent run's committed work.
    static func readPath(_ url: URL) -> (path: String, immutable: Bool) {
        let folder = url.deletingLastPathComponent().path
        guard access(folder, W_OK) != 0 else { return (url.path, false) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return ("file:" + (url.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? url.path) + "?immutable=1", true)
    }

    static var readOnlyConfiguration: Configuration {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        return config
    }
}
