/// A place in the 月度报送表 as `jixiao template` lays it out. A return copy (退回修改) puts
/// each value a unit sent at its slot, so a problem found at a cell of the original file can
/// be shown where that value now sits, whatever layout the original had.
public enum TemplateSlot: Hashable, Sendable, Comparable {
    /// 基本信息: the value beside this label.
    case basicInfo(String)
    /// 活动明细: data row `row` (0 is the first row under the header) in `field`'s column.
    case activity(row: Int, ActivityField)
    /// 活动明细: the header cell of `field`.
    case activityHeader(ActivityField)
    /// 工作量: the 数量 of an item.
    case workloadQuantity(WorkloadItem)
    /// 工作量: the 说明 of an item.
    case workloadNote(WorkloadItem)
    /// 预算与满意度: the value beside this label.
    case district(String)
    /// 偏差原因: data row `row` (0 is the first row under the header) in `column`. Rows are the
    /// sheet's as drawn (indicators.yaml's 三级指标 in order), not the original file's.
    case deviation(row: Int, DeviationColumn)
    /// A sheet as a whole, when a problem belongs to no one cell.
    case sheet(String)

    /// The template sheet the slot is on.
    public var sheet: String {
        switch self {
        case .basicInfo: return SubmissionSchema.basicInfoSheet
        case .activity, .activityHeader: return SubmissionSchema.activitySheet
        case .workloadQuantity, .workloadNote: return SubmissionSchema.workloadSheet
        case .district: return SubmissionSchema.districtSheet
        case .deviation: return SubmissionSchema.deviationSheet
        case .sheet(let name): return name
        }
    }

    /// Sheet order, then top to bottom, left to right: the order the problems are listed in.
    public static func < (a: TemplateSlot, b: TemplateSlot) -> Bool {
        a.sortKey < b.sortKey
    }

    private var sortKey: SortKey {
        let sheets = [SubmissionSchema.basicInfoSheet, SubmissionSchema.activitySheet, SubmissionSchema.workloadSheet,
                      SubmissionSchema.districtSheet, SubmissionSchema.deviationSheet]
        let sheetIndex = sheets.firstIndex(of: sheet) ?? sheets.count
        switch self {
        case .basicInfo(let label):
            return SortKey(sheet: sheetIndex, row: SubmissionSchema.basicInfoFields.firstIndex { $0.label == label } ?? 99, column: 1)
        case .activityHeader(let f): return SortKey(sheet: sheetIndex, row: -1, column: f.rawValue)
        case .activity(let row, let f): return SortKey(sheet: sheetIndex, row: row, column: f.rawValue)
        case .workloadQuantity(let item):
            return SortKey(sheet: sheetIndex, row: WorkloadItem.allCases.firstIndex(of: item) ?? 99, column: 1)
        case .workloadNote(let item):
            return SortKey(sheet: sheetIndex, row: WorkloadItem.allCases.firstIndex(of: item) ?? 99, column: 2)
        case .district(let label):
            return SortKey(sheet: sheetIndex, row: SubmissionSchema.districtFields.firstIndex { $0.label == label } ?? 99, column: 1)
        case .deviation(let row, let column): return SortKey(sheet: sheetIndex, row: row, column: column.rawValue)
        case .sheet: return SortKey(sheet: sheetIndex, row: -2, column: 0)
        }
    }

    private struct SortKey: Comparable {
        var sheet: Int, row: Int, column: Int
        static func < (a: SortKey, b: SortKey) -> Bool { (a.sheet, a.row, a.column) < (b.sheet, b.row, b.column) }
    }
}

/// A cell's value as the unit sent it, to be written back unchanged: text stays text (so
/// `2025-13-05` is still there to be corrected), numbers keep their literal.
public enum SentValue: Hashable, Sendable {
    case text(String)
    /// A number as written in the file (`120`, `370.64`).
    case number(String)
    case date(CalendarDate)
    case boolean(Bool)

    /// As a person reads it.
    public var text: String {
        switch self {
        case .text(let s), .number(let s): return s
        case .date(let d): return d.description
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        }
    }
}
