import Foundation
@testable import JixiaoCollect
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// `jixiao withdraw` and `jixiao restore` as the clerk runs them: the built binary on a
/// workspace collected from the fixtures (JD01 March sent, then its 更正).
@Suite(.requires(.jixiao)) struct CorrectionCommandTests {
    static let environment = ["JIXIAO_NOW": "2026-01-15T02:00:00Z", "TZ": "UTC"]

    static func jixiao(_ arguments: [String]) throws -> ProcessResult {
        try Tool.jixiao.run(arguments, environment: environment)
    }

    static func collected() throws -> Workspace {
        let ws = try TestSupport.workspace()
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL)
        #expect(try jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        try TestSupport.copyFixture("batch2/JD01_2025-03_更正.xlsx", to: ws.inboxURL)
        #expect(try jixiao(["collect", "--workspace", ws.root.path]).status == 0)
        return ws
    }

    @Test func withdrawAndRestoreThroughTheBinary() throws {
        let ws = try Self.collected()
        let root = ws.root.path

        let noReason = try Self.jixiao(["withdraw", "JD01_2025-03_更正.xlsx", "--workspace", root])
        #expect(noReason.status == 2)
        #expect(noReason.stderr.hasPrefix("用法错误："), "\(noReason.stderr)")

        let typo = try Self.jixiao(["withdraw", "JD01_2025-03_更正.xls", "--reason", "填错", "--workspace", root])
        #expect(typo.status == 2)
        #expect(typo.stderr == "2026-01-15 02:00:00 错误：台账中没有名为“JD01_2025-03_更正.xls”的报送文件。是否为 JD01_2025-03_更正.xlsx？\n",
                "\(typo.stderr)")

        let withdrawn = try Self.jixiao(["withdraw", "JD01_2025-03_更正.xlsx", "--reason", "单位来电：更正表填错", "--workspace", root])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(withdrawn.stdout.hasPrefix("2026-01-15 02:00:00 [撤回] JD01 2025-03 JD01_2025-03_更正.xlsx（原因：单位来电：更正表填错）：改为计入此前的 JD01_2025-03.xlsx"),
                "\(withdrawn.stdout)")
        let twice = try Self.jixiao(["withdraw", "JD01_2025-03_更正.xlsx", "--reason", "再撤", "--workspace", root])
        #expect(twice.status == 2 && twice.stderr.contains("不能再撤回"), "\(twice.stderr)")
        #expect(try Self.jixiao(["verify", "--workspace", root]).status == 0)

        // By hash prefix, as 校验报告 and archive/ name it.
        let hash = try #require(Archive(directory: ws.archiveURL).allCorrections().corrections.first?.hash)
        let restored = try Self.jixiao(["restore", String(hash.prefix(8)), "--workspace", root])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("[恢复] JD01 2025-03 JD01_2025-03_更正.xlsx：计入此版本，替代 JD01_2025-03.xlsx"), "\(restored.stdout)")
        let again = try Self.jixiao(["restore", String(hash.prefix(8)), "--workspace", root])
        #expect(again.status == 2 && again.stderr.contains("无需恢复"), "\(again.stderr)")

        // The workspace lock is taken, as collect takes it.
        do {
            let held = try WorkspaceLock.acquire(ws)
            let locked = try Self.jixiao(["withdraw", "JD01_2025-03_更正.xlsx", "--reason", "x", "--workspace", root])
            #expect(locked.status == 3, "\(locked.stderr)")
            withExtendedLifetime(held) {}
        }

        #expect(try Self.jixiao(["rebuild", "--workspace", root]).status == 0)
        #expect(try Self.jixiao(["verify", "--workspace", root]).status == 0)
        let report = try Self.jixiao(["report", "--workspace", root, "--period", "2025-03"])
        #expect(report.status == 0, "\(report.stderr)")
    }
}
