import Foundation
import JixiaoReading
import JixiaoWorkspace
import TestSupport
import Testing

/// A file in inbox/ nobody may read: a Chinese log line, the other files collected, the file
/// left for the next run, and a row in 校验报告's 文件 sheet.
@Suite(.requires(.jixiao, .setpriv))
struct UnreadableInputTests {
    /// Root reads any file whatever its mode; without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH
    /// it is held to the modes like any user.
    static func jixiaoWithoutOverride(_ arguments: [String]) throws -> ProcessResult {
        let drop = "-dac_override,-dac_read_search"
        return try Tool.setpriv.run(["--inh-caps=\(drop)", "--bounding-set=\(drop)", Tool.jixiao.located().path] + arguments)
    }

    @Test func unreadableFileIsLoggedKeptAndListedInTheValidationReport() throws {
        let ws = try TestSupport.workspace()
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL)
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: ws.inboxURL, as: "JD02_2025-03.xlsx")
        let locked = ws.inboxURL.appendingPathComponent("JD02_2025-03.xlsx")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }

        let collect = try Self.jixiaoWithoutOverride(["collect", "--workspace", ws.root.path])
        if collect.stderr.contains("setpriv:") {
            print("skipped: capabilities cannot be dropped here (\(collect.stderr))")
            return
        }
        #expect(collect.status == 1, "\(collect.stderr)")
        #expect(collect.stderr.contains("[失败] JD02_2025-03.xlsx：无法读取文件 JD02_2025-03.xlsx（没有权限），未处理，仍留在 inbox 中；请检查文件权限"),
                "\(collect.stderr)")
        #expect(collect.stderr.contains("[接收] JD01 2025-03 JD01_2025-03.xlsx"), "\(collect.stderr)")
        #expect(!collect.stderr.contains("could not be completed"), "\(collect.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.inboxURL.path) == ["JD02_2025-03.xlsx"])

        let report = try Self.jixiaoWithoutOverride(["report", "--workspace", ws.root.path, "--period", "2025-03"])
        #expect(report.status == 0, "\(report.stderr)")
        let data = try Data(contentsOf: ws.outURL.appendingPathComponent("校验报告.xlsx"))
        let files = try #require(try SpreadsheetReader.read(data, name: "校验报告.xlsx").sheets.first { $0.name == "文件" })
        let rows = files.rows.map { $0.cells.map(\.value.displayText) }
        let row = try #require(rows.first { $0.contains("inbox/JD02_2025-03.xlsx") }, "\(rows)")
        #expect(row.contains("无法读取"))
        #expect(row.contains("无法读取文件 JD02_2025-03.xlsx（没有权限），未处理，仍留在 inbox 中；请检查文件权限"))
        #expect(rows.contains { $0.contains("JD01_2025-03.xlsx") && $0.contains("已接收") }, "\(rows)")

        // Readable again, the next run takes it (as a duplicate of JD01's bytes) and the row goes.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path)
        let again = try Self.jixiaoWithoutOverride(["run", "--workspace", ws.root.path, "--period", "2025-03"])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try Data(contentsOf: ws.outURL.appendingPathComponent("校验报告.xlsx"))
        let sheet = try #require(try SpreadsheetReader.read(after, name: "校验报告.xlsx").sheets.first { $0.name == "文件" })
        #expect(!sheet.rows.contains { $0.cells.contains { $0.value.displayText.hasPrefix("inbox/") } })
    }

    /// `check` on a file it may not read, and on a folder holding nothing: what each is, exit 2.
    @Test func checkNamesAnUnreadableFileAndAnEmptyFolder() throws {
        let dir = TestSupport.scratch("check-unreadable")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try TestSupport.copyFixture("batch1/JD01_2025-03.xlsx", to: dir)
        let locked = dir.appendingPathComponent("JD01_2025-03.xlsx")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let folder = dir.appendingPathComponent("JD02_2025-03.xlsx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let check = try Self.jixiaoWithoutOverride(["check", locked.path, folder.path])
        if check.stderr.contains("setpriv:") {
            print("skipped: capabilities cannot be dropped here (\(check.stderr))")
            return
        }
        #expect(check.status == 2)
        let lines = check.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("无法读取文件 \(locked.path)（没有权限），未校验；请检查文件权限"), "\(check.stderr)")
        #expect(lines.contains("文件夹 \(folder.path) 中没有文件，未校验；请给出报送文件本身"), "\(check.stderr)")
    }
}
