import CXlsxWriter
import Foundation
import JixiaoModel

/// Every user-facing error of the writing stage, in one place for review.
enum WritingMessages {
    /// The title of an indicator's continuation sheet in 佐证材料.
    static func evidenceContinued(_ indicator: String) -> String {
        "佐证材料：\(indicator)（续上表）"
    }

    /// 执行率 when 全年预算数 is 0.
    static let rateNotComputable = "无法计算"

    static func cannotCreateDirectory(_ path: String, _ code: Int32) -> String {
        "无法创建输出文件夹 \(path)（\(SystemError.reason(code))）。请检查路径是否正确、运行 jixiao 的用户是否有写入权限。"
    }

    static func cannotWriteInFolder(_ folder: String, file: String, _ code: Int32) -> String {
        "无法在文件夹 \(folder) 中写入 \(file)（\(SystemError.reason(code))）。请检查这个文件夹是否可写（权限、只读磁盘、磁盘空间）后重试。"
    }

    static func cannotCreateWorkbook(_ path: String) -> String {
        "无法创建工作簿 \(path)。请检查输出目录是否存在、是否有写入权限、磁盘是否已满。"
    }

    static func cannotAddSheet(_ sheet: String, _ file: String) -> String {
        "无法在 \(file) 中添加工作表“\(sheet)”。"
    }

    static func libraryFailure(_ file: String, folder: String? = nil, _ error: lxw_error) -> String {
        if error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE {
            // Not the disk: the table outgrew what a sheet holds, which the writers are meant to prevent.
            return "写入 \(file) 失败：表格超出了 Excel 工作表的上限（1,048,576 行、16,384 列），没有写出不完整的文件。"
                + "这是 jixiao 本身的问题，与磁盘和权限无关；请把这条提示和运行的命令发给维护者。"
        }
        let detail: String
        switch error {
        case LXW_ERROR_CREATING_XLSX_FILE: detail = "无法创建文件"
        case LXW_ERROR_CREATING_TMPFILE: detail = "无法创建临时文件"
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE, LXW_ERROR_ZIP_INTERNAL_ERROR:
            detail = "写入文件内容时出错，常见原因是磁盘已满"
        case LXW_ERROR_MEMORY_MALLOC_FAILED: detail = "内存不足"
        default: detail = String(cString: lxw_strerror(error))
        }
        let place = folder.map { "（文件夹 \($0)）" } ?? ""
        return "写入 \(file)\(place)失败（\(detail)）。请检查磁盘空间和目录写入权限后重试；若文件正在 Excel/WPS 中打开，请先关闭。"
    }

    static func documentFailure(_ file: String, _ detail: String) -> String {
        "写入 \(file) 失败（\(detail)）。请检查磁盘空间和内存后重试。"
    }

    static func cannotRename(_ path: String, _ code: Int32) -> String {
        "无法保存 \(path)（\(SystemError.reason(code))）。若该文件正在 Excel/WPS 中打开，请先关闭后重试。"
    }

    /// 佐证材料: what the listed records are drawn from.
    static func evidenceScope(_ period: Period) -> String {
        "\(period.year)年1月至\(period.chineseDescription)已接收、未被更正替代的报送（与指标表计分所用的数据相同）"
    }
    /// 偏差原因 as 指标表 prints it, with the cell of QU00's sheet it came from, or indicators.yaml.
    static func evidenceDeviation(_ reason: String, from source: SourceRef?) -> String {
        guard let source else { return reason + "\n（取自 indicators.yaml）" }
        return reason + "\n（取自 \(source.file) 的 \(source.location)）"
    }
    /// A qualitative indicator, or one whose district figures have not come yet.
    static let evidenceNone = "没有从报送中计入的记录或数据。"
    static let cellNotKept = "（台账中未记单元格，运行 jixiao rebuild 可补上）"
}

/// The 填报说明 sheet of the blank template: what sub-unit staff read before filling in.
enum Guide {
    static func intro(period: Period) -> [String] {
        [
            "1. 本表为\(period.chineseDescription)（\(period)）月度报送表，每个单位每月报送一份；请勿修改工作表名称和第一行表头，也不要增加、删除或调换列。",
            "2. “基本信息”中的单位代码、单位名称、报送月份已预先填好（通用模板需自行填写），请补充填报人、联系电话和填报日期。",
            "3. “活动明细”每行填写一场活动；带下拉箭头的列请从下拉列表中选择，不要手工输入其他写法。",
            "4. 日期请填写为日期（如 \(period.year)-\(period.month)-5），不要写成“\(period.month)月5日”“\(period.month).5”等文字；人数只填阿拉伯数字，不要带“人”“约”“余”等字。",
            "5. “工作量”只填写本月新增的数量，没有的填 0 或留空；请勿合并单元格。",
            "6. 填好后按原文件格式（xlsx）保存并报送；也可以报送只含“活动明细”表格的 CSV 文件，文件名为“单位代码_\(period).csv”。",
        ]
    }

