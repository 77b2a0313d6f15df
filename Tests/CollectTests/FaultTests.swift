import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash safety of the built `jixiao` binary: a collect killed with SIGKILL at many
/// points (JIXIAO_FAULT_AFTER, see FaultHook), then rerun, must leave the same ledger as
/// an uninterrupted run, with every input's bytes in archive/ and inbox/ empty.
@Suite(.serialized, .requires(.jixiao))
struct FaultTests {
    /// ~30 CSV submissions (some rejected, a resubmission, two byte-duplicates) and the
    /// ZIP fixture, identical for every workspace.
    static func fillInbox(_ inbox: URL) throws {
        let header = "序号,活动名称,活动日期,活动形式,活动类别,活动主题,覆盖人数\n"
        for unit in 1...12 {
            for month in 1...2 {
                let code = String(format: "JD%02d", unit)
                var body = header
                for i in 1...(unit % 4 + 1) {
                    body += "\(i),第\(i)场科普讲座,2025-0\(month)-\(String(format: "%02d", i + 2)),线下,科普活动,食品安全,\(unit * 10 + i)\n"
                }
                if unit == 5 && month == 2 { body += "9,坏行,2025-02-03,线下,科普活动,食品安全,很多\n" }
                try TestSupport.write(body, to: inbox.appendingPathComponent("\(month)月/\(code)_2025-0\(month).csv"))
            }
        }
        try TestSupport.write(header + "1,更正后的讲座,2025-01-20,线上,培训,其他,77\n",
                              to: inbox.appendingPathComponent("补报/JD03_2025-01.csv"))
        let dup = try Data(contentsOf: inbox.appendingPathComponent("1月/JD07_2025-01.csv"))
        try dup.write(to: inbox.appendingPathComponent("补报/JD07_2025-01 副本.csv"))
        try dup.write(to: inbox.appendingPathComponent("补报/转发.csv"))
        try TestSupport.write("not a spreadsheet \u{0}\u{1}", to: inbox.appendingPathComponent("补报/乱码.csv"))
        try TestSupport.copyFixture("五月报送.zip", to: inbox)
    }

    /// The built binary, without a fault hook the environment of `swift test` might carry.
    static func startJixiao(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        try Tool.jixiao.start(arguments, environment: environment, removing: [FaultHook.environmentKey, FaultHook.batchKey])
    }

    static func jixiao(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try startJixiao(arguments, environment: environment).wait()
    }

    static func newWorkspace() throws -> (Workspace, [Data]) {
        let ws = try TestSupport.workspace()
        try fillInbox(ws.inboxURL)
        let inputs = try TestSupport.inboxContents(ws).map { try Data(contentsOf: ws.inboxURL.appendingPathComponent($0)) }
        return (ws, inputs)
    }

    /// The ledger's content as the report stage sees it, without run numbers and times.
    static func content(_ ws: Workspace) throws -> LedgerContent {
        let ledger = try Ledger.open(at: ws.ledgerURL)
        let snap = try ledger.snapshot(of: ws, through: Period(year: 2025, month: 12)!)
        let files = snap.files.all.map { f in
            [f.fileName, f.contentHash, String(f.size), f.unitCode ?? "", f.period?.description ?? "", f.status.rawValue]
                + f.diagnostics.map { "\($0.severity.rawValue) \($0.code) \($0.location) \($0.value ?? "") \($0.message)" }
        }
        return LedgerContent(activities: snap.activities.all, workload: snap.workload.all, district: snap.district,
                             accepted: snap.acceptedPeriods, rejected: snap.rejectedPeriods,
                             files: files.sorted { $0.lexicographicallyPrecedes($1) })
    }

    struct LedgerContent: Equatable {
        var activities: [ActivityRecord]
        var workload: [WorkloadEntry]
        var district: DistrictInputs?
        var accepted: [String: Set<Period>]
        var rejected: [String: Set<Period>]
        var files: [[String]]
    }

    static let reference: Result<LedgerContent, Error> = Result {
        let (ws, _) = try newWorkspace()
        let result = try jixiao(["collect", "--workspace", ws.root.path])
        guard result.status == 0 else { throw JixiaoError.io("reference run exited \(result.status): \(result.stderr)") }
        return try content(ws)
    }

    @Test func uninterruptedRunRecordsEverything() throws {
        let reference = try Self.reference.get()
        #expect(reference.files.count == 24 + 1 + 2 + 1 + 2)
        #expect(reference.files.filter { $0[5] == "duplicate" }.count == 2)
        #expect(reference.files.filter { $0[5] == "superseded" }.count == 1)
        #expect(reference.rejected["JD05"] == [Period(year: 2025, month: 2)!])
    }

