import Foundation
import JixiaoModel

/// The blank 月度报送表 (docs/template.md), drawn from `SubmissionSchema` so the template and
/// the validator cannot disagree about sheets, columns or allowed values.
public enum TemplateWriter {
    /// Hidden sheet holding the dropdown values, referenced by range.
    public static let listSheet = "下拉选项"
    /// Rows of 活动明细 drawn with borders and formats ready for typing.
    public static let preparedRows = 200
    /// Rows of 活动明细 carrying the dropdowns and checks (more than are drawn).
    public static let validatedRows = 1000

    /// Rows of 偏差原因 drawn blank when no indicator set is given to list.
    static let blankDeviationRows = 20
    /// 偏差原因's columns: the reason's is wide, the whole still fits A4 portrait.
    static let deviationWidths: [Double] = [12, 26, 6, 52]

    /// `indicators`: the 三级指标 QU00's 偏差原因 lists, one row each (the workspace's indicators.yaml).
    public static func write(unit: ReportingUnit?, period: Period, indicators: [DeviationSheetRow] = [], to url: URL) throws {
        let book = try XlsxWorkbook(url: url)
        book.heading = PageHeading(title: unit.map { "月度报送表 \($0.code) \($0.name)" } ?? "月度报送表",
                                   period: period.chineseDescription)
        let isDistrict = unit?.code == SubmissionSchema.districtUnitCode
        var content = TemplateContent(period: period, includesDistrict: isDistrict)
        content.deviationRows = isDistrict ? indicators : nil
        for (label, value) in [("单位代码", unit?.code ?? ""), ("单位名称", unit?.name ?? ""), ("报送月份", period.description)]
        where !value.isEmpty {
            content.values[.basicInfo(label)] = .text(value)
        }
        try draw(content, in: book)
        try book.close()
    }

    /// Adds the template's sheets to `book` and fills them with `content`. With `leadingSheet`
    /// that sheet comes first and is the one shown on opening (it is returned, still empty);
    /// otherwise 基本信息 is.
    @discardableResult
    static func draw(_ content: TemplateContent, in book: XlsxWorkbook, leadingSheet: String? = nil) throws -> XlsxSheet? {
        let leading = try leadingSheet.map { try book.addSheet($0) }
        let info = try book.addSheet(SubmissionSchema.basicInfoSheet)
        let activities = try book.addSheet(SubmissionSchema.activitySheet)
        let workload = try book.addSheet(SubmissionSchema.workloadSheet)
        let district = content.includesDistrict ? try book.addSheet(SubmissionSchema.districtSheet) : nil
        let deviation = content.deviationRows != nil ? try book.addSheet(SubmissionSchema.deviationSheet) : nil
        let guide = try book.addSheet(SubmissionSchema.instructionsSheet)
        let lists = try book.addSheet(listSheet)

        let cells = TemplateCells(content: content)
        let sources = try choiceLists(lists)
        try basicInfo(info, cells, sources: sources)
        try activitySheet(activities, cells, sources: sources)
        try workloadSheet(workload, cells)
        if let district { try districtSheet(district, cells) }
        if let deviation { try deviationSheet(deviation, cells, rows: content.deviationRows ?? []) }
        try instructions(guide, period: content.period, includesDistrict: district != nil, includesDeviation: deviation != nil)
        lists.hide()
        (leading ?? info).activate()
        return leading
    }

    /// The zero-based row and column a slot's cell has in the template, as `draw` lays it out;
    /// nil for a whole sheet.
    static func cell(of slot: TemplateSlot) -> (row: Int, col: Int)? {
        switch slot {
        case .basicInfo(let label):
            return SubmissionSchema.basicInfoFields.firstIndex { $0.label == label }.map { ($0, 1) }
        case .activity(let row, let field): return (1 + row, ActivityField.all.firstIndex(of: field) ?? 0)
        case .activityHeader(let field): return (0, ActivityField.all.firstIndex(of: field) ?? 0)
        case .workloadQuantity(let item): return SubmissionSchema.workloadItems.firstIndex(of: item).map { (1 + $0, 1) }
        case .workloadNote(let item): return SubmissionSchema.workloadItems.firstIndex(of: item).map { (1 + $0, 2) }
        case .district(let label): return SubmissionSchema.districtFields.firstIndex { $0.label == label }.map { ($0, 1) }
        case .deviation(let row, let column): return (1 + row, column.rawValue)
        case .sheet: return nil
        }
    }

