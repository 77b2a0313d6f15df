import CXlsxWriter
import Foundation
import JixiaoModel

/// 汇总表.xlsx — progress per indicator, per unit, per street, per month, and every record.
///
/// Written in libxlsxwriter's constant-memory mode: 活动明细 may hold tens of thousands
/// of rows, and each sheet is written strictly row by row, so memory stays flat.
public enum RollupWorkbookWriter {
    public enum Sheet {
        public static let overview = "总览"
        public static let units = "按单位"
        public static let streets = "按街道"
        public static let months = "按月"
        public static let records = "活动明细"
    }

    public static let recordHeaders = ["单位代码", "单位名称", "报送月份"] + ActivityField.all.map(\.spec.rollupHeader)
        + ["来源文件", "来源行"]

    /// Marks a due month with no accepted submission in 按单位.
    public static let missingMark = "未报"
    /// Marks an accepted month declared to have had no activities.
    public static let zeroReportMark = "零报告"

    public static let title = "汇总表"

    /// `madeOn` is the report's day, printed in every page's header. `comparison` (by 三级指标,
    /// from `compare_with`) adds 上年实际 and 增减 to 总览; nil leaves them out.
    public static func write(_ e: Evaluation, rollup: Rollup, comparison: [String: [YearChange]]? = nil,
                             madeOn: CalendarDate? = nil, to url: URL) throws {
        try write(e, rollup: rollup, comparison: comparison, madeOn: madeOn, to: url, recordsPerSheet: XlsxSheet.maxRows - 1)
    }

    static func write(_ e: Evaluation, rollup: Rollup, comparison: [String: [YearChange]]?, madeOn: CalendarDate?,
                      to url: URL, recordsPerSheet: Int) throws {
        let book = try XlsxWorkbook(url: url, constantMemory: true)
        book.heading = .through(e.period, title: title, madeOn: madeOn)
        try overview(e, comparison, try book.addSheet(Sheet.overview))
        try units(rollup, try book.addSheet(Sheet.units))
        try streets(rollup, try book.addSheet(Sheet.streets), book)
        try months(rollup, try book.addSheet(Sheet.months), book)
        try records(rollup, book, recordsPerSheet: recordsPerSheet)
        try book.close()
    }

    static let green = CellStyle.grid.with { $0.fill = 0xC6EFCE; $0.fontColor = 0x006100 }
    static let red = CellStyle.grid.with { $0.fill = 0xFFC7CE; $0.fontColor = 0x9C0006 }
    static let missing = CellStyle.gridCentered.with { $0.fill = 0xFFEB9C; $0.fontColor = 0x9C5700 }
    static let number = CellStyle.grid.with { $0.horizontal = .right }
    static let percent = number.with { $0.numberFormat = NumberFormat.percent }

