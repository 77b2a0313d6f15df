import Foundation
import JixiaoModel
import JixiaoReading
import JixiaoYAML
import Yams

/// jixiao.yaml, decoded. Every key is optional in the file; the defaults are those of
/// templates/jixiao.yaml, so a trimmed file keeps working.
public struct WorkspaceConfig: Sendable, Hashable {
    public var department: String
    public var year: Int
    /// 报送截止日: month M is due on this day of month M+1.
    public var deadlineDay: Int
    public var preparer: String
    public var phone: String
    public var limits: ReadLimits
    public var outputs: OutputNames
    /// Copies of the ledger kept in backups/ after each run; 0 keeps none.
    public var backupsKept: Int
    /// compare_with: a previous year's workspace (relative to this one), whose actuals 汇总表
    /// and the report draft set beside this year's; nil when not configured.
    public var compareWith: String?

    /// Output file names inside out/.
    public struct OutputNames: Sendable, Hashable {
        public var indicatorTable: String
        public var rollup: String
        public var validationReport: String
        public var reminders: String
    }

    public var info: DepartmentInfo {
        DepartmentInfo(department: department, year: year, preparer: preparer, phone: phone)
    }

    /// The day a month's submission is due (报送截止日 of the next month).
    public func deadline(of period: Period) -> CalendarDate? {
        let next = period.next
        let day = min(max(deadlineDay, 1), CalendarDate.daysIn(year: next.year, month: next.month))
        return CalendarDate(year: next.year, month: next.month, day: day)
    }

    /// The latest month, up to the configured year's December, whose deadline has passed on
    /// `today`; the December before the year when none has. Later months are not yet due (not 未报).
    public func dueThrough(today: CalendarDate) -> Period {
        var period = Period(year: year, month: 12)!
        while period.year == year, let due = deadline(of: period), !(due < today) {
            period = period.previous
        }
        return period
    }

    /// The latest month of the configured year whose deadline has passed on `today`;
    /// January when none has yet, December once the year is over.
    public func lastDuePeriod(today: CalendarDate) -> Period {
        let due = dueThrough(today: today)
        return due.year == year ? due : Period(year: year, month: 1) ?? today.period
    }

    /// The annotated default is under 2 KB; a file this large is the wrong file.
    public static let maxBytes = 1 << 20