    /// `JD01_吴家山街道科协_2025-03.xlsx`, or `月度报送表_2025-03.xlsx` for the generic one.
    public static func fileName(unit: ReportingUnit?, period: Period) -> String {
        guard let unit else { return "月度报送表_\(period).xlsx" }
        return "\(safeInFileName(unit.code))_\(safeInFileName(unit.name))_\(period).xlsx"
    }

    /// The characters Windows refuses in a file name (and line breaks) become `_`.
    static func safeInFileName(_ s: String) -> String {
        String(s.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
    }

    // MARK: Sheets

    private static let label = CellStyle.grid.with { $0.bold = true; $0.fill = 0xD9E1F2 }
    private static let textCell = CellStyle.grid.with { $0.numberFormat = NumberFormat.text }

    private static func basicInfo(_ sheet: XlsxSheet, _ cells: TemplateCells, sources: [String: String]) throws {
        // The longest label (本月无活动（零报告）) on one line: CJK characters take two units.
        try sheet.setColumns(0...0, width: 21)
        try sheet.setColumns(1...1, width: 32)
        let date = CellStyle.grid.with { $0.numberFormat = NumberFormat.date }
        for (row, field) in SubmissionSchema.basicInfoFields.enumerated() {
            try sheet.write(field.label, row, 0, label)
            try cells.put(.basicInfo(field.label), sheet, row, 1, field.kind == .date ? date : textCell)
            try sheet.setRow(row, height: 22)
            // The hint shows when the cell is selected; text beside the value would be read
            // as the value of an empty field.
            let message = Guide.columnHint(required: field.required, hint: field.hint)
            if case .choice = field.kind, let source = sources[field.label] {
                try sheet.dropdown(rows: row...row, col: 1, source: source,
                                   hint: .init(title: field.label, message: message, error: Guide.choiceError))
            } else {
                try sheet.hintOnly(rows: row...row, col: 1, hint: .init(title: field.label, message: message, error: nil))
            }
        }
        try sheet.printSetup(repeating: nil, lastRow: SubmissionSchema.basicInfoFields.count - 1, lastCol: 1,
                             landscape: false, pagesTall: 1)
    }

    /// Writes each enumerated column's or field's values into the hidden sheet; returns the
    /// range per header or label.
    private static func choiceLists(_ sheet: XlsxSheet) throws -> [String: String] {
        let lists = SubmissionSchema.activityColumns.map { ($0.header, $0.kind) }
            + SubmissionSchema.basicInfoFields.map { ($0.label, $0.kind) }
        var sources: [String: String] = [:]
        var col = 0
        for (name, kind) in lists {
            guard case .choice(let values) = kind, !values.isEmpty else { continue }
            try sheet.write(name, 0, col, .body)
            for (i, v) in values.enumerated() { try sheet.write(v, 1 + i, col, .body) }
            try sheet.setColumns(col...col, width: 16)
            sources[name] = sheet.reference(col: col, rows: 1...values.count)
            col += 1
        }
        return sources
    }

    private static func activitySheet(_ sheet: XlsxSheet, _ cells: TemplateCells, sources: [String: String]) throws {
        let columns = SubmissionSchema.activityColumns
        let period = cells.content.period
        let rows = max(preparedRows, cells.content.activityRows)
        let typed = (1...max(validatedRows, cells.content.activityRows))
        try sheet.setRow(0, height: 24)
        for (col, field) in ActivityField.all.enumerated() {
            let spec = field.spec
            try sheet.setColumns(col...col, width: spec.width)
            try cells.put(.activityHeader(field), sheet, 0, col, .header.with { $0.fontColor = spec.required ? 0xC00000 : nil })
            let style = cellStyle(for: spec.kind)
            for row in 1...rows { try cells.put(.activity(row: row - 1, field), sheet, row, col, style) }
            let message = Guide.columnHint(required: spec.required, hint: spec.hint)
            switch spec.kind {
            case .choice:
                guard let source = sources[spec.header] else { continue }
                try sheet.dropdown(rows: typed, col: col, source: source,
                                   hint: .init(title: spec.header, message: message, error: Guide.choiceError))
            case .integer:
                try sheet.wholeNumberAtLeastZero(rows: typed, col: col,
                                                 hint: .init(title: spec.header, message: message, error: Guide.integerError))
            case .money:
                try sheet.decimalAtLeastZero(rows: typed, col: col,
                                             hint: .init(title: spec.header, message: message, error: Guide.decimalError))
            case .date:
                try sheet.date(rows: typed, col: col, from: firstDay(period), to: lastDay(period),
                               hint: .init(title: spec.header, message: message, error: Guide.dateWarning(period)))
            case .text, .period:
                try sheet.hintOnly(rows: typed, col: col, hint: .init(title: spec.header, message: message, error: nil))
            }
        }
        if cells.content.isFilledCopy {
            // Excel does not grow a row for wrapped text by itself: a long 活动名称 would show cut off.
            for row in 0..<cells.content.activityRows {
                let texts = ActivityField.all.map { (cells.content.values[.activity(row: row, $0)]?.text ?? "", $0.spec.width) }
                try sheet.setRow(row + 1, height: TextFit.height(texts, fontSize: 11, minimum: 18))
            }
        }
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeating: 0...0, lastRow: cells.content.isFilledCopy ? max(1, cells.content.activityRows) : rows,
                             lastCol: columns.count - 1)
    }

