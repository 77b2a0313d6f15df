import Foundation
import JixiaoModel

/// Where each accepted submission's file is kept, for the 存档文件 column of 佐证材料.
public struct EvidenceSources: Sendable {
    /// A unit's archive names (`<hash>.xlsx`, the copy in archive/), by month.
    public typealias Lookup = @Sendable (_ unitCode: String) throws -> [Period: String]

    private let lookup: Lookup
    /// The registry, for 单位名称 and the registry columns a rule may filter on.
    public let units: [String: ReportingUnit]
    /// The last unit looked up: a listing goes unit by unit, so one unit's months are all it needs
    /// at a time, however many units the year has.
    private var cached: (unitCode: String, names: [Period: String])?

    public init(units: [ReportingUnit], lookup: @escaping Lookup) {
        self.lookup = lookup
        self.units = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// From names in memory, per unit and month.
    public init(archiveNames: [String: [Period: String]], units: [ReportingUnit]) {
        self.init(units: units) { archiveNames[$0] ?? [:] }
    }

    func unitName(_ code: String) -> String { units[code]?.name ?? "" }

    mutating func archiveName(_ unitCode: String, _ period: Period) throws -> String {
        if cached?.unitCode != unitCode { cached = (unitCode, try lookup(unitCode)) }
        return cached?.names[period] ?? ""
    }
}

/// 佐证材料.xlsx — the evidence behind each 实际完成值: a 目录 sheet, then one sheet per
/// 三级指标 with its target, actual and rule in words, and every record, entry or figure the
/// scoring counted, each with the file, sheet and row (or cell) it came from. The rows are the
/// evaluation's own (`IndicatorResult.evidence`), so they always add up to the printed value.
public enum EvidenceWorkbookWriter {
    public static let indexSheet = "目录"
    static let fontSize = 10.0

    public enum Label {
        public static let indicator = "三级指标"
        public static let target = "指标值"
        public static let actual = "实际完成值"
        public static let rule = "计算规则"
        public static let scope = "统计范围"
        public static let score = "分值 / 得分"
        public static let deviation = "偏差原因"
        public static let archive = "存档文件（archive/ 中）"
    }

    public static let title = "佐证材料"

    public static func write(_ e: Evaluation, sources: EvidenceSources, madeOn: CalendarDate? = nil, to url: URL) throws {
        try write(e, sources: sources, madeOn: madeOn, to: url, rowsPerSheet: XlsxSheet.maxRows)
    }

    /// `rowsPerSheet`: a sheet's last row; an indicator that lists more goes on in `（续2）` sheets.
    static func write(_ e: Evaluation, sources: EvidenceSources, madeOn: CalendarDate?, to url: URL, rowsPerSheet: Int) throws {
        // A year may list tens of thousands of rows per sheet: they are streamed, never held.
        let book = try XlsxWorkbook(url: url, constantMemory: true)
        book.heading = .through(e.period, title: title, madeOn: madeOn)
        let names = sheetNames(e.indicators.map(\.name))
        try index(e, names: names, try book.addSheet(indexSheet))
        for (item, name) in zip(e.indicators, names) {
            var page = try EvidencePage(book: book, name: name, evaluation: e, item: item, sources: sources, rowsPerSheet: rowsPerSheet)
            try page.draw()
        }
        try book.close()
    }

    /// The `part`th sheet of an indicator (from 2): `6 科普惠民活动场次（续2）`, cut to 31 characters.
    static func continuationName(_ name: String, part: Int) -> String {
        let suffix = "（续\(part)）"
        var base = name
        while (base + suffix).utf16.count > 31 { base.removeLast() }
        return base + suffix
    }

    /// `6 科普惠民活动场次`: numbered in table order, so names stay unique however long the
    /// indicator names are, cut to Excel's 31 characters, without the characters it forbids.
    public static func sheetNames(_ indicators: [String]) -> [String] {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        return indicators.enumerated().map { i, name in
            let cleaned = String(name.filter { !forbidden.contains($0) && !$0.isNewline })
            var sheet = "\(i + 1) " + cleaned.trimmingCharacters(in: .whitespaces)
            while sheet.utf16.count > 31 { sheet.removeLast() }
            while sheet.hasSuffix("'") || sheet.hasSuffix(" ") { sheet.removeLast() }
            return sheet
        }
    }

    /// How many rows an indicator's sheet lists.
    static func rowCount(_ evidence: IndicatorEvidence) -> Int {
        evidence.terms.reduce(0) { total, term in
            switch term.items {
            case .activities(let a): return total + a.rows.count
            case let .streets(streets, _): return total + streets.count
            case .workload(let entries): return total + entries.count
            case .district: return total + 1
            }
        }
    }

