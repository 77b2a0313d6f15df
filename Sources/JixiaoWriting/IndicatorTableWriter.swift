import Foundation
import JixiaoModel

/// 指标表.xlsx — the official 部门整体支出绩效自评表, laid out as docs/outputs.md draws it.
public enum IndicatorTableWriter {
    public static let sheetName = "绩效自评表"

    /// Columns A…I in Excel width units; together they fill A4 landscape at 100%.
    static let widths: [Double] = [18, 16, 24, 13, 13, 6, 6, 17, 17]
    static let fontSize = 10.5

    /// `filledOn` is the 填报日期 printed in the footer: the day the report is made, or the
    /// one configured in jixiao.yaml; by default the period's last day. `madeOn` goes into
    /// the page header.
    public static func write(_ e: Evaluation, filledOn: CalendarDate? = nil, madeOn: CalendarDate? = nil,
                             to url: URL) throws {
        let book = try XlsxWorkbook(url: url)
        book.heading = .through(e.period, title: "指标表", madeOn: madeOn)
        let sheet = try book.addSheet(sheetName)
        let day = filledOn ?? CalendarDate(year: e.period.year, month: e.period.month,
                                           day: CalendarDate.daysIn(year: e.period.year, month: e.period.month))!
        var layout = IndicatorTableLayout(sheet: sheet, evaluation: e, filledOn: day)
        try layout.draw()
        try book.close()
    }
}

/// Draws the sheet top to bottom; `row` is the next free row (zero-based).
private struct IndicatorTableLayout {
    let sheet: XlsxSheet
    let e: Evaluation

    let filledOn: CalendarDate

    /// Each row's height as set, in points, by zero-based row.
    private var heights: [Int: Double] = [:]
    private var tableHeight: Double { heights.values.reduce(0, +) }
    /// Rows above the budget block: the title, and `（截至…）` on a year-to-date table.
    private var top = 1
    /// Zero-based row of the grid's header: row 7, lower when the goal texts need more
    /// than one row or the table is year-to-date.
    private var gridHeaderRow = 6
    /// The first row of each 一级 group, and the row after the last (总分).
    private var groupStarts: [Int] = []

    init(sheet: XlsxSheet, evaluation: Evaluation, filledOn: CalendarDate) {
        self.sheet = sheet
        self.e = evaluation
        self.filledOn = filledOn
    }

    private mutating func setHeight(_ row: Int, _ height: Double) throws {
        try sheet.setRow(row, height: height)
        heights[row] = height
    }

    /// Whether the table stops before the year's end: its title then says up to when.
    private var isYearToDate: Bool {
        e.period.year == e.info.year && e.period.month < 12
    }

    private let size = IndicatorTableWriter.fontSize
    private var header: CellStyle { CellStyle.header.with { $0.size = size; $0.fill = nil } }
    private var cell: CellStyle { CellStyle.grid.with { $0.size = size } }
    private var centered: CellStyle { CellStyle.gridCentered.with { $0.size = size } }
    private var boldCentered: CellStyle { centered.with { $0.bold = true } }

    mutating func draw() throws {
        for (col, width) in IndicatorTableWriter.widths.enumerated() {
            try sheet.setColumns(col...col, width: width)
        }
        try titleRows()
        try budgetBlock()
        try goalBlock()
        let last = try indicatorGrid()
        let footerRow = try conclusion(after: last)
        // A table a little taller than a page (the seed's size, with its 小计 rows) is shrunk
        // onto one sheet of paper. A longer one prints on as many pages as it needs, with the
        // breaks put between 一级 groups: a break inside one would cut its merged cells. It
        // prints at a set scale, not "fit to one page wide": Excel ignores manual breaks under
        // fit-to-pages, and LibreOffice's shrinking moves the rows the breaks were counted for.
        if tableHeight <= XlsxSheet.printableHeight * 1.4 {
            try sheet.printSetup(repeating: gridHeaderRow...gridHeaderRow, lastRow: footerRow, lastCol: 8, pagesTall: 1)
        } else {
            let scale = XlsxSheet.scaleFittingWidth(of: 0...8, in: sheet.layout)
            try sheet.printSetup(repeating: gridHeaderRow...gridHeaderRow, lastRow: footerRow, lastCol: 8, scale: scale)
            try sheet.pageBreaks(before: pageBreaks(footerRow: footerRow, scale: scale))
        }
    }

