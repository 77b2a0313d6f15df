import Foundation
import GRDB
import JixiaoWorkspace

/// backups/: after each run a consistent copy of the ledger (`VACUUM INTO`, safe while the
/// ledger is open), the newest `backupsKept` kept. Named by run, so the order survives a
/// clock set back: `ledger-run000042-20261202T020000Z.sqlite`.
extension Ledger {
    public static let backupPrefix = "ledger-run"

    /// Writes the copy for `runID` and removes the oldest beyond what the workspace keeps.
    /// Returns the copy's URL, or nil when backups are turned off.
    @discardableResult
    public func backUp(in workspace: Workspace, runID: Int64, at date: Date) throws(JixiaoError) -> URL? {
        let keep = workspace.config.backupsKept
        guard keep > 0 else { return nil }
        let folder = workspace.backupsURL
        let stamp = LedgerTime.text(date).prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let name = "\(Self.backupPrefix)\(String(format: "%06lld", runID))-\(stamp)Z.sqlite"
        let target = folder.appendingPathComponent(name)
        let partial = folder.appendingPathComponent(".tmp-" + name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: partial)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial.path]) }
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: partial, to: target)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw .io(LedgerMessages.backupFailed(folder.path, detail: LedgerMessages.reason(error)))
        }
        AtomicFile.syncDirectory(folder.path)
        Self.removeOldBackups(in: folder, keeping: keep)
        return target
    }

    /// The backups in backups/, oldest first.
    public static func backups(in workspace: Workspace) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.backupsURL.path)) ?? []
        return names.filter { $0.hasPrefix(backupPrefix) && $0.hasSuffix(".sqlite") }.sorted()
            .map { workspace.backupsURL.appendingPathComponent($0) }
    }

    private static func removeOldBackups(in folder: URL, keeping keep: Int) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name.hasPrefix(".tmp-\(backupPrefix)") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let copies = names.filter { $0.hasPrefix(backupPrefix) && $0.hasSuffix(".sqlite") }
        for name in copies.dropLast(keep) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
    }
}
