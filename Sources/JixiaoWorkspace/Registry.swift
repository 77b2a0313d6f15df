import Foundation
import JixiaoModel
import JixiaoReading
import JixiaoSubmission

/// units.csv (单位名册) → reporting units. Users edit it in Excel or WPS, so it is read
/// whatever its encoding and tolerant of spacing; anything ambiguous is a configuration
/// error naming the line, because a wrong registry silently miscounts every report.
public enum Registry {
    /// Column headers, in the order `jixiao init` writes them.
    public static let headers = ["单位代码", "单位名称", "单位类型", "所属街道", "联系人", "联系电话", "应报起始月", "停报月"]
    /// Columns that must be present; the others may be left out entirely.
    static let requiredHeaders: Set<String> = ["单位代码", "单位名称", "单位类型", "所属街道", "应报起始月"]
    /// A district has a few hundred reporting units at most; ten thousand keeps 催报清单
    /// (one row per unit and month) far inside a worksheet's 1,048,576 rows.
    public static let maxUnits = 10_000
    /// Ten thousand full rows in UTF-16 stay under this; a larger file is some other table,
    /// and reading it would take a minute only to fail half-way through the report.
    public static let maxBytes = 4 << 20

    /// Reads units.csv bytes (UTF-8 with or without BOM, GB18030/GBK, UTF-16).
    public static func load(_ data: Data, limits: ReadLimits = .default) throws(JixiaoError) -> [ReportingUnit] {
        guard data.count <= maxBytes else { throw .configuration(WorkspaceMessages.registryTooLarge(bytes: data.count)) }
        let document: SpreadsheetDocument
        do {
            document = try SpreadsheetReader.read(data, name: "units.csv", limits: limits)
        } catch {
            throw .configuration(WorkspaceMessages.unreadableRegistry(error.message))
        }
        guard let sheet = document.sheets.first else { throw .configuration(WorkspaceMessages.emptyRegistry) }
        return try parse(sheet)
    }

    /// The rows of a read units.csv; line numbers in messages are the sheet's row numbers.
    public static func parse(_ sheet: Sheet) throws(JixiaoError) -> [ReportingUnit] {
        guard let headerRow = sheet.rows.first(where: { !isBlank($0) }) else { throw .configuration(WorkspaceMessages.emptyRegistry) }
        var columns: [String: Int] = [:]
        for cell in headerRow.cells {
            let name = clean(cell.value.displayText)
            if !name.isEmpty, columns[name] == nil { columns[name] = cell.ref.column }
        }
        let missing = headers.filter { requiredHeaders.contains($0) && columns[$0] == nil }
        guard missing.isEmpty else { throw .configuration(WorkspaceMessages.registryMissingColumns(missing, line: headerRow.index)) }

        var units: [ReportingUnit] = []
        var seen: [String: Int] = [:]
        for row in sheet.rows where row.index > headerRow.index && !isBlank(row) {
            func text(_ header: String) -> String {
                guard let column = columns[header] else { return "" }
                return clean(row.cells.first { $0.ref.column == column }?.value.displayText ?? "")
            }
            func month(_ header: String) -> CellValue {
                guard let column = columns[header] else { return .empty }
                return row.cells.first { $0.ref.column == column }?.value ?? .empty
            }
            let line = row.index
            guard units.count < maxUnits else { throw .configuration(WorkspaceMessages.registryTooManyUnits(line: line)) }
            for header in headers where columns[header] != nil {
                if let bad = text(header).unicodeScalars.first(where: isInvisibleControl) {
                    throw .configuration(WorkspaceMessages.registryControlCharacter(line: line, column: header, scalar: bad))
                }
            }
            let code = text("单位代码").uppercased()
            guard !code.isEmpty else { throw .configuration(WorkspaceMessages.registryEmpty(line: line, column: "单位代码")) }
            guard code.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
                throw .configuration(WorkspaceMessages.registryBadCode(line: line, code: code))
            }
            if let first = seen[code] { throw .configuration(WorkspaceMessages.registryDuplicateCode(code, line: line, firstLine: first)) }
            seen[code] = line
            let name = text("单位名称")
            guard !name.isEmpty else { throw .configuration(WorkspaceMessages.registryEmpty(line: line, column: "单位名称")) }
            let kindText = text("单位类型")
            guard let kind = UnitKind(rawValue: kindText) else { throw .configuration(WorkspaceMessages.registryBadKind(kindText, line: line)) }
            let street = text("所属街道")
            if kind == .street, street.isEmpty { throw .configuration(WorkspaceMessages.registryEmpty(line: line, column: "所属街道")) }
            guard let first = MonthText.period(month("应报起始月")) else {
                throw .configuration(WorkspaceMessages.registryBadMonth(line: line, column: "应报起始月", value: text("应报起始月")))
            }
            var last: Period?
            if !text("停报月").isEmpty {
                guard let p = MonthText.period(month("停报月")) else {
                    throw .configuration(WorkspaceMessages.registryBadMonth(line: line, column: "停报月", value: text("停报月")))
                }
                guard p >= first else { throw .configuration(WorkspaceMessages.registryStopBeforeStart(line: line)) }
                last = p
            }
            units.append(ReportingUnit(code: code, name: name, kind: kind, street: street, contact: text("联系人"),
                                       phone: text("联系电话"), firstPeriod: first, lastPeriod: last))
        }
        guard !units.isEmpty else { throw .configuration(WorkspaceMessages.emptyRegistry) }
        return units
    }

    static func isBlank(_ row: Row) -> Bool {
        row.cells.allSatisfy { clean($0.value.displayText).isEmpty }
    }

    /// Characters nobody can see or type into a cell on purpose: they come from pasting, make
    /// two equal-looking names differ, and a bidi override reorders what the printed lists show.
    static func isInvisibleControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Trims ASCII and full-width spaces and a stray BOM.
    static func clean(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{FEFF}")))
    }
}

/// A month as users type it in a registry: `2025-01`, `2025/1`, `2025年1月`, or a whole
/// date in that month (Excel turns `2025-01` into `2025/1/1`), read like 报送月份.
enum MonthText {
    static func period(_ value: CellValue) -> Period? {
        switch value {
        case .date(let d): return Period(year: d.year, month: d.month)
        case .text(let s), .number(let s): return Normalize.period(Registry.clean(s))
        default: return nil
        }
    }
}
