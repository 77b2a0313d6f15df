import Foundation
import JixiaoModel
@testable import JixiaoWriting
import Testing

@Suite struct PageSetupTests {
    @Test func fileNameWrapsOnlyWhenWiderThanItsColumn() {
        let name = "2025-01/JD01_吴家山街道科协_2025-01.xlsx"
        #expect(TextFit.lines(name, width: 46) == 1)
        #expect(TextFit.lines(name, width: 20) == 3)
        // A run with no break opportunity is broken anywhere rather than counted as one line.
        #expect(TextFit.lines(String(repeating: "x", count: 50), width: 10) == 6)
        // Chinese quotes and dashes are drawn full width.
        #expect(TextFit.units("“—”"[...]) == 6)
    }

    @Test func rowGrowsWithTheTallestCell() {
        let one = TextFit.height([("短", 10)], fontSize: 11, minimum: TextFit.minimumRowHeight)
        let three = TextFit.height([("短", 10), ("第一行\n第二行\n第三行", 10)], fontSize: 11, minimum: TextFit.minimumRowHeight)
        #expect(one < 2 * 11)
        #expect(three >= 3 * 11 && three > 2 * one)
    }

    @Test func orientationFollowsTheColumnsWidth() {
        let layout = SheetLayout()
        layout.setWidth(30, of: 0...1)
        #expect(PageSetup.orientation(for: 0...1, in: layout) == .portrait)
        layout.setWidth(30, of: 0...3)
        #expect(PageSetup.orientation(for: 0...3, in: layout) == .landscape)
    }

    @Test func halfYearsPrintOnTheirOwnPagesAtAReadableScale() {
        // 按单位 of a whole year: four unit columns, twelve months of two, two totals.
        let layout = SheetLayout()
        for (i, w) in [9.0, 24, 9, 15].enumerated() { layout.setWidth(w, of: i...i) }
        layout.setWidth(7.5, of: 4...29)
        let setup = PageSetup(repeatRows: 0...0, repeatColumns: 0...3, lastRow: 30, lastCol: 29,
                              orientation: .landscape, columnBreaks: [16])
        #expect(setup.columnPages() == [4...15, 16...29])
        let scale = setup.splitScale(layout, printable: PageSetup.landscapeWidth)
        // 11-point text printed at 8 points or more.
        #expect(Double(scale) / 100 * 11 >= 8)
        #expect(scale < 100)
    }

    @Test func headerSaysWhatWhenAndWhichSheet() {
        let heading = PageHeading.through(Period(year: 2025, month: 12)!, title: "汇总表",
                                          madeOn: CalendarDate(year: 2026, month: 1, day: 15)!)
        #expect(heading.header(sheet: "按单位") == "&L&9汇总表—按单位&C&9截至2025年12月&R&9生成时间：2026-01-15")
        // A size code swallows the digits after it: a period starting with one is set off.
        #expect(PageHeading(title: "月度报送表", period: "2025年3月").header(sheet: "基本信息")
                == "&L&9月度报送表—基本信息&C&9 2025年3月")
        let long = PageHeading(title: String(repeating: "很长的单位名称&", count: 40), period: "2025年3月")
        let header = long.header(sheet: "活动明细")
        #expect(header.utf8.count <= 255)
        #expect(!header.hasSuffix("&"))
    }
}
