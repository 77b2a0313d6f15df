/// The Chinese details that go inside `ReadError` messages, kept together for review.
enum ReadMessages {
    static func zipOpenFailed(code: Int) -> String { "压缩结构无法打开，错误码 \(code)" }
    static let zipEndMissing = "找不到压缩包目录，文件可能只传了一半"
    static let zipDirectoryDamaged = "压缩包目录已损坏"
    static func duplicateMember(_ name: String) -> String { "压缩包里有两个同名的“\(name)”，无法确定应读取哪一个" }
    static func memberUnreadable(_ name: String, code: Int) -> String { "“\(name)”无法解压，错误码 \(code)" }

    static let limitEntries = "压缩包内文件数"
    static let limitEntrySize = "单个文件解压后大小"
    static let limitTotalSize = "解压后总大小"
    static let limitRatio = "压缩比"
    static let limitCells = "单个工作表单元格数"
    static let limitCellText = "单元格文字长度"
    static let limitDepth = "XML 嵌套层数"
    static func entriesDetail(_ count: Int, _ max: Int) -> String { "共 \(count) 个，上限 \(max) 个" }
    static func bytesDetail(_ name: String, _ max: Int) -> String { "“\(name)”超过 \(max) 字节" }
    static func ratioDetail(_ name: String, _ max: Int) -> String { "“\(name)”压缩比超过 \(max) 倍，疑似压缩炸弹" }
    static func cellsDetail(_ sheet: String, _ max: Int) -> String { "工作表“\(sheet)”超过 \(max) 个单元格" }
    static func depthDetail(_ max: Int) -> String { "超过 \(max) 层" }

    static func invalidAfterBOM(_ encoding: String) -> String { "文件开头标明 \(encoding)，但内容不是合法的 \(encoding)" }
    static let notUTF8OrGB18030 = "既不是 UTF-8，也不是 GBK/GB18030"

    // XML well-formedness details (part and byte offset are added by ReadError).
    static let xmlDTD = "含 DTD 声明（<!DOCTYPE），出于安全原因拒绝"
    static let xmlUnexpectedEnd = "内容意外结束"
    static func xmlUnclosed(_ name: String) -> String { "元素 <\(name)> 未闭合" }
    static func xmlMismatchedEnd(_ name: String) -> String { "结束标签 </\(name)> 与开始标签不匹配" }
    static let xmlBadTag = "标签写法错误"
    static let xmlBadAttribute = "属性写法错误"
    static let xmlBadEntity = "未知或错误的实体引用（只允许 &lt; &gt; &amp; &quot; &apos; 和 &#数字;）"
    static let xmlTextOutsideRoot = "根元素之外有文字"
    static let xmlNoRoot = "没有根元素"
    static let xmlSecondRoot = "有多个根元素"
    static let xmlBadComment = "注释写法错误"
    static let xmlBadEncoding = "不是 UTF-8 或 UTF-16 编码"

    static let badSharedStringIndex = "共享字符串序号超出范围"
    static let badCellReference = "单元格地址错误"

    // Compound-file (.xls) and BIFF details.
    static let cfbHeaderShort = "文件头不完整"
    static let cfbHeaderInvalid = "文件头的格式参数不正确"
    static let cfbClaimTooLarge = "文件声明的大小超过了文件实际的长度"
    static let cfbSectorOutOfRange = "内部扇区编号超出文件范围"
    static let cfbChainLoop = "内部扇区链出现循环"
    static let cfbTruncated = "文件被截断，数据不完整"
    static let cfbNoDirectory = "找不到文件目录"
    static let biffNoBOF = "工作簿数据流开头不正确"
    static let biffNoEOF = "工作簿数据流没有正常结束"
    static let biffRecordCut = "记录超出数据流末尾"
    static let biffStringCut = "文字数据不完整"
    static func biffSheetMissing(_ sheet: String) -> String { "找不到工作表“\(sheet)”的数据" }
    static func biffBadStringIndex(_ place: String) -> String { "\(place) 的共享字符串序号超出范围" }
    static func biffDuplicateCell(_ place: String) -> String { "\(place) 出现了两次，无法确定应取哪个值" }
    static func sharedString(_ index: Int) -> String { "共享字符串第 \(index + 1) 项" }
    static let excel95 = " Excel 5.0/95 "
    static let excel4 = " Excel 4.0 或更早版本"
}
