import JixiaoModel
import JixiaoReading

/// What a cell offers to validation once formulas, error values and in-cell pictures
/// have been dealt with.
enum CellContent {
    case empty
    case value(CellValue)
    /// Reported already (uncached formula, `#DIV/0!`): the field counts as unreadable.
    case unusable
}

/// Reads cells of one sheet, reporting the problems that belong to the cell rather than to
/// its field: formulas without a cached value, error values, WPS in-cell pictures.
struct CellReader {
    let sheet: String

    func content(_ cell: Cell?, log: inout DiagnosticLog) -> CellContent {
        guard let cell else { return .empty }
        // WPS stores an in-cell picture as `=DISPIMG("ID_…",1)`, cached or not.
        if let f = cell.formula, Self.isPicture(f) {
            log.add(.embeddedPicture, sheet: sheet, cell: cell.ref, value: "=" + f)
            return .empty
        }
        switch cell.value {
        case .empty:
            return .empty
        case .uncachedFormula(let f):
            if Self.isPicture(f) {
                log.add(.embeddedPicture, sheet: sheet, cell: cell.ref, value: "=" + f)
                return .empty
            }
            log.add(.formulaWithoutValue, sheet: sheet, cell: cell.ref, value: "=" + f)
            return .unusable
        case .error(let e):
            log.add(.cellErrorValue, sheet: sheet, cell: cell.ref, value: e)
            return .unusable
        case .text(let s):
            return Normalize.text(s).isEmpty ? .empty : .value(cell.value)
        default:
            return .value(cell.value)
        }
    }

    static func isPicture(_ formula: String) -> Bool {
        formula.utf8.count >= 7 && formula.uppercased().contains("DISPIMG")
    }
}

extension CellValue {
    /// The text a user typed or sees: numbers as their literal, dates ISO.
    var typedText: String {
        switch self {
        case .text(let s): return Normalize.text(s)
        default: return displayText
        }
    }

    /// `typedText.isEmpty`, without building the text: a date cell is never blank, and
    /// formatting one just to ask cost more than reading it.
    var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return Normalize.text(s).isEmpty
        case .number(let s), .error(let s): return s.isEmpty
        case .boolean, .date, .uncachedFormula: return false
        }
    }
}
