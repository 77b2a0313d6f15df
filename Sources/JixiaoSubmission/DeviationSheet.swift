import JixiaoModel
import JixiaoReading

/// 偏差原因 (district office only): 一级指标 / 三级指标 / 分值 / 偏差原因分析及改进措施, one row
/// per 三级指标. A row is matched to its indicator by the 三级指标 text alone; the other two
/// columns are there for the reader. A row whose reason is empty says nothing (the indicator
/// keeps indicators.yaml's reason), so an untouched sheet is no error whatever its names.
struct DeviationSheet {
    static let index = HeaderIndex(fields: SubmissionSchema.deviationHeaders, aliases: aliases)
    static let aliases: [String: String] = [
        "指标名称": DeviationColumn.indicator.header, "三级指标名称": DeviationColumn.indicator.header,
        "偏差原因": DeviationColumn.reason.header, "偏差原因分析": DeviationColumn.reason.header,
        "偏差原因及改进措施": DeviationColumn.reason.header, "原因分析及改进措施": DeviationColumn.reason.header,
        "权重": DeviationColumn.weight.header,
    ]
    /// What `header.notFound` asks for: the two columns that are read.
    static let requiredHeaders = [DeviationColumn.indicator.header, DeviationColumn.reason.header]

    static func layout(of sheet: Sheet) -> TableLayout? {
        guard let layout = TableLayout.find(in: sheet, headers: index, minimumMatches: 2),
              layout.headerCells[DeviationColumn.indicator.rawValue] != nil,
              layout.headerCells[DeviationColumn.reason.rawValue] != nil else { return nil }
        return layout
    }

    /// Whether any reason was written (another unit's blank copy of the sheet is not worth a warning).
    static func hasReasons(_ sheet: Sheet) -> Bool {
        guard let layout = layout(of: sheet), let column = layout.column(of: DeviationColumn.reason.rawValue) else { return false }
        return sheet.rows.contains { row in
            row.index > layout.headerRow && row.cells.contains { $0.ref.column == column && !$0.value.isBlank }
        }
    }

    /// The rows that give a reason, each checked: the reason is text of at most
    /// `SubmissionSchema.deviationReasonMaxLength` characters, its 三级指标 is filled in, is one
    /// of `known` (when given) and appears once.
    static func read(_ sheet: Sheet, known: [String]?, uses1904: Bool, fileName: String,
                     log: inout DiagnosticLog) -> [DeviationReason] {
        guard let layout = layout(of: sheet), let nameColumn = layout.column(of: DeviationColumn.indicator.rawValue),
              let reasonColumn = layout.column(of: DeviationColumn.reason.rawValue) else {
            log.add(.headerNotFound(expected: requiredHeaders), sheet: sheet.name)
            return []
        }
        let reader = ValueReader(sheet: sheet.name, uses1904: uses1904)
        let knownNames = known.map(Set.init)
        var firstRow: [String: Int] = [:]
        var reasons: [DeviationReason] = []
        for row in sheet.rows where row.index > layout.headerRow {
            let reasonRef = CellRef(row: row.index, column: reasonColumn)
            let reason = Self.reason(row.cells.first { $0.ref.column == reasonColumn }, at: reasonRef, reader: reader, log: &log)
            if case .empty = reason { continue }
            let nameCell = row.cells.first { $0.ref.column == nameColumn }
            let nameRef = nameCell?.ref ?? CellRef(row: row.index, column: nameColumn)
            let name: String
            switch reader.cells.content(nameCell, log: &log) {
            case .value(let v): name = v.typedText
            case .unusable: continue   // reported at the cell already (an error value, a formula without its result)
            case .empty:
                log.add(.requiredEmpty(DeviationColumn.indicator.header), sheet: sheet.name, cell: nameRef)
                continue
            }
            if let knownNames, let known, !knownNames.contains(name) {
                log.add(.deviationUnknownIndicator(suggestion: suggestion(for: name, in: known), known: known),
                        sheet: sheet.name, cell: nameRef, value: name)
                continue
            }
            if let first = firstRow[name] {
                log.add(.deviationDuplicateIndicator(firstRow: first), sheet: sheet.name, cell: nameRef, value: name)
                continue
            }
            firstRow[name] = row.index
            guard case .text(let text) = reason else { continue }
            if row.hidden { log.add(.rowHidden, sheet: sheet.name, cell: nameRef) }
            reasons.append(DeviationReason(indicator: name, reason: text,
                                           source: SourceRef(file: fileName, sheet: sheet.name, row: row.index,
                                                             cell: reasonRef.a1)))
        }
        return reasons
    }

    private enum Reason {
        case empty
        /// Reported already: not text, too long, or an unusable cell.
        case invalid
        case text(String)
    }

    private static func reason(_ cell: Cell?, at ref: CellRef, reader: ValueReader, log: inout DiagnosticLog) -> Reason {
        switch reader.cells.content(cell, log: &log) {
        case .empty: return .empty
        case .unusable: return .invalid
        case .value(.text(let raw)):
            let text = Normalize.text(raw)
            guard text.count <= SubmissionSchema.deviationReasonMaxLength else {
                log.add(.deviationReasonTooLong(length: text.count), sheet: reader.sheet, cell: ref,
                        value: String(text.prefix(20)) + "…")
                return .invalid
            }
            return .text(text)
        case .value(let other):
            log.add(.deviationReasonNotText, sheet: reader.sheet, cell: ref, value: other.typedText)
            return .invalid
        }
    }

    /// The indicator a mistyped name stands for: the same name but for spaces and full-width
    /// forms, one slip away, or the one name containing it (or contained in it). Nil unless
    /// exactly one fits: a guess between two would mislead.
    static func suggestion(for name: String, in known: [String]) -> String? {
        let key = SheetRoles.key(name)
        let same = known.filter { SheetRoles.key($0) == key }
        if !same.isEmpty { return same.count == 1 ? same[0] : nil }
        if let near = Spelling.nearest(to: name, in: known) { return near }
        let overlapping = known.filter { $0.contains(name) || name.contains($0) }
        return overlapping.count == 1 ? overlapping[0] : nil
    }
}
