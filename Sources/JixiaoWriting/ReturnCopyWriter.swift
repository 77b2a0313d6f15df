import Foundation
import JixiaoModel

/// A rejected submission to send back (退回修改): what the unit sent, laid out again in the
/// current template, with every problem marked where its value now sits.
public struct ReturnCopy: Sendable {
    /// The file as received (`三月/JD05.xlsx`, `报送.zip/JD05.xlsx`).
    public var fileName: String
    public var receivedAt: Date
    /// As read from the file, when they could be.
    public var unitCode: String?
    public var period: Period?
    /// The month the template's date checks and 填报说明 are drawn for.
    public var templatePeriod: Period
    /// Whether the copy carries 预算与满意度 (the district office's, when it sent one).
    public var includesDistrict: Bool
    /// 偏差原因's rows, when the copy carries that sheet (the district office's, when it sent one).
    public var deviationRows: [DeviationSheetRow]?
    public var values: [TemplateSlot: SentValue]
    public var activityRows: Int
    /// In the order listed on 修改说明.
    public var problems: [Problem]
    /// Set when the file could not be read at all: the copy is then one sheet saying so.
    public var unreadableReason: String?

    public struct Problem: Sendable, Hashable {
        public var severity: Severity
        /// Where it is in the copy; nil for the file as a whole.
        public var slot: TemplateSlot?
        /// The value seen, as the validation report shows it.
        public var seen: String?
        /// What to do, in plain Chinese.
        public var fix: String

        public init(severity: Severity, slot: TemplateSlot?, seen: String?, fix: String) {
            self.severity = severity
            self.slot = slot
            self.seen = seen
            self.fix = fix
        }
    }

    public init(fileName: String, receivedAt: Date, unitCode: String?, period: Period?, templatePeriod: Period,
                includesDistrict: Bool = false, values: [TemplateSlot: SentValue] = [:], activityRows: Int = 0,
                problems: [Problem] = [], unreadableReason: String? = nil) {
        self.fileName = fileName
        self.receivedAt = receivedAt
        self.unitCode = unitCode
        self.period = period
        self.templatePeriod = templatePeriod
        self.includesDistrict = includesDistrict
        self.values = values
        self.activityRows = activityRows
        self.problems = problems
        self.unreadableReason = unreadableReason
    }
}

/// Writes return copies: the template as `TemplateWriter` draws it, filled with the values
/// sent, each problem cell filled red (orange for a warning) with a note, after a first sheet
/// 修改说明 listing the problems. A file that could not be read gets one sheet saying what was
/// received, why it could not be read and what to send instead.
public enum ReturnCopyWriter {
    public static let sheetName = SubmissionSchema.returnNotesSheet
    public static let headers = ["序号", "位置", "级别", "看到的值", "怎么改"]
    static let widths: [Double] = [6, 16, 12, 26, 70]

    /// Excel's light red and a light orange: seen at a glance, text still readable.
    public static let errorFill: UInt32 = 0xFFC7CE
    public static let warningFill: UInt32 = 0xFFDDB3

    /// One name per copy, in the same order: `JD05_2025-06_退回修改.xlsx`, what is unknown
    /// written as such (`未知单位_2025-03_退回修改.xlsx`), and `_2`, `_3` for later copies of
    /// one unit and month.
    public static func fileNames(_ copies: [ReturnCopy]) -> [String] {
        var used: [String: Int] = [:]
        return copies.map { copy in
            let code = copy.unitCode.map(TemplateWriter.safeInFileName).flatMap { $0.isEmpty ? nil : $0 } ?? ReturnMessages.unknownUnit
            let month = copy.period?.description ?? ReturnMessages.unknownMonth
            let base = "\(code)_\(month)_退回修改"
            let n = (used[base] ?? 0) + 1
            used[base] = n
            return n == 1 ? "\(base).xlsx" : "\(base)_\(n).xlsx"
        }
    }

