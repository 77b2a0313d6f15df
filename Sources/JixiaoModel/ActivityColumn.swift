/// The columns a 活动明细 row can be filtered on: the row's own (`ActivityField`s marked
/// filterable), its unit's 单位代码, 单位类型 and 所属街道 from the registry, and the month
/// it was reported for.
public enum ActivityColumn: Sendable, Hashable {
    case unitCode, unitKind, street, month
    case field(ActivityField)

    public static let allCases: [ActivityColumn] = [.unitCode, .unitKind, .street]
        + ActivityField.allCases.filter(\.spec.filterable).map(ActivityColumn.field) + [.month]

    public init?(name: String) {
        guard let column = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = column
    }

    /// As written in indicators.yaml.
    public var name: String {
        switch self {
        case .unitCode: return "单位代码"
        case .unitKind: return "单位类型"
        case .street: return "所属街道"
        case .month: return "月份"
        case .field(let f): return f.spec.header
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .month: return true
        case .unitCode, .unitKind, .street: return false
        case .field(let f):
            if case .integer = f.spec.kind { return true }
            return false
        }
    }

    /// The values an enumerated column may take; nil for free text and numbers.
    public var allowedValues: [String]? {
        switch self {
        case .unitKind: return UnitKind.allCases.map(\.rawValue)
        case .unitCode, .street, .month: return nil
        case .field(let f):
            if case .choice(let values) = f.spec.kind { return values }
            return nil
        }
    }
}

