import Foundation
import JixiaoLedger
import JixiaoModel
import JixiaoWorkspace

/// Every user-facing sentence of collecting, in one place so they can be reviewed
/// together: what is wrong, then what to do.
enum CollectMessages {
    // MARK:Files and folders

    static func cannotRemove(_ path: String, _ code: Int32) -> String {
        "已入账但无法从 inbox 删除 \(path)（\(String(cString: strerror(code)))），请检查文件夹权限后手工删除；留在 inbox 中再次收集时会按重复文件跳过，不会重复计数"
    }

    static func cannotListInbox(_ path: String) -> String {
        "无法读取收件文件夹 \(path)，请确认它存在且有读取权限"
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

    private static func unescapedLogLine(_ e: CollectEvent) -> String {
        let who = [e.unitCode, e.period?.description].compactMap { $0 }.joined(separator: " ")
        let head = who.isEmpty ? e.fileName : "\(who) \(e.fileName)"
        switch e.kind {
        case .accepted:
            var notes: [String] = []
            if e.warnings > 0 { notes.append("\(e.warnings) 条警告") }
            if e.supersededEarlier { notes.append("替代此前报送") }
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
        return "第 \(s.runID) 次收集：" + parts.joined(separator: "，")
    }

    // MARK:Progress

    static func progress(_ done: Int, of total: Int) -> String { "收集中 \(done)/\(total)" }
}
