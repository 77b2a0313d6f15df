import Foundation

/// Why a file operation failed (an `errno`), as an office user would say it; the system's
/// own English text only for the rare rest.
public enum SystemError {
    public static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "没有权限"
        case ENOENT: return "不存在"
        case EIO: return "磁盘读写出错"
        case EISDIR: return "这是一个文件夹，不是文件"
        case ENOTDIR: return "路径中有一段是文件而不是文件夹"
        case EROFS: return "所在磁盘是只读的"
        case ENOSPC, EDQUOT: return "磁盘空间不足"
        default: return String(cString: strerror(code))
        }
    }
}
