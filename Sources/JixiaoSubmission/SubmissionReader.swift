import Foundation
import JixiaoModel
import JixiaoReading

/// What validation needs from outside the file.
public struct SubmissionContext: Sendable {
    /// The registry by 单位代码; nil when there is none (`jixiao check` without a workspace).
    public var knownUnits: [String: ReportingUnit]?
    /// The workspace year, if any: a submission for another year is refused.
    public var year: Int?
    /// The 三级指标 of indicators.yaml, in its order, that QU00's 偏差原因 rows must name; nil
    /// when there is no indicator set to check against (`jixiao check` outside a workspace).
    public var indicatorNames: [String]?

    public init(knownUnits: [String: ReportingUnit]? = nil, year: Int? = nil, indicatorNames: [String]? = nil) {
        self.knownUnits = knownUnits
        self.year = year
        self.indicatorNames = indicatorNames
    }
}

/// The submission stage: a read document → a `ParsedSubmission` with every diagnostic.
public enum SubmissionReader {
    /// The same for an already-read document (an XLSX workbook or a CSV table).
    public static func parse(_ document: SpreadsheetDocument, fileName: String, context: SubmissionContext) -> ParsedSubmission {
        var log = DiagnosticLog(file: fileName)
        var result = ParsedSubmission(fileName: fileName)
        switch document.format {
        case .xlsx, .xls: WorkbookSubmission.parse(document, context: context, into: &result, log: &log)
        case .csv: CSVSubmission.parse(document, context: context, into: &result, log: &log)
        }
        Identity.checkDue(result, context: context, log: &log)
        result.diagnostics = log.items
        return result
    }

    /// A file that could not be read at all: one error carrying the reader's explanation.
    /// The same for a reader's error; one that names a cell (a text too long) is placed at it.
    static func unreadable(_ fileName: String, _ error: ReadError) -> ParsedSubmission {
        guard case .cellTextTooLong(let place, _) = error, let bang = place.lastIndex(of: "!"),
              let cell = CellRef(a1: String(place[place.index(after: bang)...])) else {
            return unreadable(fileName, message: error.message)
        }
        var log = DiagnosticLog(file: fileName)
        log.add(.unreadable(error.message), sheet: String(place[..<bang]), cell: cell)
        return ParsedSubmission(fileName: fileName, diagnostics: log.items)
    }

    static func unreadable(_ fileName: String, message: String) -> ParsedSubmission {
        var log = DiagnosticLog(file: fileName)
        log.add(.unreadable(message))
        return ParsedSubmission(fileName: fileName, diagnostics: log.items)
    }
}

/// Checks the unit and the period against the registry and the workspace year.
enum Identity {
    /// A month outside the unit's 应报起始月–停报月 is still taken, with a warning: the registry
    /// may be what is wrong. Only said of a submission that would be accepted.
    static func checkDue(_ parsed: ParsedSubmission, context: SubmissionContext, log: inout DiagnosticLog) {
        guard !log.hasErrors, let code = parsed.unitCode, let period = parsed.period,
              let unit = context.knownUnits?[code], !unit.isDue(period) else { return }
        log.add(.unitNotDue(unitName: unit.name, period), value: period.description)
    }

    static func check(unitCode: String?, unitName: String, period: Period?, context: SubmissionContext,
                      sheet: String?, unitRef: CellRef?, nameRef: CellRef?, periodRef: CellRef?,
                      log: inout DiagnosticLog) {
        if let code = unitCode, let units = context.knownUnits {
            if let unit = units[code] {
                let name = Normalize.text(unitName)
                if !name.isEmpty, SheetRoles.key(name) != SheetRoles.key(unit.name) {
                    log.add(.unitNameMismatch(registered: unit.name), sheet: sheet, cell: nameRef, value: name)
                }
            } else {
                log.add(.unitUnknown(nearest: UnitCodeSuggestion.nearest(to: code, in: units)), sheet: sheet, cell: unitRef, value: code)
            }
        }
        if let period, let year = context.year, period.year != year {
            log.add(.periodWrongYear(year), sheet: sheet, cell: periodRef, value: period.description)
        }
    }
}

