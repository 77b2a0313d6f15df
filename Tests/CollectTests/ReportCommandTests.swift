import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoReport
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// `report`, `run` and `collect` of the built binary: the workspace lock, out/ replaced as a
/// set (JIXIAO_REPORT_FAULT, see ReportFaultHook) and a clock set back.
@Suite(.requires(.jixiao))
struct ReportCommandTests {
    static func jixiao(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Tool.jixiao.run(arguments, environment: environment,
                            removing: [FaultHook.environmentKey, FaultHook.batchKey, ReportFaultHook.environmentKey])
    }

    static func outputs(_ ws: Workspace) -> [URL] { ReportOutputs(out: ws.outURL, names: ws.config.outputs).all }

    static func contents(_ ws: Workspace) throws -> [Data] { try outputs(ws).map { try Data(contentsOf: $0) } }

    static func report(_ ws: Workspace, _ period: String, fault: String? = nil) throws -> ProcessResult {
        try jixiao(["report", "--workspace", ws.root.path, "--period", period],
                   environment: fault.map { [ReportFaultHook.environmentKey: $0] } ?? [:])
    }

    @Test func reportWhileTheWorkspaceIsLockedExitsThreeAndWritesNothing() throws {
        let ws = try TestSupport.workspace()
        do {
            let lock = try RunLock(path: ws.lockPath)
            let blocked = try Self.report(ws, "2025-06")
            #expect(blocked.status == 3)
            #expect(blocked.stderr.contains("另一个 jixiao 正在处理这个工作目录"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path).isEmpty)
            withExtendedLifetime(lock) {}
        }
        #expect(try Self.report(ws, "2025-06").status == 0)
    }

    @Test func aSymlinkedLockFileStopsTheRunWithItsTargetIntact() throws {
        let ws = try TestSupport.workspace()
        let target = TestSupport.scratch().appendingPathComponent("passwd")
        try TestSupport.write("root:x:0:0\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: ws.lockPath, withDestinationPath: target.path)
        for command in ["run", "collect", "report"] {
            let result = try Self.jixiao([command, "--workspace", ws.root.path])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("符号链接"), "\(command): \(result.stderr)")
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "root:x:0:0\n")
    }

    @Test func aFailedReportSaysSoAndLeavesTheOldSet() throws {
        let ws = try TestSupport.workspace()
        #expect(try Self.report(ws, "2025-03").status == 0)
        let before = try Self.contents(ws)
        // 3 fails beside 佐证材料 being written, 5 is 佐证材料 itself, written beside the others.
        for fault in ["write:3", "write:5"] {
            let failed = try Self.report(ws, "2025-12", fault: fault)
            #expect(failed.status == 1, "\(fault)")
            #expect(failed.stderr.contains("错误："), "\(fault)")
            #expect(failed.stdout.contains("报表（截至2025年12月）未生成：out/ 中仍是上次生成的整套报表"), "\(fault): \(failed.stdout)")
            #expect(try Self.contents(ws) == before, "\(fault)")
            let hidden = try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path).filter { $0.hasPrefix(".") }
            #expect(hidden.isEmpty, "\(fault): \(hidden)")
        }
        let run = try Self.jixiao(["run", "--workspace", ws.root.path, "--period", "2025-12"],
                                  environment: [ReportFaultHook.environmentKey: "write:2"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("第 1 次收集"))
        #expect(run.stdout.contains("；报表（截至2025年12月）未生成"), "\(run.stdout)")
        #expect(try Self.contents(ws) == before)
    }

    /// Killed between the second and third rename; the next report first completes that set.
    @Test func aReplacementKilledHalfwayIsCompletedByTheNextReport() throws {
        let ws = try TestSupport.workspace()
        #expect(try Self.report(ws, "2025-12").status == 0)
        let december = try Self.contents(ws)
        #expect(try Self.report(ws, "2025-01").status == 0)
        let january = try Self.contents(ws)
        #expect(january[0] != december[0])
        let killed = try Self.report(ws, "2025-12", fault: "rename:2")
        #expect(killed.killedBySIGKILL)
        #expect(Array(try Self.contents(ws).prefix(2)) == Array(december.prefix(2)))
        #expect(Array(try Self.contents(ws).suffix(2)) == Array(january.suffix(2)))
        #expect(OutputSet(workspace: ws).hasPendingReplacement)
        // This report fails at its first output, so out/ shows what the recovery did.
        let next = try Self.report(ws, "2025-01", fault: "write:1")
        #expect(next.status == 1)
        #expect(try Self.contents(ws) == december)
        #expect(!OutputSet(workspace: ws).hasPendingReplacement)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    /// `JIXIAO_NOW` fixes the stamp: every log line on stderr and the summary on stdout start with it.
    @Test func everyLogLineStartsWithALocalTimestamp() throws {
        let ws = try TestSupport.workspace()
        try TestSupport.write("不是报表\n", to: ws.inboxURL.appendingPathComponent("坏.xlsx"))
        let stamp = "2026-12-02 02:00:03 "
        let fixed = ["JIXIAO_NOW": "2026-12-02T02:00:03Z", "TZ": "UTC"]
        let run = try Self.jixiao(["run", "--workspace", ws.root.path, "--period", "2025-06"], environment: fixed)
        let out = run.stdout.split(separator: "\n").map(String.init)
        let err = run.stderr.split(separator: "\n").map(String.init)
        #expect(out.count == 1, "\(run.stdout)")
        #expect(out.allSatisfy { $0.hasPrefix(stamp + "第 1 次收集") }, "\(run.stdout)")
        #expect(!err.isEmpty && err.allSatisfy { $0.hasPrefix(stamp) }, "\(run.stderr)")
        let report = try Self.jixiao(["report", "--workspace", ws.root.path, "--period", "2025-06"], environment: fixed)
        #expect(report.stdout.hasPrefix(stamp + "报表"), "\(report.stdout)")
    }

    /// No fake clock needed: a run recorded far in the future makes today's clock "set back".
    @Test func aClockSetBackIsWarnedAndTheMonthNotMovedBack() throws {
        let root = TestSupport.scratch("ws")
        try Workspace.create(at: root, year: 2099, department: "测试区科学技术协会")
        let ws = try Workspace.open(at: root)
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try ledger.beginRun(at: LedgerTime.date("2099-08-20T02:00:00.000Z"))
        for command in ["report", "status"] {
            let result = try Self.jixiao([command, "--workspace", ws.root.path])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("本机时钟似乎被往回调了"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("2099年8月"), "\(command): \(result.stderr)")
            #expect(result.stdout.contains("2099年7月）"), "\(command): \(result.stdout)")
        }
    }
}
