import Foundation
import JixiaoModel

/// 校验报告.xlsx — every file received and every problem found, newest run first,
/// so the office can send a file back with the exact cell to correct.
public enum ValidationReportWriter {
    public enum Sheet {
        public static let files = "文件"
        public static let problems = "问题明细"
        public static let notes = "评分提示"
        public static let corrections = "更正记录"
    }

    public static let fileHeaders = ["运行", "接收时间", "文件", "单位", "报送月份", "状态", "错误数", "警告数", "说明"]
    public static let problemHeaders = ["文件", "单位", "报送月份", "级别", "位置", "值", "说明"]
    /// The code last and narrow: the clerk reads 说明; the code is for looking the rule up in the documentation.
    public static let noteHeaders = ["级别", "说明", "代码"]
    public static let correctionHeaders = ["时间", "操作", "单位", "月份", "文件", "原因", "结果"]
    public static let title = "校验报告"

    /// `notes` are the scoring's consistency warnings and overrides, `corrections` the
    /// withdrawals and restorations (newest first); each sheet is written only when there are
    /// some. `unreadable` files, still in inbox/, head the 文件 sheet. `period` and `madeOn` go
    /// into every page's header.
    /// `files` come newest run first (as `FileOutcomes` lists them), each sheet in one pass.
    public static func write(files: FileOutcomes, units: [ReportingUnit], notes: [Diagnostic] = [],
                             corrections: [Correction] = [], unreadable: [UnreadableInboxFile] = [],
                             through period: Period? = nil, madeOn: CalendarDate? = nil, to url: URL) throws {
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let book = try XlsxWorkbook(url: url, constantMemory: true)
        book.heading = period.map { .through($0, title: title, madeOn: madeOn) }
            ?? PageHeading(title: title, period: "", madeOn: madeOn)
        try fileSheet(files, unreadable, names, try book.addSheet(Sheet.files))
        try problemSheet(files, names, try book.addSheet(Sheet.problems))
        if !corrections.isEmpty { try correctionSheet(corrections, names, try book.addSheet(Sheet.corrections)) }
        if !notes.isEmpty { try noteSheet(notes, try book.addSheet(Sheet.notes)) }
        try book.close()
    }

    static func unitText(_ code: String?, _ names: [String: String]) -> String {
        guard let code, !code.isEmpty else { return "" }
        guard let name = names[code] else { return code }
        return "\(code) \(name)"
    }

    private static let rejected = CellStyle.grid.with { $0.fill = 0xFFC7CE; $0.fontColor = 0x9C0006 }
    private static let error = CellStyle.gridCentered.with { $0.fill = 0xFFC7CE; $0.fontColor = 0x9C0006 }
    private static let warning = CellStyle.gridCentered.with { $0.fill = 0xFFEB9C; $0.fontColor = 0x9C5700 }

    /// Shown in 状态 for a file that stays in inbox/ because it cannot be opened (说明 says so).
    public static let unreadableStatus = "无法读取"

    private static func fileSheet(_ files: FileOutcomes, _ unreadable: [UnreadableInboxFile], _ names: [String: String],
                                  _ sheet: XlsxSheet) throws {
        let widths: [Double] = [6, 19, 40, 22, 10, 10, 7, 7, 50]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        for (i, h) in fileHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
        let time = CellStyle.gridCentered.with { $0.numberFormat = NumberFormat.dateTime }
        let count = CellStyle.grid.with { $0.horizontal = .right }
        for (i, u) in unreadable.enumerated() {
            let row = 1 + i
            // The reason is a sentence: the row grows to show it whole on paper.
            try sheet.fitRow(row, [("inbox/" + u.name, 2), (u.reason, 8)])
            for col in [0, 1, 3, 4, 7] { try sheet.write("", row, col, .grid) }
            try sheet.write("inbox/" + u.name, row, 2, .grid)
            try sheet.write(unreadableStatus, row, 5, rejected)
            try sheet.write(integer: 1, row, 6, count)
            try sheet.write(u.reason, row, 8, .grid)
        }
        var row = 1 + unreadable.count
        try files.forEach { f in
            defer { row += 1 }
            try sheet.fitRow(row, [(f.fileName, 2), (unitText(f.unitCode, names), 3), (note(f), 8)])
            try sheet.write(integer: Int(f.runID), row, 0, .gridCentered)
            try sheet.write(instant: f.receivedAt, row, 1, time)
            try sheet.write(f.fileName, row, 2, .grid)
            try sheet.write(unitText(f.unitCode, names), row, 3, .grid)
            try sheet.write(f.period?.description ?? "", row, 4, .gridCentered)
            try sheet.write(f.status.label, row, 5, f.status == .rejected ? rejected : .grid)
            try sheet.write(integer: f.diagnostics.filter { $0.severity == .error }.count, row, 6, count)
            try sheet.write(integer: f.diagnostics.filter { $0.severity == .warning }.count, row, 7, count)
            try sheet.write(note(f), row, 8, .grid)
        }
        sheet.freeze(rows: 1)
        let lastRow = row - 1
        try sheet.autofilter(rows: 0...max(0, lastRow), cols: 0...(fileHeaders.count - 1))
        try sheet.printSetup(repeating: 0...0, lastRow: lastRow, lastCol: fileHeaders.count - 1)
    }