/// An XLSX submission: the template's sheets.
enum WorkbookSubmission {
    static func parse(_ document: SpreadsheetDocument, context: SubmissionContext, into result: inout ParsedSubmission,
                      log: inout DiagnosticLog) {
        let roles = SheetRoles(document: document, log: &log)
        let fileName = result.fileName

        var periodCell: (sheet: String, ref: CellRef)?
        var zeroReportCell: (sheet: String, ref: CellRef?)?
        if let sheet = roles.basicInfo {
            let info = BasicInfoSheet.read(sheet, uses1904: document.uses1904, log: &log)
            periodCell = info.periodRef.map { (sheet.name, $0) }
            result.unitCode = info.unitCode
            result.unitName = info.unitName
            result.period = info.period
            result.preparer = info.preparer
            result.phone = info.phone
            result.filledOn = info.filledOn
            result.declaresZeroReport = info.declaresZeroReport
            zeroReportCell = (sheet.name, info.zeroReportRef)
            Identity.check(unitCode: info.unitCode, unitName: info.unitName, period: info.period, context: context,
                           sheet: sheet.name, unitRef: info.unitCodeRef, nameRef: info.unitNameRef,
                           periodRef: info.periodRef, log: &log)
        } else {
            log.add(.sheetMissing(SubmissionSchema.basicInfoSheet))
        }

        if let sheet = roles.activity {
            if let layout = ActivitySheet.layout(of: sheet, minimumMatches: 2) {
                let table = ActivitySheet(sheet: sheet, layout: layout, uses1904: document.uses1904, fileName: fileName)
                if table.checkHeader(log: &log, isCSV: false) {
                    let scope = ActivityScope(unitCode: result.unitCode, period: result.period,
                                              defaultYear: result.period?.year ?? context.year,
                                              periodCell: periodCell)
                    result.activities = table.records(scope: scope, log: &log)
                }
            } else {
                log.add(.headerNotFound(expected: requiredActivityHeaders), sheet: sheet.name)
            }
        } else {
            log.add(.sheetMissing(SubmissionSchema.activitySheet))
        }

        if let sheet = roles.workload {
            result.workload = WorkloadSheet.read(sheet, unitCode: result.unitCode, period: result.period,
                                                 uses1904: document.uses1904, fileName: fileName, log: &log)
        } else {
            log.add(.workloadSheetMissing)
        }

        if let sheet = roles.district {
            if result.unitCode == SubmissionSchema.districtUnitCode {
                result.district = DistrictSheet.read(sheet, period: result.period, uses1904: document.uses1904,
                                                     fileName: fileName, log: &log)
            } else if result.unitCode != nil, DistrictSheet.hasValues(sheet) {
                log.add(.districtSheetFromOtherUnit, sheet: sheet.name)
            }
        }

        if let sheet = roles.deviation {
            if result.unitCode == SubmissionSchema.districtUnitCode {
                result.deviationReasons = DeviationSheet.read(sheet, known: context.indicatorNames, uses1904: document.uses1904,
                                                              fileName: fileName, log: &log)
            } else if result.unitCode != nil, DeviationSheet.hasReasons(sheet) {
                log.add(.deviationSheetFromOtherUnit, sheet: sheet.name)
            }
        }
        EmptySubmissionRule.check(result, at: zeroReportCell, csv: false, log: &log)
    }

    static let requiredActivityHeaders = SubmissionSchema.activityColumns.filter(\.required).map(\.header)
}