    static let headers = ["工作表", "栏目", "是否必填", "填写要求（允许的值）", "示例", "常见错误"]

    /// Guidance for 基本信息's labels (活动明细's columns carry theirs in `ActivityField`):
    /// requirement, example and the mistakes seen most often.
    struct Entry {
        var requirement: String
        var example: String
        var mistakes: String
    }

    static func entry(for column: String, period: Period) -> Entry? {
        let day = "\(period.year)-\(period.month < 10 ? "0" : "")\(period.month)-05"
        switch column {
        case "单位代码": return Entry(requirement: "单位名册中的代码", example: "JD01", mistakes: "填写单位简称；代码前后多空格")
        case "单位名称": return Entry(requirement: "单位全称，与单位名册一致", example: "吴家山街道科协", mistakes: "使用简称或旧名称")
        case "报送月份": return Entry(requirement: "报送的年月", example: period.description, mistakes: "填成报送当天的日期；年份写错")
        case "填报人": return Entry(requirement: "填表人姓名", example: "张三", mistakes: "")
        case "联系电话": return Entry(requirement: "手机或座机号码", example: "13800000000", mistakes: "号码位数不全")
        case "填报日期": return Entry(requirement: "日期", example: day, mistakes: "写成文字日期")
        case SubmissionSchema.zeroReportLabel:
            return Entry(requirement: "本月确实没有任何活动时选“是”（零报告），有活动选“否”或不填", example: "否",
                         mistakes: "有活动却选“是”；没有活动又不选“是”，报来空表会被退回")
        default: return nil
        }
    }

    static let choiceRequirement = "从下拉列表选择："
    static let choiceMistake = "手工输入列表以外的写法；在值前后加空格"
    static let workloadRequirement = "本月新增数量，整数，大于等于 0；没有填 0"
    static let workloadMistake = "填累计数；带单位文字"
    static let districtNote = "仅区科协（QU00）填写"
    static let moneyRequirement = "万元，保留两位小数"
    static let countRequirement = "整数（份）"
    static let textRequirement = "文字"
    static let moneyExample = "381.71"
    static let countExample = "200"
    static let moneyMistake = "带“万元”字样；按元填写（应为万元）"
    static let countMistake = "带“份”字；满意份数大于有效问卷数"
    static let textMistake = "写在其他单元格或合并单元格"
    static let required = "必填"
    static let optional = "选填"
    static let deviationRequirement = "得分低于分值的指标写偏差原因分析及改进措施，印在指标表和自评报告中；"
        + "不填的按 indicators.yaml 中的偏差原因。不超过 \(SubmissionSchema.deviationReasonMaxLength) 字"
    static let deviationExample = "部分项目按实施进度结算，年末尚未支付完毕。下一步将加强预算执行进度管理。"
    static let deviationMistake = "改动“三级指标”一栏的名称；同一指标写两行"
    static let deviationHint = "得分低于分值的指标填写偏差原因分析及改进措施（不超过 \(SubmissionSchema.deviationReasonMaxLength) 字）；"
        + "不填的按 indicators.yaml 中的偏差原因。请勿改动三级指标一栏。"
    static let deviationTooLong = "偏差原因不超过 \(SubmissionSchema.deviationReasonMaxLength) 个字，请精简；详细的分析可写入自评报告。"

    static func columnHint(required: Bool, hint: String) -> String {
        "\(required ? Guide.required : Guide.optional)。\(hint)"
    }

    static let workloadQuantityHint = "填写本月新增数量（整数，没有填 0）"
    static let integerError = "请填写大于等于 0 的整数，不要带单位或文字。"
    static let decimalError = "请填写大于等于 0 的数字（万元）。"
    static func dateWarning(_ period: Period) -> String {
        "活动日期不在 \(period.chineseDescription) 之内，请核对；确属本月报送可继续。"
    }
    static let choiceError = "请从下拉列表中选择。"
}
