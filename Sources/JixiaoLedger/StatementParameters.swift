import GRDB
import GRDBSQLite
import JixiaoModel
import JixiaoWorkspace

/// The values of one execution of a many-parameter statement, bound straight through
/// SQLite's C API. Text goes into one byte buffer that outlives the execution, so SQLite
/// reads it in place (SQLITE_STATIC) instead of copying each string into its own
/// allocation; and no `DatabaseValue` is boxed per value. The activity records of a
/// batch are thousands of rows of sixteen values, which GRDB's argument path spent most
/// of the ledger's time on.
struct StatementParameters {
    private enum Slot {
        case text(offset: Int, count: Int)
        case integer(Int64)
        case null
    }

    // Starts with one byte, so that empty text points into the buffer: a nil pointer
    // would bind NULL instead of ''.
    private var bytes: [UInt8] = [0]
    private var slots: [Slot] = []

    init(capacity: Int) {
        slots.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 16)
    }

    var count: Int { slots.count }

    mutating func removeAll() {
        bytes.removeSubrange(1...)
        slots.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: String) {
        var text = text
        let offset = bytes.count
        text.withUTF8 { bytes.append(contentsOf: $0) }
        slots.append(.text(offset: offset, count: bytes.count - offset))
    }

    mutating func append(_ value: Int) { slots.append(.integer(Int64(value))) }

    mutating func append(_ value: Int64) { slots.append(.integer(value)) }

    mutating func append(_ value: Int?) { slots.append(value.map { .integer(Int64($0)) } ?? .null) }

    /// A 活动明细 value as its `records` column stores it: dates as `2025-03-05`, choices as written.
    mutating func append(_ value: ActivityValue) {
        switch value {
        case .text(let s), .choice(let s): append(s)
        case .integer(let n): append(n)
        case .date(let d): append(d.description)
        }
    }

    /// Runs `statement` once with these values, which must be exactly one per `?` of its SQL.
    func execute(_ statement: Statement) throws {
        // Resets the statement and clears its bindings; GRDB then executes with the
        // bindings made here.
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // The buffer's pointer is valid only in here: leave no binding to it behind.
            defer { sqlite3_clear_bindings(handle) }
            for (i, slot) in slots.enumerated() {
                let index = Int32(i + 1)
                let code: Int32
                switch slot {
                case .text(let offset, let count):
                    code = UnsafeRawPointer(base + offset).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                        sqlite3_bind_text(handle, index, $0, Int32(count), nil)
                    }
                case .integer(let value):
                    code = sqlite3_bind_int64(handle, index, value)
                case .null:
                    code = sqlite3_bind_null(handle, index)
                }
                guard code == SQLITE_OK else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "bind \(index)", sql: statement.sql)
                }
            }
            try statement.execute()
        }
    }
}
