import JixiaoModel
import JixiaoReading

/// Where a table's header row is and which sheet column holds which field. The header may
/// sit below a title row, columns may come in any order, header text may carry a unit
/// (`覆盖人数（人次）`), and common alternative headers (`活动时间`, `参与人数`) are understood.
struct TableLayout {
    /// A title or notes above the header are tolerated within this many rows.
    static let headerSearchRows = 5

    let headerRow: Int
    /// Sheet column → field index into the `fields` the layout was found for.
    let fieldByColumn: [Int: Int]
    /// Field index → the header cell it was found in.
    let headerCells: [Int: CellRef]
    let extraColumns: [(ref: CellRef, text: String)]
    let duplicateColumns: [(ref: CellRef, text: String)]

    func column(of field: Int) -> Int? { headerCells[field]?.column }

    /// The best header row among the first rows: the one naming the most fields; nil when no
    /// row names at least `minimumMatches` of them.
    static func find(in sheet: Sheet, headers index: HeaderIndex, minimumMatches: Int) -> TableLayout? {
        var best: TableLayout?
        var bestScore = 0
        for row in sheet.rows.prefix(headerSearchRows) {
            var fieldByColumn: [Int: Int] = [:], headerCells: [Int: CellRef] = [:]
            var extras: [(CellRef, String)] = [], duplicates: [(CellRef, String)] = []
            for cell in row.cells {
                let text = cell.value.typedText
                guard !text.isEmpty else { continue }
                guard let field = index.fieldByLabel[Normalize.label(text)] else {
                    extras.append((cell.ref, text))
                    continue
                }
                if headerCells[field] != nil {
                    duplicates.append((cell.ref, text))
                } else {
                    headerCells[field] = cell.ref
                    fieldByColumn[cell.ref.column] = field
                }
            }
            if headerCells.count > bestScore {
                bestScore = headerCells.count
                best = TableLayout(headerRow: row.index, fieldByColumn: fieldByColumn, headerCells: headerCells,
                                   extraColumns: extras, duplicateColumns: duplicates)
            }
        }
        return bestScore >= minimumMatches ? best : nil
    }
}

/// Header label (or alias) → field index, built once per table kind rather than per sheet.
struct HeaderIndex: Sendable {
    let fieldByLabel: [String: Int]

    init(fields: [String], aliases: [String: String]) {
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f] = i }
        for (alias, field) in aliases { if let i = index[field] { index[alias] = i } }
        fieldByLabel = index
    }
}

/// A label/value sheet (基本信息, 预算与满意度): each row's first non-empty cell is a label, the
/// next non-empty cell to its right the value. `单位代码：JD01` in one cell is understood too.
struct FormLayout {
    struct Entry {
        let labelRef: CellRef
        /// The value cell, or where it should have been.
        let valueRef: CellRef
        let value: Cell?
    }

    let entries: [String: Entry]

    init(sheet: Sheet, labels: [String], aliases: [String: String]) {
        let known = Set(labels)
        var found: [String: Entry] = [:]
        for row in sheet.rows {
            guard let first = row.cells.firstIndex(where: { !$0.value.isBlank }) else { continue }
            let labelCell = row.cells[first]
            let text = Normalize.folded(labelCell.value.typedText)
            var key = Normalize.label(text)
            key = aliases[key] ?? key
            if known.contains(key) {
                guard found[key] == nil else { continue }
                let value = row.cells[(first + 1)...].first { !$0.value.isBlank }
                found[key] = Entry(labelRef: labelCell.ref,
                                   valueRef: value?.ref ?? CellRef(row: row.index, column: labelCell.ref.column + 1),
                                   value: value)
            } else if let colon = text.firstIndex(where: { $0 == ":" }) {
                var inlineKey = Normalize.label(String(text[..<colon]))
                inlineKey = aliases[inlineKey] ?? inlineKey
                let rest = Normalize.text(String(text[text.index(after: colon)...]))
                guard known.contains(inlineKey), found[inlineKey] == nil, !rest.isEmpty else { continue }
                found[inlineKey] = Entry(labelRef: labelCell.ref, valueRef: labelCell.ref,
                                         value: Cell(ref: labelCell.ref, value: .text(rest)))
            }
        }
        entries = found
    }

    subscript(label: String) -> Entry? { entries[label] }
}