    private static func workloadSheet(_ sheet: XlsxSheet, _ cells: TemplateCells) throws {
        for (col, width) in [26.0, 10, 40].enumerated() { try sheet.setColumns(col...col, width: width) }
        for (col, h) in SubmissionSchema.workloadHeaders.enumerated() { try sheet.write(h, 0, col, .header) }
        let count = CellStyle.grid.with { $0.numberFormat = NumberFormat.integer; $0.horizontal = .right }
        for (i, item) in SubmissionSchema.workloadItems.enumerated() {
            try sheet.write(item.templateLabel, 1 + i, 0, .grid)
            try cells.put(.workloadQuantity(item), sheet, 1 + i, 1, count)
            try cells.put(.workloadNote(item), sheet, 1 + i, 2, textCell)
            try sheet.setRow(1 + i, height: 20)
        }
        let rows = 1...SubmissionSchema.workloadItems.count
        try sheet.wholeNumberAtLeastZero(rows: rows, col: 1, hint: .init(title: "数量", message: Guide.workloadQuantityHint,
                                                                         error: Guide.integerError))
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeating: 0...0, lastRow: rows.upperBound, lastCol: 2, landscape: false, pagesTall: 1)
    }

    private static func districtSheet(_ sheet: XlsxSheet, _ cells: TemplateCells) throws {
        for (col, width) in [22.0, 40].enumerated() { try sheet.setColumns(col...col, width: width) }
        let money = CellStyle.grid.with { $0.numberFormat = NumberFormat.money; $0.horizontal = .right }
        let count = CellStyle.grid.with { $0.numberFormat = NumberFormat.integer; $0.horizontal = .right }
        for (row, field) in SubmissionSchema.districtFields.enumerated() {
            try sheet.write(field.label, row, 0, label)
            let hint = XlsxSheet.Hint(title: field.label,
                                      message: Guide.columnHint(required: field.required, hint: field.hint),
                                      error: nil)
            switch field.kind {
            case .money:
                try cells.put(.district(field.label), sheet, row, 1, money)
                try sheet.decimalAtLeastZero(rows: row...row, col: 1,
                                             hint: .init(title: field.label, message: hint.message, error: Guide.decimalError))
                try sheet.setRow(row, height: 22)
            case .integer:
                try cells.put(.district(field.label), sheet, row, 1, count)
                try sheet.wholeNumberAtLeastZero(rows: row...row, col: 1,
                                                 hint: .init(title: field.label, message: hint.message, error: Guide.integerError))
                try sheet.setRow(row, height: 22)
            default:
                try cells.put(.district(field.label), sheet, row, 1, textCell)
                try sheet.hintOnly(rows: row...row, col: 1, hint: hint)
                try sheet.setRow(row, height: 90)
            }
        }
        try sheet.printSetup(repeating: nil, lastRow: SubmissionSchema.districtFields.count - 1, lastCol: 1,
                             landscape: false, pagesTall: 1)
    }

    /// One row per 三级指标: its 一级指标, name and 分值 printed, the reason for the office to write.
    private static func deviationSheet(_ sheet: XlsxSheet, _ cells: TemplateCells, rows: [DeviationSheetRow]) throws {
        let widths = deviationWidths
        for (col, width) in widths.enumerated() { try sheet.setColumns(col...col, width: width) }
        for column in DeviationColumn.allCases {
            try sheet.write(column.header, 0, column.rawValue, .header)
        }
        try sheet.setRow(0, height: 24)
        let count = rows.isEmpty ? blankDeviationRows : rows.count
        let printed = CellStyle.grid
        let weight = CellStyle.gridCentered
        let reason = textCell.with { $0.topAligned = true }
        for i in 0..<count {
            let spec = i < rows.count ? rows[i] : nil
            let row = 1 + i
            if let level1 = spec?.level1, !level1.isEmpty { try sheet.write(level1, row, 0, printed) } else { try sheet.writeBlank(row, 0, printed) }
            try cells.put(.deviation(row: i, .indicator), sheet, row, 1, printed,
                          printed: spec.flatMap { $0.indicator.isEmpty ? nil : $0.indicator })
            if let points = spec?.weight { try sheet.write(decimal: points, row, 2, weight) } else { try sheet.writeBlank(row, 2, weight) }
            try cells.put(.deviation(row: i, .reason), sheet, row, 3, reason)
            let name = cells.content.values[.deviation(row: i, .indicator)]?.text ?? spec?.indicator ?? ""
            let text = cells.content.values[.deviation(row: i, .reason)]?.text ?? ""
            // Room for three lines of reason in a blank form; a filled copy as tall as its text.
            try sheet.setRow(row, height: TextFit.height([(spec?.level1 ?? "", widths[0]), (name, widths[1]), (text, widths[3])],
                                                         fontSize: 11, minimum: 45))
        }
        let typed = 1...count
        try sheet.textAtMost(SubmissionSchema.deviationReasonMaxLength, rows: typed, col: DeviationColumn.reason.rawValue,
                             hint: .init(title: DeviationColumn.reason.header, message: Guide.deviationHint,
                                         error: Guide.deviationTooLong))
        sheet.freeze(rows: 1)
        try sheet.printSetup(repeating: 0...0, lastRow: count, lastCol: widths.count - 1)
    }

    private static func instructions(_ sheet: XlsxSheet, period: Period, includesDistrict: Bool, includesDeviation: Bool) throws {
        let widths: [Double] = [12, 20, 8, 40, 22, 36]
        for (col, w) in widths.enumerated() { try sheet.setColumns(col...col, width: w) }
        let last = widths.count - 1
        try sheet.merge("月度报送表填报说明", rows: 0...0, cols: 0...last, .title)
        try sheet.setRow(0, height: 30)
        var row = 1
        let paragraph = CellStyle.body.with { $0.wrap = true }
        for line in Guide.intro(period: period) {
            try sheet.merge(line, rows: row...row, cols: 0...last, paragraph)
            try sheet.setRow(row, height: TextFit.height([(line, widths.reduce(0, +))], fontSize: 11, minimum: 18))
            row += 1
        }
        row += 1
        for (col, h) in Guide.headers.enumerated() { try sheet.write(h, row, col, .header) }
        let tableHeader = row
        row += 1
        func line(_ cells: [String]) throws {
            for (col, text) in cells.enumerated() { try sheet.write(text, row, col, .grid) }
            let fit = zip(cells, widths).map { ($0, $1) }
            try sheet.setRow(row, height: TextFit.height(fit, fontSize: 11, minimum: 20))
            row += 1
        }
        for f in SubmissionSchema.basicInfoFields {
            let g = Guide.entry(for: f.label, period: period)
            try line([SubmissionSchema.basicInfoSheet, f.label, f.required ? Guide.required : Guide.optional,
                      g?.requirement ?? f.hint, g?.example ?? "", g?.mistakes ?? ""])
        }
        for c in SubmissionSchema.activityColumns {
            let g = c.guidance?.filled(for: period)
            var requirement = g?.requirement ?? c.hint
            var example = g?.example ?? ""
            var mistakes = g?.mistakes ?? ""
            if case .choice(let values) = c.kind {
                requirement = Guide.choiceRequirement + values.joined(separator: "、")
                example = values.first ?? ""
                mistakes = Guide.choiceMistake
            }
            try line([SubmissionSchema.activitySheet, c.header, c.required ? Guide.required : Guide.optional,
                      requirement, example, mistakes])
        }
        for item in SubmissionSchema.workloadItems {
            try line([SubmissionSchema.workloadSheet, item.templateLabel, Guide.optional, Guide.workloadRequirement,
                      "0", Guide.workloadMistake])
        }
        if includesDistrict {
            for f in SubmissionSchema.districtFields {
                let (requirement, example, mistakes): (String, String, String)
                switch f.kind {
                case .money: (requirement, example, mistakes) = (Guide.moneyRequirement, Guide.moneyExample, Guide.moneyMistake)
                case .integer: (requirement, example, mistakes) = (Guide.countRequirement, Guide.countExample, Guide.countMistake)
                default: (requirement, example, mistakes) = (Guide.textRequirement, "", Guide.textMistake)
                }
                try line([SubmissionSchema.districtSheet, f.label, f.required ? Guide.required : Guide.optional,
                          "\(requirement)（\(Guide.districtNote)）", example, mistakes])
            }
        }
        if includesDeviation {
            try line([SubmissionSchema.deviationSheet, DeviationColumn.reason.header, Guide.optional,
                      "\(Guide.deviationRequirement)（\(Guide.districtNote)）", Guide.deviationExample, Guide.deviationMistake])
        }
        sheet.freeze(rows: tableHeader + 1)
        try sheet.printSetup(repeating: tableHeader...tableHeader, lastRow: row - 1, lastCol: last)
    }

    // MARK: Helpers

    private static func cellStyle(for kind: ValueKind) -> CellStyle {
        switch kind {
        case .integer: return .grid.with { $0.numberFormat = NumberFormat.integer; $0.horizontal = .right }
        case .money: return .grid.with { $0.numberFormat = NumberFormat.money; $0.horizontal = .right }
        case .date: return .grid.with { $0.numberFormat = NumberFormat.date; $0.horizontal = .center }
        case .choice: return .gridCentered.with { $0.numberFormat = NumberFormat.text }
        case .text, .period: return textCell
        }
    }

    static func firstDay(_ p: Period) -> CalendarDate {
        CalendarDate(year: p.year, month: p.month, day: 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }

    static func lastDay(_ p: Period) -> CalendarDate {
        CalendarDate(year: p.year, month: p.month, day: CalendarDate.daysIn(year: p.year, month: p.month))
            ?? firstDay(p)
    }
}

