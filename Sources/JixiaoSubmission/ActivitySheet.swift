import JixiaoModel
import JixiaoReading

/// The fields of 活动明细 in schema order, plus the two columns a CSV submission may carry.
enum ActivityField: Int, CaseIterable {
    case sequence, name, date, form, category, theme, coverage, place, partner, note
    case unitCode, period

    /// Headers as the template writes them (`SubmissionSchema.activityColumns`), then the CSV extras.
    static let headers: [String] = SubmissionSchema.activityColumns.map(\.header) + ["单位代码", "报送月份"]

    var header: String { Self.headers[rawValue] }

    /// Headers people use instead of the template's.
    static let aliases: [String: String] = [
        "编号": "序号", "活动内容": "活动名称", "名称": "活动名称",
        "活动时间": "活动日期", "日期": "活动日期", "时间": "活动日期", "举办日期": "活动日期",
        "形式": "活动形式", "活动方式": "活动形式",
        "类别": "活动类别", "活动类型": "活动类别", "类型": "活动类别",
        "主题": "活动主题", "活动主题类别": "活动主题",
        "参与人数": "覆盖人数", "参加人数": "覆盖人数", "人数": "覆盖人数", "覆盖人次": "覆盖人数",
        "参与人次": "覆盖人数", "受众人数": "覆盖人数", "服务人次": "覆盖人数",
        "活动地点": "地点", "举办地点": "地点", "协办单位": "合作单位", "合办单位": "合作单位",
        "说明": "备注", "单位编码": "单位代码", "月份": "报送月份", "报送期间": "报送月份",
    ]

    static let index = HeaderIndex(fields: headers, aliases: aliases)

    /// 序号 alone (pre-numbered template rows) does not make a row an activity.
    static let describing: [ActivityField] = [.name, .date, .form, .category, .theme, .coverage, .place, .partner, .note]
}

/// What the activity table needs from the rest of the submission.
struct ActivityScope {
    var unitCode: String?
    var period: Period?
    /// Completes dates written without a year: the reporting month's, else the workspace's.
    var defaultYear: Int?
}

/// Reads 活动明细 (or a CSV file's table) into records, reporting each problem at its cell.
struct ActivitySheet {
    let sheet: Sheet
    let layout: TableLayout
    let reader: ValueReader
    let fileName: String

    /// The layout's two maps as arrays, since every cell of every row goes through them:
    /// sheet column → field, and field → the column its diagnostics point at.
    private let fieldAtColumn: [Int?]
    private let diagnosticColumn: [Int]

    static let totalLabels: Set<String> = ["合计", "总计", "小计", "共计"]

    init(sheet: Sheet, layout: TableLayout, uses1904: Bool, fileName: String) {
        self.sheet = sheet
        self.layout = layout
        self.reader = ValueReader(sheet: sheet.name, uses1904: uses1904)
        self.fileName = fileName
        var fields = [Int?](repeating: nil, count: max(0, (layout.fieldByColumn.keys.max() ?? 0) + 1))
        for (column, field) in layout.fieldByColumn where column >= 0 { fields[column] = field }
        fieldAtColumn = fields
        diagnosticColumn = ActivityField.allCases.map { layout.column(of: $0.rawValue) ?? 1 }
    }

    static func layout(of sheet: Sheet, minimumMatches: Int = 3) -> TableLayout? {
        TableLayout.find(in: sheet, headers: ActivityField.index, minimumMatches: minimumMatches)
    }

    /// Missing required columns, extra and duplicate columns.
    func checkHeader(log: inout DiagnosticLog, isCSV: Bool) -> Bool {
        var complete = true
        for spec in SubmissionSchema.activityColumns where spec.required {
            guard let field = ActivityField.headers.firstIndex(of: spec.header), layout.headerCells[field] == nil else { continue }
            log.add(.columnMissing(spec.header), sheet: sheet.name, cell: CellRef(row: layout.headerRow, column: 1))
            complete = false
        }
        for extra in layout.extraColumns {
            log.add(.extraColumn(extra.text), sheet: sheet.name, cell: extra.ref, value: extra.text)
        }
        for dup in layout.duplicateColumns {
            log.add(.duplicateColumn(dup.text), sheet: sheet.name, cell: dup.ref, value: dup.text)
        }
        return complete
    }

