import Foundation

/// An OLE2 compound file ([MS-CFB]): the container of .xls, .doc, .ppt, WPS .et and of
/// password-protected OOXML. Only what reading a stream needs: header, FAT (through the
/// DIFAT), mini-FAT and the directory.
///
/// Every sector number, chain and size claim is checked against the bytes actually present
/// before anything is allocated from it, so a hostile header cannot make memory grow: a
/// chain longer than the file has sectors is a loop, a sector past the end is damage, a
/// stream larger than the read limits is refused before it is assembled.
struct CompoundFile {
    struct Entry {
        var name: String
        /// 1 storage, 2 stream, 5 root ([MS-CFB] 2.6.1).
        var type: UInt8
        var startSector: UInt32
        var size: UInt64
    }

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let fat: [UInt32]
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []
    private let miniCutoff: UInt64
    let entries: [Entry]
    let limits: ReadLimits

    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let freeSector: UInt32 = 0xFFFF_FFFF
    /// Sector numbers above this are markers, never sectors.
    static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    static let headerSize = 512
    static let miniSectorSize = 64

    init(data: Data, limits: ReadLimits) throws(ReadError) {
        self.limits = limits
        guard data.count >= Self.headerSize, data.starts(with: ContentSniffer.ole2Magic) else {
            throw .damagedCompoundFile(ReadMessages.cfbHeaderShort)
        }
        if data.count > limits.maxTotalBytes {
            throw .limitExceeded(limit: ReadMessages.limitTotalSize, detail: ReadMessages.bytesDetail("文件", limits.maxTotalBytes))
        }
        let bytes = [UInt8](data)
        self.bytes = bytes
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        let shift = u16(0x1E)
        guard u16(0x1C) == 0xFFFE, shift == 9 || shift == 12, u16(0x20) == 6 else {
            throw .damagedCompoundFile(ReadMessages.cfbHeaderInvalid)
        }
        sectorSize = 1 << shift
        miniCutoff = UInt64(u32(0x38))
        // Sectors start after a header padded to one sector (512 or 4096 bytes).
        let sectorCount = max(0, (bytes.count - sectorSize + sectorSize - 1) / sectorSize)
        let perSector = sectorSize / 4

        let fatSectorCount = Int(u32(0x2C))
        let difatCount = Int(u32(0x48))
        // Each FAT sector maps perSector sectors: more FAT sectors than the file has sectors is a lie.
        guard fatSectorCount <= sectorCount, difatCount <= sectorCount else {
            throw .damagedCompoundFile(ReadMessages.cfbClaimTooLarge)
        }
        var fatSectors: [UInt32] = []
        fatSectors.reserveCapacity(fatSectorCount)
        for i in 0..<109 where fatSectors.count < fatSectorCount {
            fatSectors.append(u32(0x4C + i * 4))
        }
        var difat = u32(0x44)
        var difatSeen = 0
        while fatSectors.count < fatSectorCount {
            guard difat <= Self.maxRegularSector, Int(difat) < sectorCount else {
                throw .damagedCompoundFile(ReadMessages.cfbSectorOutOfRange)
            }
            difatSeen += 1
            guard difatSeen <= difatCount else { throw .damagedCompoundFile(ReadMessages.cfbChainLoop) }
            let base = (Int(difat) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            for i in 0..<(perSector - 1) where fatSectors.count < fatSectorCount {
                fatSectors.append(u32(base + i * 4))
            }
            difat = u32(base + (perSector - 1) * 4)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * perSector)
        for s in fatSectors {
            guard s <= Self.maxRegularSector else { throw .damagedCompoundFile(ReadMessages.cfbSectorOutOfRange) }
            // A FAT sector the header names but the bytes do not reach: the file was cut short.
            guard Int(s) < sectorCount else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            let base = (Int(s) + 1) * sectorSize
            guard base + sectorSize <= bytes.count else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            for i in 0..<perSector { fat.append(u32(base + i * 4)) }
        }
        self.fat = fat

        let directory = try Self.chainBytes(bytes, fat: fat, start: u32(0x30), size: nil, sectorSize: sectorSize,
                                            sectorCount: sectorCount, limits: limits)
        let entryCount = directory.count / 128
        guard entryCount >= 1 else { throw .damagedCompoundFile(ReadMessages.cfbNoDirectory) }
        var entries: [Entry] = []
        for i in 0..<entryCount {
            let e = i * 128
            let type = directory[e + 66]
            guard type == 1 || type == 2 || type == 5 else { continue }
            let nameBytes = min(64, Int(directory[e + 64]) | Int(directory[e + 65]) << 8)
            var units: [UInt16] = []
            var k = 0
            while k + 1 < nameBytes {
                let unit = UInt16(directory[e + k]) | UInt16(directory[e + k + 1]) << 8
                if unit == 0 { break }
                units.append(unit)
                k += 2
            }
            let start = UInt32(directory[e + 116]) | UInt32(directory[e + 117]) << 8
                | UInt32(directory[e + 118]) << 16 | UInt32(directory[e + 119]) << 24
            var size: UInt64 = 0
            for b in 0..<8 { size |= UInt64(directory[e + 120 + b]) << (8 * b) }
            // Version 3 files leave the high half undefined ([MS-CFB] 2.6.3).
            if shift == 9 { size &= 0xFFFF_FFFF }
            entries.append(Entry(name: String(decoding: units, as: UTF16.self), type: type, startSector: start, size: size))
            if entries.count > limits.maxEntries {
                throw .limitExceeded(limit: ReadMessages.limitEntries, detail: ReadMessages.entriesDetail(entries.count, limits.maxEntries))
            }
        }
        self.entries = entries
        guard let root = entries.first(where: { $0.type == 5 }) else { throw .damagedCompoundFile(ReadMessages.cfbNoDirectory) }
        if entries.contains(where: { $0.type == 2 && $0.size < miniCutoff && $0.size > 0 }) {
            miniStream = try Self.chainBytes(bytes, fat: fat, start: root.startSector, size: root.size, sectorSize: sectorSize,
                                             sectorCount: sectorCount, limits: limits)
            miniFAT = []
            let mini = try Self.chainBytes(bytes, fat: fat, start: u32(0x3C), size: nil, sectorSize: sectorSize,
                                           sectorCount: sectorCount, limits: limits)
            miniFAT.reserveCapacity(mini.count / 4)
            var i = 0
            while i + 4 <= mini.count {
                miniFAT.append(UInt32(mini[i]) | UInt32(mini[i + 1]) << 8 | UInt32(mini[i + 2]) << 16 | UInt32(mini[i + 3]) << 24)
                i += 4
            }
        }
    }

    /// The stream's bytes, or nil when there is no stream of that name (case-insensitive, as
    /// [MS-CFB] compares names).
    func stream(named name: String) throws(ReadError) -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.uppercased() == name.uppercased() }) else { return nil }
        if entry.size > UInt64(limits.maxEntryBytes) {
            throw .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail(entry.name, limits.maxEntryBytes))
        }
        if entry.size == 0 { return [] }
        if entry.size < miniCutoff {
            return try Self.miniChainBytes(miniStream, miniFAT: miniFAT, start: entry.startSector, size: Int(entry.size))
        }
        let sectorCount = max(0, (bytes.count - sectorSize + sectorSize - 1) / sectorSize)
        return try Self.chainBytes(bytes, fat: fat, start: entry.startSector, size: entry.size, sectorSize: sectorSize,
                                   sectorCount: sectorCount, limits: limits)
    }

    func hasStream(_ name: String) -> Bool {
        entries.contains { $0.type == 2 && $0.name.uppercased() == name.uppercased() }
    }

    /// Follows a FAT chain. With a size, exactly that many bytes are needed (the last sector
    /// may be cut short at the end of the file); without one (directory, mini-FAT) the whole
    /// chain is read.
    private static func chainBytes(_ bytes: [UInt8], fat: [UInt32], start: UInt32, size: UInt64?, sectorSize: Int,
                                   sectorCount: Int, limits: ReadLimits) throws(ReadError) -> [UInt8] {
        if let size {
            // The claim is checked against what the file can hold before any byte is gathered.
            guard size <= UInt64(sectorCount) * UInt64(sectorSize) else { throw .damagedCompoundFile(ReadMessages.cfbClaimTooLarge) }
            guard size <= UInt64(limits.maxEntryBytes) else {
                throw .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail("数据流", limits.maxEntryBytes))
            }
        }
        let wanted = size.map(Int.init)
        var out: [UInt8] = []
        if let wanted { out.reserveCapacity(wanted) }
        var sector = start
        // A sector met twice is a loop, even when the stream's size would stop the walk first:
        // the bytes gathered would repeat.
        var visited = [Bool](repeating: false, count: sectorCount)
        while sector != endOfChain {
            if let wanted, out.count >= wanted { break }
            guard sector <= maxRegularSector, Int(sector) < fat.count else {
                throw .damagedCompoundFile(sector == freeSector && wanted != nil ? ReadMessages.cfbTruncated : ReadMessages.cfbSectorOutOfRange)
            }
            // Mapped by the FAT but past the end of the bytes: the file was cut short.
            guard Int(sector) < sectorCount else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            guard !visited[Int(sector)] else { throw .damagedCompoundFile(ReadMessages.cfbChainLoop) }
            visited[Int(sector)] = true
            let base = (Int(sector) + 1) * sectorSize
            let end = min(base + sectorSize, bytes.count)
            guard base < end else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            out.append(contentsOf: bytes[base..<end])
            if out.count > limits.maxEntryBytes {
                throw .limitExceeded(limit: ReadMessages.limitEntrySize, detail: ReadMessages.bytesDetail("数据流", limits.maxEntryBytes))
            }
            sector = fat[Int(sector)]
        }
        if let wanted {
            guard out.count >= wanted else { throw .damagedCompoundFile(ReadMessages.cfbTruncated) }
            out.removeLast(out.count - wanted)
        }
        return out
    }

    private static func miniChainBytes(_ mini: [UInt8], miniFAT: [UInt32], start: UInt32, size: Int) throws(ReadError) -> [UInt8] {
        guard size <= mini.count else { throw .damagedCompoundFile(ReadMessages.cfbClaimTooLarge) }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var sector = start
        var visited = [Bool](repeating: false, count: miniFAT.count)
        while out.count < size {
            guard sector <= maxRegularSector, Int(sector) < miniFAT.count else {
                throw .damagedCompoundFile(sector == endOfChain ? ReadMessages.cfbTruncated : ReadMessages.cfbSectorOutOfRange)
            }
            guard !visited[Int(sector)] else { throw .damagedCompoundFile(ReadMessages.cfbChainLoop) }
            visited[Int(sector)] = true
            let base = Int(sector) * miniSectorSize
            guard base < mini.count else { throw .damagedCompoundFile(ReadMessages.cfbSectorOutOfRange) }
            out.append(contentsOf: mini[base..<min(base + miniSectorSize, mini.count)])
            sector = miniFAT[Int(sector)]
        }
        out.removeLast(out.count - size)
        return out
    }
}
