/// The columns of 活动明细, each declared once. The template writer, the validator, the
/// measure language of indicators.yaml, the ledger's `records` table, the 汇总表's 活动明细
/// sheet and `docs/template-fields.json` (which the example generator reads) are all derived
/// from this list, in this order. Adding a column is a case here, its `spec`, and the stored
/// property of `ActivityRecord` with its two mappings below.
public enum ActivityField: Int, CaseIterable, Sendable, Hashable, Codable {
    case sequence, name, date, form, category, theme, coverage, place, partner, note

    /// Built once: every cell of every submission looks its column up here.
    public var spec: ActivityFieldSpec { Self.specs[rawValue] }

    /// In declaration order; `rawValue` only indexes this list and `allCases`.
    public static let all: [ActivityField] = allCases
    private static let specs: [ActivityFieldSpec] = all.map(\.declaredSpec)

    private var declaredSpec: ActivityFieldSpec {
        switch self {
        case .sequence:
            return ActivityFieldSpec(
                header: "序号", aliases: ["编号"], kind: .integer, required: false, width: 6, hint: "可不填",
                guidance: .init(requirement: "整数，可不填", example: "1"),
                ledgerColumn: "sequence", rollupWidth: 6, filterable: false, describesActivity: false)
        case .name:
            return ActivityFieldSpec(
                header: "活动名称", aliases: ["活动内容", "名称"], kind: .text, required: true, width: 30,
                hint: "活动的完整名称",
                guidance: .init(requirement: "活动的完整名称，每场活动一行", example: "食品安全进社区科普讲座",
                                mistakes: "多场活动写在同一行；同一活动重复填报"),
                ledgerColumn: "name", rollupWidth: 30)
        case .date:
            return ActivityFieldSpec(
                header: "活动日期", aliases: ["活动时间", "日期", "时间", "举办日期"], kind: .date, required: true,
                width: 12, hint: "如 2025-03-05，须在报送月份内",
                guidance: .init(requirement: "日期，须在报送月份之内", example: FieldGuidance.dayPlaceholder,
                                mistakes: "写成“{month}月5日”“{month}.5”等文字；填成上月或下月的日期"),
                ledgerColumn: "date", rollupWidth: 11, filterable: false, warnsOutsidePeriod: true)
        case .form:
            return ActivityFieldSpec(
                header: "活动形式", aliases: ["形式", "活动方式"], kind: .choice(ActivityForm.allCases.map(\.rawValue)),
                required: true, width: 10, hint: "线上或线下", ledgerColumn: "form", rollupWidth: 8)
        case .category:
            return ActivityFieldSpec(
                header: "活动类别", aliases: ["类别", "活动类型", "类型"],
                kind: .choice(ActivityCategory.allCases.map(\.rawValue)), required: true, width: 16,
                hint: "从下拉列表选择", ledgerColumn: "category", rollupWidth: 12)
        case .theme:
            return ActivityFieldSpec(
                header: "活动主题", aliases: ["主题", "活动主题类别"], kind: .choice(ActivityTheme.allCases.map(\.rawValue)),
                required: true, width: 16, hint: "从下拉列表选择", ledgerColumn: "theme", rollupWidth: 14)
        case .coverage:
            return ActivityFieldSpec(
                header: "覆盖人数",
                aliases: ["参与人数", "参加人数", "人数", "覆盖人次", "参与人次", "受众人数", "服务人次"],
                kind: .integer, required: true, width: 10, hint: "人次，填整数",
                guidance: .init(requirement: "整数（人次），大于等于 0", example: "120",
                                mistakes: "写成“120人”“约50”“50余”；使用全角数字"),
                ledgerColumn: "coverage", rollupWidth: 9)
        case .place:
            return ActivityFieldSpec(
                header: "地点", aliases: ["活动地点", "举办地点"], kind: .text, required: false, width: 20, hint: "活动地点",
                guidance: .init(requirement: "活动地点，可不填", example: "吴家山街道社区活动中心"),
                ledgerColumn: "place", rollupWidth: 18)
        case .partner:
            return ActivityFieldSpec(
                header: "合作单位", aliases: ["协办单位", "合办单位"], kind: .text, required: false, width: 20, hint: "可不填",
                guidance: .init(requirement: "可不填", example: "区市场监管局"),
                ledgerColumn: "partner", rollupWidth: 18)
        case .note:
            return ActivityFieldSpec(
                header: "备注", aliases: ["说明"], kind: .text, required: false, width: 20, hint: "可不填",
                guidance: .init(requirement: "可不填", example: ""),
                ledgerColumn: "note", rollupWidth: 16)
        }
    }

    public var header: String { spec.header }

    /// The field whose template header is `text`.
    public static func named(_ text: String) -> ActivityField? {
        allCases.first { $0.spec.header == text }
    }
}