    /// The rows below the header, with merged values filled in (see `MergedFill`).
    func records(scope: ActivityScope, log: inout DiagnosticLog) -> [ActivityRecord] {
        let fill = MergedFill(sheet: sheet, layout: layout,
                              countColumn: layout.column(of: ActivityField.coverage.rawValue), log: &log)
        var out: [ActivityRecord] = []
        var seen: [ActivityKey: Int] = [:]
        // Sized for every row up front: growing the table rehashes every activity seen so far.
        out.reserveCapacity(sheet.rows.count)
        seen.reserveCapacity(sheet.rows.count)
        var cells = [Cell?](repeating: nil, count: ActivityField.allCases.count)
        for row in sheet.rows where row.index > layout.headerRow {
            for i in cells.indices { cells[i] = nil }
            for cell in row.cells {
                let column = cell.ref.column
                if column >= 0, column < fieldAtColumn.count, let field = fieldAtColumn[column] { cells[field] = cell }
            }
            fill.apply(to: row.index, cells: &cells, layout: layout)
            guard ActivityField.describing.contains(where: { !(cells[$0.rawValue]?.value.isBlank ?? true) }) else { continue }
            if isTotalRow(cells) {
                log.add(.totalRowSkipped, sheet: sheet.name, cell: CellRef(row: row.index, column: 1),
                        value: cells[ActivityField.name.rawValue]?.value.typedText ?? cells[0]?.value.typedText)
                continue
            }
            if row.hidden { log.add(.rowHidden, sheet: sheet.name, cell: CellRef(row: row.index, column: 1)) }
            guard let record = record(row: row.index, cells: cells, scope: scope, log: &log) else { continue }
            let key = ActivityKey(name: record.name, date: record.date, place: record.place)
            if let first = seen[key] {
                log.add(.duplicateActivity(firstRow: first), sheet: sheet.name,
                        cell: ref(.name, row.index), value: record.name)
            } else {
                seen[key] = row.index
            }
            out.append(record)
        }
        return out
    }

    private func isTotalRow(_ cells: [Cell?]) -> Bool {
        for f in [ActivityField.name, .sequence] {
            // 合计-like labels are short and all end in 计, which `Normalize.label` keeps:
            // skip normalising every activity name and every 序号.
            if let t = cells[f.rawValue]?.value.typedText, t.utf8.count <= 24, t.unicodeScalars.contains("计"),
               Self.totalLabels.contains(Normalize.label(t)) { return true }
        }
        return false
    }

    private func ref(_ field: ActivityField, _ row: Int) -> CellRef {
        CellRef(row: row, column: diagnosticColumn[field.rawValue])
    }

    /// One row; nil when any field has an error (already reported) or unit/period are unknown.
    private func record(row: Int, cells: [Cell?], scope: ActivityScope, log: inout DiagnosticLog) -> ActivityRecord? {
        func cell(_ f: ActivityField) -> Cell? { cells[f.rawValue] }
        let sequence = reader.count(cell(.sequence), field: ActivityField.sequence.header, required: false,
                                    at: ref(.sequence, row), log: &log)
        let name = reader.requiredText(cell(.name), field: ActivityField.name.header, at: ref(.name, row), log: &log)
        let date = reader.date(cell(.date), field: ActivityField.date.header, required: true,
                               defaultYear: scope.defaultYear, at: ref(.date, row), log: &log)
        if let date, let period = scope.period, date.period != period {
            log.add(.dateOutsidePeriod(ActivityField.date.header, period), sheet: sheet.name, cell: ref(.date, row),
                    value: cell(.date)?.value.typedText)
        }
        let form = reader.choice(cell(.form), field: ActivityField.form.header, synonyms: ChoiceSynonyms.form,
                                 at: ref(.form, row), log: &log)
        let category = reader.choice(cell(.category), field: ActivityField.category.header,
                                     synonyms: ChoiceSynonyms.category, at: ref(.category, row), log: &log)
        let theme = reader.choice(cell(.theme), field: ActivityField.theme.header, synonyms: ChoiceSynonyms.theme,
                                  at: ref(.theme, row), log: &log)
        let coverage = reader.count(cell(.coverage), field: ActivityField.coverage.header, required: true,
                                    at: ref(.coverage, row), log: &log)
        let place = reader.text(cell(.place), log: &log)
        let partner = reader.text(cell(.partner), log: &log)
        let note = reader.text(cell(.note), log: &log)
        guard let name, let date, let form, let category, let theme, let coverage,
              let unit = scope.unitCode, let period = scope.period else { return nil }
        return ActivityRecord(unitCode: unit, period: period, sequence: sequence, name: name, date: date, form: form,
                              category: category, theme: theme, coverage: coverage, place: place, partner: partner,
                              note: note, source: SourceRef(file: fileName, sheet: sheet.name, row: row))
    }
}

