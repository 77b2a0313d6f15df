import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a workspace for the life of the process. flock(2) is released by
/// the kernel when its holder dies, so a lock left by a killed run never needs cleaning up.
///
/// The lock file may be opened by root from cron in a folder other people can write to, so
/// nothing planted at its path is ever followed or damaged: a symlink is refused (O_NOFOLLOW),
/// the file is never truncated on open, and the pid is written only once the lock is held on
/// a regular file whose only name is this one.
public final class RunLock {
    private let fd: Int32

    /// Takes the lock at once or throws `.locked`; never waits.
    public init(path: String) throws(JixiaoError) {
        // O_NONBLOCK: opening a FIFO planted at the path must not hang the run.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            let e = errno
            if e == ELOOP { throw .io(WorkspaceMessages.lockIsSymlink(path)) }
            throw .io(WorkspaceMessages.cannotWrite(path, e))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .io(WorkspaceMessages.lockNotRegular(path))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            var holder = ""
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = pread(fd, &buffer, buffer.count, 0)
            if n > 0 { holder = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            close(fd)
            if e == EWOULDBLOCK || e == EAGAIN { throw .locked(WorkspaceMessages.lockHeld(pid: holder)) }
            throw .io(WorkspaceMessages.cannotWrite(path, e))
        }
        // The holder's pid, for the message a second run prints; informational only. A file
        // with another name too (a hard link) may be someone's data, so it is left as it is.
        // Writing before trimming means a second run reading it never sees an empty file.
        if info.st_nlink == 1 {
            let pid = Array((String(getpid()) + "\n").utf8)
            if pwrite(fd, pid, pid.count, 0) == pid.count {
                _ = ftruncate(fd, off_t(pid.count))
            }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// What every command that writes to a workspace holds while it does: the run lock, taken
/// after which out/ is put back in order (an interrupted replacement finished, leftover
/// temporaries removed). Holding the lock is what makes that safe: no other jixiao can be
/// halfway through writing there.
public final class WorkspaceLock {
    private let lock: RunLock

    private init(lock: RunLock) { self.lock = lock }

    /// Takes the lock at once or throws `.locked` (exit 3); never waits.
    public static func acquire(_ workspace: Workspace) throws(JixiaoError) -> WorkspaceLock {
        let lock = try RunLock(path: workspace.lockPath)
        try OutputSet(workspace: workspace).tidy()
        return WorkspaceLock(lock: lock)
    }
}
