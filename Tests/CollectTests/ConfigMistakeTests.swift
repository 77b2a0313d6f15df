import Foundation
@testable import JixiaoWorkspace
import JixiaoReading
import JixiaoReport
import TestSupport
import Testing

/// The slips a clerk makes editing jixiao.yaml in Notepad, each named in Chinese with its
/// line and column and what to write instead.
@Suite struct ConfigMistakeTests {
    static func message(_ text: String) -> String? {
        do {
            _ = try WorkspaceConfig.parse(text, source: "jixiao.yaml")
            return nil
        } catch {
            return error.message
        }
    }

    @Test func fullWidthColonIsNamedOnItsOwnLine() {
        #expect(Self.message("year: 2025\ndepartment：武汉市东西湖区科协\npreparer: 张三\n")
            == "jixiao.yaml 第 2 行第 11 列：“department”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“department: 武汉市东西湖区科协”")
        // The last line too, where libyaml has no next line to stop at.
        #expect(Self.message("department: 区科协\nyear：2025")
            == "jixiao.yaml 第 2 行第 5 列：“year”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“year: 2025”")
    }

    @Test func colonInsideTextAsksForQuotes() {
        #expect(Self.message("year: 2025\ndepartment: 武汉市: 东西湖区科协\n")
            == "jixiao.yaml 第 2 行第 16 列：“department”的取值“武汉市: 东西湖区科协”中有“冒号加空格”，YAML 会把它当成下一层的“名称: 取值”；请给整个取值加上双引号，写成 department: \"武汉市: 东西湖区科协\"，或把其中的冒号改成全角“：”")
    }

    @Test func tabIndentationIsNamed() {
        #expect(Self.message("year: 2025\nlimits:\n\tmax_entries: 50\n")
            == "jixiao.yaml 第 3 行第 1 列：行首用了制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格，与同一层的其他行对齐")
        #expect(Self.message("year: 2025\nlimits:\n  \tmax_entries: 50\n")?.hasPrefix("jixiao.yaml 第 3 行第 3 列：行首用了制表符（Tab）缩进") == true)
    }

    @Test func missingSpaceAfterColonIsNamed() {
        #expect(Self.message("department: 区科协\nyear:2025\ndeadline_day: 10\n")
            == "jixiao.yaml 第 2 行第 5 列：“year”后面的冒号缺少空格；YAML 的冒号后面要有一个空格，请改成“year: 2025”")
        // Alone, `year:2025` is one text, not a key: still the same slip.
        #expect(Self.message("year:2025")
            == "jixiao.yaml 第 1 行第 5 列：“year”后面的冒号缺少空格；YAML 的冒号后面要有一个空格，请改成“year: 2025”")
    }

    @Test func duplicateKeyNamesBothLines() {
        #expect(Self.message("year: 2025\ndepartment: 区科协\nyear: 2026\n")
            == "jixiao.yaml 第 3 行第 1 列：“year”在第 1 行已经写过，同一层不能写两次；请删去其中一处，或把两处合并")
        #expect(Self.message("year: 2025\noutputs:\n  rollup: a.xlsx\n  reminders: b.xlsx\n  rollup: c.xlsx\n")
            == "jixiao.yaml 第 5 行第 3 列：“rollup”在第 3 行已经写过，同一层不能写两次；请删去其中一处，或把两处合并")
    }

    /// libyaml's own complaints, for the slips the text check does not know, at the place it gives.
    @Test func otherSyntaxErrorsAreChineseWithTheirPlace() {
        #expect(Self.message("year: 2025\npreparer: \"张三\ndepartment: 区科协\n")
            == "jixiao.yaml 第 2 行第 11 列：引号或括号没有成对：从这里开始的引号（或 [ {）到文件末尾都没有结束，请补上另一半")
        #expect(Self.message("year: 2025\n  department: 区科协\n")
            == "jixiao.yaml 第 2 行第 13 列：这里的“冒号加空格”使 YAML 把前面的文字当成了“名称”；如果冒号是文字的一部分，请给整个取值加上双引号，或把冒号改成全角“：”；如果这是新的一项，请另起一行")
        #expect(Self.message("year: 2025\ndepartment 区科协\nphone: 1\n")
            == "jixiao.yaml 第 2 行第 1 列：这一行应写成“名称: 取值”（半角冒号后加一个空格），但没有找到这样的冒号；如果它是上一行取值的延续，请与上一行合并")
        for text in ["year: 2025\noutputs: [\n", "year: 2025\nlimits:\n    max_entries: 5\n  max_entry_mb: 2\n", "year: @2025\n"] {
            let message = Self.message(text) ?? ""
            #expect(message.wholeMatch(of: /jixiao\.yaml 第 \d+ 行第 \d+ 列：.+/) != nil, "\(message)")
            #expect(!message.contains(/[a-z]{4,} [a-z]{3,}/), "English left in: \(message)")
        }
    }

    @Test func valueMistakesCarryTheirLine() {
        #expect(Self.message("department: 区科协\nyear: abc\n")
            == "jixiao.yaml 第 2 行 year 的值类型不对（例如 year 应为 2025 这样的数字，department 应为文字）")
        #expect(Self.message("year: 2025\nlimits:\n  max_entries: 很多\n")
            == "jixiao.yaml 第 3 行 limits.max_entries 的值类型不对（例如 year 应为 2025 这样的数字，department 应为文字）")
        #expect(Self.message("year: 2025\n\ndeadline_day: 40\n") == "jixiao.yaml 第 3 行的 deadline_day 取值无效，应为1 到 31 之间的日期")
        #expect(Self.message("department: 区科协\n") == "jixiao.yaml 中的 year 取值无效，应为四位年份，如 2025")
        #expect(Self.message("year: 2025\nlimits:\n  max_entry_mb: 0\n") == "jixiao.yaml 第 3 行的 limits.max_entry_mb 取值无效，应为正整数")
        #expect(Self.message("year: 2025\ndeadline: 5")
            == "jixiao.yaml 第 2 行有无法识别的设置项“deadline”，可能是拼写错误；请对照 jixiao init 生成的示例改正或删除")
        #expect(Self.message("year: 2025\noutputs:\n  rollups: a.xlsx")
            == "jixiao.yaml 第 3 行有无法识别的设置项“outputs.rollups”，可能是拼写错误；请对照 jixiao init 生成的示例改正或删除")
    }

    /// What the text check looks for, where it is text: no valid file is refused.
    @Test func validFilesWithColonsTabsAndRepeatsInTextStillLoad() throws {
        let config = try WorkspaceConfig.parse("""
            department: "武汉市: 东西湖区科协"   # 引号里的冒号是文字
            year: 2025
            preparer: 张三：联络员
            phone: |
              027-1234\t5678
              year: 2025
            outputs:
              rollup: 汇总表.xlsx
            limits:
              max_entries: 50
            """, source: "jixiao.yaml")
        #expect(config.department == "武汉市: 东西湖区科协")
        #expect(config.preparer == "张三：联络员")
        #expect(config.phone == "027-1234\t5678\nyear: 2025\n")
        #expect(config.limits.maxEntries == 50)
    }

    // MARK: encoding and reading

    @Test(arguments: [("utf8", false), ("utf8", true), ("gb18030", false)])
    func configIsReadInUTF8WithOrWithoutBOMAndGBK(encoding: String, bom: Bool) throws {
        let ws = try TestSupport.workspace()
        let text = "department: 武汉市东西湖区科学技术协会\nyear: 2025\npreparer: 张三\n"
        var data = encoding == "utf8" ? Data(text.utf8) : text.data(using: TextDecoding.gb18030)!
        if bom { data = Data([0xEF, 0xBB, 0xBF]) + data }
        #expect(encoding == "utf8" || String(data: data, encoding: .utf8) == nil, "the GBK bytes must not also be UTF-8")
        try data.write(to: ws.configURL)
        let opened = try Workspace.open(at: ws.root)
        #expect(opened.config.department == "武汉市东西湖区科学技术协会")
        #expect(opened.config.preparer == "张三")
    }

    @Test func configThatIsNotTextSaysSo() throws {
        let ws = try TestSupport.workspace()
        try Data([0x79, 0x65, 0x61, 0x72, 0x3A, 0x20, 0x80, 0xFF, 0xFE, 0x00, 0x81]).write(to: ws.configURL)
        #expect(throws: JixiaoError.configuration(
            "\(ws.configURL.path) 无法按文字读取（既不是 UTF-8，也不是 GBK/GB18030），可能不是文本文件；请用记事本打开，“另存为”时编码选 UTF-8 后重试")) {
            try Workspace.open(at: ws.root)
        }
    }

    /// Notepad on Chinese Windows saves ANSI, which is GBK: the indicator set reads as it does in UTF-8.
    @Test func indicatorsSavedAsGBKAreRead() throws {
        let ws = try TestSupport.workspace()
        let utf8 = try ReportProducer.loadIndicators(ws)
        let text = try String(contentsOf: ws.indicatorsURL, encoding: .utf8)
        try text.data(using: TextDecoding.gb18030)!.write(to: ws.indicatorsURL)
        let gbk = try ReportProducer.loadIndicators(ws)
        #expect(gbk.indicators.map(\.name) == utf8.indicators.map(\.name))
        #expect(gbk.overallGoal == utf8.overallGoal && !gbk.overallGoal.isEmpty)
    }

    @Test func missingOrFolderIndicatorsSayWhich() throws {
        let ws = try TestSupport.workspace()
        try FileManager.default.removeItem(at: ws.indicatorsURL)
        #expect(throws: JixiaoError.configuration(
            "找不到 \(ws.indicatorsURL.path)；请确认文件在工作目录中、名字没有写错（可用 jixiao init 在空文件夹中生成默认文件作样本）")) {
            try ReportProducer.loadIndicators(ws)
        }
        try FileManager.default.createDirectory(at: ws.indicatorsURL, withIntermediateDirectories: false)
        #expect(throws: JixiaoError.configuration("\(ws.indicatorsURL.path) 是一个文件夹，不是文件；请把它改名或移走，放回同名的文件")) {
            try ReportProducer.loadIndicators(ws)
        }
    }
}
