import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable whole-file writes: a reader (or a run killed half-way) sees either the old
/// file or the complete new one, never a torn one.
package enum AtomicFile {
    /// Writes `data` to a temporary sibling, fsyncs it, renames it over `url`, then fsyncs
    /// the directory so the rename itself survives a crash. A caller storing many files in
    /// one directory may pass `syncingDirectory: false` and sync the directory once itself,
    /// before anything relies on the files being there.
    /// `syncingData: false` leaves the fsync of the bytes to the caller too (see `syncFileSystem`).
    package static func store(_ data: Data, at url: URL, syncingDirectory: Bool = true, syncingData: Bool = true) throws(JixiaoError) {
        let dir = url.deletingLastPathComponent().path
        // Unique per call: two threads may store the same bytes at once.
        let temp = dir + "/.tmp-" + url.lastPathComponent + "-" + UUID().uuidString
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(WorkspaceMessages.cannotWrite(temp, errno)) }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        ok = ok && (!syncingData || fsync(fd) == 0)
        let savedErrno = errno
        close(fd)
        guard ok else {
            unlink(temp)
            throw .io(WorkspaceMessages.cannotWrite(url.path, savedErrno))
        }
        guard rename(temp, url.path) == 0 else {
            let e = errno
            unlink(temp)
            throw .io(WorkspaceMessages.cannotWrite(url.path, e))
        }
        if syncingDirectory { syncDirectory(dir) }
    }

    /// Makes every write, rename and unlink on the file system holding `path` durable at
    /// once: one call per batch instead of one fsync per file. Where `syncfs` is missing it
    /// falls back to syncing the directory, and callers keep per-file fsyncs (`dataSyncIsBatched`).
    package static func syncFileSystem(_ path: String) {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        if linuxSyncfs(fd) != 0 { fsync(fd) }
        close(fd)
        #else
        syncDirectory(path)
        #endif
    }

    #if os(Linux)
    package static let dataSyncIsBatched = true
    #else
    package static let dataSyncIsBatched = false
    #endif

    /// Makes renames and unlinks inside `path` durable.
    package static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

#if os(Linux)
/// glibc's syncfs(2), which the Glibc module hides behind _GNU_SOURCE.
@_silgen_name("syncfs")
private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
