import JixiaoModel
import JixiaoReading

/// Every problem the submission stage can report. The severity, the stable code stored in
/// the ledger and the Chinese message shown to users are all defined here, in one place,
/// so the wording can be reviewed together.
public enum SubmissionIssue: Sendable, Hashable {
    // The file as a whole.
    case unreadable(String)
    case notASpreadsheetMember
    /// A member that is no spreadsheet and was not named like one (a cover letter, a photo): what it is.
    case ignoredMember(String)
    case emptyBundle
    case sheetMissing(String)
    case workloadSheetMissing
    case sheetRecognisedByHeader(expected: String)
    case sheetHidden
    case headerNotFound(expected: [String])
    case columnMissing(String)
    case extraColumn(String)
    case duplicateColumn(String)

    // Rows and cells.
    case rowHidden
    case mergedValueRepeated(range: String)
    case mergedCountKeptOnce(range: String)
    case formulaWithoutValue
    case embeddedPicture
    case cellErrorValue
    case totalRowSkipped
    case requiredEmpty(String)

    // Numbers.
    case notAnInteger(String)
    case negativeCount(String)
    case fractionalCount(String)
    case numberTooLarge(String)
    case approximateNumber(String, Int)

    // Dates and months.
    case invalidDate(String)
    case dateYearFromPeriod(String, CalendarDate)
    case dateFromSerial(String, CalendarDate)
    case dateOutsidePeriod(String, Period)
    /// Most dated rows lie in `other`, not in the 报送月份 the file claims.
    case periodMismatch(claimed: Period, dated: Int, inOther: Int, other: Period)
    case invalidFilledOnDate

    // Choices.
    case unknownChoice(String, allowed: [String])
    case choiceGuessed(String, String)

    // Activities.
    case duplicateActivity(firstRow: Int)

    // Unit and period.
    case unitMissing
    /// `nearest`: the registry unit the code was most likely meant to be, when there is one.
    case unitUnknown(nearest: ReportingUnit? = nil)
    case unitNameMismatch(registered: String)
    case unitNotDue(unitName: String, Period)
    case periodMissing
    case periodInvalid
    case periodWrongYear(Int)
    case csvUnitMissing
    case csvPeriodMissing
    case csvColumnInconsistent(String, first: String)

    // 工作量.
    case unknownWorkloadItem
    case duplicateWorkloadItem(firstRow: Int)

    // 预算与满意度.
    case districtSheetFromOtherUnit
    case invalidMoney(String)
    case moneyInYuan(String)
    case negativeMoney(String)
    case moneyRounded(String, String)
    case satisfiedExceedsValid

    // 偏差原因.
    case deviationSheetFromOtherUnit
    /// A 三级指标 indicators.yaml does not have: the one name it is most likely meant to be, or
    /// every name when none stands out.
    case deviationUnknownIndicator(suggestion: String?, known: [String])
    case deviationDuplicateIndicator(firstRow: Int)
    case deviationReasonNotText
    case deviationReasonTooLong(length: Int)

    // Whether the file says anything
    case emptySubmission(csv: Bool)
    case zeroReportWithActivities(Int)
    /// 基本支出 + 项目支出 is not 全年执行数: (sum, executed).
    case expenditureSplitMismatch(String, String)
}

extension SubmissionIssue {
    public var severity: Severity {
        switch self {
        case .workloadSheetMissing, .sheetRecognisedByHeader, .sheetHidden, .extraColumn, .duplicateColumn,
             .rowHidden, .mergedValueRepeated, .mergedCountKeptOnce, .embeddedPicture, .totalRowSkipped,
             .approximateNumber, .dateYearFromPeriod, .dateFromSerial, .dateOutsidePeriod, .invalidFilledOnDate,
             .choiceGuessed, .duplicateActivity, .unitNameMismatch, .unitNotDue, .duplicateWorkloadItem,
             .unknownWorkloadItem, .districtSheetFromOtherUnit, .moneyRounded, .ignoredMember, .deviationSheetFromOtherUnit:
            return .warning
        case .unreadable, .notASpreadsheetMember, .emptyBundle, .sheetMissing, .headerNotFound, .columnMissing,
             .formulaWithoutValue, .cellErrorValue, .requiredEmpty, .notAnInteger, .negativeCount, .fractionalCount,
             .numberTooLarge, .invalidDate, .unknownChoice, .unitMissing, .unitUnknown, .periodMissing, .periodInvalid,
             .periodWrongYear, .periodMismatch, .csvUnitMissing, .csvPeriodMissing, .csvColumnInconsistent, .invalidMoney, .moneyInYuan,
             .negativeMoney, .satisfiedExceedsValid, .emptySubmission, .zeroReportWithActivities, .expenditureSplitMismatch,
             .deviationUnknownIndicator, .deviationDuplicateIndicator, .deviationReasonNotText, .deviationReasonTooLong:
            return .error
        }
    }

