import Foundation

/// The counted 活动明细 records of a snapshot, read as often as a stage needs them and never
/// all held at once: a year of a province is millions of rows. Each `forEach` is one pass;
/// the ledger answers it with a cursor, a test with an array.
public struct ActivityRecords: Sendable {
    /// One pass: `units` nil for every record in unit code, month and row order; otherwise
    /// the records of those units only, unit by unit in the order given, each by month and row.
    public typealias Pass = @Sendable (_ units: [String]?, _ body: (ActivityRecord) throws -> Void) throws -> Void

    private let pass: Pass

    /// Records read on demand, by a pass that keeps the orders above.
    public init(reading pass: @escaping Pass) {
        self.pass = pass
    }

    /// Records in memory, listed in the array's own order; by unit, each unit's by month,
    /// source file and row.
    public init(_ records: [ActivityRecord]) {
        pass = { units, body in
            guard let units else {
                try records.forEach(body)
                return
            }
            var byUnit: [String: [Int]] = [:]
            for (i, r) in records.enumerated() { byUnit[r.unitCode, default: []].append(i) }
            for code in units {
                let indices = (byUnit[code] ?? []).sorted { a, b in
                    let x = records[a], y = records[b]
                    if x.period != y.period { return x.period < y.period }
                    if x.source.file != y.source.file { return x.source.file < y.source.file }
                    if x.source.row != y.source.row { return x.source.row < y.source.row }
                    return a < b
                }
                for i in indices { try body(records[i]) }
            }
        }
    }

    /// Every record, in unit code, month and row order.
    public func forEach(_ body: (ActivityRecord) throws -> Void) throws {
        try pass(nil, body)
    }

    /// The records of `units`, unit by unit in that order, each unit's by month and row.
    public func forEach(units: [String], _ body: (ActivityRecord) throws -> Void) throws {
        try pass(units, body)
    }

    /// Every record in one array: for tests and small years only.
    public func collected() throws -> [ActivityRecord] {
        var out: [ActivityRecord] = []
        try forEach { out.append($0) }
        return out
    }
}

extension ActivityRecords: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: ActivityRecord...) {
        self.init(elements)
    }
}
