import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

/// Prints 指标表 through LibreOffice (libreoffice-calc-nogui, fonts-wqy-microhei,
/// poppler-utils; see `make test-deps`). Set JIXIAO_RENDER_DIR to keep the PDF for a look.
@Suite(.serialized, .requires(.soffice, .pdfinfo, .pdftotext)) struct LibreOfficeTests {
    @Test func seedTablePrintsOnOneLandscapePage() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        try IndicatorTableWriter.write(Fixtures.evaluation(), to: url)
        let pdf = try convert(url, in: dir, keepAs: "指标表-seed.pdf")
        let info = try pdfInfo(pdf)
        #expect(info.pages == 1)
        #expect(info.width > info.height)
        // A4 landscape is 842 × 595 points.
        #expect(abs(info.width - 842) < 2 && abs(info.height - 595) < 2)
    }

    @Test(.requires(.openpyxl)) func longTableStaysOnePageWide() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        let base = Fixtures.evaluation()
        let many = (0..<4).flatMap { _ in base.indicators }
        try IndicatorTableWriter.write(Fixtures.evaluation(indicators: many), to: url)
        let pdf = try convert(url, in: dir, keepAs: "指标表-long.pdf")
        let info = try pdfInfo(pdf)
        // Taller than one page: more pages, but each as wide as A4 landscape (no page split sideways).
        #expect(info.pages >= 2)
        #expect(abs(info.width - 842) < 2)
        let text = try Tool.pdftotext.run(["-layout", pdf.path, "-"]).stdout
        // The header row repeats on every printed page.
        #expect(text.components(separatedBy: "偏差原因分析及改进措施").count - 1 == info.pages)
        // The pages are the ones laid out (each ending on a 小计 row): LibreOffice needed no break of its own.
        let breaks = try #require(try OpenPyXL(url).sheet("绩效自评表").printSetup["rowBreaks"] as? [Int])
        #expect(info.pages == breaks.count + 1, "\(breaks)")
    }

    @Test func longGoalTextIsPrintedWhole() throws {
        let dir = try Scratch()
        let url = dir.file("指标表.xlsx")
        var e = Fixtures.evaluation()
        e.actualCompletion = (1...60).map { "第\($0)项：开展科普活动，覆盖群众。" }.joined(separator: "\n")
        try IndicatorTableWriter.write(e, to: url)
        let pdf = try convert(url, in: dir, keepAs: "指标表-long-goal.pdf")
        let text = try Tool.pdftotext.run([pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(text.contains("第1项"))
        #expect(text.contains("第60项"))
        #expect(abs(try pdfInfo(pdf).width - 842) < 2)
    }

    /// A long call list prints on landscape pages one page wide, the header on each page,
    /// and a wrapped reason is printed whole.
    @Test func callListPrintsLandscapeWithWholeReasons() throws {
        let dir = try Scratch()
        let url = dir.file("催报清单.xlsx")
        let base = ReminderListTests.calls.entries
        let many = (0..<30).flatMap { i in
            base.map { e in
                var unit = e.unit
                unit.code = "\(unit.code)-\(i)"
                return CallList.Entry(unit: unit, months: e.months)
            }
        }
        try ReminderListWriter.write(CallList(through: ReminderListTests.march, entries: many), to: url)
        let pdf = try convert(url, in: dir, keepAs: "催报清单-long.pdf")
        let info = try pdfInfo(pdf)
        #expect(info.pages >= 3)
        #expect(abs(info.width - 842) < 2 && abs(info.height - 595) < 2)
        let text = try Tool.pdftotext.run([pdf.path, "-"]).stdout
        #expect(text.components(separatedBy: "欠报月份").count - 1 + text.components(separatedBy: "原因/文件").count - 1 == info.pages)
        let compact = text.filter { !$0.isWhitespace }
        #expect(compact.contains("（文件：bundle.zip/JD02.xlsx）"))
        #expect(compact.contains("文件：JD04_2025-01.xlsx"))
    }

    @Test func everyWorkbookOpensAndPrints() throws {
        let dir = try Scratch()
        let march = Period(year: 2025, month: 3)!
        let outputs: [(String, (URL) throws -> Void)] = [
            ("汇总表.xlsx", { try RollupWorkbookWriter.write(Fixtures.evaluation(period: march), rollup: Fixtures.rollup(), to: $0) }),
            ("校验报告.xlsx", { try ValidationReportWriter.write(files: FileOutcomes(ValidationReportTests.files), units: Fixtures.units, to: $0) }),
            ("催报清单.xlsx", { try ReminderListWriter.write(ReminderListTests.calls, to: $0) }),
            ("报送表.xlsx", { try TemplateWriter.write(unit: Fixtures.district, period: march, to: $0) }),
        ]
        for (name, write) in outputs {
            let url = dir.file(name)
            try write(url)
            let pdf = try convert(url, in: dir, keepAs: name.replacingOccurrences(of: ".xlsx", with: ".pdf"))
            #expect(try pdfInfo(pdf).pages >= 1, "\(name) did not convert")
        }
    }

    /// The notes and the data each fit the page width; 活动明细 prints the rows sent, not the
    /// 200 drawn for typing; what is to be fixed is on the first page.
    @Test func returnCopyPrintsItsNotesFirstAndOnlyTheRowsSent() throws {
        let dir = try Scratch()
        let url = dir.file("JD05_2025-06_退回修改.xlsx")
        try ReturnCopyWriter.write(ReturnCopyTests.sample, to: url)
        let pdf = try convert(url, in: dir, keepAs: "退回修改.pdf")
        let info = try pdfInfo(pdf)
        // 修改说明, 基本信息, 活动明细, 工作量, and 填报说明 (two pages).
        #expect(info.pages == 6)
        let first = try Tool.pdftotext.run(["-f", "1", "-l", "1", pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(first.contains("退回修改说明"))
        #expect(first.contains("活动明细!C3"))
        #expect(first.contains("2025-13-05"))
        let data = try Tool.pdftotext.run(["-f", "3", "-l", "3", pdf.path, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(data.contains("夏季用电安全科普"))
    }

    private func convert(_ url: URL, in dir: Scratch, keepAs name: String) throws -> URL {
        let profile = dir.file("lo-profile")
        _ = try Tool.soffice.run(["-env:UserInstallation=file://\(profile.path)", "--headless",
                                  "--convert-to", "pdf", "--outdir", dir.url.path, url.path])
        let pdf = url.deletingPathExtension().appendingPathExtension("pdf")
        if let keep = ProcessInfo.processInfo.environment["JIXIAO_RENDER_DIR"] {
            let dest = URL(fileURLWithPath: keep).appendingPathComponent(name)
            try? FileManager.default.removeItem(at: dest)
            try? FileManager.default.copyItem(at: pdf, to: dest)
        }
        return pdf
    }

    private func pdfInfo(_ pdf: URL) throws -> (pages: Int, width: Double, height: Double) {
        let text = try Tool.pdfinfo.run([pdf.path]).stdout
        var pages = 0
        var width = 0.0
        var height = 0.0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "Pages" { pages = Int(parts[1]) ?? 0 }
            if parts[0] == "Page size" {
                let numbers = parts[1].split(separator: " ").compactMap { Double($0) }
                if numbers.count >= 2 { width = numbers[0]; height = numbers[1] }
            }
        }
        return (pages, width, height)
    }
}