    /// Stable, machine-readable: stored in the ledger and used by tests.
    public var code: String {
        switch self {
        case .unreadable: return "file.unreadable"
        case .notASpreadsheetMember: return "file.notSpreadsheet"
        case .ignoredMember: return "file.ignored"
        case .emptyBundle: return "file.emptyBundle"
        case .sheetMissing: return "sheet.missing"
        case .workloadSheetMissing: return "sheet.workloadMissing"
        case .sheetRecognisedByHeader: return "sheet.renamed"
        case .sheetHidden: return "sheet.hidden"
        case .headerNotFound: return "header.notFound"
        case .columnMissing: return "header.missingColumn"
        case .extraColumn: return "header.extraColumn"
        case .duplicateColumn: return "header.duplicateColumn"
        case .rowHidden: return "row.hidden"
        case .mergedValueRepeated: return "cell.mergedRepeated"
        case .mergedCountKeptOnce: return "cell.mergedCount"
        case .formulaWithoutValue: return "cell.formulaWithoutValue"
        case .embeddedPicture: return "cell.picture"
        case .cellErrorValue: return "cell.errorValue"
        case .totalRowSkipped: return "row.totalSkipped"
        case .requiredEmpty: return "value.required"
        case .notAnInteger: return "number.invalid"
        case .negativeCount: return "number.negative"
        case .fractionalCount: return "number.fraction"
        case .numberTooLarge: return "number.tooLarge"
        case .approximateNumber: return "number.approximate"
        case .invalidDate: return "date.invalid"
        case .dateYearFromPeriod: return "date.yearFromPeriod"
        case .dateFromSerial: return "date.fromSerial"
        case .dateOutsidePeriod: return "date.outsidePeriod"
        case .invalidFilledOnDate: return "info.filledOnInvalid"
        case .unknownChoice: return "choice.unknown"
        case .choiceGuessed: return "choice.guessed"
        case .duplicateActivity: return "activity.duplicate"
        case .unitMissing: return "unit.missing"
        case .unitUnknown: return "unit.unknown"
        case .unitNameMismatch: return "unit.nameMismatch"
        case .unitNotDue: return "unit.notDue"
        case .periodMissing: return "period.missing"
        case .periodInvalid: return "period.invalid"
        case .periodWrongYear: return "period.wrongYear"
        case .periodMismatch: return "period.mismatch"
        case .csvUnitMissing: return "csv.unitMissing"
        case .csvPeriodMissing: return "csv.periodMissing"
        case .csvColumnInconsistent: return "csv.inconsistent"
        case .unknownWorkloadItem: return "workload.unknownItem"
        case .duplicateWorkloadItem: return "workload.duplicateItem"
        case .districtSheetFromOtherUnit: return "district.otherUnit"
        case .invalidMoney: return "money.invalid"
        case .moneyInYuan: return "money.yuan"
        case .negativeMoney: return "money.negative"
        case .moneyRounded: return "money.rounded"
        case .satisfiedExceedsValid: return "district.satisfiedExceedsValid"
        case .emptySubmission: return "submission.empty"
        case .zeroReportWithActivities: return "submission.zeroReportWithActivities"
        case .expenditureSplitMismatch: return "district.expenditureSplitMismatch"
        case .deviationSheetFromOtherUnit: return "deviation.otherUnit"
        case .deviationUnknownIndicator: return "deviation.unknownIndicator"
        case .deviationDuplicateIndicator: return "deviation.duplicateIndicator"
        case .deviationReasonNotText: return "deviation.notText"
        case .deviationReasonTooLong: return "deviation.tooLong"
        }
    }

