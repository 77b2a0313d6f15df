import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a workspace for the life of the process. flock(2) is released by
/// the kernel when its holder dies, so a lock left by a killed run never needs cleaning up.
public final class RunLock {
    private let fd: Int32

    /// Takes the lock at once or throws `.locked`; never waits.
    public init(path: String) throws(JixiaoError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(WorkspaceMessages.cannotWrite(path, errno)) }
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
        // The holder's pid, for the message a second run prints; informational only.
        let pid = Array((String(getpid()) + "\n").utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
