import Foundation
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// The lock file never damages what is planted at its path.
@Suite struct LockFileTests {
    @Test func aSymlinkAtTheLockPathIsRefusedAndItsTargetKept() throws {
        let ws = try TestSupport.workspace()
        let target = TestSupport.scratch().appendingPathComponent("重要.txt")
        try TestSupport.write("不能被清空的内容\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: ws.lockPath, withDestinationPath: target.path)
        #expect {
            _ = try RunLock(path: ws.lockPath)
        } throws: { error in
            guard let error = error as? JixiaoError else { return false }
            return error.exitCode == 1 && error.message.contains("符号链接")
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "不能被清空的内容\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.lockPath) == target.path)
    }

    @Test func aLockFileWithAnotherNameIsLockedButNotWritten() throws {
        let ws = try TestSupport.workspace()
        let other = ws.root.appendingPathComponent("别人的文件.txt")
        try TestSupport.write("硬链接指向的内容，比进程号长得多\n", to: other)
        #expect(link(other.path, ws.lockPath) == 0)
        let lock = try RunLock(path: ws.lockPath)
        #expect(try String(contentsOf: other, encoding: .utf8) == "硬链接指向的内容，比进程号长得多\n")
        #expect(throws: JixiaoError.self) { _ = try RunLock(path: ws.lockPath) }
        withExtendedLifetime(lock) {}
    }

    @Test func thePidReplacesALongerOneWithoutLeftovers() throws {
        let ws = try TestSupport.workspace()
        try TestSupport.write("99999999999999\n", to: URL(fileURLWithPath: ws.lockPath))
        let lock = try RunLock(path: ws.lockPath)
        #expect(try String(contentsOfFile: ws.lockPath, encoding: .utf8) == "\(getpid())\n")
        withExtendedLifetime(lock) {}
    }
}
