import Foundation

/// The 工作量 entries of a snapshot, read pass by pass like `ActivityRecords`: a province's
/// year holds hundreds of thousands, and a report needs only their sums and the few it lists.
/// Every pass gives the entries in unit code, month and entry order.
public struct WorkloadEntries: Sendable {
    /// One pass over the entries of `items` (nil: every item).
    public typealias Pass = @Sendable (_ items: Set<WorkloadItem>?, _ body: (WorkloadEntry) throws -> Void) throws -> Void

    private let pass: Pass

    /// Entries read on demand, by a pass that keeps the order above.
    public init(reading pass: @escaping Pass) {
        self.pass = pass
    }

    /// Entries in memory, in the array's order.
    public init(_ entries: [WorkloadEntry]) {
        pass = { items, body in
            for e in entries where items?.contains(e.item) ?? true { try body(e) }
        }
    }

    public func forEach(_ body: (WorkloadEntry) throws -> Void) throws {
        try pass(nil, body)
    }

    /// The entries of `items` only; the ledger does not even read the others.
    public func forEach(items: Set<WorkloadItem>, _ body: (WorkloadEntry) throws -> Void) throws {
        guard !items.isEmpty else { return }
        try pass(items, body)
    }

    /// Every entry in one array: for tests and small years only.
    public func collected() throws -> [WorkloadEntry] {
        var out: [WorkloadEntry] = []
        try forEach { out.append($0) }
        return out
    }
}

extension WorkloadEntries: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: WorkloadEntry...) {
        self.init(elements)
    }
}

/// The files of a snapshot with their outcomes and diagnostics, newest run first and in the
/// order received within a run, read pass by pass: 校验报告 lists every one of a year's tens
/// of thousands, the call list and the return copies only the rejected ones.
public struct FileOutcomes: Sendable {
    /// One pass over the files whose status is in `statuses` (nil: every file).
    public typealias Pass = @Sendable (_ statuses: Set<SubmissionStatus>?, _ body: (FileOutcome) throws -> Void) throws -> Void

    private let pass: Pass

    /// Files read on demand, by a pass that keeps the order above.
    public init(reading pass: @escaping Pass) {
        self.pass = pass
    }

    /// Files in memory, put in the order above (a run's files keep the array's order).
    public init(_ files: [FileOutcome]) {
        let ordered = files.enumerated().sorted { a, b in
            a.element.runID != b.element.runID ? a.element.runID > b.element.runID : a.offset < b.offset
        }.map(\.element)
        pass = { statuses, body in
            for f in ordered where statuses?.contains(f.status) ?? true { try body(f) }
        }
    }

    public func forEach(_ body: (FileOutcome) throws -> Void) throws {
        try pass(nil, body)
    }

    /// The files with one of `statuses`; the ledger does not read the others' diagnostics.
    public func forEach(statuses: Set<SubmissionStatus>, _ body: (FileOutcome) throws -> Void) throws {
        guard !statuses.isEmpty else { return }
        try pass(statuses, body)
    }

    /// Every file in one array: for tests and small years only.
    public func collected() throws -> [FileOutcome] {
        var out: [FileOutcome] = []
        try forEach { out.append($0) }
        return out
    }
}

extension FileOutcomes: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: FileOutcome...) {
        self.init(elements)
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