    /// Batches of 4 files, so kills fall before, inside and after batch transactions.
    @Test(arguments: ["archive", "insert", "commit", "remove"])
    func killedAtAnyStepTheNextRunCompletesTheSameLedger(step: String) throws {
        let reference = try Self.reference.get()
        for n in [1, 2, 4, 5, 9, 14, 17, 26, 28, 29] {
            let (ws, inputs) = try Self.newWorkspace()
            let killed = try Self.jixiao(["collect", "--workspace", ws.root.path],
                                         environment: [FaultHook.environmentKey: "\(step):\(n)", FaultHook.batchKey: "4"])
            #expect(killed.killedBySIGKILL, "\(step):\(n) did not stop the process (status \(killed.status))")
            let rerun = try Self.jixiao(["collect", "--workspace", ws.root.path])
            #expect(rerun.status == 0, "\(step):\(n): \(rerun.stderr)")
            #expect(try Self.content(ws) == reference, "ledger differs after a kill at \(step):\(n)")
            #expect(TestSupport.inboxContents(ws).isEmpty, "\(step):\(n)")
            let archived = TestSupport.archiveNames(ws)
            for data in inputs {
                let hash = SHA256.hex(data)
                #expect(archived.contains { $0.hasPrefix(hash) }, "\(step):\(n) lost a file")
            }
        }
    }

    @Test func killedTwiceInARowStillCompletes() throws {
        let reference = try Self.reference.get()
        let (ws, _) = try Self.newWorkspace()
        for fault in ["insert:3", "archive:5", "commit:2"] {
            let killed = try Self.jixiao(["run", "--workspace", ws.root.path, "--period", "2025-12"],
                                         environment: [FaultHook.environmentKey: fault])
            #expect(killed.killedBySIGKILL)
        }
        #expect(try Self.jixiao(["run", "--workspace", ws.root.path, "--period", "2025-12"]).status == 0)
        #expect(try Self.content(ws) == reference)
    }

    @Test func runWhileTheWorkspaceIsLockedExitsThreeAndTouchesNothing() throws {
        let (ws, _) = try Self.newWorkspace()
        let before = TestSupport.inboxContents(ws)
        let lock = try RunLock(path: ws.lockPath)
        let blocked = try Self.jixiao(["run", "--workspace", ws.root.path])
        #expect(blocked.status == 3)
        #expect(blocked.stderr.contains("另一个 jixiao 正在处理这个工作目录"))
        #expect(TestSupport.inboxContents(ws) == before)
        #expect(TestSupport.archiveNames(ws).isEmpty)
        withExtendedLifetime(lock) {}
    }

    @Test func twoConcurrentRunsOneProceedsNoCorruption() throws {
        let reference = try Self.reference.get()
        let (ws, _) = try Self.newWorkspace()
        let args = ["run", "--workspace", ws.root.path, "--period", "2025-12"]
        let a = try Self.startJixiao(args)
        let b = try Self.startJixiao(args)
        let statuses = [a.wait().status, b.wait().status].sorted()
        #expect(statuses == [0, 3] || statuses == [0, 0], "\(statuses)")
        if statuses == [0, 0] {
            // The first finished before the second started; it then found an empty inbox.
            #expect(try Self.content(ws) == reference)
        }
        #expect(try Self.jixiao(args).status == 0)
        #expect(try Self.content(ws) == reference)
    }

    @Test func configurationProblemsExitTwo() throws {
        let (ws, _) = try Self.newWorkspace()
        let again = try Self.jixiao(["init", ws.root.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("不会覆盖已有的工作目录"))
        let elsewhere = try Self.jixiao(["collect", "--workspace", TestSupport.scratch().path])
        #expect(elsewhere.status == 2)
        try Data("单位代码,单位名称\nJD01,甲\n".utf8).write(to: ws.unitsURL)
        let badRegistry = try Self.jixiao(["run", "--workspace", ws.root.path])
        #expect(badRegistry.status == 2)
        #expect(badRegistry.stderr.contains("units.csv 第 1 行的表头缺少列"))
        #expect(TestSupport.archiveNames(ws).isEmpty, "nothing is collected with a broken registry")
    }

    /// Something left in inbox/ that the run could not take needs a person, like a failed
    /// file: the rest is collected and reported, and the exit code tells cron.
    @Test func skippedEntryIsCollectedAroundAndExitsOne() throws {
        let (ws, _) = try Self.newWorkspace()
        let pipe = ws.inboxURL.appendingPathComponent("管道")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let collect = try Self.jixiao(["collect", "--workspace", ws.root.path])
        #expect(collect.status == 1)
        #expect(collect.stderr.contains("[跳过] 管道：命名管道，不是报送文件，未处理"))
        #expect(collect.stdout.hasSuffix("，1 项无法收集，见日志\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.inboxURL.path) == ["管道"])
        let run = try Self.jixiao(["run", "--workspace", ws.root.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("1 项无法收集，见日志"))
    }

    @Test func statusPrintsUnitsAndLastRunRejections() throws {
        let (ws, _) = try Self.newWorkspace()
        #expect(try Self.jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        let status = try Self.jixiao(["status", "--workspace", ws.root.path, "--period", "2025-02"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("JD05 径河街道科协：已接收 1月；退回待改 2月"))
        #expect(status.stdout.contains("补报/乱码.csv"))
        let wrongYear = try Self.jixiao(["status", "--workspace", ws.root.path, "--period", "2024-02"])
        #expect(wrongYear.status == 2)
    }

    @Test func strictRunExitsFourWhenAFileWasRejected() throws {
        let (ws, _) = try Self.newWorkspace()
        let result = try Self.jixiao(["run", "--workspace", ws.root.path, "--strict", "--period", "2025-12"])
        #expect(result.status == 4)
        #expect(result.stdout.contains("退回 2 份"))
        #expect(result.stderr.contains("[退回] JD05 2025-02"))
    }
}
