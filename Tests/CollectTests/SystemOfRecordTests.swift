import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import Testing
import TestSupport

/// The operator's recoveries, through the command line: a lost or damaged ledger is refused
/// with the way out and nothing touched; rebuild and verify do what they say.
@Suite(.serialized, .requires(.jixiao))
struct SystemOfRecordTests {
    static func jixiao(_ arguments: [String]) throws -> ProcessResult { try FaultTests.jixiao(arguments) }

    /// Every file under out/, the return copies in out/退回/ among them, by relative path.
    /// A small tmpfs to fill, or nil (said on stdout) where mounting is not allowed.
    static func mountTmpfs(size: String) throws -> URL? {
        let mountPoint = TestSupport.scratch("tmpfs")
        let mount = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path])
        guard mount.status == 0 else {
            print("skipped: a tmpfs cannot be mounted here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return nil
        }
        return mountPoint
    }

    static func outFiles(_ ws: Workspace) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: ws.outURL.path) ?? .init() {
            var isFolder: ObjCBool = false
            let path = ws.outURL.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            out[name] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return out
    }

    @Test func aDeletedLedgerIsRefusedByEveryCommandThenRebuilt() throws {
        let (ws, _) = try FaultTests.newWorkspace()
        #expect(try Self.jixiao(["run", "--workspace", ws.root.path, "--period", "2025-12"]).status == 0)
        let reportBefore = try Self.outFiles(ws)
        let content = try FaultTests.content(ws)
        try TestSupport.write("序号,活动名称,活动日期,活动形式,活动类别,活动主题,覆盖人数\n1,讲座,2025-03-05,线下,科普活动,食品安全,10\n",
                              to: ws.inboxURL.appendingPathComponent("JD01_2025-03.csv"))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ws.ledgerURL.path + suffix) }

        for command in [["run"], ["collect"], ["report", "--period", "2025-12"], ["status"]] {
            let result = try Self.jixiao(command + ["--workspace", ws.root.path])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("jixiao rebuild"), "\(command): \(result.stderr)")
        }
        #expect(TestSupport.inboxContents(ws) == ["JD01_2025-03.csv"], "inbox untouched")
        #expect(try Self.outFiles(ws) == reportBefore, "out/ untouched")
        #expect(!FileManager.default.fileExists(atPath: ws.ledgerURL.path), "no empty ledger made")

        let rebuilt = try Self.jixiao(["rebuild", "--workspace", ws.root.path])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("已从 archive/ 重建台账"))
        #expect(try FaultTests.content(ws) == content)
        #expect(try Self.jixiao(["verify", "--workspace", ws.root.path]).status == 0)
        #expect(try Self.jixiao(["report", "--workspace", ws.root.path, "--period", "2025-12"]).status == 0)
    }

    enum Damage: String, CaseIterable { case flippedBytes, truncated, emptied }

    @Test(arguments: Damage.allCases)
    func aDamagedLedgerStopsCollectBeforeInboxIsTouched(damage: Damage) throws {
        let (ws, _) = try FaultTests.newWorkspace()
        #expect(try Self.jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        try TestSupport.write("序号,活动名称,活动日期,活动形式,活动类别,活动主题,覆盖人数\n1,讲座,2025-03-05,线下,科普活动,食品安全,10\n",
                              to: ws.inboxURL.appendingPathComponent("JD01_2025-03.csv"))
        var bytes = try Data(contentsOf: ws.ledgerURL)
        switch damage {
        case .flippedBytes:
            // Inside a table's pages, past the header SQLite needs to open the file at all.
            for i in stride(from: 4096 * 2 + 100, to: min(bytes.count, 4096 * 6), by: 7) { bytes[i] ^= 0x5A }
        case .truncated: bytes = bytes.prefix(bytes.count / 2)
        case .emptied: bytes = Data()
        }
        try bytes.write(to: ws.ledgerURL)
        let result = try Self.jixiao(["collect", "--workspace", ws.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("jixiao rebuild"), "\(result.stderr)")
        #expect(TestSupport.inboxContents(ws) == ["JD01_2025-03.csv"])
    }

    @Test func verifyExitsOneNamingAnAlteredCopy() throws {
        let (ws, _) = try FaultTests.newWorkspace()
        #expect(try Self.jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        let copy = try #require(TestSupport.archiveNames(ws).sorted().first { $0.hasSuffix(".csv") })
        try Data("已被改动".utf8).write(to: ws.archiveURL.appendingPathComponent(copy))
        let result = try Self.jixiao(["verify", "--workspace", ws.root.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains(copy) && result.stdout.contains("哈希不符"))
    }

    @Test func aLedgerFromANewerVersionIsRefused() throws {
        let (ws, _) = try FaultTests.newWorkspace()
        #expect(try Self.jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        let ledger = try Ledger.open(at: ws.ledgerURL)
        try ledger.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        try ledger.close()
        let result = try Self.jixiao(["collect", "--workspace", ws.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("更新版本"), "\(result.stderr)")
    }

    /// SIGKILL while rebuilding: before the swap the old ledger is still the ledger; after
    /// it, the next rebuild finishes the job. Either way the rerun gives the same content.
    @Test(arguments: ["replay:1", "replay:9", "replay:29", "swap:1"])
    func aRebuildKilledAnywhereIsFinishedByTheNextOne(fault: String) throws {
        let (ws, _) = try FaultTests.newWorkspace()
        #expect(try Self.jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        let reference = try FaultTests.content(ws)
        let killed = try FaultTests.startJixiao(["rebuild", "--workspace", ws.root.path],
                                                environment: [FaultHook.environmentKey: fault, FaultHook.batchKey: "4"]).wait()
        #expect(killed.killedBySIGKILL, "\(fault): \(killed.stderr)")
        if fault.hasPrefix("replay") {
            #expect(try FaultTests.content(ws) == reference, "the old ledger is untouched until the swap")
        }
        let rerun = try Self.jixiao(["rebuild", "--workspace", ws.root.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try FaultTests.content(ws) == reference)
        #expect(try Self.jixiao(["verify", "--workspace", ws.root.path]).status == 0)
    }

    /// The workspace on a small tmpfs that fills up during collect: nothing is lost, every file
    /// not recorded stays in inbox/, and with space again the next run takes them all.
    /// Room for a new ledger (all its migrations), not for the whole collect.
    static let fillingSize = "400k"

    @Test func aDiskThatFillsDuringCollectLosesNothing() throws {
        guard let mountPoint = try Self.mountTmpfs(size: Self.fillingSize) else { return }
        defer { _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path]) }
        let root = mountPoint.appendingPathComponent("ws")
        try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let ws = try Workspace.open(at: root)
        for name in ["batch1/JD01_2025-03.xlsx", "batch1/JD02_2025-03.xlsx", "batch1/QU00_2025-03.xlsx",
                     "batch2/JD01_2025-03_更正.xlsx", "batch2/JD03_2025-04.xlsx", "五月报送.zip"] {
            try TestSupport.copyFixture(name, to: ws.inboxURL)
        }
        let inbox = TestSupport.inboxContents(ws)
        let full = try Self.jixiao(["collect", "--workspace", root.path])
        #expect(full.status == 1)
        #expect(full.stderr.contains("磁盘已满") || full.stderr.contains("无法写入"), "\(full.stderr)")
        let recorded = try Ledger.open(at: ws.ledgerURL).receivedFiles().map(\.name)
        #expect(Set(recorded).union(TestSupport.inboxContents(ws)) == Set(inbox), "every file recorded or still in inbox")

        let grow = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,size=16m", mountPoint.path])
        try #require(grow.status == 0)
        let again = try Self.jixiao(["collect", "--workspace", root.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(TestSupport.inboxContents(ws).isEmpty)
        #expect(Set(try Ledger.open(at: ws.ledgerURL).receivedFiles().map(\.name)) == Set(inbox))
        #expect(try Self.jixiao(["verify", "--workspace", root.path]).status == 0)
    }

    /// The disk fills before a report: it fails saying so, and out/ keeps the previous set
    /// whole; with space again the report is written.
    @Test func aDiskThatFillsBeforeAReportKeepsTheOldOutputs() throws {
        guard let mountPoint = try Self.mountTmpfs(size: "16m") else { return }
        defer { _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path]) }
        let root = mountPoint.appendingPathComponent("ws")
        try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let ws = try Workspace.open(at: root)
        try FaultTests.fillInbox(ws.inboxURL)
        #expect(try Self.jixiao(["run", "--workspace", root.path, "--period", "2025-12"]).status == 0)
        let before = try Self.outFiles(ws)
        #expect(before.count >= 4)

        // Fill what is left.
        let filler = mountPoint.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        let chunk = Data(repeating: 0x20, count: 1 << 16)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        let full = try Self.jixiao(["report", "--workspace", root.path, "--period", "2025-06"])
        #expect(full.status == 1)
        #expect(full.stdout.contains("未生成") || full.stderr.contains("磁盘"), "\(full.stdout)\n\(full.stderr)")
        print("disk full during report:", full.stdout, full.stderr)
        #expect(try Self.outFiles(ws) == before, "the previous set, whole")

        try FileManager.default.removeItem(at: filler)
        #expect(try Self.jixiao(["report", "--workspace", root.path, "--period", "2025-06"]).status == 0)
        #expect(try Self.outFiles(ws) != before)
    }
}