    /// Plain Chinese: what is wrong and what to do. `value` is the value seen, when any.
    public func message(value: String?) -> String {
        let v = value ?? ""
        switch self {
        case .unreadable(let reason):
            return "文件无法读取：\(reason)"
        case .notASpreadsheetMember:
            return "压缩包中的这个文件名为报表，但内容不是 xlsx、xls 或 csv 报表，未计入；请另存为 .xlsx 后重新报送"
        case .ignoredMember(let what):
            return "压缩包中的这个文件是\(what)，不是报表，已忽略（不影响包中其他报表）"
        case .emptyBundle:
            return ReadError.emptyBundle.message
        case .sheetMissing(let name):
            return "找不到工作表“\(name)”，请使用区科协下发的报送模板填写"
        case .workloadSheetMissing:
            return "找不到工作表“\(SubmissionSchema.workloadSheet)”，本月工作量按 0 计；如有工作量请补上该表"
        case .sheetRecognisedByHeader(let expected):
            return "工作表名称不是“\(expected)”，已按表头内容识别为“\(expected)”；请不要修改模板中的工作表名称"
        case .sheetHidden:
            return "工作表被隐藏，其内容仍会读取；如不应报送，请删除该工作表"
        case .headerNotFound(let expected):
            return "在表格前 \(TableLayout.headerSearchRows) 行中找不到表头（应含 \(expected.joined(separator: "、"))），请使用报送模板的表头"
        case .columnMissing(let header):
            return "缺少“\(header)”列，请按模板补上该列并填写"
        case .extraColumn(let header):
            return "“\(header)”不是模板中的列，该列内容已忽略"
        case .duplicateColumn(let header):
            return "“\(header)”列出现了不止一次，只读取第一列，请删除重复的列"
        case .rowHidden:
            return "这一行被隐藏了，仍已计入；如不应报送，请删除该行而不是隐藏"
        case .mergedValueRepeated(let range):
            return "合并单元格 \(range) 的内容“\(v)”已用于其覆盖的每一行；建议取消合并并逐行填写"
        case .mergedCountKeptOnce(let range):
            return "合并单元格 \(range) 中的人数“\(v)”只计入第一行，其余行按 0 计；请取消合并并按每场活动分别填写人数"
        case .formulaWithoutValue:
            return "这个单元格是公式但没有保存计算结果（“\(v)”），请在 Excel 或 WPS 中打开、确认结果后重新保存，或直接填写数值"
        case .embeddedPicture:
            return "单元格中嵌入了图片（WPS 单元格图片），图片不会被读取，已按空白处理"
        case .cellErrorValue:
            return "单元格显示错误值“\(v)”，请改正公式或直接填写数值"
        case .totalRowSkipped:
            return "合计行不是一项活动，已忽略；请不要在活动明细中填写合计"
        case .requiredEmpty(let field):
            return "“\(field)”未填写，请补充"
        case .notAnInteger(let field):
            return "\(field)“\(v)”不是有效的数字，请填写整数，如 120"
        case .negativeCount(let field):
            return "\(field)“\(v)”不能为负数，请填写 0 或正整数"
        case .fractionalCount(let field):
            return "\(field)“\(v)”不是整数，请填写整数"
        case .numberTooLarge(let field):
            return "\(field)“\(v)”数值过大，请核对后填写"
        case .approximateNumber(let field, let n):
            return "\(field)“\(v)”是约数，已按 \(n) 计；请填写准确的数字"
        case .invalidDate(let field):
            return "\(field)“\(v)”不是有效日期，请填写如 2025-03-05 的日期"
        case .dateYearFromPeriod(let field, let date):
            return "\(field)“\(v)”没有写年份，已按报送月份理解为 \(date)；请核对并填写完整日期，如 \(date)"
        case .dateFromSerial(let field, let date):
            return "\(field)“\(v)”是数字，已按 Excel 日期序号理解为 \(date)；请核对并把单元格设置为日期格式"
        case .dateOutsidePeriod(let field, let period):
            return "\(field)“\(v)”不在报送月份 \(period.chineseDescription) 内，请核对日期或报送月份"
        case .invalidFilledOnDate:
            return "填报日期“\(v)”不是有效日期，已忽略；请填写如 2025-04-03 的日期"
        case .unknownChoice(let field, let allowed):
            return "\(field)“\(v)”不在可选范围内，请从下拉列表中选择：\(allowed.joined(separator: "、"))"
        case .choiceGuessed(let field, let chosen):
            return "\(field)“\(v)”不是标准选项，已按“\(chosen)”处理；请从下拉列表中选择"
        case .duplicateActivity(let firstRow):
            return "与第 \(firstRow) 行的活动名称、日期和地点完全相同，可能重复填写，请核对"
        case .unitMissing:
            return "未填写单位代码，请按单位名册填写，如 JD01"
        case .unitUnknown(let nearest):
            let guess = nearest.map { "是否为 \($0.code)（\($0.name)）？" } ?? ""
            return "单位代码“\(v)”不在单位名册中，\(guess)请核对代码；如为新单位，请先联系区科协加入名册"
        case .unitNameMismatch(let registered):
            return "单位名称“\(v)”与名册中该代码的名称“\(registered)”不一致，请核对单位代码"
        case .unitNotDue(let unitName, let period):
            return "\(unitName) 在 \(period.chineseDescription) 不在应报期内（名册中的应报起始月/停报月），数据仍予接收，请核对名册"
        case .periodMissing:
            return "未填写报送月份，请填写如 2025-03 的月份"
        case .periodInvalid:
            return "报送月份“\(v)”无法识别，请填写如 2025-03 或 2025年3月 的月份"
        case .periodWrongYear(let year):
            return "报送月份“\(v)”不在 \(year) 年度内，请核对报送月份"
        case .periodMismatch(let claimed, let dated, let inOther, let other):
            return "报送月份填的是 \(claimed)，但 \(dated) 条活动中有 \(inOther) 条日期在 \(other)，请核对报送月份或活动日期"
        case .csvUnitMissing:
            return "CSV 文件中没有“单位代码”列，文件名也不是“单位代码_年-月.csv”的形式（如 JD01_2025-03.csv），请改名或加上该列"
        case .csvPeriodMissing:
            return "CSV 文件中没有“报送月份”列，文件名中也找不到月份（如 JD01_2025-03.csv），请改名或加上该列"
        case .csvColumnInconsistent(let field, let first):
            return "\(field)“\(v)”与前面各行的“\(first)”不一致，一个文件只能报送一个单位一个月份"
        case .unknownWorkloadItem:
            return "工作量项目“\(v)”不是模板中的项目，已忽略；请使用模板中的项目名称"
        case .duplicateWorkloadItem(let firstRow):
            return "工作量项目“\(v)”与第 \(firstRow) 行重复，已合计；请每个项目只填一行"
        case .districtSheetFromOtherUnit:
            return "“\(SubmissionSchema.districtSheet)”只由区科协（\(SubmissionSchema.districtUnitCode)）填写，本单位的该表已忽略"
        case .invalidMoney(let field):
            return "\(field)“\(v)”不是有效金额，请填写以万元为单位的数字，保留两位小数，如 370.64"
        case .moneyInYuan(let field):
            return "\(field)“\(v)”以“元”为单位，请换算为万元填写，如 370.64"
        case .negativeMoney(let field):
            return "\(field)“\(v)”不能为负数，请填写 0 或正数（万元）"
        case .moneyRounded(let field, let rounded):
            return "\(field)“\(v)”超过两位小数，已四舍五入为 \(rounded) 万元；请按两位小数填写"
        case .satisfiedExceedsValid:
            return "满意及以上问卷数“\(v)”大于有效问卷数，请核对"
        case .emptySubmission(csv: true):
            return "文件中没有任何活动（空表），不能算作报送；本月确实没有活动，请用报送模板报送，在基本信息“\(SubmissionSchema.zeroReportLabel)”中选“是”"
        case .emptySubmission(csv: false):
            return "活动明细和工作量都是空的（空表），不能算作报送；本月确实没有活动，请在“\(SubmissionSchema.zeroReportLabel)”中选“是”，有活动请填写活动明细后重新报送"
        case .zeroReportWithActivities(let count):
            return "“\(SubmissionSchema.zeroReportLabel)”选了“是”，但活动明细中有 \(count) 条活动；有活动请改选“否”，确实没有活动请删去活动明细中的行"
        case .expenditureSplitMismatch(let sum, let executed):
            return "基本支出与项目支出之和为 \(sum) 万元（项目支出填的是“\(v)”），与全年执行数 \(executed) 万元不一致；请按决算数核对这三项"
        case .deviationSheetFromOtherUnit:
            return "“\(SubmissionSchema.deviationSheet)”只由区科协（\(SubmissionSchema.districtUnitCode)）填写，本单位的该表已忽略"
        case .deviationUnknownIndicator(let suggestion, let known):
            let names = suggestion.map { "是否为“\($0)”？" } ?? "指标体系中的三级指标有：\(known.joined(separator: "、"))。"
            return "三级指标“\(v)”不在指标体系（indicators.yaml）中，这一行的偏差原因对应不到指标；\(names)"
                + "请按报送表中原有的指标名称填写，不要改动“三级指标”一栏"
        case .deviationDuplicateIndicator(let firstRow):
            return "三级指标“\(v)”与第 \(firstRow) 行重复，同一指标只能写一行偏差原因；请把两行的内容合并到一行，删去另一行"
        case .deviationReasonNotText:
            return "偏差原因“\(v)”不是文字，请写明偏差原因分析及改进措施，如“部分项目年末尚未结算，下一步将加强预算执行进度管理”"
        case .deviationReasonTooLong(let length):
            return "偏差原因有 \(length) 个字，超过 \(SubmissionSchema.deviationReasonMaxLength) 个字，指标表中印不下；"
                + "请精简到 \(SubmissionSchema.deviationReasonMaxLength) 个字以内，详细的分析可写入自评报告"
        }
    }
}
