import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReading
import JixiaoReport
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting
import TestSupport
import Testing

/// The bundled 2025 东西湖区 example, collected and reported as `jixiao run` does, must
/// reproduce the seed report: 97.4 points, 优 (A). Figures from examples/dongxihu-2025/EXPECTED.md.
@Suite(.serialized) struct ExampleWorkspaceTests {
    static let example = TestSupport.repoFile("examples/dongxihu-2025")

    /// Collects a scratch copy of the example and reports December, once for the suite.
    static let run: (workspace: Workspace, result: ReportResult, snapshot: LedgerSnapshot) = {
        let root = TestSupport.scratch("example").appendingPathComponent("dongxihu-2025")
        try! FileManager.default.copyItem(at: example, to: root)
        let ws = try! Workspace.open(at: root)
        let ledger = try! Ledger.open(at: ws.ledgerURL)
        _ = try! Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run()
        let december = Period(year: 2025, month: 12)!
        let result = try! ReportProducer.produce(workspace: ws, through: december)
        let snapshot = try! ledger.snapshot(of: ws, through: december)
        return (ws, result, snapshot)
    }()

    @Test func reproducesTheSeedTotalAndGrade() {
        let e = Self.run.result.evaluation
        #expect(e.total == Decimal(string: "97.4")!)
        #expect(e.grade == Grade(letter: "A", label: "优"))
        let groups = Dictionary(uniqueKeysWithValues: e.groups.map { ($0.name, $0.score) })
        #expect(groups == ["成本指标": Decimal(string: "17.4")!, "产出指标": 40, "效益指标": 30, "满意度指标": 10])
    }

    @Test func everyIndicatorHasTheExpectedActualAndScore() {
        let expected: [(String, String, String)] = [
            ("预算执行率", "87.2%", "17.4"),
            ("科创服务活动场次", "7场", "5"),
            ("食品安全主题科普活动场次", "52场", "3"),
            ("其中线下活动场次", "31场", "2"),
            ("获批专家工作站或引进专家人才", "3家、19名", "5"),
            ("科普惠民活动场次", "153场", "5"),
            ("申报上级科普项目数", "12个", "5"),
            ("科创科普活动场次", "11场", "5"),
            ("科学家精神宣讲和科技工作者培训场次", "13场", "5"),
            ("指导成立企业科协数", "3家", "5"),
            ("科普活动覆盖人次", "20.6万人次", "10"),
            ("街道科普活动覆盖率", "100.0%", "10"),
            ("新吸纳科技工作者人数", "93人", "10"),
            ("服务对象满意度", "95.8%", "10"),
        ]
        let got = Self.run.result.evaluation.indicators.map { ($0.name, $0.actualText, $0.score.plain) }
        #expect(got.map(\.0) == expected.map(\.0))
        for (g, x) in zip(got, expected) {
            #expect(g.1 == x.1, "\(x.0)")
            #expect(g.2 == x.2, "\(x.0)")
        }
    }

    @Test func budgetBlockMatchesTheSeed() throws {
        let b = try #require(Self.run.result.evaluation.budget)
        #expect(b.initialBudget == Decimal(string: "381.71")!)
        #expect(b.fullYearBudget == Decimal(string: "370.64")!)
        #expect(b.executed == Decimal(string: "323.21")!)
        #expect(b.score == Decimal(string: "17.4")!)
        #expect(b.note == "追加34.00万元、调减45.07万元")
    }

    /// The example's indicators.yaml gives no 偏差原因: QU00's December 偏差原因 sheet does.
    @Test func theBudgetShortfallIsExplainedFromTheDistrictOfficesSheet() throws {
        let e = Self.run.result.evaluation
        let budget = try #require(e.indicators.first { $0.name == "预算执行率" })
        #expect(budget.deviationReason.hasPrefix("部分项目按实施进度结算，年末尚未支付完毕。"))
        #expect(budget.deviationReasonSource?.file == "2025-12/QU00_东西湖区科协_2025-12.xlsx")
        #expect(budget.deviationReasonSource?.location == "偏差原因!D2")
        #expect(!e.notes.contains { $0.code.hasPrefix("indicators.deviation") }, "\(e.notes.map(\.message))")
        #expect(e.indicators.dropFirst().allSatisfy { $0.deviationReason.isEmpty })
        let set = try ReportProducer.loadIndicators(Self.run.workspace)
        #expect(set.indicators.allSatisfy { $0.deviationReason.isEmpty })
    }

    @Test func countsOnlyAcceptedNotSupersededRecords() throws {
        let s = Self.run.snapshot
        #expect(try s.activities.collected().count == 186)
        #expect(try s.activities.collected().reduce(0) { $0 + $1.coverage } == 206_358)
        #expect(try !s.activities.collected().contains { $0.source.file.hasSuffix("JD05_径河街道科协_2025-06.xlsx") })
        #expect(try !s.activities.collected().contains { $0.source.file == "2025-05/JD03_慈惠街道科协_2025-05.xlsx" })
    }

