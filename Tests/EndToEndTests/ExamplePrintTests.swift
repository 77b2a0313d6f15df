import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// Every output of the example printed through LibreOffice (with the Carlito font, metric
/// twin of Excel's default Calibri, so columns measure as in Excel; see `make test-deps`):
/// the pages and their orientation are the ones laid out, each page says what it is, and no
/// text prints over other text — a row shorter than its wrapped text would put its lines over
/// the row below. Set JIXIAO_RENDER_DIR to keep the PDFs for a look.
@Suite(.serialized, .requires(.soffice, .pdfinfo, .pdftotext)) struct ExamplePrintTests {
    /// Orientation of each page in order: L landscape, P portrait.
    static let expectedPages: [String: String] = [
        "指标表.xlsx": "LL",
        // 总览, 按单位 (each half-year on its own page), 按街道, 按月, 活动明细.
        "汇总表.xlsx": "L" + "LL" + "L" + "L" + String(repeating: "L", count: 8),
        // 文件 (fourteen pages), 问题明细, 评分提示.
        "校验报告.xlsx": String(repeating: "L", count: 14) + "L" + "L",
        "催报清单.xlsx": "LL",
        // 目录, then one sheet per indicator: 科普惠民活动场次's 153 records take six pages.
        "佐证材料.xlsx": String(repeating: "L", count: 34),
        // 修改说明, 基本信息 (portrait), 活动明细, 工作量 (portrait), 填报说明 (two pages).
        "JD05_2025-06_退回修改.xlsx": "LPLPLL",
        // 基本信息, 活动明细 (200 rows ready for typing), 工作量, 预算与满意度, 偏差原因 (portrait), 填报说明 (its last line on a fourth page).
        "QU00_东西湖区科协_2025-03.xlsx": "P" + "LLLLL" + "P" + "P" + "P" + "LLLL",
    ]

    @Test func everyOutputPrintsItsPagesWithoutOverprinting() throws {
        let scratch = try Scratch("print")
        let root = scratch.file("dongxihu-2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        let ws = try Workspace.open(at: root)
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws))
            .run(now: { ExampleGoldenTests.receivedAt })
        let result = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 12)!,
                                                today: ExampleGoldenTests.today)
        // The workbooks: the report draft (自评报告.docx) is a Word document with its own checks.
        var files = (result.outputs.all + result.outputs.returnCopies).filter { $0.pathExtension == "xlsx" }
        let unit = try #require(ws.unitsByCode["QU00"])
        let template = root.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: Period(year: 2025, month: 3)!))
        try TemplateWriter.write(unit: unit, period: Period(year: 2025, month: 3)!,
                                 indicators: try ReportProducer.loadIndicators(ws).deviationSheetRows, to: template)
        files.append(template)
        #expect(Set(files.map(\.lastPathComponent)) == Set(Self.expectedPages.keys))

        let pdfs = scratch.file("pdf")
        // 指标表 breaks between 一级 groups: 成本指标 and its 小计 on the first page, the other three
        // groups whole on the second, each page under the grid's header.
        let table = try Render.words(try Render.pdf(result.outputs.indicatorTable, into: pdfs, profile: scratch.file("lo-profile")))
            .map { $0.map(\.text).joined() }
        #expect(table.count == 2)
        #expect(table.first?.contains("成本指标（20分）") == true && table.first?.contains("产出指标（40分）") == false)
        #expect(table.last.map { ["产出指标（40分）", "效益指标（30分）", "满意度指标（10分）", "总分", "自评结论"].allSatisfy($0.contains) } == true)
        #expect(table.allSatisfy { $0.contains("偏差原因分析及改进措施") })
        for file in files {
            let pdf = try Render.pdf(file, into: pdfs, profile: scratch.file("lo-profile"))
            let name = file.lastPathComponent
            #expect(try Render.orientations(pdf) == Self.expectedPages[name], "\(name)")
            let pages = try Render.words(pdf)
            for (number, words) in pages.enumerated() {
                let text = words.map(\.text).joined()
                // The header names the output; the footer numbers the pages.
                #expect(text.contains("第\(number + 1)页共\(pages.count)页"), "\(name) page \(number + 1)")
                if name.hasPrefix("QU00") {
                    // poppler splits `2025` from `年3月` in a header.
                    #expect(text.contains("2025") && text.contains("年3月"), "\(name) page \(number + 1)")
                } else {
                    #expect(text.contains("生成时间：2026-01-15"), "\(name) page \(number + 1)")
                }
                for (a, b) in Render.overprinted(words) {
                    Issue.record("\(name) page \(number + 1): “\(a.text)” prints over “\(b.text)”")
                }
            }
        }
    }
}

/// LibreOffice's PDF of a workbook and the words poppler finds on its pages.
enum Render {
    struct Word {
        var text: String
        var x0, y0, x1, y1: Double
    }

    static func pdf(_ file: URL, into dir: URL, profile: URL) throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try Tool.soffice.run(["-env:UserInstallation=file://\(profile.path)", "--headless",
                                  "--convert-to", "pdf", "--outdir", dir.path, file.path])
        let pdf = dir.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
        if let keep = ProcessInfo.processInfo.environment["JIXIAO_RENDER_DIR"] {
            let dest = URL(fileURLWithPath: keep).appendingPathComponent(pdf.lastPathComponent)
            try? FileManager.default.removeItem(at: dest)
            try? FileManager.default.copyItem(at: pdf, to: dest)
        }
        return pdf
    }

    /// `LLP…`: each page's orientation from its size.
    static func orientations(_ pdf: URL) throws -> String {
        let text = try Tool.pdfinfo.run(["-f", "1", "-l", "9999", pdf.path]).stdout
        return text.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }.map { line in
            let numbers = line.split(separator: ":").last.map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
            return numbers.count >= 2 && numbers[0] > numbers[1] ? "L" : "P"
        }.joined()
    }

    /// The words of each page with their boxes (`pdftotext -bbox`).
    static func words(_ pdf: URL) throws -> [[Word]] {
        let html = try Tool.pdftotext.run(["-bbox", pdf.path, "-"]).stdout
        let number = #"(-?[0-9.]+)"#
        let word = try NSRegularExpression(pattern: #"<word xMin="\#(number)" yMin="\#(number)" xMax="\#(number)" yMax="\#(number)">([^<]*)</word>"#)
        return html.components(separatedBy: "<page ").dropFirst().map { page in
            let ns = page as NSString
            return word.matches(in: page, range: NSRange(location: 0, length: ns.length)).map { m in
                func d(_ i: Int) -> Double { Double(ns.substring(with: m.range(at: i))) ?? 0 }
                return Word(text: ns.substring(with: m.range(at: 5)), x0: d(1), y0: d(2), x1: d(3), y1: d(4))
            }
        }
    }

    /// Pairs of words drawn over each other: their boxes share most of the smaller one's
    /// height and some of its width. Words side by side on a line or on successive lines
    /// of a paragraph only touch.
    static func overprinted(_ words: [Word]) -> [(Word, Word)] {
        var found: [(Word, Word)] = []
        let sorted = words.sorted { $0.y0 < $1.y0 }
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...] {
                if b.y0 >= a.y1 { break }
                let height = min(a.y1, b.y1) - max(a.y0, b.y0)
                let width = min(a.x1, b.x1) - max(a.x0, b.x0)
                let smallerHeight = min(a.y1 - a.y0, b.y1 - b.y0)
                if height > 0.4 * smallerHeight && width > 1 { found.append((a, b)) }
            }
        }
        return found
    }
}
