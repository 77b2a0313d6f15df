/// Why a file could not be read at all. Each case says what the file is, in Chinese
/// (`message`), so a user can act on it.
public enum ReadError: Error, Hashable, Sendable {
    /// Neither XLSX, ZIP nor text.
    case notASpreadsheet
    /// An OLE2 container that holds no workbook jixiao can read.
    case legacyOrEncrypted
    /// A file that is something else (a Word document, a picture…), named by its content.
    case otherDocument(DocumentKind)
    /// A file of no bytes at all.
    case emptyFile
    /// An OPC package (it has `[Content_Types].xml` or `xl/` parts) without its workbook part.
    case brokenPackage
    /// A ZIP bundle with no member that could be a spreadsheet.
    case emptyBundle
    /// A workbook saved with an opening password (.xls with FILEPASS, or encrypted OOXML).
    case encryptedWorkbook
    /// An .xls from Excel 95 or earlier (BIFF5 and before): the version named.
    case oldExcelVersion(String)
    /// An OLE2 compound file or BIFF stream that is cut short or inconsistent.
    case damagedCompoundFile(String)
    /// A ZIP whose central directory or data is cut short or damaged.
    case truncatedArchive(String)
    /// A ZIP that is not an XLSX (no workbook part) where a workbook was expected.
    case missingPart(String)
    /// XML that is not well-formed, or uses a DTD / entity we refuse.
    case malformedXML(part: String, offset: Int, detail: String)
    /// A limit of `ReadLimits` was exceeded.
    case limitExceeded(limit: String, detail: String)
    /// A cell's text is longer than Excel allows (32,767 characters): the cell (`活动明细!J2`) is named.
    case cellTextTooLong(place: String, limit: Int)
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
            return "这是旧版 Office 格式的文件，但其中没有可读取的工作簿，请用 Excel 或 WPS 打开后“另存为” .xlsx 格式重新报送"
        case .otherDocument(.openDocumentSpreadsheet):
            return "这是\(DocumentKind.openDocumentSpreadsheet.name)，本系统不读取这种格式；\(DocumentKind.openDocumentSpreadsheet.advice)"
        case .otherDocument(let kind):
            return "这是\(kind.name)，不是电子表格；\(kind.advice)"
        case .brokenPackage:
            return "文件像是 xlsx 工作簿，但缺少工作簿部分（xl/workbook.xml），无法读取；请用 Excel 或 WPS 打开后重新保存"
        case .emptyBundle:
            return "压缩包中没有找到任何 xlsx、xls 或 csv 报表，请检查压缩包内容后重新报送"
        case .emptyFile:
            return "文件是空的（0 字节），可能在上传或复制时出错；请重新发送填好的报送表（.xlsx）"
        case .encryptedWorkbook:
            return "这个工作簿设置了打开密码，无法读取；请在 Excel 或 WPS 中取消打开密码后保存，再重新报送"
        case .oldExcelVersion(let version):
            return "这是\(version)保存的旧格式 .xls 文件，无法读取；请用 Excel 或 WPS 打开后“另存为” .xlsx 格式重新报送"
        case .damagedCompoundFile(let d):
            return ".xls 文件已损坏（\(d)），请用 Excel 或 WPS 打开后重新保存，或另存为 .xlsx 后重新报送"
        case .truncatedArchive(let d):
            return "文件不完整或已损坏（\(d)），请重新保存后再发送"
        case .missingPart(let p):
            return "文件缺少必要部分 \(p)，不是有效的 xlsx 工作簿，请用 Excel 或 WPS 重新保存"
        case .malformedXML(let part, let offset, let detail):
            return "文件内容格式错误（\(part) 第 \(offset) 字节：\(detail)），请用 Excel 或 WPS 打开后重新保存"
        case .limitExceeded(let limit, let detail):
            return "文件超出安全限制（\(limit)：\(detail)），已拒绝读取；如确为正常报表，请拆分后重新报送"
        case .cellTextTooLong(let place, let limit):
            return "单元格 \(place) 的文字超过 \(limit) 个字符（Excel 单元格的上限，超出的部分 Excel 也显示不出），无法完整读取；请删减这个单元格的内容后重新报送"
        case .undecodableText(let d):
            return "文本编码无法识别（\(d)），请在 Excel 中另存为“CSV UTF-8”或 .xlsx"
        case .noSuchSheet(let s):
            return "找不到工作表“\(s)”"
        case .noSuchMember(let m):
            return "压缩包中找不到文件“\(m)”"
        }
    }
}

/// What a file that is not a spreadsheet is, by its content.
public enum DocumentKind: String, Hashable, Sendable, CaseIterable {
    case word, legacyWord, powerPoint, legacyPowerPoint, openDocumentSpreadsheet, openDocumentText, pdf, image

    /// With the article a sentence needs: `这是Word 文档（.docx）`.
    public var name: String {
        switch self {
        case .word: return " Word 文档（.docx）"
        case .legacyWord: return " Word 文档（.doc）"
        case .powerPoint: return " PowerPoint 演示文稿（.pptx）"
        case .legacyPowerPoint: return " PowerPoint 演示文稿（.ppt）"
        case .openDocumentSpreadsheet: return " OpenDocument 电子表格（.ods）"
        case .openDocumentText: return " OpenDocument 文本文档（.odt）"
        case .pdf: return " PDF 文件"
        case .image: return "一张图片"
        }
    }

    /// What to send instead.
    public var advice: String {
        switch self {
        case .openDocumentSpreadsheet:
            return "请在 WPS 或 LibreOffice 中“另存为” .xlsx 格式后重新报送"
        case .pdf, .image:
            return "无法从中读取数据，请发送填好的报送表原文件（.xlsx）"
        default:
            return "请发送填好的报送表（.xlsx），说明材料不需要报送"
        }
    }
}
