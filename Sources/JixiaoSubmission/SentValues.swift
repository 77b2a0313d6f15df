import Foundation
import JixiaoModel
import JixiaoReading

/// A submission's values as the unit sent them, each at its place in the template
/// (`TemplateSlot`), with the original cell every value came from. The return copy
/// (退回修改) is drawn from it: the unit gets its own data back in the current template,
/// and each problem, found at a cell of the original, is shown where that value now sits.
///
/// Sheets and columns are found exactly as validation finds them, so a renamed sheet, a
/// title row above the header, another column order or a CSV lay out the same way.
public struct SentSubmission: Sendable {
    /// Every value sent, at its slot. Blank cells have none.
    public var values: [TemplateSlot: SentValue] = [:]
    /// Data rows of 活动明细 laid out: slots `.activity(row: 0..<activityRows, …)`.
    public var activityRows = 0
    /// Whether the file had a 预算与满意度 sheet that was read (the district office's only).
    public var hasDistrictSheet = false
    /// Whether the file had a 偏差原因 sheet that was read (the district office's only).
    public var hasDeviationSheet = false
    /// The 三级指标 of 偏差原因's rows as laid out, slots `.deviation(row: i, …)`: indicators.yaml's
    /// in its order, then each row of the file that gave a reason under another name (unknown,
    /// blank or repeated), so what the unit wrote there is not lost from the copy.
    public var deviationRows: [String] = []

    /// Original sheet and cell → the slot of the value that was there (or belonged there).
    var origins: [Origin: TemplateSlot] = [:]
    /// Original sheet name → the template sheet it played.
    var sheetRoles: [String: String] = [:]

    struct Origin: Hashable {
        var sheet: String
        var cell: CellRef
    }

    public init() {}

    /// Where a problem of this submission is in the return copy: the slot of the value it is
    /// about, the sheet when it concerns a whole sheet, or nil for the file as a whole.
    public func slot(for d: Diagnostic) -> TemplateSlot? {
        if let slot = Self.identitySlots[d.code] { return slot }
        if d.code == SentSubmission.missingColumnCode,
           let field = ActivityField.all.first(where: { d.message == SubmissionIssue.columnMissing($0.spec.header).message(value: nil) }) {
            return .activityHeader(field)
        }
        if d.code == SubmissionIssue.sheetMissing("").code {
            return SubmissionSchema.allSheets.first { d.message == SubmissionIssue.sheetMissing($0).message(value: nil) }
                .map(TemplateSlot.sheet)
        }
        guard let sheet = d.sheet else { return nil }
        if let cell = d.cell.flatMap(CellRef.init(a1:)), let slot = origins[Origin(sheet: sheet, cell: cell)] {
            return slot
        }
        return sheetRoles[sheet].map(TemplateSlot.sheet)
    }

    /// Whether a problem belongs in the return copy: every error does; a warning only when
    /// it is about a value the copy still holds. Warnings about the original's own layout
    /// (a renamed or hidden sheet, an extra column, a merged cell, a hidden or 合计 row) do
    /// not apply to a copy that has none of them, and would only puzzle the reader.
    public static func shows(_ d: Diagnostic, at slot: TemplateSlot?) -> Bool {
        if d.severity == .error { return true }
        guard let slot, !layoutWarnings.contains(d.code) else { return false }
        if case .sheet = slot { return false }
        return true
    }

    static let missingColumnCode = SubmissionIssue.columnMissing("").code

    /// Problems with the unit or the month, wherever the original had them (a CSV's column
    /// or file name): in the copy they are 基本信息's cells.
    static let identitySlots: [String: TemplateSlot] = {
        let unit = TemplateSlot.basicInfo("单位代码"), name = TemplateSlot.basicInfo("单位名称")
        let period = TemplateSlot.basicInfo("报送月份")
        let issues: [(SubmissionIssue, TemplateSlot)] = [
            (.unitMissing, unit), (.unitUnknown(), unit), (.csvUnitMissing, unit),
            (.unitNameMismatch(registered: ""), name),
            (.periodMissing, period), (.periodInvalid, period), (.periodWrongYear(0), period), (.csvPeriodMissing, period),
        ]
        return Dictionary(issues.map { ($0.0.code, $0.1) }, uniquingKeysWith: { a, _ in a })
    }()

    static let layoutWarnings: Set<String> = Set([
        SubmissionIssue.sheetRecognisedByHeader(expected: ""), .sheetHidden, .workloadSheetMissing, .extraColumn(""),
        .duplicateColumn(""), .rowHidden, .mergedValueRepeated(range: ""), .totalRowSkipped, .embeddedPicture,
        .districtSheetFromOtherUnit, .unknownWorkloadItem, .deviationSheetFromOtherUnit,
    ].map(\.code))

    // MARK: Building

    /// Puts a cell's value at `slot`, remembering `ref` (where the value is, or where a missing
    /// one belonged: validation reports an empty required cell there) as its origin.
    mutating func place(_ cell: Cell?, at slot: TemplateSlot, from sheet: String, _ ref: CellRef) {
        origins[Origin(sheet: sheet, cell: ref)] = slot
        if let cell { origins[Origin(sheet: sheet, cell: cell.ref)] = slot }
        if values[slot] == nil, let value = Self.sentValue(cell) { values[slot] = value }
    }