    private static func index(_ e: Evaluation, names: [String], _ sheet: XlsxSheet) throws {
        let heads = ["序号", "三级指标", "指标值", "实际完成值", "佐证工作表", "列出条数"]
        let widths: [Double] = [6, 34, 14, 14, 34, 10]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        let style = CellStyle.grid.with { $0.size = fontSize }
        let centered = CellStyle.gridCentered.with { $0.size = fontSize }
        try sheet.merge("\(e.info.year)年度部门整体支出绩效自评 佐证材料（截至\(e.period.chineseDescription)）",
                        rows: 0...0, cols: 0...5, .title.with { $0.size = 14 })
        try sheet.setRow(0, height: 26)
        for (i, h) in heads.enumerated() { try sheet.write(h, 1, i, .header.with { $0.size = fontSize }) }
        for (i, (item, name)) in zip(e.indicators, names).enumerated() {
            let row = 2 + i
            try sheet.write(integer: i + 1, row, 0, centered)
            try sheet.write(item.name, row, 1, style)
            try sheet.write(item.targetText, row, 2, centered)
            try sheet.write(item.actualText, row, 3, centered)
            try sheet.write(name, row, 4, style)
            try sheet.write(integer: rowCount(item.evidence), row, 5, centered)
            try sheet.setRow(row, height: TextFit.height([(item.name, widths[1]), (name, widths[4])], fontSize: fontSize,
                                                         minimum: 18))
        }
        let last = 1 + e.indicators.count
        try sheet.printSetup(repeating: 1...1, lastRow: last, lastCol: 5)
    }
}

/// One indicator's sheet, drawn top to bottom; `row` is the next free row. A list longer than
/// a sheet holds goes on in a continuation sheet, under the indicator's title and the table's
/// header.
private struct EvidencePage {
    let book: XlsxWorkbook
    let name: String
    let rowsPerSheet: Int
    private var sheet: XlsxSheet
    private var part = 1
    /// The header row repeated on the current sheet's printed pages.
    private var repeating: ClosedRange<Int>?
    let e: Evaluation
    let item: IndicatorResult
    var sources: EvidenceSources
    private var row = 0
    private var lastCol = 0

    private let size = EvidenceWorkbookWriter.fontSize
    // Made once: a year's listing writes millions of cells in them.
    private let cell = CellStyle.grid.with { $0.size = EvidenceWorkbookWriter.fontSize }
    private let centered = CellStyle.gridCentered.with { $0.size = EvidenceWorkbookWriter.fontSize }
    private let header = CellStyle.header.with { $0.size = EvidenceWorkbookWriter.fontSize }
    private let label = CellStyle.header.with { $0.size = EvidenceWorkbookWriter.fontSize; $0.fill = 0xF2F2F2 }
    private let termHeading = CellStyle.body.with { $0.size = EvidenceWorkbookWriter.fontSize; $0.bold = true }

    /// Column widths of the sheet: each column as wide as the widest table header above it
    /// needs (the sheet's tables share its columns).
    private var widths: [Double] = []

    /// Excel width units per header; a column not listed (a filter column) gets 12.
    static let headerWidths: [String: Double] = [
        "序号": 6, "单位代码": 8, "单位名称": 18, "报送月份": 9, "活动日期": 11, "活动名称": 28, "来源文件": 30,
        "来源位置": 13, "来源单元格": 13, EvidenceWorkbookWriter.Label.archive: 40, "项目": 18, "数量": 8, "说明": 14, "数值": 12,
        "报送单位": 18, "所属街道": 14, "计入的活动场次": 12, "是否计入": 12,
    ]
    static let minimumColumns = 8

    init(book: XlsxWorkbook, name: String, evaluation: Evaluation, item: IndicatorResult, sources: EvidenceSources,
         rowsPerSheet: Int) throws {
        self.book = book
        self.name = name
        self.rowsPerSheet = rowsPerSheet
        self.sheet = try book.addSheet(name)
        self.e = evaluation
        self.item = item
        self.sources = sources
    }

