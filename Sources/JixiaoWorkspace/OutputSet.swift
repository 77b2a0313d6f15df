import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workbooks in out/, replaced as one set: the four files of a report are signed and sent
/// together, so out/ must never hold some of a new report next to the rest of an old one.
/// The folder of return copies (out/退回/) is one more member of the set: staged as a whole
/// folder and swapped in like a file.
///
/// Every new workbook (or folder) is written to a temporary in out/ first. Only when all of them are
/// complete and on disk is a journal (`.jixiao-replace`, the temp → final pairs) stored; that
/// is the moment the new set counts as written. The temporaries are then renamed over the old
/// files and the journal removed. A process killed before the journal leaves only temporaries
/// (removed next time: the old set stands); killed after it, the next `tidy` finishes the
/// renames from the journal (the new set stands). Either way no report is ever half in place.
package struct OutputSet {
    package let directory: URL
    /// The configured workbook names, whose leftover temporaries `tidy` removes.
    let names: Set<String>

    static let journalName = ".jixiao-replace"
    static let journalHeader = "jixiao-replace 1"

    package init(directory: URL, names: Set<String>) {
        self.directory = directory
        self.names = names
    }

    package init(workspace: Workspace) {
        let n = workspace.config.outputs
        self.init(directory: workspace.outURL,
                  names: [n.indicatorTable, n.rollup, n.validationReport, n.reminders, n.evidence,
                          Workspace.selfEvaluationReportName,
                          Workspace.returnsFolder])
    }

    var journalPath: String { directory.appendingPathComponent(Self.journalName).path }

    /// True while a replacement is recorded but not finished: out/ may then be a mixed set.
    package var hasPendingReplacement: Bool { Self.exists(journalPath) }

    // MARK: Replacing

    /// One replacement being assembled: `stage` hands out the temporary each workbook is
    /// written to, `commit` puts them all in place, `discard` drops them.
    package final class Replacement {
        package let set: OutputSet
        private(set) var pairs: [(temporary: String, final: String)] = []

        init(set: OutputSet) { self.set = set }

        /// Where to write the workbook that is to become out/`final`.
        package func stage(_ final: String) -> URL {
            let temporary = OutputSet.temporaryName(for: final)
            pairs.append((temporary, final))
            return set.directory.appendingPathComponent(temporary)
        }

        /// Where to write the files that are to become the folder out/`final`, as a whole:
        /// the folder is created empty.
        package func stageFolder(_ final: String) throws(JixiaoError) -> URL {
            let temporary = OutputSet.temporaryName(for: final)
            guard mkdir(set.path(temporary), 0o755) == 0 else {
                throw .io(WorkspaceMessages.cannotWrite(set.path(temporary), errno))
            }
            pairs.append((temporary, final))
            return set.directory.appendingPathComponent(temporary, isDirectory: true)
        }

        /// Removes every staged temporary; the old set stays as it was.
        package func discard() {
            for pair in pairs { OutputSet.remove(set.path(pair.temporary)) }
            pairs.removeAll()
        }

        /// Puts the staged workbooks in place together. Throws, with the old set untouched,
        /// when anything fails before the journal is stored; a failure among the renames
        /// leaves the journal, so the next run finishes the set. `renamed` is told each
        /// rename's 1-based number (the fault-test hook).
        package func commit(renamed: (Int) -> Void = { _ in }) throws(JixiaoError) {
            do {
                for pair in pairs {
                    try set.checkReplaceable(pair.final, folder: set.isFolder(pair.temporary))
                    try set.syncFile(pair.temporary)
                }
                let lines = [OutputSet.journalHeader] + pairs.map { "\($0.temporary)\t\($0.final)" }
                try AtomicFile.store(Data((lines.joined(separator: "\n") + "\n").utf8), at: URL(fileURLWithPath: set.journalPath))
            } catch {
                discard()
                throw error
            }
            try set.finish(pairs, renamed: renamed)
            pairs.removeAll()
        }
    }

    package func replacement() -> Replacement { Replacement(set: self) }

    /// Makes out/ when it is missing and refuses, before any workbook is written, a file in
    /// its place or a folder that cannot be written (permissions, a read-only disk).
    package func prepareFolder() throws(JixiaoError) {
        let path = directory.path
        if mkdir(path, 0o755) != 0 {
            let code = errno
            var info = stat()
            guard code == EEXIST, lstat(path, &info) == 0 else { throw .io(WorkspaceMessages.outNotWritable(path, code)) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .io(WorkspaceMessages.outNotAFolder(path)) }
        }
        guard access(path, W_OK | X_OK) == 0 else { throw .io(WorkspaceMessages.outNotWritable(path, errno)) }
    }

    // MARK: Tidying

    /// Finishes a replacement a killed run left recorded, then removes leftover temporaries
    /// of jixiao's own (and nothing else). Call only while holding the workspace lock.
    package func tidy() throws(JixiaoError) {
        guard Self.exists(directory.path) else { return }
        if hasPendingReplacement {
            try finish(readJournal())
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in entries where isTemporary(name) { Self.remove(path(name)) }
    }

    /// Whether `name` is a temporary file jixiao makes in out/: a staged workbook
    /// (`.指标表.xlsx.<UUID>.tmp`), the writer's own temporary of one
    /// (`..指标表.xlsx.<UUID>.tmp.<UUID>.tmp`), or the journal's (`.tmp-.jixiao-replace-<UUID>`).
    func isTemporary(_ name: String) -> Bool {
        let journalPrefix = ".tmp-" + Self.journalName + "-"
        if name.hasPrefix(journalPrefix) { return UUID(uuidString: String(name.dropFirst(journalPrefix.count))) != nil }
        guard let base = Self.finalName(ofTemporary: name) else { return false }
        return names.contains(base) || isTemporary(base)
    }

    /// `.NAME.<UUID>.tmp` → `NAME`; nil for any other name.
    static func finalName(ofTemporary name: String) -> String? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let inner = name.dropFirst().dropLast(4)
        guard let dot = inner.lastIndex(of: ".") else { return nil }
        let base = inner[..<dot]
        guard !base.isEmpty, UUID(uuidString: String(inner[inner.index(after: dot)...])) != nil else { return nil }
        return String(base)
    }

    static func temporaryName(for final: String) -> String { ".\(final).\(UUID().uuidString).tmp" }

    // MARK: Steps

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Renames what is still to be renamed, then drops the journal. A temporary already gone
    /// was renamed before the interruption: only this code removes one once the journal exists.
    /// A folder cannot be renamed over a folder that has files, so the old one is first moved
    /// aside under a temporary name (removed here, or by the next `tidy` if this is cut short):
    /// interrupted between the two renames, the staged folder is still there and the next
    /// run renames it into the place now free.
    private func finish(_ pairs: [(temporary: String, final: String)], renamed: (Int) -> Void = { _ in }) throws(JixiaoError) {
        for (i, pair) in pairs.enumerated() {
            var info = stat()
            if lstat(path(pair.temporary), &info) != 0 {
                guard errno == ENOENT else { throw .io(WorkspaceMessages.replacementIncomplete(directory.path, errno)) }
                continue
            }
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFDIR else { throw .io(WorkspaceMessages.journalUnusable(journalPath)) }
            var aside: String?
            if kind == S_IFDIR, lstat(path(pair.final), &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .io(WorkspaceMessages.outputNotAFolder(path(pair.final))) }
                let name = Self.temporaryName(for: pair.final)
                guard rename(path(pair.final), path(name)) == 0 else {
                    throw .io(WorkspaceMessages.replacementIncomplete(directory.path, errno))
                }
                aside = name
            }
            guard rename(path(pair.temporary), path(pair.final)) == 0 else {
                throw .io(WorkspaceMessages.replacementIncomplete(directory.path, errno))
            }
            renamed(i + 1)
            if let aside { Self.remove(path(aside)) }
        }
        // The renames must be on disk before the journal that would redo them is gone.
        AtomicFile.syncDirectory(directory.path)
        guard unlink(journalPath) == 0 || errno == ENOENT else {
            throw .io(WorkspaceMessages.cannotWrite(journalPath, errno))
        }
        AtomicFile.syncDirectory(directory.path)
    }

    /// The journal's pairs, refusing anything but plain names inside out/ and temporaries
    /// of the staged form: a journal is never a way to move other files around.
    private func readJournal() throws(JixiaoError) -> [(temporary: String, final: String)] {
        guard let data = FileManager.default.contents(atPath: journalPath),
              let text = String(data: data, encoding: .utf8) else {
            throw .io(WorkspaceMessages.journalUnusable(journalPath))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == Self.journalHeader else { throw .io(WorkspaceMessages.journalUnusable(journalPath)) }
        lines.removeFirst()
        var pairs: [(temporary: String, final: String)] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2, Self.isPlainName(fields[1]),
                  Self.finalName(ofTemporary: fields[0]) == fields[1] else {
                throw .io(WorkspaceMessages.journalUnusable(journalPath))
            }
            pairs.append((fields[0], fields[1]))
        }
        return pairs
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// A workbook can only be replaced by renaming over a file or nothing, a folder over a
    /// folder or nothing: checked before the journal, so anything else in the way (a link
    /// among them) fails the report with the old set intact.
    fileprivate func checkReplaceable(_ final: String, folder: Bool) throws(JixiaoError) {
        var info = stat()
        if lstat(path(final), &info) != 0 {
            guard errno == ENOENT else { throw .io(WorkspaceMessages.cannotWrite(path(final), errno)) }
            return
        }
        guard (info.st_mode & S_IFMT) == (folder ? S_IFDIR : S_IFREG) else {
            throw .io(folder ? WorkspaceMessages.outputNotAFolder(path(final)) : WorkspaceMessages.outputNotAFile(path(final)))
        }
    }

    fileprivate func isFolder(_ name: String) -> Bool {
        var info = stat()
        return lstat(path(name), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The staged bytes must be on disk before the journal makes them the new set: a staged
    /// folder's files, and the folder itself, each synced.
    fileprivate func syncFile(_ name: String) throws(JixiaoError) {
        if isFolder(name) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path(name))) ?? []
            for file in files.sorted() { try syncFile(name + "/" + file) }
        }
        let fd = open(path(name), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .io(WorkspaceMessages.cannotWrite(path(name), errno)) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(WorkspaceMessages.cannotWrite(path(name), errno)) }
    }

    /// Removes a temporary, a staged or set-aside folder with everything in it. Links inside
    /// are removed, never followed.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            unlink(path)
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