    /// Rows (zero-based) that start a new page: the first row of each 一级 group that would
    /// not fit on the page so far, the page holding `100 / scale` times its height of rows
    /// at `scale` percent. The total, conclusion and footer stay with the last group; a group
    /// taller than a page is left to the spreadsheet program to break.
    func pageBreaks(footerRow: Int, scale: Int) -> [Int] {
        func height(_ rows: Range<Int>) -> Double { rows.reduce(0) { $0 + (heights[$1] ?? 15) } }
        let page = XlsxSheet.printableHeight * 100 / Double(max(1, scale))
        let repeated = heights[gridHeaderRow] ?? 15
        var breaks: [Int] = []
        var used = height(0..<(groupStarts.first ?? footerRow + 1))
        for (i, start) in groupStarts.dropLast().enumerated() {
            let end = i + 1 == groupStarts.count - 1 ? footerRow + 1 : groupStarts[i + 1]
            let block = height(start..<end)
            if used + block > page && used > repeated {
                breaks.append(start)
                used = repeated + block
            } else {
                used += block
            }
        }
        return breaks
    }

    private mutating func titleRows() throws {
        try sheet.merge("\(e.info.year)年度部门整体支出绩效自评表", rows: 0...0, cols: 0...8, .title)
        try setHeight(0, 30)
        let plain = CellStyle.body.with { $0.size = size }
        if isYearToDate {
            try sheet.merge("（截至\(e.period.chineseDescription)）", rows: 1...1, cols: 0...8,
                            plain.with { $0.horizontal = .center; $0.size = 12 })
            try setHeight(1, 20)
            top = 2
        }
        try sheet.merge("部门（单位）名称：\(e.info.department)", rows: top...top, cols: 0...4, plain)
        try sheet.merge("金额单位：万元", rows: top...top, cols: 5...8, plain.with { $0.horizontal = .right })
        try setHeight(top, 20)
    }

    private mutating func budgetBlock() throws {
        let head = top + 1, row = top + 2
        try sheet.merge("预算资金情况", rows: head...row, cols: 0...1, boldCentered)
        let heads = ["年初预算数", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)", "分值", "得分", "备注"]
        for (i, h) in heads.enumerated() { try sheet.write(h, head, 2 + i, header) }
        try setHeight(head, 28)
        let money = centered.with { $0.numberFormat = NumberFormat.money }
        guard let b = e.budget else {
            for col in 2...8 { try sheet.writeBlank(row, col, centered) }
            try setHeight(row, 24)
            return
        }
        try sheet.write(decimal: b.initialBudget, row, 2, money)
        try sheet.write(decimal: b.fullYearBudget, row, 3, money)
        try sheet.write(decimal: b.executed, row, 4, money)
        if b.fullYearBudget == 0 {
            // No budget, no rate: the same words as the indicator row, not a misleading 0.0%.
            try sheet.write(WritingMessages.rateNotComputable, row, 5, centered)
        } else {
            // Stored at the precision shown (87.2%), so a reader sees the printed figure.
            try sheet.write(decimal: b.executionRate.roundedHalfUp(3), row, 5,
                            centered.with { $0.numberFormat = NumberFormat.percent })
        }
        try sheet.write(decimal: b.weight, row, 6, centered)
        try sheet.write(decimal: b.score, row, 7, centered)
        try sheet.write(b.note, row, 8, cell)
        let height = TextFit.height([(b.note, IndicatorTableWriter.widths[8])], fontSize: size, minimum: 24)
        try setHeight(row, height)
    }

