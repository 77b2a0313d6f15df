import Foundation
import JixiaoModel
import JixiaoLedger
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file found in inbox/.
struct InboxFile: Sendable, Equatable {
    /// Relative to inbox/ as people see it (`三月/JD01.xlsx`): what the ledger records and
    /// the log shows. Names that are not UTF-8 are decoded (see `FileName.display`).
    let name: String
    /// Where it is on disk: the only way to read, check or delete it.
    let location: RawPath
}

/// Something in inbox/ that is not collected although it may be a submission: it stays
/// where it is and the run says so.
struct InboxSkip: Sendable, Equatable {
    let name: String
    let reason: String
}

struct InboxListing: Sendable {
    var files: [InboxFile] = []
    var skipped: [InboxSkip] = []
}

extension Workspace {
    /// Files left in inbox/ that cannot be opened for reading, for the 校验报告.
    public var unreadableInboxFiles: [UnreadableInboxFile] { InboxScanner.unreadable(in: inboxURL) }
}

/// What counts as a received file in inbox/.
public enum InboxScanner {
    /// Folders nested deeper than this below inbox/ are not entered: no real submission is
    /// that deep, and a loop made with bind mounts or a hostile archive would not end.
    static let depthLimit = 32

    /// Regular files under `inbox`, in byte order of the path so every run takes them in the
    /// same order, and everything else that could hold a submission but is not taken
    /// (symbolic links, pipes, devices, folders that cannot be read or are too deep).
    /// Hidden files and folders (`.DS_Store`, `.~lock`), Office owner files (`~$报表.xlsx`)
    /// and desktop clutter are passed over without a word: they are not submissions and
    /// deleting them could disturb whoever has a file open.
    ///
    /// `inbox/` itself may be a symbolic link (to a shared folder); links inside it are not
    /// followed, so a link cannot pull in files from elsewhere or make the walk go round.
    /// `willOpen` sees every sub-folder's name before it is opened, for the tests.
    static func scan(_ inbox: URL, depthLimit: Int = depthLimit, willOpen: (String) -> Void = { _ in }) throws -> InboxListing {
        let root = RawPath(inbox.path)
        let fd = root.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw JixiaoError.io(CollectMessages.cannotListInbox(inbox.path)) }
        let (found, skipped) = withoutActuallyEscaping(willOpen) { willOpen in
            var walk = Walk(root: root, depthLimit: depthLimit, willOpen: willOpen)
            walk.folder(fd, relative: [], shown: "", depth: 0)
            return (walk.found, walk.skipped)
        }
        var listing = InboxListing(skipped: skipped)
        listing.files = found
            .map { (key: DownloadCopyOrder($0.file.name, disk: $0.relative), file: $0.file) }
            .sorted { $0.key < $1.key }
            .map { $0.file }
        listing.skipped.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return listing
    }

    /// The files under `inbox` that cannot be opened for reading, with why: a cheap open, not
    /// a read, so a report after a run that left them lists them without reading the rest again.
    static func unreadable(in inbox: URL) -> [UnreadableInboxFile] {
        guard let listing = try? scan(inbox) else { return [] }
        return listing.files.compactMap { file in
            let fd = file.location.withCString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
            guard fd < 0 else {
                close(fd)
                return nil
            }
            let shown = file.name.split(separator: "/").last.map(String.init) ?? file.name
            return UnreadableInboxFile(name: file.name, reason: CollectMessages.cannotRead(shown, errno))
        }
    }

    /// The names of the regular files `scan` takes, for the tests.
    static func files(in inbox: URL) throws -> [String] {
        try scan(inbox).files.map(\.name)
    }

    static let ignoredNames: Set<String> = ["thumbs.db", "desktop.ini"]

    /// Whether a file or folder of this name is passed over: hidden ones, Office owner files
    /// and (files only) desktop clutter. `jixiao check` walks a folder by the same rule.
    public static func passesOver(_ name: String, isFolder: Bool) -> Bool {
        isPassedOver(Array(name.utf8)) || (!isFolder && ignoredNames.contains(name.lowercased()))
    }

    static func isPassedOver(_ name: [UInt8]) -> Bool {
        name.first == UInt8(ascii: ".") || name.starts(with: [UInt8(ascii: "~"), UInt8(ascii: "$")])
    }

    private struct Walk {
        let root: RawPath
        let depthLimit: Int
        let willOpen: (String) -> Void
        var found: [(file: InboxFile, relative: [UInt8])] = []
        var skipped: [InboxSkip] = []

        /// Takes ownership of `fd`.
        mutating func folder(_ fd: Int32, relative: [UInt8], shown: String, depth: Int) {
            let here = shown.isEmpty ? "inbox" : shown
            guard let dir = fdopendir(fd) else {
                close(fd)
                skipped.append(InboxSkip(name: here, reason: CollectMessages.cannotOpenFolder(errno)))
                return
            }
            defer { closedir(dir) }
            var names: [[UInt8]] = []
            while true {
                errno = 0
                guard let entry = readdir(dir) else {
                    if errno != 0 {
                        skipped.append(InboxSkip(name: here, reason: CollectMessages.folderReadFailed(errno)))
                    }
                    break
                }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
                names.append(name)
            }
            let folderFD = dirfd(dir)
            for name in names where !InboxScanner.isPassedOver(name) {
                let childRelative = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                let display = FileName.display(name)
                let childShown = shown.isEmpty ? display : shown + "/" + display
                var st = stat()
                let present = RawPath(bytes: name).withCString { fstatat(folderFD, $0, &st, AT_SYMLINK_NOFOLLOW) } == 0
                guard present else {
                    skipped.append(InboxSkip(name: childShown, reason: CollectMessages.entryVanished(errno)))
                    continue
                }
                let type = st.st_mode & S_IFMT
                if type == S_IFDIR {
                    guard depth < depthLimit else {
                        skipped.append(InboxSkip(name: childShown, reason: CollectMessages.folderTooDeep(depthLimit)))
                        continue
                    }
                    willOpen(childShown)
                    let child = RawPath(bytes: name).withCString { openat(folderFD, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                    guard child >= 0 else {
                        skipped.append(InboxSkip(name: childShown, reason: CollectMessages.cannotOpenFolder(errno)))
                        continue
                    }
                    folder(child, relative: childRelative, shown: childShown, depth: depth + 1)
                    continue
                }
                if InboxScanner.ignoredNames.contains(display.lowercased()) { continue }
                if type == S_IFREG {
                    found.append((InboxFile(name: childShown, location: root.appending(childRelative)), childRelative))
                } else {
                    skipped.append(InboxSkip(name: childShown, reason: CollectMessages.notARegularFile(type)))
                }
            }
        }
    }

    /// The whole file, refusing ones larger than `limit` so a stray disk image in inbox/
    /// cannot exhaust memory (it stays where it is and is reported). `name` is for messages.
    static func read(_ location: RawPath, name: String, limit: Int) throws -> Data {
        let shown = name.split(separator: "/").last.map(String.init) ?? name
        // O_NONBLOCK: should a pipe have taken the file's place since the scan, opening it
        // must not wait for a writer; regular files ignore the flag.
        let fd = location.withCString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { throw JixiaoError.io(CollectMessages.cannotRead(shown, errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw JixiaoError.io(CollectMessages.noLongerRegular(shown))
        }
        let size = Int(st.st_size)
        if size > limit {
            throw JixiaoError.io(CollectMessages.fileTooLarge(shown, bytes: size, limit: limit))
        }
        var data = Data(count: size)
        var filled = 0
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let got: Int
            if filled < size {
                let want = size - filled
                got = data.withUnsafeMutableBytes { readSome(fd, $0.baseAddress! + filled, want) }
            } else {
                // Longer than when it was looked at: a copy still in progress. What is there is
                // read; the change is noticed later and the file kept for the next run.
                got = chunk.withUnsafeMutableBytes { readSome(fd, $0.baseAddress!, $0.count) }
                if got > 0 { data.append(contentsOf: chunk[..<got]) }
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw JixiaoError.io(CollectMessages.cannotRead(shown, errno))
            }
            if got == 0 { break }
            filled += got
            if filled > limit {
                throw JixiaoError.io(CollectMessages.fileTooLarge(shown, bytes: filled, limit: limit))
            }
        }
        data.count = filled
        return data
    }

    /// Removes sub-folders emptied by the run (never inbox/ itself), deepest first. Links
    /// are not followed, and folders that cannot be read are left as they are.
    static func removeEmptyFolders(in inbox: URL) {
        let fd = RawPath(inbox.path).withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return }
        removeEmptyFolders(under: fd, depth: 0)
    }

    /// Takes ownership of `fd`.
    private static func removeEmptyFolders(under fd: Int32, depth: Int) {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        let folderFD = dirfd(dir)
        for name in names where depth < depthLimit {
            var st = stat()
            guard RawPath(bytes: name).withCString({ fstatat(folderFD, $0, &st, AT_SYMLINK_NOFOLLOW) }) == 0,
                  st.st_mode & S_IFMT == S_IFDIR else { continue }
            let child = RawPath(bytes: name).withCString { openat(folderFD, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            guard child >= 0 else { continue }
            removeEmptyFolders(under: child, depth: depth + 1)
            // Fails, as it should, for a folder that still holds anything.
            _ = RawPath(bytes: name).withCString { unlinkat(folderFD, $0, AT_REMOVEDIR) }
        }
    }
}

/// `read(2)`, out of reach of `InboxScanner.read`'s own name.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Path order, except that a browser's or WeChat's re-download `报表(1).xlsx` / `报表（2）.xlsx`
/// comes right after `报表.xlsx`: it is the newer copy, so within one run it must be the one
/// that supersedes (byte order would put `(` before `.` and let the older file win).
struct DownloadCopyOrder: Comparable {
    /// The path without the copy marker, its copy number (0 for none), and the path itself
    /// to keep the order total; then its bytes on disk, which differ from the path only for
    /// names that are not UTF-8 (a GBK `三月` and a UTF-8 `三月` show alike).
    let base: [UInt8]
    let copy: Int
    let path: [UInt8]
    let disk: [UInt8]

    init(_ path: String, disk: [UInt8]? = nil) {
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
        self.disk = disk ?? self.path
    }

    static func < (a: DownloadCopyOrder, b: DownloadCopyOrder) -> Bool {
        if a.base != b.base { return a.base.lexicographicallyPrecedes(b.base) }
        if a.copy != b.copy { return a.copy < b.copy }
        if a.path != b.path { return a.path.lexicographicallyPrecedes(b.path) }
        return a.disk.lexicographicallyPrecedes(b.disk)
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
        self.init(RawPath(path))
    }

    init?(_ location: RawPath) {
        var st = stat()
        guard location.withCString({ lstat($0, &st) }) == 0 else { return nil }
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
