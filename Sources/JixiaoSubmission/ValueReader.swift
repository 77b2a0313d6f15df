import Foundation
import JixiaoModel
import JixiaoReading

/// Typed field values from cells, each problem reported at its cell: the bridge between
/// `Normalize` (pure text rules) and the diagnostics users see.
struct ValueReader {
    let cells: CellReader
    let uses1904: Bool
    var sheet: String { cells.sheet }

    init(sheet: String, uses1904: Bool) {
        self.cells = CellReader(sheet: sheet)
        self.uses1904 = uses1904
    }

    /// Trimmed text; empty when the cell is empty or unusable.
    func text(_ cell: Cell?, log: inout DiagnosticLog) -> String {
        guard case .value(let v) = cells.content(cell, log: &log) else { return "" }
        return v.typedText
    }

    /// A required text: reports `requiredEmpty` when missing.
    func requiredText(_ cell: Cell?, field: String, at ref: CellRef, log: inout DiagnosticLog) -> String? {
        value(cell, missing: .requiredEmpty(field), at: ref, log: &log)?.typedText
    }

    /// The cell's value; nil when empty (reporting `missing`, if given) or already reported unusable.
    private func value(_ cell: Cell?, missing: SubmissionIssue?, at ref: CellRef, log: inout DiagnosticLog) -> CellValue? {
        switch cells.content(cell, log: &log) {
        case .value(let v): return v
        case .empty:
            if let missing { log.add(missing, sheet: sheet, cell: ref) }
            return nil
        case .unusable: return nil
        }
    }

    /// A count ≥ 0. Nil when empty (with `requiredEmpty` if `required`) or invalid.
    func count(_ cell: Cell?, field: String, required: Bool, at ref: CellRef, log: inout DiagnosticLog) -> Int? {
        guard let v = value(cell, missing: required ? .requiredEmpty(field) : nil, at: ref, log: &log) else { return nil }
        let seen = v.typedText
        let parsed: Result<Normalize.Count, Normalize.NumberProblem>
        switch v {
        case .number(let literal), .text(let literal): parsed = Normalize.count(literal)
        default: parsed = .failure(.notANumber)
        }
        switch parsed {
        case .success(let c):
            if c.approximate { log.add(.approximateNumber(field, c.value), sheet: sheet, cell: ref, value: seen) }
            return c.value
        case .failure(let problem):
            let issue: SubmissionIssue
            switch problem {
            case .notANumber: issue = .notAnInteger(field)
            case .negative: issue = .negativeCount(field)
            case .fraction: issue = .fractionalCount(field)
            case .tooLarge: issue = .numberTooLarge(field)
            }
            log.add(issue, sheet: sheet, cell: ref, value: seen)
            return nil
        }
    }

    /// A calendar date. `defaultYear` completes `3月5日`/`3.5` (with a warning).
    func date(_ cell: Cell?, field: String, required: Bool, defaultYear: Int?, at ref: CellRef,
              log: inout DiagnosticLog) -> CalendarDate? {
        guard let v = value(cell, missing: required ? .requiredEmpty(field) : nil, at: ref, log: &log) else { return nil }
        // The text shown in a diagnostic is built only when there is one: most cells are clean dates.
        switch DateCell.read(v, defaultYear: defaultYear, uses1904: uses1904) {
        case .exact(let d):
            return d
        case .yearGuessed(let d):
            log.add(.dateYearFromPeriod(field, d), sheet: sheet, cell: ref, value: v.typedText)
            return d
        case .fromSerial(let d):
            log.add(.dateFromSerial(field, d), sheet: sheet, cell: ref, value: v.typedText)
            return d
        case .invalid:
            log.add(.invalidDate(field), sheet: sheet, cell: ref, value: v.typedText)
            return nil
        }
    }

