/// Caps against hostile or broken files, checked while streaming, before memory grows.
public struct ReadLimits: Hashable, Sendable {
    /// Entries in one archive (XLSX or ZIP bundle).
    public var maxEntries: Int
    /// Uncompressed bytes of one entry.
    public var maxEntryBytes: Int
    /// Uncompressed bytes of all entries read from one archive.
    public var maxTotalBytes: Int
    /// Uncompressed / compressed size of one entry, checked once it passes 1 MiB. Real sheets of
    /// very repetitive strings reach 121× (a 471 KB part inflating to 57 MB), so the 100× of
    /// Apache POI refuses good files; a single deflate layer tops out near 1,030×, where zip
    /// bombs sit. The absolute sizes below are the guard that bounds memory.
    public var maxCompressionRatio: Int
    /// Non-empty cells in one sheet.
    public var maxCellsPerSheet: Int
    /// Characters in one cell's text.
    public var maxCellTextLength: Int
    /// Element nesting depth in an XML part.
    public var maxXMLDepth: Int
    /// Not a limit but a tuning point: members at least this large are inflated on a second
    /// thread while they are parsed.
    public var concurrentInflateBytes: Int

    public init(maxEntries: Int = 10_000, maxEntryBytes: Int = 512 << 20, maxTotalBytes: Int = 1 << 30,
                maxCompressionRatio: Int = 500, maxCellsPerSheet: Int = 5_000_000,
                maxCellTextLength: Int = 32_767, maxXMLDepth: Int = 64, concurrentInflateBytes: Int = 8 << 20) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxCellTextLength = maxCellTextLength
        self.maxXMLDepth = maxXMLDepth
        self.concurrentInflateBytes = concurrentInflateBytes
    }

    public static let `default` = ReadLimits()
}