    mutating func draw() throws {
        var widths = [Double](repeating: 12, count: Self.minimumColumns)
        for term in item.evidence.terms {
            for (i, h) in Self.headers(term).enumerated() {
                let w = Self.headerWidths[h] ?? 12
                if i < widths.count { widths[i] = max(widths[i], w) } else { widths.append(w) }
            }
        }
        self.widths = widths
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        lastCol = widths.count - 1
        try sheet.merge("佐证材料：\(item.name)", rows: 0...0, cols: 0...lastCol, .title.with { $0.size = 14 })
        try sheet.setRow(0, height: 26)
        row = 1
        typealias L = EvidenceWorkbookWriter.Label
        try fact(L.indicator, item.name)
        try fact(L.target, item.targetText)
        try fact(L.actual, item.actualText)
        try fact(L.score, "\(item.weight.plain) / \(item.score.plain)")
        try fact(L.rule, item.evidence.rule)
        try fact(L.scope, WritingMessages.evidenceScope(e.period))
        if !item.deviationReason.isEmpty {
            // The reviewer asks where the 指标表's reason came from as for any number.
            try fact(L.deviation, WritingMessages.evidenceDeviation(item.deviationReason, from: item.deviationReasonSource))
        }
        // A sheet of one long table repeats its header row on every printed page.
        let tableHeader = row + 2
        repeating = item.evidence.terms.count == 1 ? tableHeader...tableHeader : nil
        for term in item.evidence.terms {
            // A blank row, the term's heading, its header and a first row stay together.
            try room(4, header: nil)
            row += 1
            try self.term(term)
        }
        if item.evidence.terms.isEmpty {
            row += 1
            try heading(WritingMessages.evidenceNone)
        }
        try sheet.printSetup(repeating: repeating, lastRow: max(row - 1, 0), lastCol: lastCol)
    }

    /// Makes room for `rows` more rows: on a full sheet the list goes on in a continuation
    /// sheet, under the indicator's title and, within a table, the table's `header`.
    private mutating func room(_ rows: Int, header: [String]?) throws {
        guard row + rows > rowsPerSheet else { return }
        try sheet.printSetup(repeating: repeating, lastRow: max(row - 1, 0), lastCol: lastCol)
        part += 1
        sheet = try book.addSheet(EvidenceWorkbookWriter.continuationName(name, part: part))
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        try sheet.merge(WritingMessages.evidenceContinued(item.name), rows: 0...0, cols: 0...lastCol, .title.with { $0.size = 14 })
        try sheet.setRow(0, height: 26)
        row = 1
        repeating = nil
        if let header {
            repeating = row...row
            try headers(header)
        }
    }

    /// The 合计 of a table: a formula over its rows when they are on this sheet, else the
    /// value itself (a formula cannot add up rows of several sheets' tables simply).
    private mutating func total(_ value: Decimal, column: Int, firstData: Int, listed: Int, startedOnPart: Int) throws {
        try sheet.merge("合计", rows: row...row, cols: 0...(column - 1), centered.with { $0.bold = true })
        let bold = centered.with { $0.bold = true }
        if startedOnPart == part {
            let letter = CellName.column(column)
            let formula = listed == 0 ? "=0" : "=SUM(\(letter)\(firstData + 1):\(letter)\(row))"
            try sheet.write(formula: formula, cached: value, row, column, bold)
        } else {
            try sheet.write(decimal: value, row, column, bold)
        }
        try sheet.setRow(row, height: 20)
        row += 1
    }

    /// A label in A:B and its text across the rest of the row.
    private mutating func fact(_ name: String, _ text: String) throws {
        try sheet.merge(name, rows: row...row, cols: 0...1, label)
        try sheet.merge(text, rows: row...row, cols: 2...lastCol, cell)
        let width = widths[2...].reduce(0, +)
        try sheet.setRow(row, height: TextFit.height([(text, width)], fontSize: size, minimum: 20))
        row += 1
    }

    private mutating func heading(_ text: String) throws {
        try sheet.merge(text, rows: row...row, cols: 0...lastCol, termHeading)
        try sheet.setRow(row, height: 22)
        row += 1
    }

    private mutating func headers(_ names: [String]) throws {
        for (i, h) in names.enumerated() { try sheet.write(h, row, i, header) }
        try sheet.setRow(row, height: TextFit.height(names.enumerated().map { ($1, widths[$0]) }, fontSize: size,
                                                     minimum: 20))
        row += 1
    }

    /// The header row of a term's table.
    static func headers(_ term: EvidenceTerm) -> [String] {
        switch term.items {
        case .activities(let a): return activityColumns(a).map(\.header)
        case let .streets(_, coveredOnly): return ["序号", "所属街道", "计入的活动场次"] + (coveredOnly ? ["是否计入"] : [])
        case .workload: return workloadHeaders
        case .district: return districtHeaders
        }
    }

