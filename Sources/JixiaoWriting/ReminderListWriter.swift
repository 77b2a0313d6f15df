import Foundation
import JixiaoModel

/// 催报清单.xlsx — who still owes which months and why, with whom to call: one row per unit
/// in calling order, then every unit-month on its own for filtering.
public enum ReminderListWriter {
    public enum Sheet {
        public static let calls = "催报清单"
        public static let months = "按月明细"
    }

    public static let callHeaders = ["单位代码", "单位", "联系人", "联系电话", "欠报月份", "原因"]
    public static let monthHeaders = ["月份", "单位代码", "单位", "联系人", "联系电话", "情况", "原因/文件"]

    public static func label(_ reason: CallList.Reason) -> String {
        switch reason {
        case .notSubmitted: return "未报送"
        case .rejected: return "已退回"
        case .unreadable: return "文件无法读取"
        }
    }

    /// `已退回：活动明细!C7 …（文件：2025-06/JD05_径河街道科协_2025-06.xlsx）`, or `未报送`.
    public static func sentence(_ reason: CallList.Reason) -> String {
        var text = label(reason)
        if let detail = reason.detail { text += "：" + detail }
        if let file = reason.fileName { text += "（文件：\(file)）" }
        return text
    }

    /// The 原因 cell of a unit: one line per reason, each led by its months when there are several.
    public static func reasons(_ entry: CallList.Entry) -> String {
        let groups = entry.groups
        guard groups.count > 1 else { return groups.first.map { sentence($0.reason) } ?? "" }
        return groups.map { Period.monthList($0.periods) + " " + sentence($0.reason) }.joined(separator: "\n")
    }

    public static func title(_ list: CallList) -> String {
        let through = "截至\(list.through.chineseDescription)"
        guard !list.entries.isEmpty else { return "催报清单（\(through)，没有应报未报的月份）" }
        return "催报清单（\(through)，\(list.entries.count) 个单位、\(list.monthCount) 个月次）"
    }

    /// `madeOn` is the report's day, printed in every page's header.
    public static func write(_ list: CallList, madeOn: CalendarDate? = nil, to url: URL) throws {
        // A registry may have thousands of units: rows are streamed, never held.
        let book = try XlsxWorkbook(url: url, constantMemory: true)
        book.heading = .through(list.through, title: "催报清单", madeOn: madeOn)
        try callSheet(list, try book.addSheet(Sheet.calls))
        try monthSheet(list, try book.addSheet(Sheet.months))
        try book.close()
    }

    private static let flagged = CellStyle.grid.with { $0.fill = 0xFFEB9C; $0.fontColor = 0x9C5700 }
    private static let flaggedCentered = flagged.with { $0.horizontal = .center }
    private static let fontSize = CellStyle.body.size

    private static func callSheet(_ list: CallList, _ sheet: XlsxSheet) throws {
        // In character widths: a Chinese character is two; the reason column wraps.
        // 联系电话 wide enough for `027-83890485` in a Chinese font's wider digits: a wrapped number misleads.
        let widths: [Double] = [9, 28, 9, 16, 14, 60]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        let lastCol = callHeaders.count - 1
        try sheet.setRow(0, height: 24)
        try sheet.write(title(list), 0, 0, .title.with { $0.horizontal = .left; $0.size = 14 })
        for (i, h) in callHeaders.enumerated() { try sheet.write(h, 1, i, .header) }
        for (i, entry) in list.entries.enumerated() {
            let row = 2 + i
            let unit = entry.unit
            let months = Period.monthList(entry.periods)
            let why = reasons(entry)
            try sheet.setRow(row, height: TextFit.height([(unit.name, widths[1]), (months, widths[4]), (why, widths[5])],
                                                         fontSize: fontSize, minimum: 20))
            try sheet.write(unit.code, row, 0, .gridCentered)
            try sheet.write(unit.name, row, 1, .grid)
            try sheet.write(unit.contact, row, 2, .gridCentered)
            try sheet.write(unit.phone, row, 3, .gridCentered)
            try sheet.write(months, row, 4, .gridCentered)
            try sheet.write(why, row, 5, entry.months.contains { $0.reason.sentSomething } ? flagged : .grid)
        }
        let lastRow = 1 + list.entries.count
        sheet.freeze(rows: 2)
        try sheet.autofilter(rows: 1...lastRow, cols: 0...lastCol)
        try sheet.printSetup(repeating: 1...1, lastRow: lastRow, lastCol: lastCol)
    }

    private static func monthSheet(_ list: CallList, _ sheet: XlsxSheet) throws {
        let widths: [Double] = [9, 9, 28, 9, 16, 13, 60]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        let lastCol = monthHeaders.count - 1
        for (i, h) in monthHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
        let rows = list.rows
        for (i, r) in rows.enumerated() {
            let row = 1 + i
            let detail = [r.reason.detail, r.reason.fileName.map { "文件：\($0)" }].compactMap { $0 }.joined(separator: "\n")
            try sheet.setRow(row, height: TextFit.height([(r.unit.name, widths[2]), (detail, widths[6])],
                                                         fontSize: fontSize, minimum: 18))
            try sheet.write(r.period.description, row, 0, .gridCentered)
            try sheet.write(r.unit.code, row, 1, .gridCentered)
            try sheet.write(r.unit.name, row, 2, .grid)
            try sheet.write(r.unit.contact, row, 3, .gridCentered)
            try sheet.write(r.unit.phone, row, 4, .gridCentered)
            try sheet.write(label(r.reason), row, 5, r.reason.sentSomething ? flaggedCentered : .gridCentered)
            try sheet.write(detail, row, 6, .grid)
        }
        sheet.freeze(rows: 1)
        try sheet.autofilter(rows: 0...max(0, rows.count), cols: 0...lastCol)
        try sheet.printSetup(repeating: 0...0, lastRow: rows.count, lastCol: lastCol)
    }
}
