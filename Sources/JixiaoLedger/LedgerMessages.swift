import Foundation
import GRDB
import JixiaoWorkspace

/// The ledger's user-facing sentences.
package enum LedgerMessages {
    // MARK:Workspace and configuration

    static func ledgerUnmergedInReadOnlyFolder(_ path: String) -> String {
        "台账 \(path) 还有写在 -wal 文件中、尚未并入台账的内容，而它所在的文件夹不可写，无法读到完整的台账；请在可写的工作目录中运行一次 jixiao status（或把整个工作目录复制到可写的位置）后再看"
    }

    /// What went wrong, in words for the disk-full and permission cases a clerk can act on.
    static func reason(_ error: any Error) -> String {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_FULL: return "磁盘已满"
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return "无法写入：没有写入权限或文件夹不可写；\(e)"
            default: break
            }
        }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileWriteOutOfSpace: return "磁盘已满"
            case .fileWriteNoPermission, .fileReadNoPermission, .fileWriteVolumeReadOnly: return "没有写入权限或文件夹不可写"
            case .fileWriteFileExists: return "那里已有同名的文件，不是文件夹"
            default: break
            }
        }
        return String(describing: error)
    }

    static func ledgerUnavailable(_ path: String, detail: String) -> String {
        "无法打开台账数据库 \(path)（\(detail)）；请检查磁盘空间和权限，不要手工修改该文件"
    }

    static func undecodableRow(table: String, id: Int64?, column: String?, value: String?) -> String {
        let at = [id.map { "第 \($0) 行" }, column.map { "“\($0)”列" }].compactMap { $0 }.joined()
        let seen = value.map { "（存的是 \($0)）" } ?? ""
        return "台账 ledger.sqlite 的 \(table) 表\(at)无法解读\(seen)：台账可能被手工改动或已损坏，为免报表少计，本次不生成报表。请从备份恢复 ledger.sqlite，不要手工修改该文件"
    }

    /// What a report reads pass by pass, in `listingUnreadable`.
    enum Listed {
        static let records = "活动记录"
        static let workload = "工作量"
        static let files = "文件记录"
    }

    static func listingUnreadable(_ listed: String, _ detail: String) -> String {
        "读取台账 ledger.sqlite 中的\(listed)时出错（\(detail)）：为免报表少计，本次不生成报表，out/ 中仍是上次的报表。请检查磁盘和权限后重试，必要时从备份恢复 ledger.sqlite"
    }

    static func ledgerMissing(_ root: String) -> String {
        "台账 ledger.sqlite 不见了，但 archive/ 中有已收到的文件：为免写出全是 0 分、全部未报的报表，本次不运行，inbox/ 和 out/ 均未改动。请运行 jixiao rebuild --workspace \(root) 从存档重建台账（也可把 backups/ 中最近的备份复制为 ledger.sqlite）"
    }

    static func ledgerDamaged(_ root: String, detail: String) -> String {
        "台账 ledger.sqlite 已损坏（\(detail)）：本次不运行，inbox/ 和 out/ 均未改动。请运行 jixiao rebuild --workspace \(root) 从存档重建台账，或把 backups/ 中最近的备份复制为 ledger.sqlite"
    }

    static func ledgerFromNewerVersion(_ path: String) -> String {
        "台账 \(path) 是由更新版本的 jixiao 写入的，本版本无法确定能否正确读写：本次不运行。请使用写入它的 jixiao 版本（或更新版本）"
    }

    static func backupFailed(_ folder: String, detail: String) -> String {
        "收集已完成，但无法在 \(folder) 中保存台账备份（\(detail)）；请检查磁盘空间和权限"
    }

    /// A failed ledger write in words: a full disk is the common case and says what to do.
    package static func writeFailed(_ error: Error) -> String {
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_FULL {
            return "磁盘已满，无法写入台账；文件仍留在 inbox 中，腾出空间后再次运行即可"
        }
        return "无法写入台账（\(error)）；文件仍留在 inbox 中，下次运行再处理"
    }
}
