import Foundation

/// Rows of a snapshot read pass by pass, like `ActivityRecords`, never held whole: a province's
/// year has hundreds of thousands of 工作量 entries and tens of thousands of files, and a
/// report needs their sums and the few it lists. A pass may ask for rows of some kinds only
/// (工作量 items, file statuses); the ledger does not even read the others.
public struct LedgerListing<Element: Sendable, Kind: Hashable & Sendable>: Sendable {
    /// One pass over the rows whose kind is in `only` (nil: every row), in the listing's order.
    public typealias Pass = @Sendable (_ only: Set<Kind>?, _ body: (Element) throws -> Void) throws -> Void

    private let pass: Pass

    /// Rows read on demand, by a pass that keeps the listing's order.
    public init(reading pass: @escaping Pass) {
        self.pass = pass
    }

    /// Rows in memory, in the array's order; `kind` says which kind a row is.
    public init(_ rows: [Element], kind: @escaping @Sendable (Element) -> Kind) {
        pass = { only, body in
            for row in rows where only?.contains(kind(row)) ?? true { try body(row) }
        }
    }

    public func forEach(_ body: (Element) throws -> Void) throws {
        try pass(nil, body)
    }

    /// The rows of these kinds only.
    public func forEach(only kinds: Set<Kind>, _ body: (Element) throws -> Void) throws {
        guard !kinds.isEmpty else { return }
        try pass(kinds, body)
    }

    /// Every row in one array: for tests and small years only.
    public func collected() throws -> [Element] {
        var out: [Element] = []
        try forEach { out.append($0) }
        return out
    }
}

/// The 工作量 entries of a snapshot, in unit code, month and entry order, by item.
public typealias WorkloadEntries = LedgerListing<WorkloadEntry, WorkloadItem>

/// The files of a snapshot with their outcomes and diagnostics, newest run first and in the
/// order received within a run, by status: 校验报告 lists every one, the call list and the
/// return copies only the rejected ones.
public typealias FileOutcomes = LedgerListing<FileOutcome, SubmissionStatus>

extension LedgerListing where Element == WorkloadEntry, Kind == WorkloadItem {
    /// Entries in memory, in the array's order.
    public init(_ entries: [WorkloadEntry]) {
        self.init(entries) { $0.item }
    }
}

extension LedgerListing where Element == FileOutcome, Kind == SubmissionStatus {
    /// Files in memory, put newest run first (a run's files keep the array's order).
    public init(_ files: [FileOutcome]) {
        let ordered = files.enumerated().sorted { a, b in
            a.element.runID != b.element.runID ? a.element.runID > b.element.runID : a.offset < b.offset
        }.map(\.element)
        self.init(ordered) { $0.status }
    }
}

/// The file an accepted submission came in: its name and hash find the copy in archive/.
public struct AcceptedFile: Sendable, Hashable {
    public var contentHash: String
    public var receivedName: String

    public init(contentHash: String, receivedName: String) {
        self.contentHash = contentHash
        self.receivedName = receivedName
    }
}

/// The accepted files of a snapshot, looked up unit by unit: 佐证材料 names the archived copy
/// of every row it lists, in unit order, and a year holds tens of thousands of them.
public struct AcceptedFiles: Sendable {
    public typealias Lookup = @Sendable (_ unitCode: String) throws -> [Period: AcceptedFile]

    private let lookup: Lookup

    public init(lookup: @escaping Lookup) {
        self.lookup = lookup
    }

    /// From files in memory: the accepted ones.
    public init(_ files: [FileOutcome]) {
        var byUnit: [String: [Period: AcceptedFile]] = [:]
        for f in files where f.status == .accepted {
            guard let unit = f.unitCode, let period = f.period else { continue }
            byUnit[unit, default: [:]][period] = AcceptedFile(contentHash: f.contentHash, receivedName: f.receivedName)
        }
        let found = byUnit
        lookup = { found[$0] ?? [:] }
    }

    /// The unit's accepted file of each month it has one.
    public func byMonth(of unitCode: String) throws -> [Period: AcceptedFile] {
        try lookup(unitCode)
    }
}