    @Test func rejectedFileNamesItsCell() throws {
        let files = try Self.run.snapshot.files.collected()
        let rejected = files.filter { $0.status == .rejected }
        #expect(rejected.map(\.fileName) == ["2025-06/JD05_径河街道科协_2025-06.xlsx"])
        let error = try #require(rejected.first?.diagnostics.first { $0.severity == .error })
        #expect(error.location == "活动明细!C7")
        #expect(error.value == "2025-13-05")
        #expect(files.filter { $0.status == .superseded }.map(\.fileName) == ["2025-05/JD03_慈惠街道科协_2025-05.xlsx"])
    }

    @Test func reminderListHasTheMissingUnitMonthsNewestFirst() throws {
        let list = try Self.run.snapshot.callList
        #expect(list.rows.map { "\($0.period) \($0.unit.code) \(ReminderListWriter.label($0.reason))" } == [
            "2025-11 QY03 未报送", "2025-08 JD04 未报送", "2025-06 JD05 已退回", "2025-02 JD10 未报送",
        ])
        #expect(list.entries.map(\.unit.code) == ["QY03", "JD04", "JD05", "JD10"])
        let jd05 = try #require(list.entries.first { $0.unit.code == "JD05" })
        #expect(jd05.months.map(\.reason.fileName) == ["2025-06/JD05_径河街道科协_2025-06.xlsx"])
        let c7 = "活动明细!C7 活动日期“2025-13-05”"
        #expect(jd05.months[0].reason.detail?.hasPrefix(c7) == true)

        // The workbook says the same, with contact phones, read back by our own reader.
        let url = Self.run.workspace.outURL.appendingPathComponent("催报清单.xlsx")
        let doc = try SpreadsheetReader.read(Data(contentsOf: url), name: url.lastPathComponent)
        #expect(doc.sheets.map(\.name) == ["催报清单", "按月明细"])
        let calls = doc.sheets[0].rows.dropFirst(2).map { $0.cells.map(\.value.displayText) }
        #expect(calls.map { $0[0] } == ["QY03", "JD04", "JD05", "JD10"])
        #expect(calls.map { $0[4] } == ["11月", "8月", "6月", "2月"])
        for (cells, entry) in zip(calls, list.entries) {
            #expect(cells[1] == entry.unit.name && cells[2] == entry.unit.contact && cells[3] == entry.unit.phone)
        }
        #expect(calls[2][5].hasPrefix("已退回：\(c7)"))
        #expect(calls[2][5].hasSuffix("（文件：2025-06/JD05_径河街道科协_2025-06.xlsx）"))
        #expect(calls[0][5] == "未报送")
        let months = doc.sheets[1].rows.dropFirst().map { $0.cells.map(\.value.displayText) }
        #expect(months.map { "\($0[0]) \($0[1]) \($0[5])" } == [
            "2025-11 QY03 未报送", "2025-08 JD04 未报送", "2025-06 JD05 已退回", "2025-02 JD10 未报送",
        ])
    }

    @Test func statusTellsTheSameStoryAsTheCallList() throws {
        let ws = Self.run.workspace
        let ledger = try Ledger.open(at: ws.ledgerURL)
        let text = try StatusReport.build(ledger: ledger, workspace: ws, through: Period(year: 2025, month: 12)!).text
        #expect(text.contains("JD05 径河街道科协：已接收 1–5月、7–12月；其中零报告 2–3月、10–12月；退回待改 6月（活动明细!C7 活动日期“2025-13-05”"))
        #expect(text.contains("JD04 走马岭街道科协：已接收 1–7月、9–12月；其中零报告 2–5月、10月、12月；未报 8月"))
        #expect(text.contains("共 23 个单位，19 个已报齐，4 个月次未报或待改"))
    }

    @Test func indicatorTableReadsBackWithTheTotal() throws {
        let url = Self.run.workspace.outURL.appendingPathComponent("指标表.xlsx")
        let doc = try SpreadsheetReader.read(Data(contentsOf: url), name: url.lastPathComponent)
        let sheet = try #require(doc.sheets.first)
        let totalRow = try #require(sheet.rows.first { $0.cells.contains { $0.value == .text("总分") } })
        let numbers = totalRow.cells.compactMap { cell -> Decimal? in
            if case .number(let s) = cell.value, cell.formula != nil { return Decimal(string: s)?.roundedHalfUp(1) }
            return nil
        }
        #expect(numbers == [100, Decimal(string: "97.4")!])
        #expect(sheet.rows.contains { $0.cells.contains { $0.value.displayText.contains("级别：优") } })
    }

    @Test func reportingTwiceGivesByteIdenticalWorkbooks() throws {
        let ws = Self.run.workspace
        let before = try Self.run.result.outputs.all.map { try Data(contentsOf: $0) }
        let again = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 12)!)
        let after = try again.outputs.all.map { try Data(contentsOf: $0) }
        #expect(before == after)
    }
}
