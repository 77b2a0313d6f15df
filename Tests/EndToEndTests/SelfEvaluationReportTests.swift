import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
import JixiaoWorkspace
import TestSupport
import Testing

/// out/自评报告.docx on the example: read back by python-docx, converted by LibreOffice, the
/// same bytes from the same ledger, and compare_with against an earlier year's workspace.
@Suite(.serialized) struct SelfEvaluationReportTests {
    static let december = Period(year: 2025, month: 12)!
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!

    /// A collected scratch copy of the example; `configure` may edit its jixiao.yaml first.
    static func example(_ name: String, configure: (URL) throws -> Void = { _ in }) throws -> (Workspace, URL) {
        let scratch = TestSupport.scratch(name)
        let root = scratch.appendingPathComponent("东西湖2025")
        try FileManager.default.copyItem(at: TestSupport.repoFile("examples/dongxihu-2025"), to: root)
        try configure(root)
        let ws = try Workspace.open(at: root)
        _ = try Collector(workspace: ws, ledger: try Ledger.open(at: ws.ledgerURL), source: SubmissionSources.standard(for: ws))
            .run(now: { Date(timeIntervalSince1970: 1_768_442_400) })
        return (ws, scratch)
    }

    /// Paragraphs as `style|text` lines, through python-docx.
    static func paragraphs(_ docx: URL) throws -> [(style: String, text: String)] {
        let script = """
        import docx, sys
        for p in docx.Document(sys.argv[1]).paragraphs:
            print(p.style.name + "|" + p.text.replace("\\n", " "))
        """
        let result = try Tool.pythonDocx.run(["-c", script, docx.path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    @Test(.requires(.pythonDocx)) func statesTheScoresBudgetAndGoalsOfTheSeed() throws {
        let (ws, _) = try Self.example("draft")
        let result = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        let paragraphs = try Self.paragraphs(result.outputs.selfEvaluation)
        let text = paragraphs.map(\.text).joined(separator: "\n")
        #expect(text.contains("本项目考评综合得分为：97.4分，其中：成本指标得分17.4分（满20分），产出指标得分40分（满40分），"
                              + "效益指标得分30分（满30分），满意度指标得分10分（满10分）。"))
        #expect(text.contains("评价结果类型为A，项目评价级别为优。"))
        #expect(text.contains("实际预算为370.64万元，实际支出数为323.21万元，预算执行率87.2%"))
        #expect(text.contains("【自动生成的草稿】"))
        // The example's 部门概况.txt, as the office keeps it.
        #expect(text.contains("（一）机构、人员构成\n东西湖区科协共有编制人数4人，"))
        #expect(text.contains("\n10、承办上级交办的其他事项。\n二、部门整体支出绩效分析"))
        let headings = paragraphs.filter { $0.style == "Heading 1" }.map(\.text)
        #expect(headings == ["一、部门概况", "二、部门整体支出绩效分析", "三、自评结论"])
        let goals = paragraphs.filter { $0.style == "Heading 3" && $0.text.hasPrefix("目标") }.map(\.text)
        #expect(goals.count == 8)
        #expect(goals.first == "目标一：持续推进“科创湖北”试点区建设")
        let fourth = try #require(paragraphs.firstIndex { $0.text.hasPrefix("目标四") })
        #expect(paragraphs[fourth + 1].text == "指标要求：科普惠民活动场次≥130场；科普活动覆盖人次≥10万人次；街道科普活动覆盖率=100%。")
        #expect(paragraphs[fourth + 2].text.hasPrefix("完成情况：完成目标任务。科普惠民活动场次实际完成153场（指标值≥130场）。共153场，"))
        // Only 预算执行率 falls short; its 偏差原因 from indicators.yaml closes the report.
        #expect(paragraphs.last?.text.hasPrefix("预算执行率得分17.4分（满20分）：部分项目按实施进度结算") == true)
    }

    @Test(.requires(.pythonDocx)) func writesTheProfileTheOfficeKeeps() throws {
        let (ws, _) = try Self.example("draft-profile") { root in
            try TestSupport.write("# 说明\n【机构、人员构成】\n共有编制人数4人。\n\n【单位主要职责】\n1、贯彻执行党的路线。\n2、组织开展学术交流。\n",
                                  to: root.appendingPathComponent(DepartmentProfileFile.name))
        }
        let result = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        let texts = try Self.paragraphs(result.outputs.selfEvaluation).map(\.text)
        let staffing = try #require(texts.firstIndex(of: "（一）机构、人员构成"))
        #expect(Array(texts[(staffing + 1)...(staffing + 4)]) == ["共有编制人数4人。", "（二）单位主要职责", "1、贯彻执行党的路线。", "2、组织开展学术交流。"])
        #expect(!texts.contains { $0.contains("待填写：机构") || $0.contains("说明") })
    }

    @Test(.requires(.pythonDocx)) func marksThePlaceholderProfileAsToBeWritten() throws {
        let (ws, _) = try Self.example("draft-placeholder") { root in
            try TestSupport.write(DefaultFiles.profile, to: root.appendingPathComponent(DepartmentProfileFile.name))
        }
        let result = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        let texts = try Self.paragraphs(result.outputs.selfEvaluation).map(\.text)
        #expect(texts.contains { $0.hasPrefix("待填写：机构、人员构成。") })
        #expect(texts.contains { $0.hasPrefix("待填写：单位主要职责。") })
        #expect(!result.evaluation.notes.contains { $0.code == "report.profileUnavailable" })
    }

    @Test func sameLedgerGivesTheSameBytes() throws {
        let (ws, _) = try Self.example("draft-same")
        let first = try Data(contentsOf: try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today).outputs.selfEvaluation)
        Thread.sleep(forTimeInterval: 1.1)
        let second = try Data(contentsOf: try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today).outputs.selfEvaluation)
        #expect(first == second)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    /// The page number as official documents carry it: a PAGE field between dashes, centred in
    /// the footer every page shares (python-docx reads it back).
    @Test(.requires(.pythonDocx)) func theFooterNumbersThePages() throws {
        let (ws, _) = try Self.example("draft-footer")
        let docx = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today).outputs.selfEvaluation
        let script = """
        import docx, sys
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        d = docx.Document(sys.argv[1])
        print(len(d.sections))
        footer = d.sections[0].footer
        print(footer.is_linked_to_previous)
        p = footer.paragraphs[0]
        print(p.alignment == WD_ALIGN_PARAGRAPH.CENTER)
        x = p._p.xml
        print(x.count('w:fldCharType="begin"'), 'PAGE' in x.split('instrText')[1] if 'instrText' in x else False)
        print(p.text)
        print(p.style.name, p.style.font.size.pt if p.style.font.size else None)
        """
        let result = try Tool.pythonDocx.run(["-c", script, docx.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // One section, its own footer (not inherited), centred, one PAGE field, `— 1 —` as stored.
        #expect(lines == ["1", "False", "True", "1 True", "— 1 —", "Footer 14.0"], "\(lines)")
    }

    @Test(.requires(.soffice, .pdfinfo, .pdftotext)) func libreOfficeConvertsItToPDF() throws {
        let (ws, scratch) = try Self.example("draft-pdf")
        let docx = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today).outputs.selfEvaluation
        let profile = scratch.appendingPathComponent("lo-profile")
        _ = try Tool.soffice.run(["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf",
                                  "--outdir", scratch.path, docx.path])
        let pdf = scratch.appendingPathComponent("自评报告.pdf")
        let info = try Tool.pdfinfo.run([pdf.path]).stdout
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        #expect((pages ?? 0) > 0, "\(info)")
        // A4 portrait: 595 × 842 points.
        #expect(info.contains("(A4)"), "\(info)")
        // Each page's footer carries its own number.
        for page in 1...max(1, pages ?? 1) {
            let text = try Tool.pdftotext.run(["-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).stdout
            let last = text.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }.last { !$0.isEmpty }
            #expect(last == "—\(page)—", "page \(page): \(last ?? "")")
        }
    }

    /// compare_with: ../东西湖2024, a workspace of 2024 with two 科普活动 received from JD01.
    @Test(.requires(.pythonDocx)) func comparesWithThePreviousYear() throws {
        let (ws, scratch) = try Self.example("draft-compare") { root in
            try TestSupport.write((try String(contentsOf: root.appendingPathComponent("jixiao.yaml"), encoding: .utf8))
                                  + "\ncompare_with: ../东西湖2024\n", to: root.appendingPathComponent("jixiao.yaml"))
        }
        let before = scratch.appendingPathComponent("东西湖2024")
        try Workspace.create(at: before, year: 2024, department: "武汉市东西湖区科学技术协会")
        let units = try String(contentsOf: before.appendingPathComponent("units.csv"), encoding: .utf8)
        try TestSupport.write(units.replacingOccurrences(of: ",2025-", with: ",2024-"), to: before.appendingPathComponent("units.csv"))
        try FileManager.default.copyItem(at: ws.indicatorsURL, to: before.appendingPathComponent("indicators.yaml.new"))
        try FileManager.default.removeItem(at: before.appendingPathComponent("indicators.yaml"))
        try FileManager.default.moveItem(at: before.appendingPathComponent("indicators.yaml.new"), to: before.appendingPathComponent("indicators.yaml"))
        let values: [ActivityField: String] = [.sequence: "1", .name: "科普进社区", .date: "2024-03-05", .form: "线下",
                                               .category: "科普活动", .theme: "食品安全", .coverage: "100", .place: "吴家山社区"]
        let header = SubmissionSchema.activityColumns.map(\.header).joined(separator: ",")
        let row = { (n: Int) in ActivityField.all.map { $0 == .sequence ? String(n) : ($0 == .name ? "科普进社区\(n)" : values[$0] ?? "") }.joined(separator: ",") }
        try TestSupport.write(header + "\n" + row(1) + "\n" + row(2) + "\n", to: before.appendingPathComponent("inbox/JD01_2024-03.csv"))
        let old = try Workspace.open(at: before)
        _ = try Collector(workspace: old, ledger: try Ledger.open(at: old.ledgerURL), source: SubmissionSources.standard(for: old)).run()

        let result = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        #expect(!result.evaluation.notes.contains { $0.code == "report.compareUnavailable" }, "\(result.evaluation.notes)")
        let texts = try Self.paragraphs(result.outputs.selfEvaluation).map(\.text)
        #expect(texts.contains { $0.contains("科普惠民活动场次实际完成153场（指标值≥130场），较上年增加151场（2024年为2场）。") })
        let rollup = try SpreadsheetReader.read(Data(contentsOf: result.outputs.rollup), name: "汇总表.xlsx")
        let sheet = try #require(rollup.sheets.first { $0.name == "总览" })
        let overview = sheet.rows.map { $0.cells.map(\.value.displayText) }
        #expect(overview[1].suffix(2) == ["上年实际", "增减"])
        let line = try #require(overview.first { $0.count > 1 && $0[1] == "科普惠民活动场次" })
        #expect(line.suffix(2) == ["2场", "+151场"])
    }

    @Test func aMissingComparisonIsAWarningNotAFailure() throws {
        let (ws, _) = try Self.example("draft-missing") { root in
            try TestSupport.write((try String(contentsOf: root.appendingPathComponent("jixiao.yaml"), encoding: .utf8))
                                  + "\ncompare_with: ../东西湖2024\n", to: root.appendingPathComponent("jixiao.yaml"))
        }
        let result = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        let note = try #require(result.evaluation.notes.first { $0.code == "report.compareUnavailable" })
        #expect(note.severity == .warning)
        #expect(note.message.contains("../东西湖2024"))
        #expect(result.line.contains("未作上年对比"))
        #expect(FileManager.default.fileExists(atPath: result.outputs.selfEvaluation.path))
        #expect(!FileManager.default.fileExists(atPath: ws.root.deletingLastPathComponent().appendingPathComponent("东西湖2024").path))
    }
}
