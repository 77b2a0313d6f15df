import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every user-facing sentence of collecting, in one place so they can be reviewed
/// together: what is wrong, then what to do.
enum CollectMessages {
    // MARK:Files and folders

    static func cannotRemove(_ path: String, _ code: Int32) -> String {
        "已入账但无法从 inbox 删除 \(path)（\(String(cString: strerror(code)))），请检查文件夹权限后手工删除；留在 inbox 中再次收集时会按重复文件跳过，不会重复计数"
    }

    static func cannotListInbox(_ path: String) -> String {
        DisplayText.escaped("无法读取收件文件夹 \(path)，请确认它存在且有读取权限（它是指向共享文件夹的符号链接时，请确认共享文件夹已挂载、链接没有指错）")
    }

    static func cannotRead(_ name: String, _ code: Int32) -> String {
        "无法读取文件 \(name)（\(reason(code))），未处理，仍留在 inbox 中；请检查文件权限"
    }

    static func noLongerRegular(_ name: String) -> String {
        "文件 \(name) 在收集时被换成了别的东西（不再是普通文件），未处理"
    }

    // MARK:Skipped entries (the text after `[跳过] 路径：`)

    static func cannotOpenFolder(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "文件夹在收集时已不在原处（被移走、改名或删除），其中的文件本次未收集"
        case ELOOP: return notARegularFile(S_IFLNK)
        default: return "无法打开这个文件夹（\(reason(code))），其中的文件都未收集，仍留在原处；请检查文件夹权限"
        }
    }

    static func folderReadFailed(_ code: Int32) -> String {
        "读取这个文件夹时出错（\(reason(code))），其中的文件可能未全部收集，未收集的仍留在原处"
    }

    static func entryVanished(_ code: Int32) -> String {
        code == ENOENT ? "收集时已不在原处（被移走、改名或删除），本次未收集" : "无法查看（\(reason(code))），未收集，仍留在原处"
    }

    static func folderTooDeep(_ limit: Int) -> String {
        "文件夹嵌套超过 \(limit) 层，其中的文件未收集，仍留在原处；请把报送文件移到层数较少的文件夹中"
    }

    static func notARegularFile(_ type: mode_t) -> String {
        switch type {
        case S_IFLNK: return "符号链接，未跟随；请把文件本身（而不是指向它的链接）放进 inbox/"
        case S_IFIFO: return "命名管道，不是报送文件，未处理；请把它从 inbox/ 中移走"
        case S_IFSOCK: return "套接字，不是报送文件，未处理；请把它从 inbox/ 中移走"
        case S_IFCHR, S_IFBLK: return "设备文件，不是报送文件，未处理；请把它从 inbox/ 中移走"
        default: return "不是普通文件，未处理；请把它从 inbox/ 中移走"
        }
    }

    /// The system's reason, in Chinese for the ones an office will meet.
    static func reason(_ code: Int32) -> String { WorkspaceMessages.reason(code) }

    static func cannotWriteArchive(_ path: String, detail: String) -> String {
        "无法写入存档 \(path)（\(detail)），请检查磁盘空间和文件夹权限；文件仍留在 inbox 中，下次运行再处理"
    }

    static func fileTooLarge(_ name: String, bytes: Int, limit: Int) -> String {
        "文件 \(name) 有 \(bytes >> 20) MB，超过 \(limit >> 20) MB 的上限，未处理，仍留在 inbox 中；请确认它是否为报送表"
    }

    // MARK:Submissions

    static func duplicateFile(of original: String, receivedAt: String) -> String {
        "与 \(receivedAt.prefix(10)) 已收到的文件“\(original)”内容完全相同，按重复文件跳过，不重复计数"
    }

    static let noSubmissionInFile = "文件中没有可读取的报送表，请检查是否发错了文件"



    // MARK:Run output

    /// A name or a value from a file cannot break the line or pass for another one.
    static func logLine(_ e: CollectEvent) -> String {
        DisplayText.escaped(unescapedLogLine(e))
    }

    /// The local day a file came in: what the clerk remembers it by.
    static func receivedDay(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day())
    }

    private static func unescapedLogLine(_ e: CollectEvent) -> String {
        let who = [e.unitCode, e.period?.description].compactMap { $0 }.joined(separator: " ")
        let head = who.isEmpty ? e.fileName : "\(who) \(e.fileName)"
        switch e.kind {
        case .accepted:
            var notes: [String] = []
            if e.warnings > 0 { notes.append("\(e.warnings) 条警告") }
            if let r = e.replaced {
                notes.append("替代 \(receivedDay(r.receivedAt)) 收到的 \(r.fileName)，活动 \(r.activities) → \(e.activities) 条")
            }
            return "[接收] \(head)" + (notes.isEmpty ? "" : "（\(notes.joined(separator: "，"))）")
        case .rejected:
            let first = e.firstError.map { d in
                let at = d.location.isEmpty ? "" : "\(d.location) "
                return "：\(at)\(d.message)"
            } ?? ""
            let more = e.errors > 1 ? "（共 \(e.errors) 个错误）" : ""
            return "[退回] \(head)\(first)\(more)"
        case .duplicate:
            return "[重复] \(head)（与已收到的 \(e.detail ?? "") 相同）"
        case .failed:
            return "[失败] \(e.fileName)：\(e.detail ?? "")"
        case .keptInInbox:
            return "[保留] \(e.fileName)：收集时文件仍在被写入（复制或下载未完成），已保留在 inbox/，下次运行再收集完整文件"
        case .skipped:
            return "[跳过] \(e.fileName)：\(e.detail ?? "")"
        }
    }

    static func summaryLine(_ s: CollectSummary) -> String {
        // A ZIP bundle is one file but several submissions: say so, or the counts look wrong.
        let submissions = s.accepted + s.rejected + s.duplicates
        let received = submissions == s.files ? "收到 \(s.files) 个文件" : "收到 \(s.files) 个文件（含 \(submissions) 份报送）"
        var parts = [received, "接收 \(s.accepted) 份", "退回 \(s.rejected) 份", "重复 \(s.duplicates) 份"]
        if s.resubmissions > 0 { parts.append("其中更正重报 \(s.resubmissions) 份") }
        if s.keptInInbox > 0 { parts.append("\(s.keptInInbox) 个文件仍在写入、留待下次") }
        if s.warnings > 0 { parts.append("警告 \(s.warnings) 条") }
        if s.failed > 0 { parts.append("\(s.failed) 个文件处理失败，仍在 inbox 中") }
        if s.skipped > 0 { parts.append("\(s.skipped) 项无法收集，见日志") }
        if s.archiveProblems > 0 { parts.append("存档副本缺失或不完整 \(s.archiveProblems) 个，请运行 jixiao verify") }
        if let failure = s.backupFailure { parts.append(failure) }
        return "第 \(s.runID) 次收集：" + parts.joined(separator: "，")
    }

    // MARK:Progress

    static func progress(_ done: Int, of total: Int) -> String { "收集中 \(done)/\(total)" }

    // MARK: Rebuild and verify

    static func receiptsUnreadable(_ names: [String]) -> String {
        "存档中有 \(names.count) 个收件记录无法读取（\(names.prefix(5).joined(separator: "、"))），无法可靠地重建台账；请从 backups/ 恢复最近的台账备份，或找回这些文件后重试"
    }

    static let archiveWithoutReceipts = "archive/ 中有文件，但没有收件记录（archive/receipts/），无法知道原来的文件名和收件顺序，不能重建；请从 backups/ 恢复最近的台账备份"

    static let archiveEmpty = "archive/ 中没有任何已收文件，无需重建；新的工作目录直接运行 jixiao collect 即可"

    static func rebuildFailed(_ detail: String) -> String {
        "重建台账失败（\(detail)），原台账未改动；请检查磁盘空间和权限后重试"
    }

    static func archiveCopyMissing(_ copy: String, _ name: String) -> String {
        "存档副本 archive/\(copy)（原文件 \(name)）不见了或无法读取：重建已停止，原台账未改动；请找回该文件，或从 backups/ 恢复台账"
    }

    static func archiveCopyAltered(_ copy: String, _ name: String) -> String {
        "存档副本 archive/\(copy)（原文件 \(name)）的内容已被改动，与收件时的哈希不符：重建已停止，原台账未改动；请找回原文件，或从 backups/ 恢复台账"
    }

    static func rebuildSummary(_ s: RebuildSummary) -> String {
        let kept = s.keptLedger.map { "；原台账已保存为 \($0)" } ?? ""
        let corrections = s.corrections > 0 ? "，重做撤回和恢复 \(s.corrections) 次" : ""
        return "已从 archive/ 重建台账：\(s.files) 个文件（\(s.runs) 次收集），接收 \(s.accepted) 份，退回 \(s.rejected) 份，重复 \(s.duplicates) 份\(corrections)\(kept)"
    }

    static func verifyReceiptUnreadable(_ name: String) -> String { "收件记录 archive/\(name) 无法读取" }

    static func verifyCopyMissing(_ copy: String, _ name: String) -> String {
        "存档副本 archive/\(copy)（原文件 \(name)）不见了"
    }

    static func verifyCopyAltered(_ copy: String, _ name: String) -> String {
        "存档副本 archive/\(copy)（原文件 \(name)）的内容与收件时不同（哈希不符），已被改动或损坏"
    }

    static func verifyLedgerMissing(_ root: String) -> String {
        "台账 ledger.sqlite 不见了：请运行 jixiao rebuild --workspace \(root) 从存档重建"
    }

    static func verifyNoReceipt(_ name: String, id: Int64) -> String {
        "台账中的第 \(id) 个文件 \(name) 在存档中没有收件记录"
    }

    static func verifyReceiptDiffers(_ name: String, id: Int64) -> String {
        "台账中的第 \(id) 个文件 \(name) 与存档中的收件记录不一致"
    }

    static func verifyNotInLedger(_ name: String, id: Int64) -> String {
        "存档中的收件记录（第 \(id) 个文件 \(name)）在台账中没有：台账可能丢失了数据，请运行 jixiao rebuild"
    }

    static func verifySummary(_ r: VerifyReport) -> String {
        r.isClean
            ? "核对完毕：存档副本 \(r.copies) 个、台账文件 \(r.ledgerFiles) 个，全部完好、一致"
            : "核对发现 \(r.problems.count) 个问题（存档副本 \(r.copies) 个、台账文件 \(r.ledgerFiles) 个）："
    }
}
