import Foundation
import JixiaoLedger
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// What the IT person sees running jixiao: `--version`, the examples in `run --help`,
/// and `status` / `check` on a workspace nobody may write.
@Suite(.requires(.jixiao))
struct OperatingTests {
    static func jixiao(_ arguments: [String]) throws -> ProcessResult { try Tool.jixiao.run(arguments) }

    /// Columns as a terminal shows them: CJK characters take two.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ((0x2E80...0x9FFF).contains($1.value) || (0xFF00...0xFFEF).contains($1.value) ? 2 : 1) }
    }

    @Test func versionNamesTheBuildDateAndTheLinkedLibraries() throws {
        let result = try Self.jixiao(["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.first?.wholeMatch(of: /jixiao 0\.1\.0（构建于 \d{4}-\d{2}-\d{2}）/) != nil, "\(result.stdout)")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["libxlsxwriter", "libzip", "SQLite"])
        #expect(lines.dropFirst().allSatisfy { $0.wholeMatch(of: /\ \ \S+ \d+\.\d+(\.\d+)*/) != nil }, "\(result.stdout)")
    }

    /// The parser's English errors, in Chinese, with what was most likely meant; still exit 2.
    @Test func usageErrorsAreChineseWithADidYouMean() throws {
        let option = try Self.jixiao(["run", "--workspce", "x"])
        #expect(option.status == 2)
        let lines = option.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "用法错误：没有“--workspce”这个选项，是否为 --workspace？", "\(option.stderr)")
        #expect(lines.contains("用法：jixiao run [--workspace <workspace>] [--period <period>] [--strict]"))
        #expect(lines.contains("  详见 jixiao run --help"))
        let command = try Self.jixiao(["staus"])
        #expect(command.status == 2)
        #expect(command.stderr.hasPrefix("用法错误：多余的参数“staus”，是否为命令 status？"), "\(command.stderr)")
        let value = try Self.jixiao(["run", "--period"])
        #expect(value.status == 2)
        #expect(value.stderr.hasPrefix("用法错误：选项 --period <period> 后面要写一个值"), "\(value.stderr)")
        #expect(!value.stderr.contains("Error:") && !value.stderr.contains("Usage:") && !value.stderr.contains("Help:"))
        // No guess when nothing is one slip away.
        let far = try Self.jixiao(["run", "--zzz"])
        #expect(far.stderr.hasPrefix("用法错误：没有“--zzz”这个选项\n"), "\(far.stderr)")
    }

    @Test func runHelpShowsAbsolutePathExamplesWithinEightyColumns() throws {
        let result = try Self.jixiao(["run", "--help"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasSuffix("0 2 * * * cd /data/东西湖2025 && /usr/local/bin/jixiao run >> jixiao.log 2>&1") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasSuffix("ExecStart=/usr/local/bin/jixiao run --workspace /data/东西湖2025") }, "\(result.stdout)")
        for line in lines where line.contains("jixiao run") && (line.contains("0 2 *") || line.contains("ExecStart")) {
            #expect(Self.columns(line) <= 80, "\(line)")
        }
        let readme = try String(contentsOf: TestSupport.repoFile("README.md"), encoding: .utf8)
        for line in readme.split(separator: "\n") where line.contains("jixiao run") && (line.hasPrefix("0 2") || line.hasPrefix("ExecStart")) {
            #expect(line.contains("/usr/local/bin/jixiao"), "\(line)")
            #expect(Self.columns(line) <= 80, "\(line)")
        }
    }

    /// Root ignores file modes, so the workspace goes on a tmpfs remounted read-only.
    @Test func statusAndCheckWorkOnAReadOnlyWorkspace() throws {
        let mountPoint = TestSupport.scratch("ro")
        let mount = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=20m", "tmpfs", mountPoint.path])
        guard mount.status == 0 else {
            print("skipped: a tmpfs cannot be mounted here (\(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path]) }
        let root = mountPoint.appendingPathComponent("ws")
        try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let ws = try Workspace.open(at: root)
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL)
        #expect(try Self.jixiao(["collect", "--workspace", root.path]).status == 0)
        let wal = root.appendingPathComponent("ledger.sqlite-wal")
        if let size = try? FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int, size > 0 {
            // Committed work still in the -wal cannot be read once the folder is read-only:
            // status says so rather than show a ledger without it.
            _ = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", mountPoint.path])
            let refused = try Self.jixiao(["status", "--workspace", root.path, "--period", "2025-03"])
            #expect(refused.status != 0 && refused.stderr.contains("尚未并入台账"), "\(refused.stderr)")
            _ = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,rw", mountPoint.path])
            // The last connection to close merges the -wal into the ledger.
            do { _ = try Ledger.open(at: root.appendingPathComponent("ledger.sqlite")) }
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        let remount = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", mountPoint.path])
        #expect(remount.status == 0, "\(remount.stderr)")
        let status = try Self.jixiao(["status", "--workspace", root.path, "--period", "2025-03"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("年度报送情况（截至 2025年3月）"), "\(status.stdout)")
        #expect(status.stdout.contains("JD01"), "\(status.stdout)")
        let check = try Self.jixiao(["check", "--workspace", root.path, ws.archiveURL.path])
        #expect(check.status != 1 && check.status != 2, "\(check.stderr)")
        #expect(!check.stderr.contains("错误："), "\(check.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == before)
    }

    /// A folder given to `check` is walked as collect walks inbox/: what collect would pass over
    /// (an editor's lock file, a hidden folder, Thumbs.db) is not reported as a bad submission.
    @Test func checkOfAFolderPassesOverWhatCollectPassesOver() throws {
        let dir = TestSupport.scratch("check-folder")
        let sent = TestSupport.repoFile("examples/dongxihu-2025/inbox/2025-01/JD01_吴家山街道科协_2025-01.xlsx")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".hidden/sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: sent, to: dir.appendingPathComponent("JD01.xlsx"))
        try FileManager.default.copyItem(at: sent, to: dir.appendingPathComponent(".hidden/sub/JD01.xlsx"))
        for clutter in [".DS_Store", "~$JD01.xlsx", "Thumbs.db", ".complete"] {
            try Data().write(to: dir.appendingPathComponent(clutter))
        }
        let check = try Self.jixiao(["check", "--year", "2025", dir.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let heads = check.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(heads.count == 1 && heads.first?.contains(dir.appendingPathComponent("JD01.xlsx").path) == true, "\(check.stdout)")
    }

    static func mount(_ arguments: [String]) throws -> Bool {
        let result = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), arguments)
        if result.status != 0 { print("skipped: cannot mount here (\(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))") }
        return result.status == 0
    }

    static func unmount(_ url: URL) { _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/umount"), [url.path]) }

    /// A report that cannot be written says so in Chinese, naming out/ and the fix, and no
    /// libxlsxwriter `[ERROR] …` line reaches stderr; exit 1 (docs/commands.md).
    @Test func unwritableOutFolderIsNamedInChineseWithoutTheLibraryLine() throws {
        let root = TestSupport.scratch("out-file").appendingPathComponent("ws")
        let ws = try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let out = ws.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out)
        try Data("x".utf8).write(to: out)
        let asFile = try Self.jixiao(["report", "--workspace", root.path])
        #expect(asFile.status == 1)
        #expect(asFile.stderr.contains("错误：\(out.path) 是一个文件，不是文件夹，报表无法写到这里。请把这个文件改名或移走（jixiao 会重新建立 out 文件夹），再运行 jixiao report"),
                "\(asFile.stderr)")
        try FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)

        // Root writes through file modes: a read-only bind mount is what refuses it.
        guard try Self.mount(["--bind", out.path, out.path]) else { return }
        defer { Self.unmount(out) }
        guard try Self.mount(["-o", "remount,ro,bind", out.path]) else { return }
        let readOnly = try Self.jixiao(["report", "--workspace", root.path])
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.contains("错误：报表文件夹 \(out.path) 无法写入（所在磁盘是只读的）。请让运行 jixiao 的用户对这个文件夹有写入权限（或换到可写的磁盘），再运行 jixiao report"),
                "\(readOnly.stderr)")
        #expect(!readOnly.stderr.contains("[ERROR]"), "\(readOnly.stderr)")
    }

    /// A full disk passes the up-front check and fails inside libxlsxwriter's own close.
    @Test func fullOutFolderFailsWithoutTheLibraryLine() throws {
        let root = TestSupport.scratch("out-full").appendingPathComponent("ws")
        let ws = try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let out = ws.appendingPathComponent("out")
        guard try Self.mount(["-t", "tmpfs", "-o", "size=4k", "tmpfs", out.path]) else { return }
        defer { Self.unmount(out) }
        let full = try Self.jixiao(["report", "--workspace", root.path])
        #expect(full.status == 1)
        #expect(!full.stderr.contains("[ERROR]") && !full.stderr.contains("workbook_close"), "\(full.stderr)")
        let line = full.stderr.split(separator: "\n").first { $0.contains("错误：") }.map(String.init) ?? ""
        #expect(line.contains("错误：写入 指标表.xlsx（文件夹 \(out.path)）失败（写入文件内容时出错，常见原因是磁盘已满）"), "\(full.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// Through the binary: a full-width colon in jixiao.yaml, and indicators.yaml saved as GBK
    /// with a tab in it, each named at its line and column; exit 2.
    @Test func yamlMistakesReachTheUserInChineseWithExitCode2() throws {
        let root = TestSupport.scratch("yaml-e2e").appendingPathComponent("ws")
        try Workspace.create(at: root, year: 2025, department: "测试区科学技术协会")
        let config = root.appendingPathComponent("jixiao.yaml")
        let original = try String(contentsOf: config, encoding: .utf8)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("year:") }! + 1
        try original.replacingOccurrences(of: "year: 2025", with: "year：2025").write(to: config, atomically: true, encoding: .utf8)
        let status = try Self.jixiao(["status", "--workspace", root.path])
        #expect(status.status == 2)
        #expect(status.stderr.contains("错误：jixiao.yaml 第 \(line) 行第 5 列：“year”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“year: 2025”"),
                "\(status.stderr)")
        try original.write(to: config, atomically: true, encoding: .utf8)

        let indicators = root.appendingPathComponent("indicators.yaml")
        let text = try String(contentsOf: indicators, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let weight = lines.firstIndex { $0.hasPrefix("    分值: ") }!
        var broken = lines.map(String.init)
        broken[weight] = "\t" + broken[weight].dropFirst(4)
        try broken.joined(separator: "\n").data(using: String.Encoding(rawValue: 0x8000_0632))!.write(to: indicators)
        let report = try Self.jixiao(["report", "--workspace", root.path])
        #expect(report.status == 2)
        #expect(report.stderr.contains("错误：indicators.yaml 第\(weight + 1)行第1列：行首用了制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格，与同一层的其他行对齐。"),
                "\(report.stderr)")
    }
}
