/// 单位类型 in `units.csv`.
public enum UnitKind: String, Sendable, Codable, CaseIterable, Hashable {
    case district = "区科协"
    case street = "街道科协"
    case enterprise = "企业科协"
    case society = "学会"
    case school = "学校"
    case other = "其他"
}

/// One row of the registry of reporting units (单位名册, `units.csv`).
public struct ReportingUnit: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    /// 所属街道: what street coverage counts.
    public var street: String
    public var contact: String
    public var phone: String
    /// 应报起始月: first month the unit must report.
    public var firstPeriod: Period
    /// 停报月: last month it must report, if it stopped.
    public var lastPeriod: Period?

    public init(code: String, name: String, kind: UnitKind, street: String, contact: String,
                phone: String, firstPeriod: Period, lastPeriod: Period? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.street = street
        self.contact = contact
        self.phone = phone
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
    }

    /// The street its activities count for: the district office's own belong to none.
    public var coverageStreet: String { kind == .district ? "" : street }

    /// Whether a submission is due from this unit for `period`.
    public func isDue(_ period: Period) -> Bool {
        period >= firstPeriod && (lastPeriod.map { period <= $0 } ?? true)
    }
}

/// The department-wide settings every stage may need (from `jixiao.yaml`).
public struct DepartmentInfo: Sendable, Codable, Hashable {
    /// 部门（单位）名称, e.g. 武汉市东西湖区科学技术协会.
    public var department: String
    /// The evaluation year.
    public var year: Int
    /// 填报人 / 联系电话 printed in the footer of 指标表.
    public var preparer: String
    public var phone: String

    public init(department: String, year: Int, preparer: String = "", phone: String = "") {
        self.department = department
        self.year = year
        self.preparer = preparer
        self.phone = phone
    }
}
