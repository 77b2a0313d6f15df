import Foundation
import JixiaoModel
@testable import JixiaoWriting
import TestSupport
import Testing

@Suite struct RollupWorkbookTests {
    static let q1 = Period(year: 2025, month: 3)!

    let dir: Scratch

    init() throws { dir = try Scratch() }

    func write(_ rollup: Rollup = Fixtures.rollup(), _ e: Evaluation? = nil, name: String = "汇总表.xlsx") throws -> URL {
        let url = dir.file(name)
        try RollupWorkbookWriter.write(e ?? Fixtures.evaluation(period: Self.q1), rollup: rollup, to: url)
        return url
    }

    @Test(.requires(.openpyxl))
    func hasTheFiveSheetsAndThreeNativeCharts() throws {
        let url = try write()
        let book = try OpenPyXL(url)
        #expect(book.sheetNames == ["总览", "按单位", "按街道", "按月", "活动明细"])
        let kinds = book.charts.flatMap { $0["kinds"] as? [String] ?? [] }
        #expect(kinds.sorted() == ["bar", "line", "line"])
        let titles = book.charts.compactMap { $0["title"] as? String }
        #expect(Set(titles) == ["各街道活动场次", "月度活动场次", "月度覆盖人次"])
    }

    @Test(.requires(.openpyxl))
    func overviewShowsProgressWithColouredStatus() throws {
        var e = Fixtures.evaluation(period: Self.q1)
        e.indicators[5].progress = .behind
        e.indicators[5].completion = Fixtures.d("0.2")
        let url = try write(Fixtures.rollup(), e)
        let s = try OpenPyXL(url).sheet("总览")
        #expect(["A2", "B2", "C2", "D2", "E2", "F2", "G2"].map { s.text($0) ?? "" }
                == ["一级指标", "三级指标", "指标值", "实际完成值(截至本期)", "完成率", "序时进度", "状态"])
        #expect(s.text("B8") == "科普惠民活动场次")
        #expect(s.number("E8") == 0.2)
        #expect(s.number("F8") == 0.25)
        #expect(s.text("G8") == "滞后于序时进度")
        #expect(s.text("G4") == "已完成")
        #expect(s.text("E16") == "—")  // 满意度: not measurable to date
        #expect(s.freeze == "A3")
        let rules = s.conditional.map { "\($0["sqref"] ?? "") \($0["text"] ?? "")" }
        #expect(Set(rules) == ["G3:G16 已完成", "G3:G16 滞后于序时进度"])
    }

    @Test(.requires(.openpyxl))
    func unitMatrixMarksMissingDueMonths() throws {
        let url = try write()
        let s = try OpenPyXL(url).sheet("按单位")
        #expect(["E1", "F1", "G1", "H1", "K1", "L1"].map { s.text($0) ?? "" }
                == ["1月场次", "1月人次", "2月场次", "2月人次", "合计场次", "合计人次"])
        // Row 3 is JD01 (every month, 2 activities of 120 + 80).
        #expect(s.text("A3") == "JD01")
        #expect(s.number("E3") == 2)
        #expect(s.number("F3") == 200)
        #expect(s.number("K3") == 6)
        #expect(s.number("L3") == 600)
        // JD02 missed February.
        #expect(s.text("A4") == "JD02")
        #expect(s.text("G4") == "未报")
        #expect(s.text("H4") == "未报")
        #expect(s.number("I4") == 1)
        #expect(s.number("K4") == 2)
        // JD03 sent nothing at all.
        #expect(s.column("E", from: 5, through: 5) == ["未报"])
        #expect(s.autofilter == "A1:L14")
    }

    @Test(.requires(.openpyxl))
    func streetAndMonthTotalsAreCachedFormulas() throws {
        let url = try write()
        let book = try OpenPyXL(url)
        let streets = book.sheet("按街道")
        #expect(streets.text("A2") == "吴家山街道")
        #expect(streets.number("C2") == 6)
        #expect(streets.text("A14") == "合计")
        #expect(streets.formulas["C14"] == "=SUM(C2:C13)")
        #expect(streets.cachedNumber("C14") == 8)
        #expect(streets.cachedNumber("D14") == 700)
        let months = book.sheet("按月")
        #expect(months.column("A", from: 2, through: 4) == ["2025-01", "2025-02", "2025-03"])
        #expect(months.number("B3") == 2)
        #expect(months.formulas["C5"] == "=SUM(C2:C4)")
        #expect(months.cachedNumber("C5") == 700)
    }

    @Test(.requires(.openpyxl))
    func recordListKeepsSourceAndWritesTextAsText() throws {
        let rollup = Fixtures.rollup { records in
            records[0].name = "=1+2"
            records[0].note = "@备注"
        }
        let url = try write(rollup)
        let s = try OpenPyXL(url).sheet("活动明细")
        let headers = RollupWorkbookWriter.recordHeaders
        #expect(headers.indices.map { s.text("\(CellName.column($0))1") ?? "" } == headers)
        let source = CellName.column(try #require(headers.firstIndex(of: "来源文件")))
        let sourceRow = CellName.column(try #require(headers.firstIndex(of: "来源行")))
        #expect(s.text("A2") == "JD01")
        #expect(s.text("B2") == "吴家山街道科协")
        #expect(s.text("C2") == "2025-01")
        #expect(s.text("E2") == "=1+2")
        #expect(s.text("M2") == "@备注")
        #expect(s.cells["F2"] as? String == "2025-01-05T00:00:00")
        #expect(s.text("\(source)2") == "JD01_2025-01.xlsx")
        #expect(s.number("\(sourceRow)2") == 2)
        #expect(s.formulas.isEmpty)
        #expect(s.maxRow == 1 + rollup.records.count)
    }

    @Test(.requires(.openpyxl))
    func largeRecordListIsWrittenCompletely() throws {
        let rollup = Fixtures.rollup(extraRecords: 5_000)
        let url = try write(rollup)
        let s = try OpenPyXL(url).sheet("活动明细")
        #expect(s.maxRow == 1 + rollup.records.count)
        let last = 1 + rollup.records.count
        #expect(s.text("A\(last)") == "JD03")
        #expect(s.number("J\(last)") == Double((5_000 - 1) % 300))
    }

    @Test func emptyRollupStillWritesEverySheet() throws {
        let dir = try Scratch()
        let url = dir.file("汇总表.xlsx")
        let empty = Rollup(periods: [], units: [], streets: [], months: [], records: [])
        try RollupWorkbookWriter.write(Fixtures.evaluation(indicators: []), rollup: empty, to: url)
        #expect(try Data(contentsOf: url).count > 0)
    }
}