/// Everything about one 活动明细 column.
public struct ActivityFieldSpec: Sendable {
    /// The header the template writes and the measure language names the column by.
    public var header: String
    /// Headers people write instead (`参与人数` for 覆盖人数).
    public var aliases: [String]
    public var kind: ValueKind
    public var required: Bool
    /// Template column width in Excel character units, wide enough for Chinese text.
    public var width: Double
    /// The input hint shown when a template cell is selected.
    public var hint: String
    /// The row of the template's 填报说明 sheet; choice columns list their values instead.
    public var guidance: FieldGuidance?
    /// Its column in the ledger's `records` table.
    public var ledgerColumn: String
    /// Its header in 汇总表's 活动明细 sheet.
    public var rollupHeader: String
    public var rollupWidth: Double
    /// Whether indicators.yaml may filter or sum on it.
    public var filterable: Bool
    /// Whether a value here makes a row an activity (a pre-numbered 序号 alone does not).
    public var describesActivity: Bool
    /// A date that must fall in 报送月份, else a warning.
    public var warnsOutsidePeriod: Bool

    public init(header: String, aliases: [String], kind: ValueKind, required: Bool, width: Double, hint: String,
                guidance: FieldGuidance? = nil, ledgerColumn: String, rollupHeader: String? = nil, rollupWidth: Double,
                filterable: Bool = true, describesActivity: Bool = true, warnsOutsidePeriod: Bool = false) {
        self.header = header
        self.aliases = aliases
        self.kind = kind
        self.required = required
        self.width = width
        self.hint = hint
        self.guidance = guidance
        self.ledgerColumn = ledgerColumn
        self.rollupHeader = rollupHeader ?? header
        self.rollupWidth = rollupWidth
        self.filterable = filterable
        self.describesActivity = describesActivity
        self.warnsOutsidePeriod = warnsOutsidePeriod
    }
}

/// A column's line in 填报说明: what to write, an example and the mistakes seen most often.
/// `{month}` and `{day}` stand for the template's month and a day in it.
public struct FieldGuidance: Sendable, Hashable {
    public static let dayPlaceholder = "{day}"

    public var requirement: String
    public var example: String
    public var mistakes: String

    public init(requirement: String, example: String, mistakes: String = "") {
        self.requirement = requirement
        self.example = example
        self.mistakes = mistakes
    }

    /// The texts for a template of `period`.
    public func filled(for period: Period) -> FieldGuidance {
        let day = "\(period.year)-\(period.month < 10 ? "0" : "")\(period.month)-05"
        func fill(_ s: String) -> String {
            s.replacingOccurrences(of: "{day}", with: day).replacingOccurrences(of: "{month}", with: String(period.month))
        }
        return FieldGuidance(requirement: fill(requirement), example: fill(example), mistakes: fill(mistakes))
    }
}

/// One value of an activity row, typed by its column's kind.
public enum ActivityValue: Sendable, Hashable {
    case text(String)
    case integer(Int?)
    case date(CalendarDate)
    /// A choice column's value, as the template lists it.
    case choice(String)

    /// As shown and as filtered on in indicators.yaml: numbers in decimal digits, no value as "".
    public var text: String {
        switch self {
        case .text(let s), .choice(let s): return s
        case .integer(let n): return n.map(String.init) ?? ""
        case .date(let d): return d.description
        }
    }
}

extension ActivityRecord {
    /// The value of one column.
    public func value(_ field: ActivityField) -> ActivityValue {
        switch field {
        case .sequence: return .integer(sequence)
        case .name: return .text(name)
        case .date: return .date(date)
        case .form: return .choice(form.rawValue)
        case .category: return .choice(category.rawValue)
        case .theme: return .choice(theme.rawValue)
        case .coverage: return .integer(coverage)
        case .place: return .text(place)
        case .partner: return .text(partner)
        case .note: return .text(note)
        }
    }

    /// A record from one value per column (`value(of:)` gives them); nil when a value does
    /// not fit its column (a required one missing, a choice not in the template's list).
    public init?(unitCode: String, period: Period, source: SourceRef, value: (ActivityField) -> ActivityValue?) {
        func text(_ f: ActivityField) -> String? { if case .text(let s)? = value(f) { return s }; return nil }
        func integer(_ f: ActivityField) -> Int?? { if case .integer(let n)? = value(f) { return .some(n) }; return nil }
        func choice<C: RawRepresentable>(_ f: ActivityField, _: C.Type) -> C? where C.RawValue == String {
            if case .choice(let s)? = value(f) { return C(rawValue: s) }
            return nil
        }
        guard case .date(let date)? = value(.date),
              let sequence = integer(.sequence), let name = text(.name),
              let form = choice(.form, ActivityForm.self), let category = choice(.category, ActivityCategory.self),
              let theme = choice(.theme, ActivityTheme.self), let coverage = integer(.coverage) ?? nil,
              let place = text(.place), let partner = text(.partner), let note = text(.note) else { return nil }
        self.init(unitCode: unitCode, period: period, sequence: sequence, name: name, date: date, form: form,
                  category: category, theme: theme, coverage: coverage, place: place, partner: partner, note: note,
                  source: source)
    }
}
