import Foundation
import JixiaoWorkspace

/// The ledger's user-facing sentences.
enum LedgerMessages {
    // MARK:Workspace and configuration

    static func ledgerUnavailable(_ path: String, detail: String) -> String {
        "无法打开台账数据库 \(path)（\(detail)）；请检查磁盘空间和权限，不要手工修改该文件"
    }
}
