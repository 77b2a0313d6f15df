import Foundation
import JixiaoWorkspace

/// The ledger's user-facing sentences.
enum LedgerMessages {
    // MARK:Workspace and configuration

    static func ledgerUnavailable(_ path: String, detail: String) -> String {
        "无法打开台账数据库 \(path)（\(detail)）；请检查磁盘空间和权限，不要手工修改该文件"
    }

    static func undecodableRow(table: String, id: Int64?, column: String?, value: String?) -> String {
        let at = [id.map { "第 \($0) 行" }, column.map { "“\($0)”列" }].compactMap { $0 }.joined()
        let seen = value.map { "（存的是 \($0)）" } ?? ""
        return "台账 ledger.sqlite 的 \(table) 表\(at)无法解读\(seen)：台账可能被手工改动或已损坏，为免报表少计，本次不生成报表。请从备份恢复 ledger.sqlite，不要手工修改该文件"
    }
}
