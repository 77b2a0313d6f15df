import Foundation
import JixiaoModel

/// 指标表.xlsx — the official 部门整体支出绩效自评表, laid out as docs/outputs.md draws it.
public enum IndicatorTableWriter {
    public static let sheetName = "绩效自评表"

    /// Columns A…I in Excel width units; together they fill A4 landscape at 100%.
    static let widths: [Double] = [18, 16, 24, 13, 13, 6, 6, 17, 17]
    static let fontSize = 10.5

    public static func write(_ e: Evaluation, madeOn: CalendarDate? = nil, to url: URL) throws {
        let book = try XlsxWorkbook(url: url)
        book.heading = .through(e.period, title: "指标表", madeOn: madeOn)
        let sheet = try book.addSheet(sheetName)
        var layout = IndicatorTableLayout(sheet: sheet, evaluation: e)
        try layout.draw()
        try book.close()
    }
}

/// Draws the sheet top to bottom; `row` is the next free row (zero-based).
private struct IndicatorTableLayout {
    let sheet: XlsxSheet
    let e: Evaluation

    /// Sum of the row heights set so far, in points.
    private var tableHeight = 0.0
    /// Zero-based row of the grid's header: row 7, lower when the goal texts need more
    /// than one row.
    private var gridHeaderRow = 6

    init(sheet: XlsxSheet, evaluation: Evaluation) {
        self.sheet = sheet
        self.e = evaluation
    }

    private mutating func setHeight(_ row: Int, _ height: Double) throws {
        try sheet.setRow(row, height: height)
        tableHeight += height
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
        // A table a little taller than a page (the seed's size) is shrunk onto one sheet
        // of paper; a long one keeps its size and runs onto more pages, one page wide.
        let pagesTall = tableHeight <= XlsxSheet.printableHeight * 1.3 ? 1 : 0
        try sheet.printSetup(repeating: gridHeaderRow...gridHeaderRow, lastRow: footerRow, lastCol: 8, pagesTall: pagesTall)
    }

    private mutating func titleRows() throws {
        try sheet.merge("\(e.info.year)年度部门整体支出绩效自评表", rows: 0...0, cols: 0...8, .title)
        try setHeight(0, 30)
        let plain = CellStyle.body.with { $0.size = size }
        try sheet.merge("部门（单位）名称：\(e.info.department)", rows: 1...1, cols: 0...4, plain)
        try sheet.merge("金额单位：万元", rows: 1...1, cols: 5...8, plain.with { $0.horizontal = .right })
        try setHeight(1, 20)
    }

    private mutating func budgetBlock() throws {
        try sheet.merge("预算资金情况", rows: 2...3, cols: 0...1, boldCentered)
        let heads = ["年初预算数", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)", "分值", "得分", "备注"]
        for (i, h) in heads.enumerated() { try sheet.write(h, 2, 2 + i, header) }
        try setHeight(2, 28)
        let money = centered.with { $0.numberFormat = NumberFormat.money }
        guard let b = e.budget else {
            for col in 2...8 { try sheet.writeBlank(3, col, centered) }
            try setHeight(3, 24)
            return
        }
        try sheet.write(decimal: b.initialBudget, 3, 2, money)
        try sheet.write(decimal: b.fullYearBudget, 3, 3, money)
        try sheet.write(decimal: b.executed, 3, 4, money)
        if b.fullYearBudget == 0 {
            // No budget, no rate: the same words as the indicator row, not a misleading 0.0%.
            try sheet.write(WritingMessages.rateNotComputable, 3, 5, centered)
        } else {
            // Stored at the precision shown (87.2%), so a reader sees the printed figure.
            try sheet.write(decimal: b.executionRate.roundedHalfUp(3), 3, 5,
                            centered.with { $0.numberFormat = NumberFormat.percent })
        }
        try sheet.write(decimal: b.weight, 3, 6, centered)
        try sheet.write(decimal: b.score, 3, 7, centered)
        try sheet.write(b.note, 3, 8, cell)
        let height = TextFit.height([(b.note, IndicatorTableWriter.widths[8])], fontSize: size, minimum: 24)
        try setHeight(3, height)
    }