    /// One of a choice column's values; unknown values are errors listing what is allowed.
    func choice(_ cell: Cell?, field: String, values: [String], synonyms: [String: String], required: Bool = true,
                at ref: CellRef, log: inout DiagnosticLog) -> String? {
        guard let v = value(cell, missing: required ? .requiredEmpty(field) : nil, at: ref, log: &log) else { return nil }
        let seen = v.typedText
        guard let c = Normalize.choice(seen, values: values, synonyms: synonyms) else {
            log.add(.unknownChoice(field, allowed: values), sheet: sheet, cell: ref, value: seen)
            return nil
        }
        if c.guessed { log.add(.choiceGuessed(field, c.value), sheet: sheet, cell: ref, value: seen) }
        return c.value
    }

    /// An amount in 万元 from the cell's exact literal.
    func money(_ cell: Cell?, field: String, at ref: CellRef, log: inout DiagnosticLog) -> Decimal? {
        guard let v = value(cell, missing: .requiredEmpty(field), at: ref, log: &log) else { return nil }
        let seen = v.typedText
        let parsed: Result<Normalize.Money, Normalize.MoneyProblem>
        switch v {
        case .number(let literal): parsed = Normalize.money(literal, fromNumberCell: true)
        case .text(let literal): parsed = Normalize.money(literal)
        default: parsed = .failure(.notANumber)
        }
        switch parsed {
        case .success(let m):
            if m.rounded { log.add(.moneyRounded(field, m.value.fixed(2)), sheet: sheet, cell: ref, value: seen) }
            return m.value
        case .failure(.inYuan):
            log.add(.moneyInYuan(field), sheet: sheet, cell: ref, value: seen)
        case .failure(.negative):
            log.add(.negativeMoney(field), sheet: sheet, cell: ref, value: seen)
        case .failure(.notANumber):
            log.add(.invalidMoney(field), sheet: sheet, cell: ref, value: seen)
        }
        return nil
    }

    /// 报送月份 from any of its accepted forms; reports `periodMissing` / `periodInvalid`.
    func period(_ cell: Cell?, at ref: CellRef, log: inout DiagnosticLog) -> Period? {
        guard let v = value(cell, missing: .periodMissing, at: ref, log: &log) else { return nil }
        guard let p = DateCell.period(v, uses1904: uses1904) else {
            log.add(.periodInvalid, sheet: sheet, cell: ref, value: v.typedText)
            return nil
        }
        return p
    }
}

/// How a cell reads as a date: typed dates, text in the accepted forms, and numbers —
/// `3.5` typed into a General cell is March 5th; `45721` is an Excel serial whose date
/// format got lost.
enum DateCell {
    enum Reading: Equatable {
        case exact(CalendarDate)
        case yearGuessed(CalendarDate)
        case fromSerial(CalendarDate)
        case invalid
    }

    static func read(_ value: CellValue, defaultYear: Int?, uses1904: Bool) -> Reading {
        switch value {
        case .date(let dt):
            return CalendarDate(year: dt.year, month: dt.month, day: dt.day).map(Reading.exact) ?? .invalid
        case .number(let literal), .text(let literal):
            if let r = Normalize.date(literal, defaultYear: defaultYear) {
                return r.yearGuessed ? .yearGuessed(r.date) : .exact(r.date)
            }
            if let d = serialDate(literal, uses1904: uses1904) { return .fromSerial(d) }
            return .invalid
        default:
            return .invalid
        }
    }

    static func period(_ value: CellValue, uses1904: Bool) -> Period? {
        switch value {
        case .date(let dt):
            return Period(year: dt.year, month: dt.month)
        case .number(let literal), .text(let literal):
            return Normalize.period(literal) ?? serialDate(literal, uses1904: uses1904)?.period
        default:
            return nil
        }
    }

    /// A whole (or date-time) serial in the plausible range, as text or number literal.
    static func serialDate(_ literal: String, uses1904: Bool) -> CalendarDate? {
        let s = Normalize.folded(literal)
        let whole = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? s
        guard whole.utf8.count == 5, let serial = Int(whole), Normalize.plausibleSerials.contains(serial) else { return nil }
        return Normalize.date(serial: serial, uses1904: uses1904)
    }
}