    private static func overview(_ e: Evaluation, _ comparison: [String: [YearChange]]?, _ sheet: XlsxSheet) throws {
        let heads = ["一级指标", "三级指标", "指标值", "实际完成值(截至本期)", "完成率", "序时进度", "状态", "分值", "得分"]
            + (comparison == nil ? [] : ["上年实际", "增减"])
        let widths: [Double] = [12, 30, 14, 20, 9, 9, 16, 7, 7] + (comparison == nil ? [] : [16, 16])
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        try sheet.write("\(e.info.year)年度绩效指标完成情况（截至\(e.period.chineseDescription)，序时进度 "
                        + "\((e.scheduleProgress * 100).fixed(1))%）", 0, 0, .title.with { $0.horizontal = .left; $0.size = 14 })
        for (i, h) in heads.enumerated() { try sheet.write(h, 1, i, .header) }
        for (i, item) in e.indicators.enumerated() {
            let row = 2 + i
            try sheet.fitRow(row, [(item.level1, 0), (item.name, 1), (item.targetText, 2), (item.actualText, 3),
                                   (item.progress.rawValue, 6)])
            try sheet.write(item.level1, row, 0, .grid)
            try sheet.write(item.name, row, 1, .grid)
            try sheet.write(item.targetText, row, 2, .gridCentered)
            try sheet.write(item.actualText, row, 3, .gridCentered)
            if let completion = item.completion {
                try sheet.write(decimal: completion.roundedHalfUp(3), row, 4, percent)
            } else {
                try sheet.write("—", row, 4, .gridCentered)
            }
            try sheet.write(decimal: e.scheduleProgress.roundedHalfUp(3), row, 5, percent)
            try sheet.write(item.progress.rawValue, row, 6, .gridCentered)
            try sheet.write(decimal: item.weight, row, 7, number)
            try sheet.write(decimal: item.score, row, 8, number)
            if let comparison {
                let changes = comparison[item.name] ?? []
                try sheet.write(changes.isEmpty ? "—" : changes.map(\.previous.text).joined(separator: "、"), row, 9, .gridCentered)
                try sheet.write(changes.isEmpty ? "—" : changes.map(\.signedText).joined(separator: "、"), row, 10, .gridCentered)
            }
        }
        sheet.freeze(rows: 2)
        guard !e.indicators.isEmpty else { return }
        let rows = 2...(1 + e.indicators.count)
        try sheet.highlight(rows: rows, col: 6, containing: IndicatorResult.Progress.met.rawValue, green)
        try sheet.highlight(rows: rows, col: 6, containing: IndicatorResult.Progress.behind.rawValue, red)
        try sheet.printSetup(repeating: 1...1, lastRow: rows.upperBound, lastCol: heads.count - 1)
    }

    private static func units(_ rollup: Rollup, _ sheet: XlsxSheet) throws {
        let periods = rollup.periods
        let fixed = ["单位代码", "单位名称", "单位类型", "所属街道"]
        for (i, w) in [9.0, 24, 9, 15].enumerated() { try sheet.setColumns(i...i, width: w) }
        let firstMonthCol = fixed.count
        let totalCol = firstMonthCol + periods.count * 2
        // Narrow enough for half a year on one A4 page at 10 points; the headers wrap (`10月` over `场次`).
        try sheet.setColumns(firstMonthCol...(totalCol + 1), width: 7.5)
        for (i, h) in fixed.enumerated() { try sheet.write(h, 0, i, .header) }
        for (i, p) in periods.enumerated() {
            try sheet.write("\(p.month)月场次", 0, firstMonthCol + 2 * i, .header)
            try sheet.write("\(p.month)月人次", 0, firstMonthCol + 2 * i + 1, .header)
        }
        try sheet.setRow(0, height: TextFit.height([("合计场次", 7.5)], fontSize: CellStyle.header.size, minimum: 20))
        try sheet.write("合计场次", 0, totalCol, .header)
        try sheet.write("合计人次", 0, totalCol + 1, .header)
        for (i, u) in rollup.units.enumerated() {
            let row = 1 + i
            try sheet.fitRow(row, [(u.unit.name, 1), (u.unit.street, 3)])
            try sheet.write(u.unit.code, row, 0, .grid)
            try sheet.write(u.unit.name, row, 1, .grid)
            try sheet.write(u.unit.kind.rawValue, row, 2, .grid)
            try sheet.write(u.unit.street, row, 3, .grid)
            var activities = 0
            var coverage = 0
            for (j, p) in periods.enumerated() {
                let col = firstMonthCol + 2 * j
                if u.zeroReports.contains(p), u.months[p] != nil {
                    try sheet.write(zeroReportMark, row, col, .gridCentered)
                    try sheet.write(zeroReportMark, row, col + 1, .gridCentered)
                } else if let m = u.months[p] {
                    try sheet.write(integer: m.activities, row, col, number)
                    try sheet.write(integer: m.coverage, row, col + 1, number)
                    activities += m.activities
                    coverage += m.coverage
                } else if u.due.contains(p) {
                    try sheet.write(missingMark, row, col, missing)
                    try sheet.write(missingMark, row, col + 1, missing)
                } else {
                    try sheet.writeBlank(row, col, .grid)
                    try sheet.writeBlank(row, col + 1, .grid)
                }
            }
            try sheet.write(integer: activities, row, totalCol, number)
            try sheet.write(integer: coverage, row, totalCol + 1, number)
        }
        sheet.freeze(rows: 1, cols: 2)
        try sheet.autofilter(rows: 0...max(0, rollup.units.count), cols: 0...(totalCol + 1))
        // Thirty columns on one page would print at half size: each half-year prints on its
        // own pages instead, the unit columns repeated, so the text stays at 8 points or more.
        let breaks = stride(from: monthsPerPage, to: periods.count, by: monthsPerPage).map { firstMonthCol + 2 * $0 }
        try PageSetup(repeatRows: 0...0, repeatColumns: breaks.isEmpty ? nil : 0...(firstMonthCol - 1),
                      lastRow: rollup.units.count, lastCol: totalCol + 1, orientation: .landscape,
                      columnBreaks: breaks).apply(to: sheet)
    }

