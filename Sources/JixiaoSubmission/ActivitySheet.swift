import JixiaoModel
import JixiaoReading

/// The columns of an activity table: 活动明细's fields (`ActivityField`, in template order),
/// then the two columns a CSV submission may carry to say whose month it is.
enum TableColumn {
    static let fields = ActivityField.all
    static let unitCode = fields.count
    static let period = fields.count + 1
    static let count = fields.count + 2

    static func index(of field: ActivityField) -> Int { field.rawValue }

    static let headers: [String] = fields.map(\.spec.header) + ["单位代码", "报送月份"]

    /// Headers people use instead of the template's.
    static let aliases: [String: String] = {
        var out: [String: String] = ["单位编码": "单位代码", "月份": "报送月份", "报送期间": "报送月份"]
        for field in fields {
            for alias in field.spec.aliases { out[alias] = field.spec.header }
        }
        return out
    }()

    static let index = HeaderIndex(fields: headers, aliases: aliases)

    /// The fields whose value makes a row an activity.
    static let describing: [Int] = fields.indices.filter { fields[$0].spec.describesActivity }
}

/// What the activity table needs from the rest of the submission.
struct ActivityScope {
    var unitCode: String?
    var period: Period?
    /// Completes dates written without a year: the reporting month's, else the workspace's.
    var defaultYear: Int?
    /// Where 报送月份 was read (sheet and cell), so a file whose dates belong to another month
    /// is pointed at the month it claims.
    var periodCell: (sheet: String, ref: CellRef)? = nil
}

/// The activity dates of one table against its 报送月份. A few dates outside the month are
/// each a warning; when most of them lie in one other month the file is that month's, sent
/// under the wrong 报送月份 (a reused workbook), and taking it would replace the real month.
struct PeriodTally {
    /// The other month must hold more than half of the dated rows, and at least this many.
    static let minimumRows = 2

    private(set) var dated = 0
    private(set) var outside: [(field: String, ref: CellRef, value: String?, period: Period)] = []

    mutating func count(_ date: CalendarDate, field: String, in claimed: Period, at ref: CellRef, value: String?) {
        dated += 1
        if date.period != claimed { outside.append((field, ref, value, date.period)) }
    }