    /// The 说明 of a file: what replaced it, or why it was withdrawn.
    static func note(_ f: FileOutcome) -> String {
        if f.status == .withdrawn { return "已撤回（\(f.withdrawalReason ?? "")）" }
        return f.supersededBy.map { "由 \($0) 替代" } ?? ""
    }

    private static func correctionSheet(_ corrections: [Correction], _ names: [String: String], _ sheet: XlsxSheet) throws {
        let widths: [Double] = [19, 7, 22, 10, 40, 30, 60]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        for (i, h) in correctionHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
        let time = CellStyle.gridCentered.with { $0.numberFormat = NumberFormat.dateTime }
        for (i, c) in corrections.enumerated() {
            let row = 1 + i
            try sheet.fitRow(row, [(unitText(c.unitCode, names), 2), (c.fileName, 4), (c.reason, 5), (c.effect, 6)])
            try sheet.write(instant: c.madeAt, row, 0, time)
            try sheet.write(c.action.label, row, 1, .gridCentered)
            try sheet.write(unitText(c.unitCode, names), row, 2, .grid)
            try sheet.write(c.period.description, row, 3, .gridCentered)
            try sheet.write(c.fileName, row, 4, .grid)
            try sheet.write(c.reason, row, 5, .grid)
            try sheet.write(c.effect, row, 6, .grid)
        }
        sheet.freeze(rows: 1)
        try sheet.autofilter(rows: 0...max(0, corrections.count), cols: 0...(correctionHeaders.count - 1))
        try sheet.printSetup(repeating: 0...0, lastRow: corrections.count, lastCol: correctionHeaders.count - 1)
    }

    private static func problemSheet(_ files: FileOutcomes, _ names: [String: String], _ sheet: XlsxSheet) throws {
        let widths: [Double] = [36, 22, 10, 7, 16, 20, 60]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        for (i, h) in problemHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
        var row = 1
        try files.forEach { f in
            for d in f.diagnostics {
                let file = d.file.isEmpty ? f.fileName : d.file
                try sheet.fitRow(row, [(file, 0), (unitText(f.unitCode, names), 1), (d.location, 4),
                                       (d.value ?? "", 5), (d.message, 6)])
                try sheet.write(file, row, 0, .grid)
                try sheet.write(unitText(f.unitCode, names), row, 1, .grid)
                try sheet.write(f.period?.description ?? "", row, 2, .gridCentered)
                try sheet.write(d.severity.label, row, 3, d.severity == .error ? error : warning)
                try sheet.write(d.location, row, 4, .grid)
                // Submitted values stay strings whatever they look like (`=1+1`, `@x`).
                try sheet.write(d.value ?? "", row, 5, .grid)
                try sheet.write(d.message, row, 6, .grid)
                row += 1
            }
        }
        sheet.freeze(rows: 1)
        try sheet.autofilter(rows: 0...max(0, row - 1), cols: 0...(problemHeaders.count - 1))
        try sheet.printSetup(repeating: 0...0, lastRow: row - 1, lastCol: problemHeaders.count - 1)
    }

    private static let code = CellStyle.grid.with { $0.size = 8; $0.fontColor = 0x595959 }

    private static func noteSheet(_ notes: [Diagnostic], _ sheet: XlsxSheet) throws {
        for (i, w) in [7.0, 90, 24].enumerated() { try sheet.setColumns(i...i, width: w) }
        for (i, h) in noteHeaders.enumerated() { try sheet.write(h, 0, i, .header) }
        for (i, n) in notes.enumerated() {
            let row = 1 + i
            try sheet.fitRow(row, [(n.message, 1)])
            try sheet.write(n.severity.label, row, 0, n.severity == .error ? error : warning)
            try sheet.write(n.message, row, 1, .grid)
            try sheet.write(n.code, row, 2, code)
        }
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeating: 0...0, lastRow: notes.count, lastCol: noteHeaders.count - 1)
    }
}
