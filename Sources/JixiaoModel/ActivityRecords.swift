import Foundation

/// The counted 活动明细 records of a snapshot, read as often as a stage needs them and never
/// all held at once: a year of a province is millions of rows. Each `forEach` is one pass;
/// the ledger answers it with a cursor, a test with an array.
///
/// A record's *position* is its place in the full listing (unit code, month, row): the same
/// in every pass over the same records, so a pass can mark positions (`PositionSet`) and a
/// later one read only those, without decoding the rest.
public struct ActivityRecords: Sendable {
    public enum Listing: Sendable {
        /// Every record in unit code, month and row order; `only`: just those positions.
        case all(only: PositionSet?)
        /// The records of these units, unit by unit in the order given, each by month and row.
        case units([String])
    }

    /// One pass; `body` gets each record with its position (in `.units` listings, its count).
    public typealias Pass = @Sendable (_ listing: Listing, _ body: (Int, ActivityRecord) throws -> Void) throws -> Void

    private let pass: Pass

    /// Records read on demand, by a pass that keeps the orders above.
    public init(reading pass: @escaping Pass) {
        self.pass = pass
    }

    /// Records in memory: the full listing is the array's own order; by unit, each unit's
    /// by month, source file and row.
    public init(_ records: [ActivityRecord]) {
        pass = { listing, body in
            switch listing {
            case .all(let only):
                for (i, r) in records.enumerated() where only?.contains(i) ?? true { try body(i, r) }
            case .units(let units):
                var byUnit: [String: [Int]] = [:]
                for (i, r) in records.enumerated() { byUnit[r.unitCode, default: []].append(i) }
                var n = 0
                for code in units {
                    let indices = (byUnit[code] ?? []).sorted { a, b in
                        let x = records[a], y = records[b]
                        if x.period != y.period { return x.period < y.period }
                        if x.source.file != y.source.file { return x.source.file < y.source.file }
                        if x.source.row != y.source.row { return x.source.row < y.source.row }
                        return a < b
                    }
                    for i in indices {
                        try body(n, records[i])
                        n += 1
                    }
                }
            }
        }
    }

    /// Every record, in unit code, month and row order.
    public func forEach(_ body: (ActivityRecord) throws -> Void) throws {
        try pass(.all(only: nil)) { _, r in try body(r) }
    }

    /// Every record with its position.
    public func forEachPositioned(_ body: (Int, ActivityRecord) throws -> Void) throws {
        try pass(.all(only: nil), body)
    }

    /// The records at `positions`, in listing order; the others are not even decoded.
    public func forEach(at positions: PositionSet, _ body: (ActivityRecord) throws -> Void) throws {
        try pass(.all(only: positions)) { _, r in try body(r) }
    }

    /// The records of `units`, unit by unit in that order, each unit's by month and row.
    public func forEach(units: [String], _ body: (ActivityRecord) throws -> Void) throws {
        try pass(.units(units)) { _, r in try body(r) }
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

/// A listing gave other records than the pass that counted them: the ledger changed while a
/// report read it. The counts and the rows listed would disagree, so the report stops.
public struct RecordsChanged: Error, Sendable, CustomStringConvertible {
    public let expected: Int
    public let listed: Int
    /// What was listed: 活动记录, 工作量.
    public let what: String

    public init(expected: Int, listed: Int, what: String = "活动记录") {
        self.expected = expected
        self.listed = listed
        self.what = what
    }

    public var description: String {
        "生成报表期间台账中的\(what)有变动（计数时 \(expected) 条，列出时 \(listed) 条），为免汇总数与明细不符，本次不生成报表，"
            + "out/ 中仍是上次的报表。请确认没有其他程序在改动 ledger.sqlite 后重新运行 jixiao report"
    }
}

/// Positions of a listing, one bit each: a term of a million-row year marks its rows in
/// 125 KB.
public struct PositionSet: Sendable, Hashable {
    private var words: [UInt64] = []
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ position: Int) {
        let (word, bit) = position.quotientAndRemainder(dividingBy: 64)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        let mask: UInt64 = 1 << UInt64(bit)
        if words[word] & mask == 0 {
            words[word] |= mask
            count += 1
        }
    }

    public func contains(_ position: Int) -> Bool {
        let (word, bit) = position.quotientAndRemainder(dividingBy: 64)
        return word < words.count && words[word] & (1 << UInt64(bit)) != 0
    }
}