    /// The value a cell shows, as a person would type it back: the cached result of a formula,
    /// the text of an error value; nothing for a blank cell or a WPS in-cell picture.
    static func sentValue(_ cell: Cell?) -> SentValue? {
        guard let cell else { return nil }
        if let f = cell.formula, CellReader.isPicture(f) { return nil }
        switch cell.value {
        case .empty: return nil
        case .text(let s): return Normalize.text(s).isEmpty ? nil : .text(s)
        case .number(let s): return .number(s)
        case .date(let dt): return CalendarDate(year: dt.year, month: dt.month, day: dt.day).map(SentValue.date) ?? .text(dt.description)
        case .boolean(let b): return .boolean(b)
        case .error(let e): return .text(e)
        case .uncachedFormula(let f): return CellReader.isPicture(f) ? nil : .text("=" + f)
        }
    }
}

extension SubmissionSchema {
    /// The sheets a submission may have, in template order.
    static let allSheets = [basicInfoSheet, activitySheet, workloadSheet, districtSheet, deviationSheet]
}

/// Reads a document into a `SentSubmission`, finding sheets, headers and labels the way
/// validation does. Its own diagnostics are dropped: validation has reported them already.
enum SentValuesReader {
    /// `indicatorNames`: the 三级指标 the 偏差原因 sheet is laid out with (validation's).
    static func read(_ document: SpreadsheetDocument, parsed: ParsedSubmission, indicatorNames: [String]? = nil) -> SentSubmission {
        var sent = SentSubmission()
        var log = DiagnosticLog(file: parsed.fileName)
        switch document.format {
        case .xlsx, .xls: workbook(document, parsed: parsed, indicatorNames: indicatorNames, into: &sent, log: &log)
        case .csv: csv(document, parsed: parsed, into: &sent, log: &log)
        }
        return sent
    }

    private static func workbook(_ document: SpreadsheetDocument, parsed: ParsedSubmission, indicatorNames: [String]?,
                                 into sent: inout SentSubmission, log: inout DiagnosticLog) {
        let roles = SheetRoles(document: document, log: &log)
        if let sheet = roles.basicInfo {
            sent.sheetRoles[sheet.name] = SubmissionSchema.basicInfoSheet
            let form = BasicInfoSheet.form(of: sheet)
            for field in SubmissionSchema.basicInfoFields {
                guard let entry = form[field.label] else { continue }
                sent.place(entry.value, at: .basicInfo(field.label), from: sheet.name, entry.valueRef)
            }
        }
        if let sheet = roles.activity {
            sent.sheetRoles[sheet.name] = SubmissionSchema.activitySheet
            if let layout = ActivitySheet.layout(of: sheet, minimumMatches: 2) {
                activities(sheet, layout: layout, into: &sent, log: &log)
            }
        }
        if let sheet = roles.workload {
            sent.sheetRoles[sheet.name] = SubmissionSchema.workloadSheet
            workload(sheet, into: &sent, log: &log)
        }
        if let sheet = roles.district, parsed.unitCode == SubmissionSchema.districtUnitCode {
            sent.sheetRoles[sheet.name] = SubmissionSchema.districtSheet
            sent.hasDistrictSheet = true
            let form = DistrictSheet.form(of: sheet)
            for field in SubmissionSchema.districtFields {
                guard let entry = form[field.label] else { continue }
                sent.place(entry.value, at: .district(field.label), from: sheet.name, entry.valueRef)
            }
        }
        if let sheet = roles.deviation, parsed.unitCode == SubmissionSchema.districtUnitCode {
            sent.sheetRoles[sheet.name] = SubmissionSchema.deviationSheet
            sent.hasDeviationSheet = true
            deviation(sheet, known: indicatorNames ?? [], into: &sent)
        }
    }

    /// Each row's 三级指标 and reason at the copy's row for that indicator; a reason given under
    /// a name the copy has no row for yet gets a row of its own below the others.
    private static func deviation(_ sheet: Sheet, known: [String], into sent: inout SentSubmission) {
        var rows = known
        guard let layout = DeviationSheet.layout(of: sheet), let nameColumn = layout.column(of: DeviationColumn.indicator.rawValue),
              let reasonColumn = layout.column(of: DeviationColumn.reason.rawValue) else {
            sent.deviationRows = rows
            return
        }
        var placed = Set<String>()
        for row in sheet.rows where row.index > layout.headerRow {
            let nameCell = row.cells.first { $0.ref.column == nameColumn }
            let reasonCell = row.cells.first { $0.ref.column == reasonColumn }
            let name = Normalize.text(SentSubmission.sentValue(nameCell)?.text ?? "")
            let index: Int
            if !placed.contains(name), let known = rows.firstIndex(of: name) {
                index = known
            } else if !(reasonCell?.value.isBlank ?? true) {
                rows.append(name)
                index = rows.count - 1
            } else {
                continue
            }
            placed.insert(name)
            sent.place(nameCell, at: .deviation(row: index, .indicator), from: sheet.name, CellRef(row: row.index, column: nameColumn))
            sent.place(reasonCell, at: .deviation(row: index, .reason), from: sheet.name, CellRef(row: row.index, column: reasonColumn))
        }
        sent.deviationRows = rows
    }