    static let workloadHeaders = ["序号", "单位代码", "单位名称", "报送月份", "项目", "数量", "说明", "来源文件", "来源单元格", EvidenceWorkbookWriter.Label.archive]
    static let districtHeaders = ["序号", "项目", "数值", "报送单位", "报送月份", "来源文件", "来源单元格", EvidenceWorkbookWriter.Label.archive]

    /// Fixed columns, then the rule's own that those do not already show (活动名称, 单位代码,
    /// 月份), each followed by its 原值 when any listed row was normalised, then the source.
    static func activityColumns(_ evidence: ActivityEvidence) -> [ActivityCol] {
        var columns: [ActivityCol] = [.number, .unitCode, .unitName, .month, .date, .name]
        for c in evidence.shown where c != .field(.name) && c != .unitCode && c != .month {
            columns.append(.shown(c))
            if case .field(let f) = c, evidence.normalised.contains(f) { columns.append(.sent(f)) }
        }
        return columns + [.file, .location, .archive]
    }

    private mutating func term(_ term: EvidenceTerm) throws {
        switch term.items {
        case .activities(let evidence):
            try activities(term, evidence)
        case let .streets(streets, coveredOnly):
            try self.streets(term, streets, coveredOnly: coveredOnly)
        case .workload(let entries):
            try workload(term, entries)
        case .district(let figure):
            try district(term, figure)
        }
    }

    /// Sheet columns of an activity table: fixed columns, then the rule's own, then the source.
    enum ActivityCol {
        case number, unitCode, unitName, month, date, name
        case shown(ActivityColumn)
        case sent(ActivityField)
        case file, location, archive

        var header: String {
            switch self {
            case .number: return "序号"
            case .unitCode: return "单位代码"
            case .unitName: return "单位名称"
            case .month: return "报送月份"
            case .date: return "活动日期"
            case .name: return "活动名称"
            case .shown(let c): return c.name
            case .sent(let f): return "\(f.spec.header)原值"
            case .file: return "来源文件"
            case .location: return "来源位置"
            case .archive: return EvidenceWorkbookWriter.Label.archive
            }
        }
    }

    private mutating func activities(_ term: EvidenceTerm, _ evidence: ActivityEvidence) throws {
        let summed = evidence.summed
        let count = "共 \(evidence.rows.count) 条"
        let heading: String
        if summed != nil {
            heading = "\(term.rule)：\(term.value.plain)（\(count)，逐条相加）"
        } else if evidence.distinct != nil {
            heading = "\(term.rule)：\(term.value.plain)（\(count)活动，按不同的值计）"
        } else {
            heading = "\(term.rule)：\(term.value.plain)（\(count)，逐条计数）"
        }
        try self.heading(heading)
        let columns = Self.activityColumns(evidence)
        let header = columns.map(\.header)
        let startedOnPart = part
        let firstData = row + 1
        try headers(header)
        var n = 0
        var memo = TextFit.Memo()
        let showsArchive = columns.contains { if case .archive = $0 { return true }; return false }
        try evidence.rows.forEach { r in
            defer { n += 1 }
            try room(2, header: header)
            let archive = showsArchive ? try sources.archiveName(r.unitCode, r.period) : ""
            for (i, c) in columns.enumerated() {
                let text: String
                switch c {
                case .number:
                    try sheet.write(integer: n + 1, row, i, centered)
                    continue
                case .unitCode: text = r.unitCode
                case .unitName: text = sources.unitName(r.unitCode)
                case .month: text = r.period.description
                case .date:
                    try sheet.write(date: r.date, row, i, centered.with { $0.numberFormat = NumberFormat.date })
                    continue
                case .name: text = r.name
                case .shown(let column):
                    if column == summed, case .field(let f) = column, case .integer(let v) = r.value(f) {
                        if let v { try sheet.write(integer: v, row, i, centered) } else { try sheet.writeBlank(row, i, centered) }
                        continue
                    }
                    text = value(r, column)
                case .sent(let f): text = r.sent[f] ?? ""
                case .file: text = r.source.file
                case .location: text = r.source.location
                case .archive: text = archive
                }
                try sheet.write(text, row, i, c.isLong ? cell : centered)
            }
            var lines = 1
            for (i, c) in columns.enumerated() {
                switch c {
                case .name: lines = max(lines, memo.lines(r.name, width: widths[i], column: i))
                case .file: lines = max(lines, memo.lines(r.source.file, width: widths[i], column: i))
                case .archive: lines = max(lines, memo.lines(archive, width: widths[i], column: i))
                case .unitName: lines = max(lines, memo.lines(sources.unitName(r.unitCode), width: widths[i], column: i))
                default: continue
                }
            }
            try sheet.setRow(row, height: TextFit.height(lines: lines, fontSize: size, minimum: 18))
            row += 1
        }
        if let summed, let col = columns.firstIndex(where: { if case .shown(summed) = $0 { return true }; return false }) {
            try total(term.value, column: col, firstData: firstData, listed: n, startedOnPart: startedOnPart)
        }
    }

