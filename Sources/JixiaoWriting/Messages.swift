import CXlsxWriter
import Foundation

/// Every user-facing error of the writing stage, in one place for review.
enum Messages {
    static func cannotCreateDirectory(_ path: String, _ error: Error) -> String {
        "无法创建输出目录 \(path)：\(error.localizedDescription)。请检查路径是否正确、是否有写入权限。"
    }

    static func cannotCreateWorkbook(_ path: String) -> String {
        "无法创建工作簿 \(path)。请检查输出目录是否存在、是否有写入权限、磁盘是否已满。"
    }

    static func cannotAddSheet(_ sheet: String, _ file: String) -> String {
        "无法在 \(file) 中添加工作表“\(sheet)”。"
    }

    static func libraryFailure(_ file: String, _ error: lxw_error) -> String {
        let detail = String(cString: lxw_strerror(error))
        return "写入 \(file) 失败（\(detail)）。请检查磁盘空间和目录写入权限后重试；若文件正在 Excel/WPS 中打开，请先关闭。"
    }

    static func cannotRename(_ path: String, _ reason: String) -> String {
        "无法保存 \(path)（\(reason)）。若该文件正在 Excel/WPS 中打开，请先关闭后重试。"
    }
}
