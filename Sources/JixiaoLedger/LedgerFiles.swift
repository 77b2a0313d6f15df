import Foundation
import GRDB

/// A `files` row: one file received, as the archive's receipts repeat it.
package struct ReceivedFile: Sendable, Hashable {
    package var id: Int64
    package var run: Int64
    package var hash: String
    /// Its path in inbox/, the name users see.
    package var name: String
    package var size: Int64
    package var receivedAt: String
    package var isDuplicate: Bool
}

extension Ledger {
    /// Every file received, in the order received.
    package func receivedFiles() throws -> [ReceivedFile] {
        try pool.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT id, run_id, hash, name, size, received_at, outcome FROM files ORDER BY id")
                .map(Self.receivedFile)
        }
    }

    /// The latest file recorded from `path` with these bytes.
    package func receivedFile(path: String, hash: String) throws -> ReceivedFile? {
        try pool.read { db in
            try GRDB.Row.fetchOne(db, sql: """
                SELECT id, run_id, hash, name, size, received_at, outcome FROM files WHERE name = ? AND hash = ?
                ORDER BY id DESC LIMIT 1
                """, arguments: [path, hash]).map(Self.receivedFile)
        }
    }

    private static func receivedFile(_ row: GRDB.Row) -> ReceivedFile {
        ReceivedFile(id: row["id"], run: row["run_id"], hash: row["hash"], name: row["name"], size: row["size"],
                     receivedAt: row["received_at"], isDuplicate: (row["outcome"] as String) == "duplicate")
    }
}