    /// Parses jixiao.yaml text; `source` names the file in messages.
    public static func parse(_ text: String, source: String) throws(JixiaoError) -> WorkspaceConfig {
        guard text.utf8.count <= maxBytes else { throw .configuration(WorkspaceMessages.configTooLarge(source)) }
        if let refusal = YAMLGuard.check(text) {
            throw .configuration(WorkspaceMessages.yamlRefused(source, line: refusal.line, detail: refusal.message))
        }
        let file: ConfigFile
        do {
            file = try YAMLDecoder().decode(ConfigFile.self, from: text.isEmpty ? "{}" : text)
        } catch {
            throw .configuration(WorkspaceMessages.badConfig(source, detail: configErrorDetail(error)))
        }
        try checkKeys(text, source: source)
        let defaults = ReadLimits.default
        let limits = file.limits
        let config = WorkspaceConfig(
            department: file.department ?? WorkspaceMessages.defaultDepartment,
            year: file.year ?? 0,
            deadlineDay: file.deadline_day ?? 10,
            preparer: file.preparer ?? "",
            phone: file.phone ?? "",
            limits: ReadLimits(
                maxEntries: limits?.max_entries ?? defaults.maxEntries,
                maxEntryBytes: limits?.max_entry_mb.map { $0 << 20 } ?? defaults.maxEntryBytes,
                maxTotalBytes: limits?.max_total_mb.map { $0 << 20 } ?? defaults.maxTotalBytes,
                maxCompressionRatio: limits?.max_compression_ratio ?? defaults.maxCompressionRatio,
                maxCellsPerSheet: limits?.max_cells_per_sheet ?? defaults.maxCellsPerSheet,
                maxCellTextLength: defaults.maxCellTextLength,
                maxXMLDepth: defaults.maxXMLDepth),
            outputs: OutputNames(
                indicatorTable: file.outputs?.indicator_table ?? "指标表.xlsx",
                rollup: file.outputs?.rollup ?? "汇总表.xlsx",
                validationReport: file.outputs?.validation_report ?? "校验报告.xlsx",
                reminders: file.outputs?.reminders ?? "催报清单.xlsx"),
            backupsKept: file.backups?.keep ?? 10,
            compareWith: file.compare_with.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
        try config.validate(source: source)
        return config
    }

    /// Keys jixiao.yaml may hold; a misspelt one would otherwise be ignored in silence.
    static let knownKeys: [String: Set<String>] = [
        "": ["department", "year", "deadline_day", "preparer", "phone", "limits", "outputs", "backups", "compare_with"],
        "backups": ["keep"],
        "limits": ["max_entries", "max_entry_mb", "max_total_mb", "max_compression_ratio", "max_cells_per_sheet"],
        "outputs": ["indicator_table", "rollup", "validation_report", "reminders"],
    ]

    private static func checkKeys(_ text: String, source: String) throws(JixiaoError) {
        guard let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return }
        func check(_ mapping: Node.Mapping, section: String) throws(JixiaoError) {
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard knownKeys[section]?.contains(name) == true else {
                    throw .configuration(WorkspaceMessages.unknownConfigKey(source, key: section.isEmpty ? name : "\(section).\(name)"))
                }
                if section.isEmpty, let nested = value.mapping, knownKeys[name] != nil {
                    try check(nested, section: name)
                }
            }
        }
        try check(mapping, section: "")
    }

    private func validate(source: String) throws(JixiaoError) {
        guard (2000...2100).contains(year) else { throw .configuration(WorkspaceMessages.badConfigValue(source, key: "year", expected: "四位年份，如 2025")) }
        guard !department.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .configuration(WorkspaceMessages.badConfigValue(source, key: "department", expected: "部门全称"))
        }
        guard (0...1000).contains(backupsKept) else {
            throw .configuration(WorkspaceMessages.badConfigValue(source, key: "backups.keep", expected: "0 到 1000 之间的整数"))
        }
        guard (1...31).contains(deadlineDay) else { throw .configuration(WorkspaceMessages.badConfigValue(source, key: "deadline_day", expected: "1 到 31 之间的日期")) }
        let positive = [limits.maxEntries, limits.maxEntryBytes, limits.maxTotalBytes, limits.maxCompressionRatio, limits.maxCellsPerSheet]
        guard positive.allSatisfy({ $0 > 0 }) else { throw .configuration(WorkspaceMessages.badConfigValue(source, key: "limits", expected: "正整数")) }
        let named = [("indicator_table", outputs.indicatorTable), ("rollup", outputs.rollup),
                     ("validation_report", outputs.validationReport), ("reminders", outputs.reminders)]
        // out/ may sit on a case-insensitive share, where 汇总表.xlsx and 汇总表.XLSX (or the same
        // name typed in composed and decomposed form) are one file and the later write wins.
        var seen: [String: String] = [:]
        for (key, name) in named {
            guard !name.isEmpty, !name.contains("/"), name.lowercased().hasSuffix(".xlsx") else {
                throw .configuration(WorkspaceMessages.badConfigValue(source, key: "outputs", expected: "以 .xlsx 结尾、不含“/”的文件名"))
            }
            let folded = name.folding(options: .caseInsensitive, locale: nil).precomposedStringWithCanonicalMapping
            if let first = seen[folded] {
                throw .configuration(WorkspaceMessages.sameOutputName(source, first: "outputs.\(first)", second: "outputs.\(key)"))
            }
            seen[folded] = key
        }
    }

    /// The file's shape, snake_case as written in jixiao.yaml.
    private struct ConfigFile: Decodable {
        var department: String?
        var year: Int?
        var deadline_day: Int?
        var preparer: String?
        var phone: String?
        var limits: Limits?
        var outputs: Outputs?
        var backups: Backups?
        var compare_with: String?

        struct Backups: Decodable {
            var keep: Int?
        }

        struct Limits: Decodable {
            var max_entries: Int?
            var max_entry_mb: Int?
            var max_total_mb: Int?
            var max_compression_ratio: Int?
            var max_cells_per_sheet: Int?
        }

        struct Outputs: Decodable {
            var indicator_table: String?
            var rollup: String?
            var validation_report: String?
            var reminders: String?
        }
    }
}

extension CalendarDate {
    /// Today in the machine's time zone: what "a deadline has passed" is measured against.
    public static var today: CalendarDate {
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CalendarDate(year: now.year ?? 2000, month: now.month ?? 1, day: now.day ?? 1)
            ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}

/// Where and what, in Chinese, for an error from decoding jixiao.yaml: Yams and Codable
/// describe themselves in English, which an office user cannot act on.
func configErrorDetail(_ error: Error) -> String {
    var underlying: Error? = error
    var path: [CodingKey] = []
    if let decoding = error as? DecodingError {
        switch decoding {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            underlying = c.underlyingError
            path = c.codingPath
        @unknown default:
            break
        }
    }
    if let yaml = underlying as? YamlError {
        switch yaml {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return WorkspaceMessages.configSyntaxAt(line: mark.line, column: mark.column)
        default:
            return WorkspaceMessages.configSyntax
        }
    }
    let key = path.map(\.stringValue).joined(separator: ".")
    return key.isEmpty ? WorkspaceMessages.configSyntax : WorkspaceMessages.configValueType(key)
}