    /// The other month holding more than half of the dated rows (so at most one), with how many.
    var mismatch: (period: Period, rows: Int)? {
        var byPeriod: [Period: Int] = [:]
        for o in outside { byPeriod[o.period, default: 0] += 1 }
        guard let (period, rows) = byPeriod.max(by: { $0.value < $1.value }),
              rows >= Self.minimumRows, rows * 2 > dated else { return nil }
        return (period, rows)
    }
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
        diagnosticColumn = (0..<TableColumn.count).map { layout.column(of: $0) ?? 1 }
    }

    static func layout(of sheet: Sheet, minimumMatches: Int = 3) -> TableLayout? {
        TableLayout.find(in: sheet, headers: TableColumn.index, minimumMatches: minimumMatches)
    }

    /// Missing required columns, extra and duplicate columns.
    func checkHeader(log: inout DiagnosticLog, isCSV: Bool) -> Bool {
        var complete = true
        for (index, field) in TableColumn.fields.enumerated() where field.spec.required {
            guard layout.headerCells[index] == nil else { continue }
            log.add(.columnMissing(field.spec.header), sheet: sheet.name, cell: CellRef(row: layout.headerRow, column: 1))
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
                              countColumn: layout.column(of: TableColumn.index(of: .coverage)), log: &log)
        var out: [ActivityRecord] = []
        var seen: [ActivityKey: Int] = [:]
        // Sized for every row up front: growing the table rehashes every activity seen so far.
        out.reserveCapacity(sheet.rows.count)
        seen.reserveCapacity(sheet.rows.count)
        var cells = [Cell?](repeating: nil, count: TableColumn.count)
        var tally = PeriodTally()
        for row in sheet.rows where row.index > layout.headerRow {
            for i in cells.indices { cells[i] = nil }
            for cell in row.cells {
                let column = cell.ref.column
                if column >= 0, column < fieldAtColumn.count, let field = fieldAtColumn[column] { cells[field] = cell }
            }
            fill.apply(to: row.index, cells: &cells, layout: layout)
            guard TableColumn.describing.contains(where: { !(cells[$0]?.value.isBlank ?? true) }) else { continue }
            if Self.isTotalRow(cells) {
                log.add(.totalRowSkipped, sheet: sheet.name, cell: CellRef(row: row.index, column: 1),
                        value: cells[TableColumn.index(of: .name)]?.value.typedText ?? cells[0]?.value.typedText)
                continue
            }
            if row.hidden { log.add(.rowHidden, sheet: sheet.name, cell: CellRef(row: row.index, column: 1)) }
            guard let record = record(row: row.index, cells: cells, scope: scope, tally: &tally, log: &log) else { continue }
            let key = ActivityKey(name: record.name, date: record.date, place: record.place)
            if let first = seen[key] {
                log.add(.duplicateActivity(firstRow: first), sheet: sheet.name,
                        cell: ref(.name, row.index), value: record.name)
            } else {
                seen[key] = row.index
            }
            out.append(record)
        }
        report(tally, scope: scope, log: &log)
        return out
    }

    /// One error naming both months when the file belongs to another month, else a warning
    /// at each date outside the month.
    private func report(_ tally: PeriodTally, scope: ActivityScope, log: inout DiagnosticLog) {
        guard let claimed = scope.period else { return }
        if let (period, rows) = tally.mismatch {
            let at = scope.periodCell ?? (sheet.name, tally.outside[0].ref)
            log.add(.periodMismatch(claimed: claimed, dated: tally.dated, inOther: rows, other: period),
                    sheet: at.sheet, cell: at.ref, value: claimed.description)
            return
        }
        for o in tally.outside {
            log.add(.dateOutsidePeriod(o.field, claimed), sheet: sheet.name, cell: o.ref, value: o.value)
        }
    }

    static func isTotalRow(_ cells: [Cell?]) -> Bool {
        for f in [ActivityField.name, .sequence] {
            // 合计-like labels are short and all end in 计, which `Normalize.label` keeps:
            // skip normalising every activity name and every 序号.
            if let t = cells[TableColumn.index(of: f)]?.value.typedText, t.utf8.count <= 24, t.unicodeScalars.contains("计"),
               Self.totalLabels.contains(Normalize.label(t)) { return true }
        }
        return false
    }

    private func ref(_ field: ActivityField, _ row: Int) -> CellRef {
        CellRef(row: row, column: diagnosticColumn[TableColumn.index(of: field)])
    }

    /// One row; nil when any field has an error (already reported) or unit/period are unknown.
    /// Fields are read in template order, so a row's diagnostics come in the order of its cells;
    /// dates outside the month are only tallied here and reported after the table (`report`).
    private func record(row: Int, cells: [Cell?], scope: ActivityScope, tally: inout PeriodTally,
                        log: inout DiagnosticLog) -> ActivityRecord? {
        var values = [ActivityValue?](repeating: nil, count: TableColumn.fields.count)
        for (index, field) in TableColumn.fields.enumerated() {
            values[index] = value(of: field, in: cells[index], at: ref(field, row), scope: scope, tally: &tally, log: &log)
        }
        guard let unit = scope.unitCode, let period = scope.period,
              var record = ActivityRecord(unitCode: unit, period: period,
                                          source: SourceRef(file: fileName, sheet: sheet.name, row: row),
                                          value: { values[TableColumn.index(of: $0)] }) else { return nil }
        record.sent = Self.sentTexts(cells, values)
        return record
    }

    /// The typed text of each choice or number cell whose counted value differs from it, so
    /// 佐证材料 can show 原值 beside the value counted (`线下活动` → 线下, `约50` → 50). Spaces
    /// around the text are no change worth showing. Text and date columns are kept as read or
    /// shown as dates, so they are not compared.
    static func sentTexts(_ cells: [Cell?], _ values: [ActivityValue?]) -> [ActivityField: String] {
        var sent: [ActivityField: String] = [:]
        for (index, field) in TableColumn.fields.enumerated() {
            guard let value = values[index], case .text(let typed)? = cells[index]?.value else { continue }
            let counted: String
            switch value {
            case .choice(let c): counted = c
            case .integer(let n): counted = n.map(String.init) ?? ""
            case .text, .date: continue
            }
            // Most cells hold the counted value itself; trimming goes through Foundation's UTF-16.
            if typed == counted { continue }
            let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed != counted { sent[field] = trimmed }
        }
        return sent
    }

    /// One cell read by its column's kind; nil after reporting an error.
    private func value(of field: ActivityField, in cell: Cell?, at ref: CellRef, scope: ActivityScope,
                       tally: inout PeriodTally, log: inout DiagnosticLog) -> ActivityValue? {
        let spec = field.spec
        switch spec.kind {
        case .text:
            if spec.required { return reader.requiredText(cell, field: spec.header, at: ref, log: &log).map(ActivityValue.text) }
            return .text(reader.text(cell, log: &log))
        case .integer:
            let n = reader.count(cell, field: spec.header, required: spec.required, at: ref, log: &log)
            if spec.required && n == nil { return nil }
            return .integer(n)
        case .date:
            guard let date = reader.date(cell, field: spec.header, required: spec.required, defaultYear: scope.defaultYear,
                                         at: ref, log: &log) else { return nil }
            if spec.warnsOutsidePeriod, let period = scope.period {
                tally.count(date, field: spec.header, in: period, at: ref, value: cell?.value.typedText)
            }
            return .date(date)
        case .choice(let values):
            return reader.choice(cell, field: spec.header, values: values, synonyms: ChoiceSynonyms.byField[field] ?? [:],
                                 at: ref, log: &log).map(ActivityValue.choice)
        case .money, .period:
            preconditionFailure("活动明细 has no \(spec.kind) column")
        }
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
