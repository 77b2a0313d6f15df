import CZip
import Foundation

/// One member of a ZIP archive as listed in its central directory.
public struct ZipEntry: Hashable, Sendable {
    /// The member path, decoded (UTF-8 flag or strict UTF-8, else GB18030) with `/` separators.
    public var name: String
    public var index: Int
    /// Sizes as the archive declares them; reading never trusts them beyond a first guess.
    public var uncompressedSize: Int
    public var compressedSize: Int
    public var isDirectory: Bool

    public init(name: String, index: Int, uncompressedSize: Int, compressedSize: Int, isDirectory: Bool) {
        self.name = name
        self.index = index
        self.uncompressedSize = uncompressedSize
        self.compressedSize = compressedSize
        self.isDirectory = isDirectory
    }
}

/// The limits one member's inflating must stay within, checked after every chunk.
struct InflateBudget {
    let name: String
    let limits: ReadLimits
    let alreadyInflated: Int
    let ratioLimit: Int

    init(entry: ZipEntry, limits: ReadLimits, alreadyInflated: Int) {
        name = entry.name
        self.limits = limits
        self.alreadyInflated = alreadyInflated
        let ratio = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
        // Tiny members compress badly; the ratio only means something past a megabyte.
        ratioLimit = ratio.overflow ? Int.max : max(ratio.partialValue, 1 << 20)
    }

    /// The most a member may inflate to without breaking a limit.
    var firstGuessCap: Int { min(limits.maxEntryBytes, max(0, limits.maxTotalBytes - alreadyInflated), ratioLimit) }

    func violation(after bytes: Int) -> ReadError? {
        if bytes > limits.maxEntryBytes {
            return .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail(name, limits.maxEntryBytes))
        }
        if bytes > ratioLimit {
            return .limitExceeded(limit: ReadMessages.limitRatio, detail: ReadMessages.ratioDetail(name, limits.maxCompressionRatio))
        }
        if alreadyInflated + bytes > limits.maxTotalBytes {
            return .limitExceeded(limit: ReadMessages.limitTotalSize, detail: ReadMessages.bytesDetail(name, limits.maxTotalBytes))
        }
        return nil
    }
}

