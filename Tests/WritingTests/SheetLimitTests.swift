import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoWriting
import TestSupport
import Testing

/// A year with more rows than an Excel sheet holds (1,048,576) goes on in further sheets,
/// each under its header, so nothing is cut off and nothing fails; shown here with a tiny limit.
@Suite struct SheetLimitTests {
    let dir: Scratch

    init() throws { dir = try Scratch() }

    private func read(_ url: URL) throws -> SpreadsheetDocument {
        try SpreadsheetReader.read(try Data(contentsOf: url), name: url.lastPathComponent)
    }

    @Test func recordsBeyondASheetGoOnInTheNextWithTheirHeader() throws {
        let rollup = Fixtures.rollup()   // 8 records
        let url = dir.file("汇总表.xlsx")
        try RollupWorkbookWriter.write(Fixtures.evaluation(period: Period(year: 2025, month: 3)!), rollup: rollup,
                                       comparison: nil, madeOn: nil, to: url, recordsPerSheet: 3)
        let doc = try read(url)
        #expect(doc.sheets.map(\.name) == ["总览", "按单位", "按街道", "按月", "活动明细", "活动明细2", "活动明细3"])
        var listed: [String] = []
        for name in ["活动明细", "活动明细2", "活动明细3"] {
            let sheet = try #require(doc.sheet(named: name))
            #expect(sheet.text("A1") == "单位代码", "\(name)")
            listed += sheet.rows.filter { $0.index > 1 }.compactMap { row in
                sheet.text("A\(row.index)").map { "\($0) \(sheet.text("C\(row.index)") ?? "")" }
            }
        }
        let expected = try RollupTestsListing.listed(rollup).map { "\($0.unitCode) \($0.period)" }
        #expect(listed == expected)
        #expect(listed.count == rollup.records.count)
    }

    @Test func anEvidenceListBeyondASheetGoesOnInAContinuationSheetAndItsTotalStaysRight() throws {
        var e = EvidenceWorkbookTests.evaluation()
        let march = Period(year: 2025, month: 3)!
        let records = (0..<9).map { i in
            ActivityRecord(unitCode: "JD01", period: march, name: "活动\(i)", date: CalendarDate(year: 2025, month: 3, day: 5)!,
                           form: .offline, category: .popularScience, theme: .foodSafety, coverage: 10 + i,
                           source: SourceRef(file: "JD01.xlsx", sheet: "活动明细", row: 2 + i))
        }
        e.indicators[5].evidence = IndicatorEvidence(rule: "全部活动的覆盖人数之和", terms: [
            EvidenceTerm(rule: "全部活动的覆盖人数之和", value: 126, items: .activities(ActivityEvidence(
                rows: RecordSelection(source: ActivityRecords(records), positions: EvidenceWorkbookTests.all(9)),
                shown: [.field(.coverage)], summed: .field(.coverage), distinct: nil, normalised: []))),
        ])
        let url = dir.file("佐证材料.xlsx")
        try EvidenceWorkbookWriter.write(e, sources: EvidenceWorkbookTests.sources, madeOn: nil, to: url, rowsPerSheet: 14)
        let doc = try read(url)
        let name = EvidenceWorkbookWriter.sheetNames(e.indicators.map(\.name))[5]
        let first = try #require(doc.sheet(named: name))
        let next = try #require(doc.sheet(named: EvidenceWorkbookWriter.continuationName(name, part: 2)))
        #expect(next.text("A1")?.hasSuffix("（续上表）") == true)
        #expect(next.text("A2") == "序号")
        // The numbering goes on; every record is listed once across the two sheets.
        let numbers = [first, next].flatMap { sheet in
            sheet.rows.compactMap { row -> Int? in sheet.double("A\(row.index)").map { Int($0) } }
        }
        #expect(numbers == Array(1...9))
        let totals = [first, next].flatMap { sheet in sheet.rows.filter { sheet.text("A\($0.index)") == "合计" }.map { (sheet, $0.index) } }
        #expect(totals.count == 1)
        if let (sheet, row) = totals.first {
            #expect(sheet.name == next.name)
            // Across sheets a formula would add up only this sheet's part: the total is the value.
            #expect(sheet.double("G\(row)") == 126)
        }
    }

    @Test func continuationNamesStayWithinExcelsLimit() {
        let long = String(repeating: "很长的指标名称", count: 6)
        let name = EvidenceWorkbookWriter.continuationName("12 " + long, part: 3)
        #expect(name.utf16.count <= 31)
        #expect(name.hasSuffix("（续3）"))
    }
}

/// The rollup's listing as the writer reads it.
enum RollupTestsListing {
    static func listed(_ rollup: Rollup) throws -> [ActivityRecord] {
        var out: [ActivityRecord] = []
        try rollup.records.forEach { out.append($0) }
        return out
    }
}