    /// `madeOn` is the report's day, printed in every page's header.
    public static func write(_ copy: ReturnCopy, madeOn: CalendarDate? = nil, to url: URL) throws {
        let book = try XlsxWorkbook(url: url)
        book.heading = PageHeading(title: "\(ReturnMessages.title) \(copy.unitCode ?? ReturnMessages.unknownUnit)",
                                   period: copy.period?.chineseDescription ?? ReturnMessages.unknownMonth, madeOn: madeOn)
        if let reason = copy.unreadableReason {
            let sheet = try book.addSheet(sheetName)
            try unreadable(copy, reason: reason, sheet)
        } else {
            var content = TemplateContent(period: copy.templatePeriod, includesDistrict: copy.includesDistrict)
            content.deviationRows = copy.deviationRows
            content.values = copy.values
            content.activityRows = copy.activityRows
            content.marks = marks(copy.problems)
            content.isFilledCopy = true
            if let notes = try TemplateWriter.draw(content, in: book, leadingSheet: sheetName) {
                try problemList(copy, notes, activityRows: copy.activityRows)
            }
        }
        try book.close()
    }

    /// One mark per cell: red when any of its problems is an error, every message in its note.
    static func marks(_ problems: [ReturnCopy.Problem]) -> [TemplateSlot: CellMark] {
        var marks: [TemplateSlot: CellMark] = [:]
        for p in problems {
            guard let slot = p.slot, TemplateWriter.cell(of: slot) != nil else { continue }
            let line = "\(p.severity.label)：\(p.fix)"
            if var m = marks[slot] {
                m.comment += "\n" + line
                if p.severity == .error { m.fill = errorFill }
                marks[slot] = m
            } else {
                marks[slot] = CellMark(fill: p.severity == .error ? errorFill : warningFill, comment: line)
            }
        }
        return marks
    }

    /// `活动明细!C7`, the sheet alone, or 整个文件.
    public static func position(of slot: TemplateSlot?) -> String {
        guard let slot else { return ReturnMessages.wholeFile }
        guard let (row, col) = TemplateWriter.cell(of: slot) else { return slot.sheet }
        return "\(slot.sheet)!\(CellName.column(col))\(row + 1)"
    }

    private static let paragraph = CellStyle.body.with { $0.wrap = true }

    private static func problemList(_ copy: ReturnCopy, _ sheet: XlsxSheet, activityRows: Int) throws {
        for (col, w) in widths.enumerated() { try sheet.setColumns(col...col, width: w) }
        let last = widths.count - 1
        let total = widths.reduce(0, +)
        try sheet.merge(ReturnMessages.title, rows: 0...0, cols: 0...last, .title)
        try sheet.setRow(0, height: 30)
        var row = 1
        let errors = copy.problems.filter { $0.severity == .error }.count
        let warnings = copy.problems.count - errors
        let lines = [ReturnMessages.received(copy.fileName, at: receivedText(copy.receivedAt), unit: copy.unitCode,
                                             period: copy.period)]
            + ReturnMessages.instructions(errors: errors, warnings: warnings)
        for line in lines {
            try sheet.merge(line, rows: row...row, cols: 0...last, paragraph)
            try sheet.setRow(row, height: TextFit.height([(line, total)], fontSize: 11, minimum: 20))
            row += 1
        }
        row += 1
        let header = row
        for (col, h) in headers.enumerated() { try sheet.write(h, row, col, .header) }
        try sheet.setRow(row, height: 22)
        row += 1
        let error = CellStyle.gridCentered.with { $0.fill = errorFill; $0.fontColor = 0x9C0006 }
        let warning = CellStyle.gridCentered.with { $0.fill = warningFill; $0.fontColor = 0x9C5700 }
        for (i, p) in copy.problems.enumerated() {
            let cells = [String(i + 1), position(of: p.slot), p.severity == .error ? ReturnMessages.mustFix : ReturnMessages.pleaseCheck,
                         seenText(p), p.fix]
            try sheet.write(integer: i + 1, row, 0, .gridCentered)
            try sheet.write(cells[1], row, 1, .grid)
            try sheet.write(cells[2], row, 2, p.severity == .error ? error : warning)
            try sheet.write(cells[3], row, 3, .grid)
            try sheet.write(cells[4], row, 4, .grid)
            try sheet.setRow(row, height: TextFit.height(zip(cells, widths).map { ($0, $1) }, fontSize: 11, minimum: 20))
            row += 1
        }
        sheet.freeze(rows: header + 1)
        try sheet.printSetup(repeating: header...header, lastRow: row - 1, lastCol: last)
    }

