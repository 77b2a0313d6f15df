import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whatever lies in inbox/ is either collected or reported: names that are not UTF-8,
/// links, pipes, folders that cannot be read or are too deep. The rest of the run goes on.
@Suite struct InboxWalkTests {
    /// `三月` as Windows writes it in a zip without the UTF-8 flag.
    static let gbkMarch: [UInt8] = [0xC8, 0xFD, 0xD4, 0xC2]

    struct Env {
        let ws: Workspace
        let ledger: Ledger
        var inbox: RawPath { RawPath(ws.inboxURL.path) }

        init() throws {
            ws = try TestSupport.workspace()
            ledger = try Ledger.open(at: ws.ledgerURL)
        }

        func collect(_ source: @escaping SubmissionSource = CollectorTests.fakeSource) throws -> (CollectSummary, [CollectEvent]) {
            var events: [CollectEvent] = []
            let summary = try Collector(workspace: ws, ledger: ledger, source: source).run(report: { events.append($0) })
            return (summary, events)
        }

        func drop(_ name: String, _ content: String) throws {
            try TestSupport.write(content, to: ws.inboxURL.appendingPathComponent(name))
        }
    }

    // MARK: Raw names on disk

    static func makeFolder(_ path: RawPath) throws {
        let rc = path.withCString { mkdir($0, 0o755) }
        try #require(rc == 0, "mkdir: \(String(cString: strerror(errno)))")
    }

    static func makeFile(_ path: RawPath, _ data: Data) throws {
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        try #require(fd >= 0, "open: \(String(cString: strerror(errno)))")
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        try #require(written == data.count)
    }

    static func exists(_ path: RawPath) -> Bool {
        var st = stat()
        return path.withCString { lstat($0, &st) } == 0
    }

    // MARK: Names as bytes

    @Test func gbkNamedFolderIsCollectedUnderItsDecodedName() throws {
        let env = try Env()
        let folder = env.inbox.appending(Self.gbkMarch)
        try Self.makeFolder(folder)
        let workbook = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("batch1/JD01_2025-03.xlsx"))
        try Self.makeFile(folder.appending(Array("JD01_2025-03.xlsx".utf8)), workbook)
        try TestSupport.copyFixture("batch1/QU00_2025-03.xlsx", to: env.ws.inboxURL)