/// Same name, date and place: most likely one activity entered twice.
struct ActivityKey: Hashable {
    let name: String
    let date: CalendarDate
    let place: String

    // Equality stays String's (canonical equivalence); only the hashing is cheaper.
    func hash(into hasher: inout Hasher) {
        NormalFormText.hash(name, into: &hasher)
        hasher.combine(date)
        NormalFormText.hash(place, into: &hasher)
    }
}

/// Hashing text that is already in Unicode normal form without normalising it again.
/// `String` hashes the NFC form of non-ASCII text, normalising on every hash; for text made
/// only of characters that are their own NFC form and never combine (ASCII, CJK ideographs,
/// CJK punctuation, full-width forms) the bytes are that form already, so they are fed to the
/// hasher the way `String` itself feeds NFC bytes, and equal strings still hash equally.
enum NormalFormText {
    static func hash(_ s: String, into hasher: inout Hasher) {
        guard isNormalForm(s) else {
            hasher.combine(s)
            return
        }
        var s = s
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)
    }

    static func isNormalForm(_ s: String) -> Bool {
        var s = s
        // On the UTF-8 bytes: every activity name and place goes through here, and decoding
        // scalars cost more than the hashing it saves. Outside ASCII, each accepted scalar
        // (U+3000 to U+FF5E) takes three bytes.
        return s.withUTF8 { u in
            var i = 0
            while i < u.count {
                let lead = u[i]
                if lead < 0x80 { i += 1; continue }
                guard lead & 0xF0 == 0xE0, i + 2 < u.count else { return false }
                let value = UInt32(lead & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                guard isNormalFormScalar(value) else { return false }
                i += 3
            }
            return true
        }
    }

    /// Characters that are their own NFC form and never combine with a neighbour.
    static func isNormalFormScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x7F, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
        default: return false
        }
    }
}

/// Merged cells in the activity table. A value merged down a column (one date or place for a
/// series of sessions) visibly belongs to every row it covers, so each covered row gets it —
/// except 覆盖人数: repeating a number merged over three rows would triple the people counted,
/// so the first row keeps it and the covered rows count 0 (the total stays what was written).
/// Merges across columns are layout, not data, and are left alone. Each fill is a warning.
struct MergedFill {
    /// Row → (field, the cell to use).
    private var fills: [Int: [(Int, Cell)]] = [:]

    init(sheet: Sheet, layout: TableLayout, countColumn: Int?, log: inout DiagnosticLog) {
        var budget = 100_000   // a hostile file's merges must not multiply into unbounded work
        for range in sheet.mergedRanges
        where range.last.row > range.first.row && range.first.row > layout.headerRow {
            guard let field = layout.fieldByColumn[range.first.column],
                  let top = sheet.cell(range.first), !top.value.isBlank else { continue }
            let isCount = range.first.column == countColumn
            let filler = isCount ? Cell(ref: top.ref, value: .number("0")) : top
            var lo = 0, hi = sheet.rows.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sheet.rows[mid].index <= range.first.row { lo = mid + 1 } else { hi = mid }
            }
            var filledAny = false
            var i = lo
            while i < sheet.rows.count, sheet.rows[i].index <= range.last.row, budget > 0 {
                let r = sheet.rows[i].index
                fills[r, default: []].append((field, Cell(ref: CellRef(row: r, column: range.first.column),
                                                          value: filler.value, formula: nil)))
                filledAny = true
                budget -= 1
                i += 1
            }
            if filledAny {
                let issue: SubmissionIssue = isCount ? .mergedCountKeptOnce(range: range.description)
                                           : .mergedValueRepeated(range: range.description)
                log.add(issue, sheet: sheet.name, cell: range.first, value: top.value.typedText)
            }
        }
    }

    func apply(to row: Int, cells: inout [Cell?], layout: TableLayout) {
        guard let list = fills[row] else { return }
        for (field, cell) in list where cells[field]?.value.isBlank ?? true {
            cells[field] = cell
        }
    }
}