    /// The value seen, or a word saying the cell was empty.
    private static func seenText(_ p: ReturnCopy.Problem) -> String {
        if let seen = p.seen, !seen.isEmpty { return seen }
        switch p.slot {
        case .sheet?, nil: return ""
        default: return ReturnMessages.emptyCell
        }
    }

    private static func unreadable(_ copy: ReturnCopy, reason: String, _ sheet: XlsxSheet) throws {
        let widths: [Double] = [14, 76]
        for (col, w) in widths.enumerated() { try sheet.setColumns(col...col, width: w) }
        try sheet.merge(ReturnMessages.unreadableTitle, rows: 0...0, cols: 0...1, .title)
        try sheet.setRow(0, height: 30)
        let label = CellStyle.grid.with { $0.bold = true; $0.fill = 0xD9E1F2 }
        var rows: [(String, String)] = [
            (ReturnMessages.receivedFileLabel, copy.fileName),
            (ReturnMessages.receivedAtLabel, receivedText(copy.receivedAt)),
        ]
        if let code = copy.unitCode { rows.append((ReturnMessages.unitLabel, code)) }
        if let period = copy.period { rows.append((ReturnMessages.periodLabel, period.description)) }
        rows.append((ReturnMessages.reasonLabel, reason))
        rows.append((ReturnMessages.whatToSendLabel, ReturnMessages.whatToSend(unit: copy.unitCode, period: copy.period)))
        for (i, (name, text)) in rows.enumerated() {
            try sheet.write(name, 1 + i, 0, label)
            try sheet.write(text, 1 + i, 1, .grid)
            try sheet.setRow(1 + i, height: TextFit.height([(text, widths[1])], fontSize: 11, minimum: 24))
        }
        try sheet.printSetup(repeating: nil, lastRow: rows.count, lastCol: 1, landscape: false, pagesTall: 1)
    }

    /// `2025-07-03 10:00`, 北京时间 as the office and the units read it.
    static func receivedText(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : String(v) }
        return "\(p.year ?? 2000)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))"
    }
}

/// The words of a return copy, in one place for review.
enum ReturnMessages {
    static let title = "退回修改说明"
    static let unknownUnit = "未知单位"
    static let unknownMonth = "未知月份"
    static let wholeFile = "整个文件"
    static let emptyCell = "（空白）"
    static let mustFix = "错误，须改"
    static let pleaseCheck = "警告，请核对"

    static func received(_ file: String, at time: String, unit: String?, period: Period?) -> String {
        var parts = ["收到的文件：\(file)（\(time) 收到）"]
        if let unit { parts.append("单位代码：\(unit)") }
        if let period { parts.append("报送月份：\(period.chineseDescription)") }
        return parts.joined(separator: "；")
    }

    static func instructions(errors: Int, warnings: Int) -> [String] {
        let found = warnings > 0 ? "有 \(errors) 处错误（另有 \(warnings) 处需要核对）" : "有 \(errors) 处错误"
        return [
            "这份报送表\(found)，没有被接收。你们报送的内容已经原样填在本文件后面的工作表中（按现行报送表的格式排好），只需改正下面列出的地方。",
            "请逐条修改：要改的单元格标成了红色（需要核对的标成橙色），把鼠标移到单元格上可以看到说明。其他内容不用动，也不要删除本工作表。",
            "改好后保存（仍为 xlsx 格式），把这个文件直接发回区科协即可，文件名不用改。",
        ]
    }

    static let unreadableTitle = "收到的文件无法读取，请重新报送"
    static let receivedFileLabel = "收到的文件"
    static let receivedAtLabel = "收到时间"
    static let unitLabel = "单位代码"
    static let periodLabel = "报送月份"
    static let reasonLabel = "原因"
    static let whatToSendLabel = "请这样做"

    static func whatToSend(unit: String?, period: Period?) -> String {
        let form = period.map { "\($0.chineseDescription)的" } ?? "本月的"
        return "请用区科协下发的\(form)月度报送表（xlsx 文件，文件名如 “\(unit ?? "JD01")_单位名称_\(period?.description ?? "2025-03").xlsx”）"
            + "填写后重新报送。不要发送 Word、PDF、图片或设了打开密码的文件；用 WPS 或 Excel 填写后请“另存为”xlsx 格式。手头没有报送表的，请向区科协索取。"
    }
}
