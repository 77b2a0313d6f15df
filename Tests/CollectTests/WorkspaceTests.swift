import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
@testable import JixiaoWorkspace
import TestSupport
import Testing

@Suite struct WorkspaceTests {
    @Test func createLaysOutTheWorkspace() throws {
        let root = TestSupport.scratch().appendingPathComponent("东西湖2026")
        try Workspace.create(at: root, year: 2026, department: "某区科学技术协会: 测试 # 1")
        for name in ["jixiao.yaml", "units.csv", "indicators.yaml", "templates", "inbox", "archive", "out"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path), "\(name)")
        }
        let ws = try Workspace.open(at: root)
        #expect(ws.config.year == 2026)
        #expect(ws.config.department == "某区科学技术协会: 测试 # 1")
        #expect(ws.config.deadlineDay == 10)
        #expect(ws.units.count == DefaultFiles.units.split(separator: "\n").count - 1)
        let units = try Data(contentsOf: ws.unitsURL)
        #expect(units.starts(with: [0xEF, 0xBB, 0xBF]))
        // The comments of the default file survive the customisation.
        let config = try String(contentsOf: ws.configURL, encoding: .utf8)
        #expect(config.contains("# 报送截止日"))
    }

    @Test func createNeverOverwritesAnExistingWorkspace() throws {
        let root = TestSupport.scratch()
        try Workspace.create(at: root, year: 2025, department: "甲")
        try Data("edited".utf8).write(to: root.appendingPathComponent("units.csv"))
        #expect(throws: JixiaoError.self) { try Workspace.create(at: root, year: 2025, department: "乙") }
        #expect(try String(contentsOf: root.appendingPathComponent("units.csv"), encoding: .utf8) == "edited")
        do {
            try Workspace.create(at: root, year: 2025, department: "乙")
        } catch {
            #expect(error.exitCode == 2)
        }
    }

    @Test func createRefusesAFolderHoldingAnyWorkspaceFile() throws {
        let root = TestSupport.scratch()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        #expect(throws: JixiaoError.self) { try Workspace.create(at: root, year: 2025, department: "甲") }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("jixiao.yaml").path))
    }

    @Test func openOutsideAWorkspaceIsAConfigurationError() {
        let root = TestSupport.scratch()
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.notAWorkspace(root.path))) {
            try Workspace.open(at: root)
        }
    }

    @Test func configReadsEveryKey() throws {
        let config = try WorkspaceConfig.parse("""
            department: 甲区科协
            year: 2024
            deadline_day: 5
            preparer: 王五
            phone: 02783891234
            limits:
              max_entries: 50
              max_entry_mb: 2
            outputs:
              indicator_table: 自评表.xlsx
            """, source: "jixiao.yaml")
        #expect(config.info == DepartmentInfo(department: "甲区科协", year: 2024, preparer: "王五", phone: "02783891234"))
        #expect(config.limits.maxEntries == 50)
        #expect(config.limits.maxEntryBytes == 2 << 20)
        #expect(config.limits.maxTotalBytes == ReadLimits.default.maxTotalBytes)
        #expect(config.outputs.indicatorTable == "自评表.xlsx")
        #expect(config.outputs.rollup == "汇总表.xlsx")
        #expect(config.deadline(of: Period(year: 2024, month: 12)!) == CalendarDate(year: 2025, month: 1, day: 5))
    }

    /// 填报日期 is the day of the report, or the configured one; the period's end is not used.
    @Test func indicatorTableIsDatedTheDayOfTheReportOrTheConfiguredDay() throws {
        let ws = try TestSupport.workspace()
        _ = try Ledger.open(at: ws.ledgerURL)
        let june = Period(year: 2025, month: 6)!
        func footer(_ ws: Workspace) throws -> String? {
            let result = try ReportProducer.produce(workspace: ws, through: june, today: CalendarDate(year: 2025, month: 7, day: 14)!)
            let doc = try SpreadsheetReader.read(Data(contentsOf: result.outputs.indicatorTable), name: "指标表.xlsx")
            return doc.sheets.first?.rows.flatMap(\.cells).map(\.value.displayText).first { $0.hasPrefix("填报日期") }
        }
        #expect(try footer(ws) == "填报日期：2025年7月14日")
        let config = try String(contentsOf: ws.configURL, encoding: .utf8) + "filled_on: 2025-07-20\n"
        try config.write(to: ws.configURL, atomically: true, encoding: .utf8)
        #expect(try footer(Workspace.open(at: ws.root)) == "填报日期：2025年7月20日")
    }

    @Test func fillingDateIsADayOfTheCalendarOrNone() throws {
        #expect(try WorkspaceConfig.parse("year: 2025\nfilled_on: 2026-01-20", source: "jixiao.yaml").filledOn
                == CalendarDate(year: 2026, month: 1, day: 20))
        #expect(try WorkspaceConfig.parse("year: 2025\nfilled_on: 2026年1月8日", source: "jixiao.yaml").filledOn
                == CalendarDate(year: 2026, month: 1, day: 8))
        #expect(try WorkspaceConfig.parse("year: 2025", source: "jixiao.yaml").filledOn == nil)
        #expect(try WorkspaceConfig.parse("year: 2025", source: "jixiao.yaml").outputs.evidence == "佐证材料.xlsx")
        #expect(throws: JixiaoError.configuration(WorkspaceMessages.badConfigValue("jixiao.yaml", key: "filled_on", line: 2,
                                                                                 expected: "日期，如 2026-01-20"))) {
            try WorkspaceConfig.parse("year: 2025\nfilled_on: 2026-02-30", source: "jixiao.yaml")
        }
    }

    @Test(arguments: ["year: 25", "year: 2025\ndeadline_day: 40", "year: 2025\noutputs:\n  evidence: 汇总表.xlsx", "year: 2025\ndepartment: \"  \"",
                      "year: [", "year: 2025\noutputs:\n  rollup: out/汇总.xlsx", "year: 2025\nlimits:\n  max_entries: -1"])
    func rejectsBadConfig(text: String) {
        #expect(throws: JixiaoError.self) { try WorkspaceConfig.parse(text, source: "jixiao.yaml") }
    }

    /// Composing the bomb used as a key spins for minutes; the test finishing shows the
    /// refusal comes first.
    @Test(arguments: [false, true])
    func aliasBombInConfigIsRefusedWithTheLine(asKey: Bool) {
        let text = "year: 2025\n" + TestSupport.aliasBomb(asKey: asKey)
        #expect(throws: JixiaoError.configuration(
            "jixiao.yaml 第 2 行使用了 YAML 锚点/别名（&、*），本工具不支持，请直接写出取值；如果 & 或 * 是文字的一部分，请给整个取值加上引号")) {
            try WorkspaceConfig.parse(text, source: "jixiao.yaml")
        }
    }

    @Test func aliasBombStopsOpeningTheWorkspaceAndTheReportWithExitCode2() throws {
        let ws = try TestSupport.workspace()
        try TestSupport.write(TestSupport.aliasBomb(asKey: true, firstLine: 2), to: ws.indicatorsURL)
        do {
            _ = try ReportProducer.loadIndicators(ws)
            Issue.record("indicators.yaml with aliases was loaded")
        } catch {
            #expect(error.exitCode == 2)
            #expect(error.message.hasPrefix("indicators.yaml 第2行第4列：使用了 YAML 锚点/别名（&、*）"))
        }
        try TestSupport.write("year: 2025\n" + TestSupport.aliasBomb(asKey: true), to: ws.configURL)
        do {
            _ = try Workspace.open(at: ws.root)
            Issue.record("jixiao.yaml with aliases was opened")
        } catch {
            #expect(error.exitCode == 2)
            #expect(error.message.hasPrefix("jixiao.yaml 第 2 行使用了 YAML 锚点/别名"))
        }
    }

    @Test func complexKeyInConfigIsRefusedWithTheLine() {
        #expect(throws: JixiaoError.configuration(
            "jixiao.yaml 第 3 行使用了 YAML 复杂键（以“? ”开头，或用 [ ]、{ } 写成的键），本工具不支持，请写成“名称: 取值”")) {
            try WorkspaceConfig.parse("year: 2025\n\n? department\n: 甲区科协\n", source: "jixiao.yaml")
        }
        #expect(throws: JixiaoError.self) { try WorkspaceConfig.parse("year: 2025\n[a, b]: c\n", source: "jixiao.yaml") }
    }

    /// `&`, `*` and `?` that are text, not YAML indicators, read exactly as before.
    @Test func ampersandsAndAsterisksInTextStillRead() throws {
        let config = try WorkspaceConfig.parse("""
            # *注释* &注释 ? 注释
            year: 2025   # &a *b
            department: "*不是别名*"
            preparer: 张三&李四 ? 王五
            phone: 3*4
            outputs:
              rollup: '&汇总''*''.xlsx'
            """, source: "jixiao.yaml")
        #expect(config.department == "*不是别名*")
        #expect(config.preparer == "张三&李四 ? 王五")
        #expect(config.phone == "3*4")
        #expect(config.outputs.rollup == "&汇总'*'.xlsx")
        let block = try WorkspaceConfig.parse("year: 2025\ndepartment: |\n  &甲\n  *乙\npreparer: 丙\n", source: "jixiao.yaml")
        #expect(block.department == "&甲\n*乙\n")
        #expect(block.preparer == "丙")
    }

    @Test func oversizedConfigIsRefused() {
        #expect(throws: JixiaoError.configuration("jixiao.yaml 超过 1 MB，不像是 jixiao 的配置文件，请检查是否选错了文件")) {
            try WorkspaceConfig.parse("year: 2025\n" + String(repeating: "#", count: WorkspaceConfig.maxBytes), source: "jixiao.yaml")
        }
    }

    @Test(arguments: [
        ("  rollup: 总表.xlsx\n  reminders: 总表.XLSX", "outputs.rollup", "outputs.reminders"),
        ("  indicator_table: 汇总表.xlsx", "outputs.indicator_table", "outputs.rollup"),
        ("  validation_report: \"Caf\u{E9}.xlsx\"\n  reminders: \"CAFE\u{301}.xlsx\"", "outputs.validation_report", "outputs.reminders"),
    ])
    func outputNamesThatWouldOverwriteEachOtherAreRefused(outputs: String, first: String, second: String) {
        #expect(throws: JixiaoError.configuration(
            "jixiao.yaml 中 \(first) 与 \(second) 的文件名相同（不区分大小写），后写的会覆盖先写的；请给每个输出文件取不同的名字")) {
            try WorkspaceConfig.parse("year: 2025\noutputs:\n" + outputs, source: "jixiao.yaml")
        }
    }

    @Test func defaultConfigUsesOnlyKnownKeys() throws {
        let config = try WorkspaceConfig.parse(DefaultFiles.config, source: "jixiao.yaml")
        #expect(config.year == 2025 && config.deadlineDay == 10)
    }

    @Test func monthsAreDueOnlyOnceTheirDeadlinePassed() throws {
        let config = try TestSupport.workspace().config
        #expect(config.dueThrough(today: CalendarDate(year: 2025, month: 4, day: 10)!) == Period(year: 2025, month: 2))
        #expect(config.dueThrough(today: CalendarDate(year: 2025, month: 4, day: 11)!) == Period(year: 2025, month: 3))
        #expect(config.dueThrough(today: CalendarDate(year: 2025, month: 2, day: 10)!) == Period(year: 2024, month: 12))
        #expect(config.dueThrough(today: CalendarDate(year: 2024, month: 12, day: 1)!) == Period(year: 2024, month: 12))
        #expect(config.dueThrough(today: CalendarDate(year: 2026, month: 6, day: 1)!) == Period(year: 2025, month: 12))
    }

    @Test func lastDuePeriodFollowsTheDeadline() throws {
        let config = try WorkspaceConfig.parse("year: 2025\ndeadline_day: 10", source: "jixiao.yaml")
        #expect(config.lastDuePeriod(today: CalendarDate(year: 2025, month: 4, day: 10)!) == Period(year: 2025, month: 2))
        #expect(config.lastDuePeriod(today: CalendarDate(year: 2025, month: 4, day: 11)!) == Period(year: 2025, month: 3))
        #expect(config.lastDuePeriod(today: CalendarDate(year: 2026, month: 6, day: 1)!) == Period(year: 2025, month: 12))
        #expect(config.lastDuePeriod(today: CalendarDate(year: 2025, month: 1, day: 3)!) == Period(year: 2025, month: 1))
    }
}

@Suite struct RunLockTests {
    @Test func secondLockOnTheSameWorkspaceIsRefusedAtOnce() throws {
        let path = TestSupport.scratch().appendingPathComponent(".jixiao.lock").path
        let first = try RunLock(path: path)
        do {
            _ = try RunLock(path: path)
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.exitCode == 3)
            #expect(error.message.contains(String(getpid())))
        }
        withExtendedLifetime(first) {}
    }

    @Test func lockIsFreeAgainOnceReleased() throws {
        let path = TestSupport.scratch().appendingPathComponent(".jixiao.lock").path
        do { _ = try RunLock(path: path) }
        _ = try RunLock(path: path)
    }
}
