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
    /// 指标表's 填报日期 when set (`filled_on: 2026-01-20`); otherwise the day of the report.
    public var filledOn: CalendarDate? = nil
    /// compare_with: a previous year's workspace (relative to this one), whose actuals 汇总表
    /// and the report draft set beside this year's; nil when not configured.
    public var compareWith: String?

    /// Output file names inside out/.
    public struct OutputNames: Sendable, Hashable {
        public var indicatorTable: String
        public var rollup: String
        public var validationReport: String
        public var reminders: String
        public var evidence: String
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
            throw .configuration(decodingFailure(error, text: text, source: source))
        }
        let lines = try checkKeys(text, source: source)
        let defaults = ReadLimits.default
        let limits = file.limits
        var config = WorkspaceConfig(
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
                reminders: file.outputs?.reminders ?? "催报清单.xlsx",
                evidence: file.outputs?.evidence ?? "佐证材料.xlsx"),
            backupsKept: file.backups?.keep ?? 10,
            compareWith: file.compare_with.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
        if let text = file.filled_on {
            config.filledOn = try filledOn(text, source: source, line: lines["filled_on"])
        }
        try config.validate(source: source, lines: lines)
        return config
    }

    /// `2026-01-20` (also `2026/1/20`, `2026年1月20日`): a day of the calendar.
    private static func filledOn(_ text: String, source: String, line: Int?) throws(JixiaoError) -> CalendarDate {
        let parts = text.split { !$0.isNumber }.compactMap { Int($0) }
        guard parts.count == 3, let day = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw .configuration(WorkspaceMessages.badConfigValue(source, key: "filled_on", line: line, expected: "日期，如 2026-01-20"))
        }
        return day
    }

    /// Keys jixiao.yaml may hold; a misspelt one would otherwise be ignored in silence.
    static let knownKeys: [String: Set<String>] = [
        "": ["department", "year", "deadline_day", "preparer", "phone", "filled_on", "limits", "outputs", "backups",
             "compare_with"],
        "backups": ["keep"],
        "limits": ["max_entries", "max_entry_mb", "max_total_mb", "max_compression_ratio", "max_cells_per_sheet"],
        "outputs": ["indicator_table", "rollup", "validation_report", "reminders", "evidence"],
    ]

    /// Refuses keys not in `knownKeys`; returns the line of each key written, by its dotted
    /// path (`outputs.rollup`), for the messages about their values.
    private static func checkKeys(_ text: String, source: String) throws(JixiaoError) -> [String: Int] {
        guard let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return [:] }
        var lines: [String: Int] = [:]
        func check(_ mapping: Node.Mapping, section: String) throws(JixiaoError) {
            for (key, value) in mapping {
                let name = key.string ?? ""
                let path = section.isEmpty ? name : "\(section).\(name)"
                guard knownKeys[section]?.contains(name) == true else {
                    throw .configuration(WorkspaceMessages.unknownConfigKey(source, key: path, line: key.mark?.line))
                }
                lines[path] = key.mark?.line
                if section.isEmpty, let nested = value.mapping, knownKeys[name] != nil {
                    try check(nested, section: name)
                }
            }
        }
        try check(mapping, section: "")
        return lines
    }

    private func validate(source: String, lines: [String: Int]) throws(JixiaoError) {
        func invalid(_ key: String, _ expected: String) -> JixiaoError {
            .configuration(WorkspaceMessages.badConfigValue(source, key: key, line: lines[key], expected: expected))
        }
        guard (2000...2100).contains(year) else { throw invalid("year", "四位年份，如 2025") }
        guard !department.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid("department", "部门全称") }
        guard (0...1000).contains(backupsKept) else { throw invalid("backups.keep", "0 到 1000 之间的整数") }
        guard (1...31).contains(deadlineDay) else { throw invalid("deadline_day", "1 到 31 之间的日期") }
        let positive = [("max_entries", limits.maxEntries), ("max_entry_mb", limits.maxEntryBytes),
                        ("max_total_mb", limits.maxTotalBytes), ("max_compression_ratio", limits.maxCompressionRatio),
                        ("max_cells_per_sheet", limits.maxCellsPerSheet)]
        if let (key, _) = positive.first(where: { $0.1 <= 0 }) { throw invalid("limits.\(key)", "正整数") }
        let named = [("indicator_table", outputs.indicatorTable), ("rollup", outputs.rollup),
                     ("validation_report", outputs.validationReport), ("reminders", outputs.reminders),
                     ("evidence", outputs.evidence)]
        // out/ may sit on a case-insensitive share, where 汇总表.xlsx and 汇总表.XLSX (or the same
        // name typed in composed and decomposed form) are one file and the later write wins.
        var seen: [String: String] = [:]
        for (key, name) in named {
            guard !name.isEmpty, !name.contains("/"), name.lowercased().hasSuffix(".xlsx") else {
                throw invalid("outputs.\(key)", "以 .xlsx 结尾、不含“/”的文件名")
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
        var filled_on: String?
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
            var evidence: String?
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
func decodingFailure(_ error: Error, text: String, source: String) -> String {
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
    if let yaml = underlying as? YamlError, let mistake = YAMLDiagnosis.explain(yaml, in: text) {
        return WorkspaceMessages.yamlMistake(source, line: mistake.line, column: mistake.column, detail: mistake.message)
    }
    let key = path.map(\.stringValue).joined(separator: ".")
    guard !key.isEmpty else {
        // Not a mapping at all: a slip on the first line (`year:2025`) makes the whole file one text.
        if let slip = YAMLDiagnosis.slip(in: text) {
            return WorkspaceMessages.yamlMistake(source, line: slip.line, column: slip.column, detail: slip.message)
        }
        return WorkspaceMessages.badConfig(source)
    }
    let line = (try? Yams.compose(yaml: text))?.flatMap { root in keyLine(root, path: path.map(\.stringValue)) }
    return WorkspaceMessages.configValueType(source, key: key, line: line)
}

private func keyLine(_ root: Node, path: [String]) -> Int? {
    var node = root
    var line: Int?
    for name in path {
        guard let mapping = node.mapping, let (key, value) = mapping.first(where: { $0.key.string == name }) else { return line }
        line = key.mark?.line
        node = value
    }
    return line
}