        let (summary, events) = try env.collect(SubmissionSources.standard(for: env.ws))
        #expect(summary.accepted == 2 && summary.skipped == 0)
        #expect(events.map(\.logLine).contains("[接收] JD01 2025-03 三月/JD01_2025-03.xlsx"))
        let snapshot = try env.ledger.snapshot(of: env.ws, through: Period(year: 2025, month: 12)!)
        #expect(snapshot.files.all.contains { $0.fileName == "三月/JD01_2025-03.xlsx" && $0.status == .accepted })
        // Deleted by its bytes, and its emptied folder with it.
        #expect(!Self.exists(folder))
        #expect(try FileManager.default.contentsOfDirectory(atPath: env.ws.inboxURL.path).isEmpty)
    }

    @Test func sameNameInGBKAndInUTF8AreTwoFiles() throws {
        let env = try Env()
        let gbk = env.inbox.appending(Self.gbkMarch)
        try Self.makeFolder(gbk)
        try Self.makeFile(gbk.appending(Array("JD01.txt".utf8)), Data("unit=JD01 period=2025-03 n=2".utf8))
        try env.drop("三月/JD01.txt", "unit=JD01 period=2025-04 n=3")
        #expect(try InboxScanner.files(in: env.ws.inboxURL) == ["三月/JD01.txt", "三月/JD01.txt"])

        let (summary, events) = try env.collect()
        #expect(summary.files == 2 && summary.accepted == 2)
        // Alike as shown, they go in the order of their bytes on disk, the same every run.
        #expect(events.map(\.logLine) == ["[接收] JD01 2025-03 三月/JD01.txt", "[接收] JD01 2025-04 三月/JD01.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: env.ws.inboxURL.path).isEmpty)
    }

    @Test func nameThatIsNeitherUTF8NorGB18030IsCollectedWithEscapes() throws {
        let env = try Env()
        let raw = env.inbox.appending(Array("JD01_".utf8) + [0xFF, 0xFE] + Array("_三月.txt".utf8))
        try Self.makeFile(raw, Data("unit=JD01 period=2025-03".utf8))
        let (summary, events) = try env.collect()
        #expect(summary.accepted == 1)
        #expect(events.map(\.logLine) == [#"[接收] JD01 2025-03 JD01_\xFF\xFE_三月.txt"#])
        #expect(!Self.exists(raw))
    }

    @Test func displayNames() {
        #expect(FileName.display(Array("三月报送.xlsx".utf8)) == "三月报送.xlsx")
        #expect(FileName.display(Self.gbkMarch + Array(".xlsx".utf8)) == "三月.xlsx")
        #expect(FileName.display([0x41, 0xC8]) == #"A\xC8"#)
        #expect(FileName.display([0x80, 0xFF]) == #"\x80\xFF"#)
    }

    /// A run killed between recording and deleting a GBK-named file finds it again by the
    /// name the ledger has, which is not its bytes.
    @Test func interruptedRemovalOfAGBKNamedFile() throws {
        let env = try Env()
        let folder = env.inbox.appending(Self.gbkMarch)
        try Self.makeFolder(folder)
        let content = Data("unit=JD01 period=2025-03".utf8)
        let file = folder.appending(Array("JD01.txt".utf8))
        try Self.makeFile(file, content)
        let run = try env.ledger.beginRun(at: Date())
        let parsed = CollectorTests.fakeSource(content, "三月/JD01.txt")
        let incoming = IncomingFile(path: "三月/JD01.txt", hash: SHA256.hex(content), size: Int64(content.count), receivedAt: Date())
        _ = try env.ledger.record([LedgerEntry(file: incoming, content: .submissions(parsed), number: 1)], runID: run)
        #expect(try env.ledger.pendingRemovals().map(\.path) == ["三月/JD01.txt"])

        let (summary, events) = try env.collect()
        #expect(events.isEmpty && summary.files == 0)
        #expect(!Self.exists(file))
        #expect(try env.ledger.pendingRemovals().isEmpty)
    }

    // MARK: Links and other entries

    @Test func inboxMayBeASymbolicLinkToASharedFolder() throws {
        let env = try Env()
        let shared = TestSupport.scratch("shared")
        try FileManager.default.removeItem(at: env.ws.inboxURL)
        try FileManager.default.createSymbolicLink(at: env.ws.inboxURL, withDestinationURL: shared)
        try TestSupport.write("unit=JD01 period=2025-03", to: shared.appendingPathComponent("三月/JD01.txt"))
        try TestSupport.write("unit=JD02 period=2025-03", to: shared.appendingPathComponent("JD02.txt"))

        let (summary, events) = try env.collect()
        #expect(summary.accepted == 2 && summary.skipped == 0)
        #expect(events.map(\.logLine) == ["[接收] JD02 2025-03 JD02.txt", "[接收] JD01 2025-03 三月/JD01.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared.path).isEmpty)
        // The link and the shared folder stay; only what was in it goes.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: env.ws.inboxURL.path) == shared.path)
    }

    @Test func inboxLinkToNothingIsAnError() throws {
        let env = try Env()
        try FileManager.default.removeItem(at: env.ws.inboxURL)
        try FileManager.default.createSymbolicLink(atPath: env.ws.inboxURL.path, withDestinationPath: "/nonexistent/共享")
        #expect(throws: JixiaoError.self) { try env.collect() }
    }

    @Test func linksPipesAndSocketsAreReportedAndLeftInPlace() throws {
        let env = try Env()
        let outside = TestSupport.scratch("outside")
        try TestSupport.write("unit=JD09 period=2025-03", to: outside.appendingPathComponent("别处/JD09.txt"))
        let inbox = env.ws.inboxURL
        try env.drop("三月/JD01.txt", "unit=JD01 period=2025-03")
        try FileManager.default.createSymbolicLink(at: inbox.appendingPathComponent("链接文件夹"),
                                                   withDestinationURL: outside.appendingPathComponent("别处"))
        try FileManager.default.createSymbolicLink(at: inbox.appendingPathComponent("三月/链接.txt"),
                                                   withDestinationURL: outside.appendingPathComponent("别处/JD09.txt"))
        #expect(mkfifo(inbox.appendingPathComponent("管道").path, 0o600) == 0)
        #expect(mknod(inbox.appendingPathComponent("三月/套接字").path, S_IFSOCK | 0o600, 0) == 0)
        // Office's and the desktop's own files stay unmentioned, links among them too.
        try env.drop(".DS_Store", "x")
        try env.drop("~$JD01.xlsx", "x")
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent(".~lock.JD01.xlsx#").path,
                                                   withDestinationPath: "somewhere")

        let (summary, events) = try env.collect()
        #expect(events.map(\.logLine) == [
            "[跳过] 三月/套接字：套接字，不是报送文件，未处理；请把它从 inbox/ 中移走",
            "[跳过] 三月/链接.txt：符号链接，未跟随；请把文件本身（而不是指向它的链接）放进 inbox/",
            "[跳过] 管道：命名管道，不是报送文件，未处理；请把它从 inbox/ 中移走",
            "[跳过] 链接文件夹：符号链接，未跟随；请把文件本身（而不是指向它的链接）放进 inbox/",
            "[接收] JD01 2025-03 三月/JD01.txt",
        ])
        #expect(summary.accepted == 1 && summary.skipped == 4 && summary.files == 1)
        #expect(summary.needsAttention)
        #expect(summary.line == "第 1 次收集：收到 1 个文件，接收 1 份，退回 0 份，重复 0 份，4 项无法收集，见日志")
        let fm = FileManager.default
        #expect(Set(try fm.contentsOfDirectory(atPath: inbox.path)) == ["三月", "管道", "链接文件夹", ".DS_Store", "~$JD01.xlsx", ".~lock.JD01.xlsx#"])
        #expect(Set(try fm.contentsOfDirectory(atPath: inbox.appendingPathComponent("三月").path)) == ["套接字", "链接.txt"])
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("别处/JD09.txt").path))
    }

    // MARK: Folders that cannot be read

    @Test func tooDeepFolderIsSkippedAndTheRestCollected() throws {
        let env = try Env()
        let limit = InboxScanner.depthLimit
        let levels = (1...limit + 1).map { "层\($0)" }
        let deepest = levels.joined(separator: "/")
        let allowed = levels.dropLast().joined(separator: "/")
        try env.drop(allowed + "/JD01.txt", "unit=JD01 period=2025-03")
        try env.drop(deepest + "/JD02.txt", "unit=JD02 period=2025-03")
        try env.drop("JD03.txt", "unit=JD03 period=2025-03")

        let (summary, events) = try env.collect()
        #expect(events.map(\.logLine) == [
            "[跳过] \(deepest)：文件夹嵌套超过 \(limit) 层，其中的文件未收集，仍留在原处；请把报送文件移到层数较少的文件夹中",
            "[接收] JD03 2025-03 JD03.txt",
            "[接收] JD01 2025-03 \(allowed)/JD01.txt",
        ])
        #expect(summary.accepted == 2 && summary.skipped == 1)
        #expect(FileManager.default.fileExists(atPath: env.ws.inboxURL.appendingPathComponent(deepest + "/JD02.txt").path))
        #expect(!FileManager.default.fileExists(atPath: env.ws.inboxURL.appendingPathComponent(allowed + "/JD01.txt").path))
    }

    @Test func folderThatVanishesDuringTheWalkIsReported() throws {
        let env = try Env()
        try env.drop("三月/JD01.txt", "unit=JD01 period=2025-03")
        try env.drop("四月/JD01.txt", "unit=JD01 period=2025-04")
        let listing = try InboxScanner.scan(env.ws.inboxURL) { name in
            if name == "三月" { try? FileManager.default.removeItem(at: env.ws.inboxURL.appendingPathComponent(name)) }
        }
        #expect(listing.files.map(\.name) == ["四月/JD01.txt"])
        #expect(listing.skipped == [InboxSkip(name: "三月", reason: CollectMessages.cannotOpenFolder(ENOENT))])
        #expect(listing.skipped[0].reason.hasPrefix("文件夹在收集时已不在原处"))
    }

    /// chmod does not stop root from reading, and the tests run as root under CI: there
    /// this case cannot be made to fail, the other folder cases above still run.
    static let permissionsAreEnforced: Bool = {
        let probe = TestSupport.scratch("probe")
        chmod(probe.path, 0)
        defer { chmod(probe.path, 0o755) }
        guard let dir = opendir(probe.path) else { return true }
        closedir(dir)
        return false
    }()

    @Test(.enabled(if: permissionsAreEnforced, "running as root: chmod 000 does not stop reading a folder"))
    func unreadableFolderIsSkippedAndTheRestCollected() throws {
        let env = try Env()
        try env.drop("锁住/JD01.txt", "unit=JD01 period=2025-03")
        try env.drop("JD02.txt", "unit=JD02 period=2025-03")
        let locked = env.ws.inboxURL.appendingPathComponent("锁住")
        chmod(locked.path, 0)
        defer { chmod(locked.path, 0o755) }

        let (summary, events) = try env.collect()
        #expect(events.map(\.logLine) == [
            "[跳过] 锁住：无法打开这个文件夹（没有权限），其中的文件都未收集，仍留在原处；请检查文件夹权限",
            "[接收] JD02 2025-03 JD02.txt",
        ])
        #expect(summary.accepted == 1 && summary.skipped == 1)
        chmod(locked.path, 0o755)
        #expect(FileManager.default.fileExists(atPath: locked.appendingPathComponent("JD01.txt").path))
    }
}
