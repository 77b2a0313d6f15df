/// Why a file could not be read at all. Each case says what the file is, in Chinese
/// (`message`), so a user can act on it.
public enum ReadError: Error, Hashable, Sendable {
    /// Neither XLSX, ZIP nor text.
    case notASpreadsheet
    /// An OLE2 container: an old .xls or a password-protected workbook.
    case legacyOrEncrypted
    /// A ZIP whose central directory or data is cut short or damaged.
    case truncatedArchive(String)
    /// A ZIP that is not an XLSX (no workbook part) where a workbook was expected.
    case missingPart(String)
    /// XML that is not well-formed, or uses a DTD / entity we refuse.
    case malformedXML(part: String, offset: Int, detail: String)
    /// A limit of `ReadLimits` was exceeded.
    case limitExceeded(limit: String, detail: String)
    /// Text that is not valid in any supported encoding.
    case undecodableText(String)
    /// A named sheet or archive member does not exist.
    case noSuchSheet(String)
    case noSuchMember(String)

    public var message: String {
        switch self {
        case .notASpreadsheet:
            return "不是电子表格文件（既不是 xlsx，也不是 csv 或 zip），请另存为 .xlsx 后重新报送"
        case .legacyOrEncrypted:
            return "这是旧版 .xls 文件或设置了打开密码的工作簿，请取消密码并“另存为” .xlsx 格式后重新报送"
        case .truncatedArchive(let d):
            return "文件不完整或已损坏（\(d)），请重新保存后再发送"
        case .missingPart(let p):
            return "文件缺少必要部分 \(p)，不是有效的 xlsx 工作簿，请用 Excel 或 WPS 重新保存"
        case .malformedXML(let part, let offset, let detail):
            return "文件内容格式错误（\(part) 第 \(offset) 字节：\(detail)），请用 Excel 或 WPS 打开后重新保存"
        case .limitExceeded(let limit, let detail):
            return "文件超出安全限制（\(limit)：\(detail)），已拒绝读取；如确为正常报表，请拆分后重新报送"
        case .undecodableText(let d):
            return "文本编码无法识别（\(d)），请在 Excel 中另存为“CSV UTF-8”或 .xlsx"
        case .noSuchSheet(let s):
            return "找不到工作表“\(s)”"
        case .noSuchMember(let m):
            return "压缩包中找不到文件“\(m)”"
        }
    }
}