/// What a template's cells hold beyond its fixed labels: the unit and month of a blank
/// template, or everything a unit sent in a return copy, with the cells to mark.
struct TemplateContent {
    var period: Period
    var includesDistrict: Bool
    /// 偏差原因's rows; nil: no such sheet (only QU00's template and copies have it).
    var deviationRows: [DeviationSheetRow]?
    var values: [TemplateSlot: SentValue] = [:]
    var marks: [TemplateSlot: CellMark] = [:]
    /// Rows of 活动明细 with data; the sheet is drawn at least `TemplateWriter.preparedRows` deep.
    var activityRows = 0
    /// A copy filled with a unit's data prints what it holds: 活动明细 to its last data row,
    /// each row as tall as its text, and every sheet on A4. A blank form prints its empty rows.
    var isFilledCopy = false
}

/// A cell to draw attention to: filled in a colour, with a note saying why.
struct CellMark {
    var fill: UInt32
    var comment: String
}

/// Writes one slot's cell: its value (or a blank carrying the cell's format), marked when asked.
struct TemplateCells {
    let content: TemplateContent
    static let commentAuthor = "区科协"

    /// `printed`: what the template itself writes there when the unit sent nothing (an indicator's name).
    func put(_ slot: TemplateSlot, _ sheet: XlsxSheet, _ row: Int, _ col: Int, _ style: CellStyle,
             printed: String? = nil) throws {
        let mark = content.marks[slot]
        let style = mark.map { m in style.with { $0.fill = m.fill } } ?? style
        switch content.values[slot] {
        case .text(let text)?:
            try sheet.write(text, row, col, style)
        case .number(let literal)?:
            if let n = Double(literal), n.isFinite { try sheet.write(number: n, row, col, style) } else { try sheet.write(literal, row, col, style) }
        case .date(let date)?:
            try sheet.write(date: date, row, col, style.numberFormat == NumberFormat.date ? style
                                                     : style.with { $0.numberFormat = NumberFormat.date })
        case .boolean(let b)?:
            try sheet.write(boolean: b, row, col, style)
        case nil:
            // The header row is text the template always writes; only data cells can be blank.
            if case .activityHeader(let field) = slot {
                try sheet.write(field.spec.header, row, col, style)
            } else if let printed {
                try sheet.write(printed, row, col, style)
            } else {
                try sheet.writeBlank(row, col, style)
            }
        }
        if let mark { try sheet.comment(mark.comment, row, col, author: Self.commentAuthor) }
    }
}