    private func value(_ r: ActivityRecord, _ column: ActivityColumn) -> String {
        switch column {
        case .field(let f): return r.value(f).text
        case .unitCode: return r.unitCode
        case .month: return String(r.period.month)
        // Registry columns: what the unit is listed as, as the rule read it.
        case .unitKind: return sources.units[r.unitCode]?.kind.rawValue ?? ""
        case .street: return sources.units[r.unitCode]?.coverageStreet ?? ""
        }
    }

    private mutating func streets(_ term: EvidenceTerm, _ streets: [StreetEvidence], coveredOnly: Bool) throws {
        let covered = streets.count { $0.activities > 0 }
        let heading = coveredOnly
            ? "\(term.rule)：\(term.value.plain)（名册中 \(streets.count) 个街道，有活动的 \(covered) 个）"
            : "\(term.rule)：\(term.value.plain)"
        try self.heading(heading)
        try headers(Self.headers(term))
        for (n, s) in streets.enumerated() {
            try room(1, header: Self.headers(term))
            try sheet.write(integer: n + 1, row, 0, centered)
            try sheet.write(s.street, row, 1, centered)
            try sheet.write(integer: s.activities, row, 2, centered)
            if coveredOnly { try sheet.write(s.activities > 0 ? "是" : "否（无活动）", row, 3, centered) }
            try sheet.setRow(row, height: 18)
            row += 1
        }
    }

    private mutating func workload(_ term: EvidenceTerm, _ entries: WorkloadEvidence) throws {
        try heading("\(term.rule)：\(term.value.plain)（共 \(entries.count) 条，逐条相加）")
        try headers(Self.workloadHeaders)
        let firstData = row
        let startedOnPart = part
        var n = 0
        try entries.forEach { w in
            n += 1
            try room(2, header: Self.workloadHeaders)
            try sheet.write(integer: n, row, 0, centered)
            try sheet.write(w.unitCode, row, 1, centered)
            let unitName = sources.unitName(w.unitCode)
            try sheet.write(unitName, row, 2, cell)
            try sheet.write(w.period.description, row, 3, centered)
            try sheet.write(w.item.templateLabel, row, 4, centered)
            try sheet.write(integer: w.quantity, row, 5, centered)
            try sheet.write(w.note, row, 6, cell)
            try sheet.write(w.source.file, row, 7, cell)
            try sheet.write(w.source.location, row, 8, centered)
            let archive = try sources.archiveName(w.unitCode, w.period)
            try sheet.write(archive, row, 9, cell)
            try sheet.setRow(row, height: TextFit.height([(unitName, widths[2]), (w.note, widths[6]), (w.source.file, widths[7]),
                                                          (archive, widths[9])], fontSize: size, minimum: 18))
            row += 1
        }
        try total(term.value, column: 5, firstData: firstData, listed: entries.count, startedOnPart: startedOnPart)
    }

    private mutating func district(_ term: EvidenceTerm, _ figure: DistrictFigure) throws {
        try heading("\(figure.label)：\(figure.value.plain)")
        try headers(Self.districtHeaders)
        let code = SubmissionSchema.districtUnitCode
        try sheet.write(integer: 1, row, 0, centered)
        try sheet.write(figure.label, row, 1, centered)
        try sheet.write(decimal: figure.value, row, 2, centered)
        try sheet.write("\(code) \(sources.unitName(code))", row, 3, cell)
        try sheet.write(figure.period.description, row, 4, centered)
        try sheet.write(figure.sourceFile, row, 5, cell)
        try sheet.write(figure.cell.isEmpty ? WritingMessages.cellNotKept : figure.cell, row, 6, centered)
        let archive = try sources.archiveName(code, figure.period)
        try sheet.write(archive, row, 7, cell)
        try sheet.setRow(row, height: TextFit.height([(figure.sourceFile, widths[5]), (archive, widths[7])],
                                                     fontSize: size, minimum: 18))
        row += 1
    }
}

private extension EvidencePage.ActivityCol {
    var isLong: Bool {
        switch self {
        case .unitName, .name, .file, .archive: return true
        default: return false
        }
    }
}