    /// Months of 按单位 printed side by side on one page.
    static let monthsPerPage = 6

    private static func streets(_ rollup: Rollup, _ sheet: XlsxSheet, _ book: XlsxWorkbook) throws {
        let heads = ["所属街道", "单位数", "活动场次", "覆盖人次"]
        let rows = rollup.streets
        let total = try countTable(sheet, heads: heads, widths: [16, 8, 10, 12],
                                   rows: rows.map { ($0.street, [$0.units, $0.activities, $0.coverage]) }, .grid)
        sheet.freeze(rows: 1)
        guard !rows.isEmpty, let chart = book.addChart(LXW_CHART_BAR) else { return }
        chart_title_set_name(chart, "各街道活动场次")
        let series = chart_add_series(chart, sheet.reference(col: 0, rows: 1...rows.count),
                                      sheet.reference(col: 2, rows: 1...rows.count))
        chart_series_set_name(series, "活动场次")
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        // A bar chart draws its first category at the bottom; reversed, it reads like the table,
        // and crossing at the last category keeps the value axis at the bottom.
        chart_axis_set_reverse(chart.pointee.y_axis)
        chart_axis_set_crossing_max(chart.pointee.y_axis)
        try sheet.insert(chart, 0, 5)
        try sheet.printSetup(repeating: nil, lastRow: max(total, 15), lastCol: 12, pagesTall: 1)
    }

    private static func months(_ rollup: Rollup, _ sheet: XlsxSheet, _ book: XlsxWorkbook) throws {
        let heads = ["报送月份", "活动场次", "覆盖人次"]
        let rows = rollup.months
        let total = try countTable(sheet, heads: heads, widths: [10, 10, 12],
                                   rows: rows.map { ($0.period.description, [$0.activities, $0.coverage]) }, .gridCentered)
        sheet.freeze(rows: 1)
        guard !rows.isEmpty else { return }
        // Two charts rather than one with two axes: 场次 and 人次 differ by orders of magnitude.
        for (offset, (col, title)) in [(1, "月度活动场次"), (2, "月度覆盖人次")].enumerated() {
            guard let chart = book.addChart(LXW_CHART_LINE) else { continue }
            chart_title_set_name(chart, title)
            let series = chart_add_series(chart, sheet.reference(col: 0, rows: 1...rows.count),
                                          sheet.reference(col: col, rows: 1...rows.count))
            chart_series_set_name(series, heads[col])
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
            try sheet.insert(chart, offset * 16, 4)
        }
        try sheet.printSetup(repeating: nil, lastRow: max(total, 31), lastCol: 11, pagesTall: 1)
    }

    /// A header row, one row per label with its counts, and a 合计 row of =SUM formulas
    /// with the totals cached. Returns the zero-based row of 合计.
    private static func countTable(_ sheet: XlsxSheet, heads: [String], widths: [Double],
                                   rows: [(String, [Int])], _ labelStyle: CellStyle) throws -> Int {
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        for (i, h) in heads.enumerated() { try sheet.write(h, 0, i, .header) }
        for (i, (label, counts)) in rows.enumerated() {
            try sheet.write(label, 1 + i, 0, labelStyle)
            for (j, n) in counts.enumerated() { try sheet.write(integer: n, 1 + i, 1 + j, number) }
        }
        let total = 1 + rows.count
        try sheet.write("合计", total, 0, .header)
        let bold = number.with { $0.bold = true }
        for col in 1..<heads.count {
            let sum = rows.reduce(0) { $0 + ($1.1.count >= col ? $1.1[col - 1] : 0) }
            if rows.isEmpty {
                try sheet.write(integer: 0, total, col, bold)
            } else {
                let letter = CellName.column(col)
                try sheet.write(formula: "=SUM(\(letter)2:\(letter)\(total))", cached: Decimal(sum), total, col, bold)
            }
        }
        return total
    }