    private mutating func goalBlock() throws {
        let w = IndicatorTableWriter.widths
        // Excel caps a row at 409 points; longer texts get a merged cell over several rows.
        let needed = TextFit.neededHeight([(e.overallGoal, w[2] + w[3] + w[4]),
                                           (e.actualCompletion, w[5] + w[6] + w[7] + w[8])], fontSize: size)
        let textRows = max(1, Int((needed / TextFit.maxRowHeight).rounded(.up)))
        let last = 4 + textRows
        try sheet.merge("年度总体目标", rows: 4...last, cols: 0...1, boldCentered)
        try sheet.merge("预期目标", rows: 4...4, cols: 2...4, header)
        try sheet.merge("实际完成情况", rows: 4...4, cols: 5...8, header)
        try setHeight(4, 22)
        let text = cell.with { $0.wrap = true; $0.topAligned = textRows > 1 }
        try sheet.merge(e.overallGoal, rows: 5...last, cols: 2...4, text)
        try sheet.merge(e.actualCompletion, rows: 5...last, cols: 5...8, text)
        for row in 5...last { try setHeight(row, max(60, needed) / Double(textRows)) }
        gridHeaderRow = last + 1
    }

    /// Returns the zero-based row of 总分.
    private mutating func indicatorGrid() throws -> Int {
        let heads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
        for (i, h) in heads.enumerated() { try sheet.write(h, gridHeaderRow, i, header) }
        try sheet.merge("偏差原因分析及改进措施", rows: gridHeaderRow...gridHeaderRow, cols: 7...8, header)
        try setHeight(gridHeaderRow, 28)

        let first = gridHeaderRow + 1
        let items = e.indicators
        let w = IndicatorTableWriter.widths
        for (i, item) in items.enumerated() {
            let row = first + i
            try sheet.write(item.name, row, 2, cell)
            try sheet.write(item.targetText, row, 3, centered)
            try sheet.write(item.actualText, row, 4, centered)
            try sheet.write(decimal: item.weight, row, 5, centered)
            try sheet.write(decimal: item.score, row, 6, centered)
            let reason = Self.reasonText(item)
            try sheet.merge(reason, rows: row...row, cols: 7...8, cell)
            let height = TextFit.height([(item.name, w[2]), (item.targetText, w[3]), (item.actualText, w[4]),
                                         (reason, w[7] + w[8])], fontSize: size, minimum: 21)
            try setHeight(row, height)
        }
        for run in Runs.of(items, by: { $0.level1 }) {
            try sheet.merge(groupLabel(items[run.lowerBound].level1),
                            rows: (first + run.lowerBound)...(first + run.upperBound), cols: 0...0, centered)
            let inner = Array(items[run])
            for sub in Runs.of(inner, by: { $0.level2 }) {
                let top = first + run.lowerBound + sub.lowerBound
                try sheet.merge(inner[sub.lowerBound].level2, rows: top...(top + sub.count - 1), cols: 1...1, centered)
            }
        }

        let totalRow = first + items.count
        try sheet.merge("总分", rows: totalRow...totalRow, cols: 0...4, boldCentered)
        let weights = items.reduce(Decimal(0)) { $0 + $1.weight }
        let scores = items.reduce(Decimal(0)) { $0 + $1.score }
        let range = items.isEmpty ? nil : (first + 1, first + items.count)
        if let (top, bottom) = range {
            try sheet.write(formula: "=SUM(F\(top):F\(bottom))", cached: weights, totalRow, 5, boldCentered)
            try sheet.write(formula: "=SUM(G\(top):G\(bottom))", cached: scores, totalRow, 6, boldCentered)
        } else {
            try sheet.write(decimal: 0, totalRow, 5, boldCentered)
            try sheet.write(decimal: 0, totalRow, 6, boldCentered)
        }
        try sheet.merge("", rows: totalRow...totalRow, cols: 7...8, centered)
        try setHeight(totalRow, 24)
        return totalRow
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
        let day = CalendarDate.daysIn(year: e.period.year, month: e.period.month)
        try sheet.merge("填报人：\(e.info.preparer)", rows: footer...footer, cols: 0...2, plain)
        try sheet.merge("联系电话：\(e.info.phone)", rows: footer...footer, cols: 3...5, plain)
        // The period's last day, never today: the same ledger must give the same file.
        try sheet.merge("填报日期：\(e.period.year)年\(e.period.month)月\(day)日", rows: footer...footer, cols: 6...8, plain)
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
