/// The submission template (月度报送表) in one place: the validator reads submissions
/// against it and the template writer draws blank workbooks from it.
public enum SubmissionSchema {
    public static let basicInfoSheet = "基本信息"
    public static let activitySheet = "活动明细"
    public static let workloadSheet = "工作量"
    public static let districtSheet = "预算与满意度"
    /// QU00's 偏差原因分析及改进措施 per 三级指标, printed in 指标表 instead of indicators.yaml's.
    public static let deviationSheet = "偏差原因"
    public static let instructionsSheet = "填报说明"
    /// The first sheet of a return copy (退回修改), listing what to correct; ignored when read.
    public static let returnNotesSheet = "修改说明"

    /// The unit whose submission carries 预算与满意度.
    public static let districtUnitCode = "QU00"

    /// 基本信息: label in column A, value in column B.
    public static let basicInfoFields: [FieldSpec] = [
        FieldSpec(label: "单位代码", kind: .text, required: true, hint: "单位名册中的代码，如 JD01"),
        FieldSpec(label: "单位名称", kind: .text, required: true, hint: "单位全称"),
        FieldSpec(label: "报送月份", kind: .period, required: true, hint: "如 2025-03、2025年3月"),
        FieldSpec(label: "填报人", kind: .text, required: false, hint: "填表人姓名"),
        FieldSpec(label: "联系电话", kind: .text, required: false, hint: "手机或座机"),
        FieldSpec(label: "填报日期", kind: .date, required: false, hint: "如 2025-04-03"),
        FieldSpec(label: zeroReportLabel, kind: .choice(["是", "否"]), required: false,
                  hint: "本月确实没有任何活动时选“是”，活动明细和工作量留空；有活动选“否”或留空"),
    ]

    /// 基本信息's declaration that the month had no activities: without it a submission with
    /// nothing in it is an untouched template (空表), not a report.
    public static let zeroReportLabel = "本月无活动（零报告）"

    /// 活动明细: one row per activity, header on row 1; its columns are `ActivityField`'s.
    public static let activityColumns: [ActivityFieldSpec] = ActivityField.allCases.map(\.spec)

    /// 工作量: 项目 / 数量 / 说明, one row per item.
    public static let workloadHeaders = ["项目", "数量", "说明"]
    public static let workloadItems = WorkloadItem.allCases

    /// 预算与满意度: label in column A, value in column B (QU00 only).
    public static let districtFields: [FieldSpec] = [
        FieldSpec(label: "年初预算数", kind: .money, required: true, hint: "万元，两位小数"),
        FieldSpec(label: "追加数", kind: .money, required: true, hint: "万元，两位小数，无则填 0"),
        FieldSpec(label: "调减数", kind: .money, required: true, hint: "万元，两位小数，无则填 0"),
        FieldSpec(label: "全年执行数", kind: .money, required: true, hint: "万元，两位小数"),
        FieldSpec(label: "满意度调查有效问卷数", kind: .integer, required: true, hint: "份"),
        FieldSpec(label: "满意及以上问卷数", kind: .integer, required: true, hint: "份"),
        FieldSpec(label: "年度总体目标", kind: .text, required: false, hint: "文字"),
        FieldSpec(label: "实际完成情况", kind: .text, required: false, hint: "文字"),
        // The 决算 figures the self-evaluation report quotes, after the fields of old so the
        // rows a submission already has keep their places.
        FieldSpec(label: "决算收入合计", kind: .money, required: false, hint: "万元，两位小数，自评报告用，可不填"),
        FieldSpec(label: "财政拨款收入", kind: .money, required: false, hint: "万元，两位小数，自评报告用，可不填"),
        FieldSpec(label: "上年结转", kind: .money, required: false, hint: "万元，两位小数，自评报告用，可不填"),
        FieldSpec(label: "基本支出", kind: .money, required: false, hint: "万元，决算数，自评报告用，可不填"),
        FieldSpec(label: "项目支出", kind: .money, required: false, hint: "万元，决算数，自评报告用，可不填"),
    ]

    /// 偏差原因: one row per 三级指标 of indicators.yaml, header on row 1; its columns are `DeviationColumn`'s.
    public static let deviationHeaders = DeviationColumn.allCases.map(\.header)
    /// A reason longer than this would not print in 指标表's cell: a page of text per indicator
    /// is a report, which belongs in 自评报告, not in the table.
    public static let deviationReasonMaxLength = 500
}

/// The columns of 偏差原因, in template order. Only 三级指标 and the reason are read; 一级指标
/// and 分值 are printed so the office sees which row is which.
public enum DeviationColumn: Int, CaseIterable, Sendable, Hashable {
    case level1
    case indicator
    case weight
    case reason

    public var header: String {
        switch self {
        case .level1: return "一级指标"
        case .indicator: return "三级指标"
        case .weight: return "分值"
        case .reason: return "偏差原因分析及改进措施"
        }
    }
}

public enum ValueKind: Sendable, Hashable {
    case text
    case integer
    case money
    case date
    case period
    case choice([String])
}

/// A label/value field of a form sheet.
public struct FieldSpec: Sendable, Hashable {
    public var label: String
    public var kind: ValueKind
    public var required: Bool
    public var hint: String

    public init(label: String, kind: ValueKind, required: Bool, hint: String) {
        self.label = label
        self.kind = kind
        self.required = required
        self.hint = hint
    }
}