    /// A CSV is 活动明细 alone; its 单位代码 and 报送月份 (from their columns, else from the
    /// file name) become 基本信息's.
    private static func csv(_ document: SpreadsheetDocument, parsed: ParsedSubmission, into sent: inout SentSubmission,
                            log: inout DiagnosticLog) {
        guard let sheet = document.sheets.first else { return }
        sent.sheetRoles[sheet.name] = SubmissionSchema.activitySheet
        if let layout = ActivitySheet.layout(of: sheet, minimumMatches: 2) {
            for (column, slot) in [(TableColumn.unitCode, TemplateSlot.basicInfo("单位代码")),
                                   (TableColumn.period, TemplateSlot.basicInfo("报送月份"))] {
                guard let c = layout.column(of: column) else { continue }
                for row in sheet.rows where row.index > layout.headerRow {
                    sent.place(row.cells.first { $0.ref.column == c }, at: slot, from: sheet.name,
                               CellRef(row: row.index, column: c))
                }
            }
            activities(sheet, layout: layout, into: &sent, log: &log)
        }
        if sent.values[.basicInfo("单位代码")] == nil, let code = parsed.unitCode {
            sent.values[.basicInfo("单位代码")] = .text(code)
        }
        if sent.values[.basicInfo("报送月份")] == nil, let period = parsed.period {
            sent.values[.basicInfo("报送月份")] = .text(period.description)
        }
    }

    /// The rows validation takes for activities (not blank, not a 合计 row), with values merged
    /// down a column repeated into each row they cover as validation reads them.
    private static func activities(_ sheet: Sheet, layout: TableLayout, into sent: inout SentSubmission,
                                   log: inout DiagnosticLog) {
        for (index, field) in TableColumn.fields.enumerated() {
            if let ref = layout.headerCells[index] {
                sent.origins[SentSubmission.Origin(sheet: sheet.name, cell: ref)] = .activityHeader(field)
            }
        }
        let fill = MergedFill(sheet: sheet, layout: layout,
                              countColumn: layout.column(of: TableColumn.index(of: .coverage)), log: &log)
        var cells = [Cell?](repeating: nil, count: TableColumn.count)
        var row = 0
        for sheetRow in sheet.rows where sheetRow.index > layout.headerRow {
            for i in cells.indices { cells[i] = nil }
            for cell in sheetRow.cells {
                if let field = layout.fieldByColumn[cell.ref.column] { cells[field] = cell }
            }
            fill.apply(to: sheetRow.index, cells: &cells, layout: layout)
            guard TableColumn.describing.contains(where: { !(cells[$0]?.value.isBlank ?? true) }),
                  !ActivitySheet.isTotalRow(cells) else { continue }
            for (index, field) in TableColumn.fields.enumerated() {
                guard let column = layout.column(of: index) else { continue }
                sent.place(cells[index], at: .activity(row: row, field), from: sheet.name,
                           CellRef(row: sheetRow.index, column: column))
            }
            row += 1
        }
        sent.activityRows = row
    }

    /// Each known item's 数量 and 说明. An item written on two rows is counted as their sum by
    /// validation; the copy shows that sum on the item's one row.
    private static func workload(_ sheet: Sheet, into sent: inout SentSubmission, log: inout DiagnosticLog) {
        guard let layout = WorkloadSheet.layout(of: sheet) else { return }
        let reader = ValueReader(sheet: sheet.name, uses1904: false)
        let itemColumn = layout.column(of: 0) ?? 1
        let quantityColumn = layout.column(of: 1) ?? 2
        let noteColumn = layout.column(of: 2)
        for row in sheet.rows where row.index > layout.headerRow {
            let itemCell = row.cells.first { $0.ref.column == itemColumn }
            guard let item = WorkloadItem(rawValue: Normalize.label(reader.text(itemCell, log: &log))) else { continue }
            let quantityCell = row.cells.first { $0.ref.column == quantityColumn }
            let slot = TemplateSlot.workloadQuantity(item)
            if let earlier = sent.values[slot], let more = SentSubmission.sentValue(quantityCell),
               case .success(let a) = Normalize.count(earlier.text), case .success(let b) = Normalize.count(more.text) {
                sent.values[slot] = .number(String(a.value + b.value))
            }
            sent.place(quantityCell, at: slot, from: sheet.name, CellRef(row: row.index, column: quantityColumn))
            sent.origins[SentSubmission.Origin(sheet: sheet.name, cell: CellRef(row: row.index, column: itemColumn))] = slot
            if let noteColumn {
                sent.place(row.cells.first { $0.ref.column == noteColumn }, at: .workloadNote(item), from: sheet.name,
                           CellRef(row: row.index, column: noteColumn))
            }
        }
    }
}