/// A CSV submission: the 活动明细 table alone. Unit and month come from its 单位代码 / 报送月份
/// columns when present, else from the file name (`JD01_2025-03.csv`).
enum CSVSubmission {
    static func parse(_ document: SpreadsheetDocument, context: SubmissionContext, into result: inout ParsedSubmission,
                      log: inout DiagnosticLog) {
        guard let sheet = document.sheets.first else {
            log.add(.headerNotFound(expected: WorkbookSubmission.requiredActivityHeaders))
            return
        }
        guard let layout = ActivitySheet.layout(of: sheet, minimumMatches: 2) else {
            log.add(.headerNotFound(expected: WorkbookSubmission.requiredActivityHeaders), sheet: sheet.name)
            return
        }
        let table = ActivitySheet(sheet: sheet, layout: layout, uses1904: document.uses1904, fileName: result.fileName)
        let complete = table.checkHeader(log: &log, isCSV: true)
        let reader = ValueReader(sheet: sheet.name, uses1904: document.uses1904)
        let fromName = FileNameIdentity(result.fileName)

        var unitRef: CellRef?, periodRef: CellRef?
        if let column = layout.column(of: TableColumn.unitCode),
           let (value, ref) = consistentColumn(sheet, column: column, after: layout.headerRow, field: "单位代码",
                                               normalise: Normalize.unitCode, reader: reader, log: &log) {
            result.unitCode = value
            unitRef = ref
        } else if let code = fromName.unitCode {
            result.unitCode = code
        } else {
            log.add(.csvUnitMissing, value: result.fileName)
        }
        if let column = layout.column(of: TableColumn.period),
           let (value, ref) = consistentColumn(sheet, column: column, after: layout.headerRow, field: "报送月份",
                                               normalise: { $0 }, reader: reader, log: &log) {
            periodRef = ref
            if let p = DateCell.period(.text(value), uses1904: document.uses1904) {
                result.period = p
            } else {
                log.add(.periodInvalid, sheet: sheet.name, cell: ref, value: value)
            }
        } else if let p = fromName.period {
            result.period = p
        } else {
            log.add(.csvPeriodMissing, value: result.fileName)
        }
        Identity.check(unitCode: result.unitCode, unitName: "", period: result.period, context: context,
                       sheet: unitRef == nil && periodRef == nil ? nil : sheet.name,
                       unitRef: unitRef, nameRef: nil, periodRef: periodRef, log: &log)
        guard complete else { return }
        let scope = ActivityScope(unitCode: result.unitCode, period: result.period,
                                  defaultYear: result.period?.year ?? context.year,
                                  periodCell: periodRef.map { (sheet.name, $0) })
        result.activities = table.records(scope: scope, log: &log)
        EmptySubmissionRule.check(result, at: nil, csv: true, log: &log)
    }

    /// The column's first non-empty value, every later different value reported. Nil when the
    /// column is empty throughout.
    static func consistentColumn(_ sheet: Sheet, column: Int, after headerRow: Int, field: String,
                                 normalise: (String) -> String, reader: ValueReader,
                                 log: inout DiagnosticLog) -> (String, CellRef)? {
        var first: (String, CellRef)?
        for row in sheet.rows where row.index > headerRow {
            guard let cell = row.cells.first(where: { $0.ref.column == column }) else { continue }
            let value = normalise(reader.text(cell, log: &log))
            guard !value.isEmpty else { continue }
            if let (firstValue, _) = first {
                if value != firstValue {
                    log.add(.csvColumnInconsistent(field, first: firstValue), sheet: sheet.name, cell: cell.ref, value: value)
                }
            } else {
                first = (value, cell.ref)
            }
        }
        return first
    }
}

/// Unit and month from a CSV's name: `JD01_2025-03.csv`, `JD01_2025年3月.csv`,
/// `JD01_202503_活动明细.csv` (anything after the month is ignored).
struct FileNameIdentity {
    var unitCode: String?
    var period: Period?

    init(_ path: String) {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let name = Normalize.folded(stem.isEmpty ? base : stem)
        guard let underscore = name.firstIndex(where: { $0 == "_" || $0 == " " }) else { return }
        let code = Normalize.unitCode(String(name[..<underscore]))
        guard !code.isEmpty, code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return }
        unitCode = code
        // The month is the longest leading run of date characters after the separator.
        let rest = name[name.index(after: underscore)...]
        let monthText = rest.prefix { c in c.isNumber || "-./年月".contains(c) }
        period = Normalize.period(String(monthText))
            ?? Normalize.period(String(monthText.reversed().drop { !$0.isNumber && $0 != "月" }.reversed()))
    }
}

extension SubmissionReader {
    /// One file's bytes → its submissions: one for an XLSX/CSV, one per spreadsheet member of a
    /// ZIP bundle (named `bundle.zip/三月/JD01.xlsx`). A file that cannot be read gives one
    /// rejected submission explaining why.
    public static func read(_ data: Data, fileName: String, context: SubmissionContext,
                            limits: ReadLimits = .default) -> [ParsedSubmission] {
        BundleReader(context: context, limits: limits).read(data, fileName: fileName)
    }

    /// The same, each submission also carrying its values as sent and where each came from
    /// (`ParsedSubmission.sent`), to lay a rejected file out again in the template. Validation
    /// is unchanged: the diagnostics are those `read` gives.
    public static func readKeepingSentValues(_ data: Data, fileName: String, context: SubmissionContext,
                                             limits: ReadLimits = .default) -> [ParsedSubmission] {
        var reader = BundleReader(context: context, limits: limits)
        reader.keepsSentValues = true
        return reader.read(data, fileName: fileName)
    }
}