    /// A date column wide enough for `2025-03-05` in a Chinese font's wider digits, or it prints as `###`.
    private static func width(_ field: ActivityField) -> Double {
        field.spec.kind == .date ? max(12, field.spec.rollupWidth) : field.spec.rollupWidth
    }

    /// The name of the `part`th sheet of 活动明细: `活动明细`, then `活动明细2`, `活动明细3`.
    public static func recordSheetName(_ part: Int) -> String {
        part == 1 ? Sheet.records : "\(Sheet.records)\(part)"
    }

    /// Every record, row by row; a year with more records than a sheet holds (Excel's
    /// 1,048,576 rows) goes on in 活动明细2, 活动明细3, each with its header row.
    private static func records(_ rollup: Rollup, _ book: XlsxWorkbook, recordsPerSheet: Int) throws {
        let fields = ActivityField.all
        let first = 3   // after 单位代码, 单位名称, 报送月份
        let widths: [Double] = [8, 22, 9] + fields.map(width) + [30, 7]
        let date = CellStyle.body.with { $0.numberFormat = NumberFormat.date }
        let text = CellStyle.body.with { $0.wrap = true; $0.topAligned = true }
        func start(_ part: Int) throws -> XlsxSheet {
            let sheet = try book.addSheet(recordSheetName(part))
            for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
            for (i, field) in fields.enumerated() where field.spec.kind == .date {
                try sheet.setColumns((first + i)...(first + i), width: width(field), date)
            }
            for (i, h) in recordHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
            return sheet
        }
        func finish(_ sheet: XlsxSheet, rows: Int) throws {
            sheet.freeze(rows: 1)
            try sheet.autofilter(rows: 0...max(0, rows), cols: 0...(recordHeaders.count - 1))
            try sheet.printSetup(repeating: 0...0, lastRow: rows, lastCol: recordHeaders.count - 1)
        }
        var part = 1
        var sheet = try start(part)
        var names: [String: String] = [:]
        for u in rollup.units { names[u.unit.code] = u.unit.name }
        let sourceColumn = first + fields.count
        // Plain cells without borders: one shared format per column kind keeps big files small.
        var row = 0
        try rollup.records.forEach { r in
            if row == recordsPerSheet {
                try finish(sheet, rows: row)
                part += 1
                sheet = try start(part)
                row = 0
            }
            row += 1
            let name = names[r.unitCode] ?? ""
            var texts: [(text: String, col: Int)] = [(name, 1), (r.source.file, sourceColumn)]
            for (j, field) in fields.enumerated() {
                if case .text(let s) = r.value(field) { texts.append((s, first + j)) }
                if case .choice(let s) = r.value(field) { texts.append((s, first + j)) }
            }
            try sheet.fitRow(row, texts, minimum: 15)
            try sheet.write(r.unitCode, row, 0)
            try sheet.write(name, row, 1, text)
            try sheet.write(r.period.description, row, 2)
            for (j, field) in fields.enumerated() {
                let col = first + j
                switch r.value(field) {
                case .integer(let n): if let n { try sheet.write(integer: n, row, col) }
                case .date(let d): try sheet.write(date: d, row, col, date)
                case .text(let s), .choice(let s): if !s.isEmpty { try sheet.write(s, row, col, text) }
                }
            }
            try sheet.write(r.source.file, row, sourceColumn, text)
            try sheet.write(integer: r.source.row, row, sourceColumn + 1)
        }
        try finish(sheet, rows: row)
    }
}