/// A ZIP archive held in memory and read through libzip; members are inflated into memory,
/// never extracted to disk.
public final class ZipArchive {
    public let limits: ReadLimits
    public private(set) var entries: [ZipEntry] = []
    let archive: OpaquePointer
    private let buffer: UnsafeMutableRawBufferPointer
    /// Bytes inflated from this archive so far, including reads stopped by a limit: what
    /// the limits bound, and what tests check to see that reading stopped early.
    public private(set) var inflatedBytes = 0
    private lazy var byLowercasedName: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, e) in entries.enumerated() where map[e.name.lowercased()] == nil { map[e.name.lowercased()] = i }
        return map
    }()

    public init(data: Data, limits: ReadLimits = .default) throws(ReadError) {
        self.limits = limits
        // libzip reads the buffer lazily, so it must outlive the archive: keep our own copy.
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
        _ = data.copyBytes(to: buffer.bindMemory(to: UInt8.self))
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(buffer.baseAddress, zip_uint64_t(data.count), 0, &error) else {
            buffer.deallocate()
            throw .truncatedArchive(ReadMessages.zipOpenFailed(code: Int(error.zip_err)))
        }
        guard let za = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            buffer.deallocate()
            throw ZipArchive.openError(code: error.zip_err, looksLikeZip: ContentSniffer.hasZipMagic(data))
        }
        archive = za
        // Every stored property is set: if listing throws, deinit releases the archive and buffer.
        entries = try listEntries()
    }

    deinit {
        zip_discard(archive)
        buffer.deallocate()
    }

    private static func openError(code: Int32, looksLikeZip: Bool) -> ReadError {
        switch code {
        case ZIP_ER_NOZIP where !looksLikeZip: return .notASpreadsheet
        case ZIP_ER_NOZIP: return .truncatedArchive(ReadMessages.zipEndMissing)
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD: return .legacyOrEncrypted
        default: return .truncatedArchive(ReadMessages.zipOpenFailed(code: Int(code)))
        }
    }

    private func listEntries() throws(ReadError) -> [ZipEntry] {
        let count = zip_get_num_entries(archive, 0)
        guard count >= 0 else { throw .truncatedArchive(ReadMessages.zipDirectoryDamaged) }
        guard count <= limits.maxEntries else {
            throw .limitExceeded(limit: ReadMessages.limitEntries, detail: ReadMessages.entriesDetail(Int(count), limits.maxEntries))
        }
        var list: [ZipEntry] = []
        list.reserveCapacity(Int(count))
        // Members are found by name, case-insensitively: two files of one name would leave it
        // to chance which one is read (and validated, and archived), so the archive is refused.
        var seen = Set<String>()
        seen.reserveCapacity(Int(count))
        for i in 0..<count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(archive, zip_uint64_t(i), zip_flags_t(ZIP_FL_ENC_RAW), &st) == 0,
                  let rawName = st.name else {
                throw .truncatedArchive(ReadMessages.zipDirectoryDamaged)
            }
            let name = ZipArchive.decodeName(rawName)
            var key = name.lowercased()
            while key.hasPrefix("/") { key.removeFirst() }
            if !name.hasSuffix("/"), !seen.insert(key).inserted {
                throw .truncatedArchive(ReadMessages.duplicateMember(name))
            }
            list.append(ZipEntry(name: name, index: Int(i),
                                 uncompressedSize: Int(clamping: st.size), compressedSize: Int(clamping: st.comp_size),
                                 isDirectory: name.hasSuffix("/")))
        }
        return list
    }

    /// Zips made on Chinese Windows store GBK names without the UTF-8 flag; real UTF-8 names
    /// (flagged or not) are valid UTF-8, GBK names almost never are.
    static func decodeName(_ raw: UnsafePointer<CChar>) -> String {
        let bytes = UnsafeRawBufferPointer(start: raw, count: strlen(raw))
        let decoded = String(validating: bytes, as: UTF8.self)
            ?? String(data: Data(bytes), encoding: TextDecoding.gb18030)
            ?? String(decoding: bytes, as: UTF8.self)
        return ZipArchive.forwardSlashes(decoded)
    }

    /// Adds bytes inflated elsewhere (by `InflatingMember`) to the running total.
    func recordInflated(_ bytes: Int) { inflatedBytes += bytes }

    /// Large members (sheet XML of big workbooks) go into memory backed by huge pages where
    /// the kernel offers them: one page fault per 2 MiB instead of one per 4 KiB.
    static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let huge = 2 << 20
        guard bytes >= 2 * huge else { return malloc(bytes) }
        var p: UnsafeMutableRawPointer?
        let rounded = (bytes + huge - 1) / huge * huge
        guard posix_memalign(&p, huge, rounded) == 0, let p else { return malloc(bytes) }
        _ = madvise(p, rounded, MADV_HUGEPAGE)
        return p
    }

    /// Windows zips and some writers use a backslash between folders.
    static func forwardSlashes(_ path: String) -> String {
        path.utf8.contains(UInt8(ascii: "\\")) ? String(path.map { $0 == "\\" ? "/" : $0 }) : path
    }

    /// The member with this path, compared case-insensitively (as Excel does), ignoring a leading `/`.
    public func entry(named name: String) -> ZipEntry? {
        var key = name.lowercased()
        while key.hasPrefix("/") { key.removeFirst() }
        return byLowercasedName[key].map { entries[$0] }
    }

    /// Inflates one member. Sizes are checked while inflating, so a member that lies
    /// about its size stops at the limit instead of filling memory.
    public func read(_ entry: ZipEntry) throws(ReadError) -> Data {
        guard let file = zip_fopen_index(archive, zip_uint64_t(entry.index), 0) else {
            let code = zip_error_code_zip(zip_get_error(archive))
            if code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD { throw .legacyOrEncrypted }
            throw .truncatedArchive(ReadMessages.memberUnreadable(entry.name, code: Int(code)))
        }
        defer { zip_fclose(file) }
        let budget = InflateBudget(entry: entry, limits: limits, alreadyInflated: inflatedBytes)
        // The declared size is only a first guess (it can lie either way); the buffer is
        // not zero-filled, and grows only while the limits allow.
        var capacity = max(1, min(entry.uncompressedSize, budget.firstGuessCap) + 1)
        guard var out = ZipArchive.allocate(capacity) else { throw .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail(entry.name, capacity)) }
        var filled = 0
        var keep = false
        defer { if !keep { free(out) } }
        let chunk = 1 << 16
        while true {
            if capacity - filled == 0 {
                capacity += max(capacity, chunk)
                guard let grown = realloc(out, capacity) else {
                    throw .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail(entry.name, capacity))
                }
                out = grown
            }
            let n = zip_fread(file, out + filled, zip_uint64_t(min(chunk, capacity - filled)))
            if n < 0 {
                let code = zip_error_code_zip(zip_file_get_error(file))
                throw .truncatedArchive(ReadMessages.memberUnreadable(entry.name, code: Int(code)))
            }
            if n == 0 { break }
            filled += Int(n)
            inflatedBytes += Int(n)
            if let violation = budget.violation(after: filled) { throw violation }
        }
        keep = true
        return Data(bytesNoCopy: out, count: filled, deallocator: .free)
    }
}