    private mutating func goalBlock() throws {
        let w = IndicatorTableWriter.widths
        // As tall as the texts need; Excel caps a row at 409 points, so longer texts get a
        // merged cell over several rows.
        let needed = max(36, TextFit.neededHeight([(e.overallGoal, w[2] + w[3] + w[4]),
                                                   (e.actualCompletion, w[5] + w[6] + w[7] + w[8])], fontSize: size))
        let textRows = max(1, Int((needed / TextFit.maxRowHeight).rounded(.up)))
        let first = top + 3
        let last = first + textRows
        try sheet.merge("年度总体目标", rows: first...last, cols: 0...1, boldCentered)
        try sheet.merge("预期目标", rows: first...first, cols: 2...4, header)
        try sheet.merge("实际完成情况", rows: first...first, cols: 5...8, header)
        try setHeight(first, 22)
        let text = cell.with { $0.wrap = true; $0.topAligned = textRows > 1 }
        try sheet.merge(e.overallGoal, rows: (first + 1)...last, cols: 2...4, text)
        try sheet.merge(e.actualCompletion, rows: (first + 1)...last, cols: 5...8, text)
        for row in (first + 1)...last { try setHeight(row, needed / Double(textRows)) }
        gridHeaderRow = last + 1
    }

    /// Each 一级 group's indicators, then its 小计 row; returns the zero-based row of 总分.
    private mutating func indicatorGrid() throws -> Int {
        let heads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
        for (i, h) in heads.enumerated() { try sheet.write(h, gridHeaderRow, i, header) }
        try sheet.merge("偏差原因分析及改进措施", rows: gridHeaderRow...gridHeaderRow, cols: 7...8, header)
        try setHeight(gridHeaderRow, 28)

        let items = e.indicators
        let w = IndicatorTableWriter.widths
        var row = gridHeaderRow + 1
        var subtotalRows: [Int] = []
        for run in Runs.of(items, by: { $0.level1 }) where !items.isEmpty {
            let first = row
            groupStarts.append(first)
            let inner = Array(items[run])
            let rowHeights = groupRowHeights(inner)
            for (item, height) in zip(inner, rowHeights) {
                try sheet.write(item.name, row, 2, cell)
                try sheet.write(item.targetText, row, 3, centered)
                try sheet.write(item.actualText, row, 4, centered)
                try sheet.write(decimal: item.weight, row, 5, centered)
                try sheet.write(decimal: item.score, row, 6, centered)
                try sheet.merge(Self.reasonText(item), rows: row...row, cols: 7...8, cell)
                try setHeight(row, height)
                row += 1
            }
            for sub in Runs.of(inner, by: { $0.level2 }) {
                try sheet.merge(inner[sub.lowerBound].level2, rows: (first + sub.lowerBound)...(first + sub.upperBound),
                                cols: 1...1, centered)
            }
            // 小计: the group's points and score, as the 自评结论 quotes them (成本指标得分17.4分（满20分）).
            let group = e.groups.first { $0.name == inner[0].level1 }
            let weights = inner.reduce(Decimal(0)) { $0 + $1.weight }
            let scores = group?.score ?? inner.reduce(Decimal(0)) { $0 + $1.score }
            try sheet.merge("小计", rows: row...row, cols: 1...4, boldCentered)
            try sheet.write(formula: "=SUM(F\(first + 1):F\(row))", cached: weights, row, 5, boldCentered)
            try sheet.write(formula: "=SUM(G\(first + 1):G\(row))", cached: scores, row, 6, boldCentered)
            try sheet.merge("", rows: row...row, cols: 7...8, centered)
            try setHeight(row, Self.subtotalHeight)
            try sheet.merge(groupLabel(inner[0].level1), rows: first...row, cols: 0...0, centered)
            subtotalRows.append(row)
            row += 1
        }

        let totalRow = row
        groupStarts.append(totalRow)
        try sheet.merge("总分", rows: totalRow...totalRow, cols: 0...4, boldCentered)
        let weights = items.reduce(Decimal(0)) { $0 + $1.weight }
        let scores = items.reduce(Decimal(0)) { $0 + $1.score }
        if subtotalRows.isEmpty {
            try sheet.write(decimal: 0, totalRow, 5, boldCentered)
            try sheet.write(decimal: 0, totalRow, 6, boldCentered)
        } else {
            let f = subtotalRows.map { "F\($0 + 1)" }.joined(separator: "+")
            let g = subtotalRows.map { "G\($0 + 1)" }.joined(separator: "+")
            try sheet.write(formula: "=" + f, cached: weights, totalRow, 5, boldCentered)
            try sheet.write(formula: "=" + g, cached: scores, totalRow, 6, boldCentered)
        }
        try sheet.merge("", rows: totalRow...totalRow, cols: 7...8, centered)
        try setHeight(totalRow, 24)
        return totalRow
    }

