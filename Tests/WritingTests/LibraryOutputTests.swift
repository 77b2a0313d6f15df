import Foundation
@testable import JixiaoWriting
import Testing

/// libxlsxwriter's own stderr lines are kept out while a workbook closes; whatever else is
/// written to stderr meanwhile still arrives.
@Suite(.serialized) struct LibraryOutputTests {
    /// Runs `body` with fd 2 pointing at a scratch file, and returns what reached it.
    static func stderrText(_ body: () -> Void) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        let fd = open(scratch.path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        let saved = dup(STDERR_FILENO)
        dup2(fd, STDERR_FILENO)
        body()
        dup2(saved, STDERR_FILENO)
        close(saved)
        close(fd)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try String(contentsOf: scratch, encoding: .utf8)
    }

    static func say(_ text: String) {
        _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    @Test func libraryLinesAreDroppedAndOtherLinesPassedOn() throws {
        let seen = try Self.stderrText {
            let result = LibraryOutput.withStderrCaptured { () -> Int in
                Self.say("[ERROR] workbook_close(): Error creating 'x.xlsx'. System error = Read-only file system\n")
                Self.say("2026-12-02 02:00:03 [接收] JD01 2025-03 JD01.xlsx\n")
                Self.say("[WARNING]: worksheet_set_column(): column width too large\n")
                return 7
            }
            #expect(result == 7)
            Self.say("之后\n")
        }
        // fd 2 is the whole test process's: other suites' lines may arrive meanwhile, so this
        // checks ours in order and the library's absent, not that nothing else came.
        let ours = seen.split(separator: "\n").filter { $0.contains("JD01.xlsx") || $0 == "之后" }
        #expect(ours == ["2026-12-02 02:00:03 [接收] JD01 2025-03 JD01.xlsx", "之后"], "\(seen)")
        #expect(!seen.contains("[ERROR]") && !seen.contains("[WARNING]"), "\(seen)")
    }

    /// A closing workbook that fails prints nothing of its own.
    @Test func failedCloseIsSilentOnStderr() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("close-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("报表.xlsx")
        var thrown: String?
        let seen = try Self.stderrText {
            do {
                let book = try XlsxWorkbook(url: target)
                _ = try book.addSheet("表")
                // The folder gone before close: libxlsxwriter cannot create its file.
                try? FileManager.default.removeItem(at: folder)
                try book.close()
            } catch {
                thrown = "\(error)"
            }
        }
        #expect(!seen.contains("[ERROR]") && !seen.contains("workbook_close"), "\(seen)")
        #expect(thrown?.hasPrefix("写入 报表.xlsx（文件夹 \(folder.path)）失败（") == true, "\(thrown ?? "no error")")
    }

    @Test func stagedNamesAreShownAsTheOutputsName() {
        #expect(XlsxWorkbook.shownName(".指标表.xlsx.D9D0FC29-214E-41D3-B227-0E977E419FF5.tmp") == "指标表.xlsx")
        #expect(XlsxWorkbook.shownName("报表.xlsx") == "报表.xlsx")
        #expect(XlsxWorkbook.shownName(".a.b.tmp") == ".a.b.tmp")
    }
}
