import Foundation
import JixiaoLedger
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What counts as a received file in inbox/.
enum InboxScanner {
    /// Regular files under `inbox`, as paths relative to it, in byte order of the path so
    /// every run takes them in the same order. Hidden files and folders (`.DS_Store`,
    /// `.~lock`), Office owner files (`~$报表.xlsx`) and desktop clutter are skipped:
    /// they are not submissions and deleting them could disturb whoever has a file open.
    static func files(in inbox: URL) throws -> [String] {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: inbox.path) else {
            throw JixiaoError.io(CollectMessages.cannotListInbox(inbox.path))
        }
        var result: [String] = []
        for path in paths {
            let components = path.split(separator: "/")
            guard let name = components.last,
                  !components.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("~$") }),
                  !ignoredNames.contains(name.lowercased()) else { continue }
            let full = inbox.appendingPathComponent(path).path
            guard FileStatus(path: full)?.isRegularFile == true else { continue }
            result.append(path)
        }
        return result.map { (key: DownloadCopyOrder($0), path: $0) }
            .sorted { $0.key < $1.key }
            .map(\.path)
    }

    static let ignoredNames: Set<String> = ["thumbs.db", "desktop.ini"]

    /// The whole file, refusing ones larger than `limit` so a stray disk image in inbox/
    /// cannot exhaust memory (it stays where it is and is reported).
    static func read(_ url: URL, limit: Int) throws -> Data {
        if let size = FileStatus(path: url.path)?.size, size > limit {
            throw JixiaoError.io(CollectMessages.fileTooLarge(url.lastPathComponent, bytes: size, limit: limit))
        }
        return try Data(contentsOf: url)
    }

    /// Removes sub-folders emptied by the run (never inbox/ itself), deepest first.
    static func removeEmptyFolders(in inbox: URL) {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: inbox.path) else { return }
        for path in paths.sorted(by: { $0.count > $1.count }) {
            let full = inbox.appendingPathComponent(path).path
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue,
                  (try? fm.contentsOfDirectory(atPath: full))?.isEmpty == true else { continue }
            try? fm.removeItem(atPath: full)
        }
    }
}

/// Path order, except that a browser's or WeChat's re-download `报表(1).xlsx` / `报表（2）.xlsx`
/// comes right after `报表.xlsx`: it is the newer copy, so within one run it must be the one
/// that supersedes (byte order would put `(` before `.` and let the older file win).
struct DownloadCopyOrder: Comparable {
    /// The path without the copy marker, its copy number (0 for none), and the path itself
    /// to keep the order total.
    let base: [UInt8]
    let copy: Int
    let path: [UInt8]

    init(_ path: String) {
        let scalars = Array(path.unicodeScalars)
        let dot = scalars.lastIndex(of: ".") ?? scalars.endIndex
        var end = dot, copy = 0
        if end > 0, scalars[end - 1] == ")" || scalars[end - 1] == "）" {
            var i = end - 1, value = 0, scale = 1
            while i > 0, (48...57).contains(scalars[i - 1].value), scale <= 1000 {
                value += Int(scalars[i - 1].value - 48) * scale
                scale *= 10
                i -= 1
            }
            if scale > 1, i > 0, scalars[i - 1] == "(" || scalars[i - 1] == "（" {
                copy = value
                end = i - 1
                // `报表 (1).xlsx`: the space belongs to the copy marker too.
                if end > 0, scalars[end - 1] == " " { end -= 1 }
            }
        }
        var key = String.UnicodeScalarView(scalars[..<end])
        key.append(contentsOf: scalars[dot...])
        base = Array(String(key).utf8)
        self.copy = copy
        self.path = Array(path.utf8)
    }

    static func < (a: DownloadCopyOrder, b: DownloadCopyOrder) -> Bool {
        if a.base != b.base { return a.base.lexicographicallyPrecedes(b.base) }
        if a.copy != b.copy { return a.copy < b.copy }
        return a.path.lexicographicallyPrecedes(b.path)
    }
}

/// What `lstat` says about a path (a symbolic link is neither a regular file nor a directory).
/// Foundation's `attributesOfItem` also looks up the owner's and the group's names on every
/// call, reading /etc/passwd and /etc/group, which costs more than parsing a small workbook.
struct FileStatus: Equatable, Sendable {
    let isRegularFile: Bool
    let size: Int
    /// Modification time in nanoseconds: with `size`, tells whether someone wrote to the
    /// file between two looks (a copy into inbox/ still in progress).
    let modified: Int64

    init?(path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
        size = Int(st.st_size)
        #if canImport(Darwin)
        modified = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #else
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #endif
    }
}

/// archive/: every file ever received, byte for byte, named by its content hash.
struct Archive {
    let directory: URL

    /// Stores `data` as `<hash><ext>` unless a complete copy is already there. The copy is
    /// made durable by `syncDirectory()`, which the collector calls once per batch before
    /// recording it (the inbox original is deleted only after that), instead of fsyncs per file.
    /// A copy of the wrong size — cut short by a crash before that sync — is written again.
    func store(_ data: Data, hash: String, originalName: String) throws {
        let url = directory.appendingPathComponent(hash + Archive.fileExtension(originalName))
        if let existing = FileStatus(path: url.path), existing.isRegularFile, existing.size == data.count { return }
        try AtomicFile.store(data, at: url, syncingDirectory: false, syncingData: !AtomicFile.dataSyncIsBatched)
    }

    /// Makes every copy stored so far durable, bytes and directory entries.
    func syncDirectory() {
        AtomicFile.syncFileSystem(directory.path)
    }

    /// Half-written copies left by a run killed mid-write; only called under the run lock.
    func removeStaleTemporaries() {
        for folder in [directory, directory.appendingPathComponent(Archive.receiptsFolder)] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasPrefix(".tmp-") {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// `.xlsx` from `三月/JD01.XLSX`; empty when the name has none or an odd one.
    static func fileExtension(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        let ext = last[last.index(after: dot)...].lowercased()
        guard (1...8).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return "" }
        return "." + ext
    }
}