    static let subtotalHeight = 18.0

    /// The heights of one 一级 group's indicator rows: each as tall as its own texts, then
    /// grown evenly where a merged 二级 cell (or the group's 一级 cell, with its 小计 row) wraps
    /// to more lines than its rows give room for, which would print its text over the borders.
    private func groupRowHeights(_ inner: [IndicatorResult]) -> [Double] {
        let w = IndicatorTableWriter.widths
        var heights = inner.map { item in
            TextFit.height([(item.name, w[2]), (item.targetText, w[3]), (item.actualText, w[4]),
                            (Self.reasonText(item), w[7] + w[8])], fontSize: size, minimum: 21)
        }
        func make(_ rows: ClosedRange<Int>, hold text: String, width: Double, besides: Double = 0) {
            let short = TextFit.neededHeight([(text, width)], fontSize: size) - besides - rows.reduce(0) { $0 + heights[$1] }
            guard short > 0 else { return }
            for i in rows { heights[i] = min(TextFit.maxRowHeight, heights[i] + short / Double(rows.count)) }
        }
        for sub in Runs.of(inner, by: { $0.level2 }) {
            make(sub, hold: inner[sub.lowerBound].level2, width: w[1])
        }
        if let level1 = inner.first?.level1 {
            make(0...(inner.count - 1), hold: groupLabel(level1), width: w[0], besides: Self.subtotalHeight)
        }
        return heights
    }

    /// 自评结论 and the footer; returns the last row used.
    private mutating func conclusion(after totalRow: Int) throws -> Int {
        let row = totalRow + 1
        try sheet.merge("自评结论", rows: row...row, cols: 0...1, boldCentered)
        try sheet.merge("评价结果类型：\(e.grade.letter)", rows: row...row, cols: 2...4, boldCentered)
        try sheet.merge("级别：\(e.grade.label)", rows: row...row, cols: 5...8, boldCentered)
        try setHeight(row, 26)

        let footer = row + 1
        let plain = CellStyle.body.with { $0.size = size }
        try sheet.merge("填报人：\(e.info.preparer)", rows: footer...footer, cols: 0...2, plain)
        try sheet.merge("联系电话：\(e.info.phone)", rows: footer...footer, cols: 3...5, plain)
        let d = filledOn
        try sheet.merge("填报日期：\(d.year)年\(d.month)月\(d.day)日", rows: footer...footer, cols: 6...8, plain)
        try setHeight(footer, 24)
        return footer
    }

    /// 产出指标（40分）, from the group's stated points, else the sum of its weights.
    private func groupLabel(_ level1: String) -> String {
        let points = e.groups.first(where: { $0.name == level1 })?.points
            ?? e.indicators.filter { $0.level1 == level1 }.reduce(Decimal(0)) { $0 + $1.weight }
        return "\(level1)（\(points.plain)分）"
    }

    static func reasonText(_ item: IndicatorResult) -> String {
        guard let override = item.overrideReason, !override.isEmpty else { return item.deviationReason }
        let note = "（得分经人工调整：\(override)）"
        return item.deviationReason.isEmpty ? note : item.deviationReason + "\n" + note
    }
}

/// Consecutive runs of equal keys, as index ranges: the cells 指标表 merges vertically.
enum Runs {
    static func of<T>(_ items: [T], by key: (T) -> String) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        var start = 0
        for i in items.indices where i == items.count - 1 || key(items[i + 1]) != key(items[i]) {
            runs.append(start...i)
            start = i + 1
        }
        return runs
    }
}
