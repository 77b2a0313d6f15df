import CZip
import Dispatch
import Foundation
import Synchronization

/// One large member inflated on a second thread into a buffer that never moves, while the
/// caller's thread parses the bytes that have already arrived. On two cores a big sheet
/// then costs about its parse time rather than inflate time plus parse time.
///
/// The producer publishes how many bytes are ready with release ordering; the consumer
/// reads it with acquire ordering and only ever touches bytes below that mark.
final class InflatingMember: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let name: String
    private let capacity: Int
    private let filled = Atomic<Int>(0)
    private let finished = Atomic<Bool>(false)
    private let cancelled = Atomic<Bool>(false)
    /// Written by the producer before `finished` is set; read after the group is joined.
    private var failure: ReadError?
    private let group = DispatchGroup()
    private var joined = false

    /// Starts inflating `file` (opened by the caller, closed by `finish`) with the archive's limits.
    init(file: OpaquePointer, entry: ZipEntry, limits: ReadLimits, alreadyInflated: Int) {
        name = entry.name
        // The declared size plus one byte: a member longer than it says is caught, never overrun.
        capacity = entry.uncompressedSize + 1
        base = ZipArchive.allocate(capacity)?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        nonisolated(unsafe) let handle = file
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            produce(handle, entry: entry, limits: limits, alreadyInflated: alreadyInflated)
            zip_fclose(handle)
        }
    }

    deinit {
        cancelled.store(true, ordering: .relaxed)
        group.wait()
        free(base)
    }

    private func produce(_ file: OpaquePointer, entry: ZipEntry, limits: ReadLimits, alreadyInflated: Int) {
        let budget = InflateBudget(entry: entry, limits: limits, alreadyInflated: alreadyInflated)
        var done = 0
        defer { finished.store(true, ordering: .releasing) }
        while !cancelled.load(ordering: .relaxed) {
            let n = zip_fread(file, base + done, zip_uint64_t(min(1 << 18, capacity - done)))
            if n < 0 {
                failure = .truncatedArchive(ReadMessages.memberUnreadable(name, code: Int(zip_error_code_zip(zip_file_get_error(file)))))
                return
            }
            if n == 0 { return }
            done += Int(n)
            if let violation = budget.violation(after: done) {
                failure = violation
                return
            }
            if done == capacity {
                failure = .truncatedArchive(ReadMessages.memberUnreadable(name, code: Int(ZIP_ER_INCONS)))
                return
            }
            filled.store(done, ordering: .releasing)
        }
    }

    /// Waits until more than `count` bytes are ready or inflating has ended; returns the bytes
    /// ready and whether more may come.
    func wait(beyond count: Int) -> (available: Int, more: Bool) {
        var spins = 0
        while true {
            let ended = finished.load(ordering: .acquiring)
            let available = filled.load(ordering: .acquiring)
            if ended { return (available, false) }
            if available > count { return (available, true) }
            // A chunk takes well under a millisecond: yield first, then sleep briefly so a
            // producer that shares this core gets it.
            spins += 1
            if spins < 64 { sched_yield() } else { usleep(100) }
        }
    }

    /// Stops the producer if it is still running and reports its error, if any; returns the
    /// bytes it inflated (for the archive's running total).
    func finish(cancel: Bool = false) throws(ReadError) -> Int {
        if cancel { cancelled.store(true, ordering: .relaxed) }
        group.wait()
        if let failure { throw failure }
        return filled.load(ordering: .acquiring)
    }
}

extension ZipArchive {
    /// Opens a member for `InflatingMember`, or nil when it is too small to be worth a thread.
    func startInflating(_ entry: ZipEntry) throws(ReadError) -> InflatingMember? {
        // Only members whose declared size passes every limit: the buffer is sized from it.
        let budget = InflateBudget(entry: entry, limits: limits, alreadyInflated: inflatedBytes)
        guard entry.uncompressedSize >= limits.concurrentInflateBytes, entry.uncompressedSize < budget.firstGuessCap else { return nil }
        guard let file = zip_fopen_index(archive, zip_uint64_t(entry.index), 0) else { return nil }
        return InflatingMember(file: file, entry: entry, limits: limits, alreadyInflated: inflatedBytes)
    }

    func finishInflating(_ member: InflatingMember, cancel: Bool = false) throws(ReadError) {
        let bytes = try member.finish(cancel: cancel)
        recordInflated(bytes)
    }
}
