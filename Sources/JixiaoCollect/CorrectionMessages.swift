import Foundation
import JixiaoLedger
import JixiaoModel

/// The sentences of `withdraw` and `restore`: what was done or why not, then what to do.
enum CorrectionMessages {
    static let reasonRequired = "--reason 不能为空：请写明撤回的原因（如 --reason \"单位来电：报送月份填错\"），原因记入台账并列在校验报告中"

    static let targetRequired = "请指定要撤回或恢复的文件：按日志或校验报告“文件”表中的写法写文件名，或写内容哈希的前 8 位以上"

    /// `looksLikeHash`: nil when `typed` is not hex digits, else whether it is long enough to be a hash prefix.
    static func unknown(_ typed: String, suggestions: [String], looksLikeHash: Bool?) -> String {
        var text: String
        switch looksLikeHash {
        case true?: text = "台账中没有内容哈希以 \(typed) 开头的文件，也没有名为“\(typed)”的报送文件"
        case false?: text = "台账中没有名为“\(typed)”的报送文件（按内容哈希指定时至少要写 \(CorrectionTarget.shortestHashPrefix) 位）"
        case nil: text = "台账中没有名为“\(typed)”的报送文件"
        }
        if suggestions.count == 1, let only = suggestions.first {
            text += "。是否为 \(only)？"
        } else if !suggestions.isEmpty {
            // Five are enough to see the pattern; the rest are counted, not listed.
            text += "。名字中含“\(typed)”的有：" + suggestions.prefix(5).joined(separator: "、")
                + (suggestions.count > 5 ? " 等 \(suggestions.count) 份；请写出完整的文件名" : "")
        } else {
            text += "。请按日志或校验报告“文件”表中的写法写文件名（如 2025-05/JD03_慈惠街道科协_2025-05.xlsx），或写内容哈希的前 8 位以上"
        }
        return DisplayText.escaped(text)
    }

    static func ambiguous(_ typed: String, _ candidates: [CorrectableSubmission]) -> String {
        let lines = candidates.map { "  \(describe($0))" }
        return DisplayText.escaped("“\(typed)”对应 \(candidates.count) 份报送，请改用能区分它们的文件名或更长的内容哈希：\n"
            + lines.joined(separator: "\n"))
    }

    /// `2025-05/JD03.xlsx（2025-06-03 收到，已接收，哈希 1a2b3c4d5e6f）`
    static func describe(_ s: CorrectableSubmission) -> String {
        "\(s.name)（\(CollectMessages.receivedDay(s.receivedAt)) 收到，\(s.status.label)，哈希 \(s.hash.prefix(12))）"
    }

    static func refused(_ action: Correction.Action, _ s: CorrectableSubmission, _ refusal: CorrectionRefusal) -> String {
        let text: String
        switch (refusal, action) {
        case (.rejected, .withdraw):
            text = "\(s.name) 是被退回的报送（有错误，从未计入），没有可撤回的；请让单位改正后重新报送"
        case (.rejected, .restore):
            text = "\(s.name) 是被退回的报送（有错误），不能恢复计入；请让单位改正后重新报送"
        case (.duplicate(let original), _):
            let with = original.map { "与已收到的 \($0) 内容相同，" } ?? ""
            text = "\(s.name) \(with)是重复文件，本身从不计入；要\(action.label)请指定原文件" + (original.map { " \($0)" } ?? "")
        case (.alreadyWithdrawn(let at, let reason), _):
            text = "\(s.name) 已于 \(CollectMessages.receivedDay(at)) 撤回（原因：\(reason)），不能再撤回；要让它重新计入请用 jixiao restore"
        case (.alreadyCounting, _):
            text = "\(s.name) 就是 \(s.unitCode ?? "") \(s.period?.description ?? "") 现在计入的版本，无需恢复"
        }
        return DisplayText.escaped(text)
    }

    static func mirrorFailed(_ applied: AppliedCorrection, detail: String) -> String {
        "已在台账中\(applied.action.label) \(applied.submission.name)，但未能写入存档 archive/receipts/corrections/（\(detail)）；"
            + "请检查 archive/ 的磁盘空间和权限，下次运行 jixiao withdraw、restore 或 collect 时会先补写"
    }

    /// `[撤回] JD03 2025-05 文件（原因：…）：改为计入此前的 …（活动 2 → 3 条）；运行 jixiao report 更新报表`
    static func logLine(_ o: CorrectionOutcome) -> String {
        let c = o.correction
        let reason = c.reason.isEmpty ? "" : "（原因：\(c.reason)）"
        let counts: String
        switch o.activities {
        case (let before?, let after?): counts = "（活动 \(before) → \(after) 条）"
        case (let before?, nil): counts = "（活动 \(before) → 0 条）"
        case (nil, let after?): counts = "（活动 0 → \(after) 条）"
        case (nil, nil): counts = ""
        }
        return DisplayText.escaped("[\(c.action.label)] \(c.unitCode) \(c.period) \(c.fileName)\(reason)：\(c.effect)\(counts)；运行 jixiao report 更新报表")
    }

    // MARK: Rebuild and verify

    static func replayUnmatched(_ r: CorrectionReceipt) -> String {
        "存档中的更正记录 archive/receipts/corrections/\(Archive.correctionFileName(r.id))（\(r.action.label) \(r.submission)）"
            + "找不到它所指的报送（第 \(r.file) 个文件），不能重建；请从 backups/ 恢复最近的台账备份"
    }

    static func replayRefused(_ r: CorrectionReceipt, _ refusal: CorrectionRefusal) -> String {
        "存档中的更正记录 archive/receipts/corrections/\(Archive.correctionFileName(r.id))（\(r.action.label) \(r.submission)）"
            + "与重建出的台账不符（那时它\(state(refusal))），不能重建；请从 backups/ 恢复最近的台账备份"
    }

    private static func state(_ refusal: CorrectionRefusal) -> String {
        switch refusal {
        case .rejected: return "是被退回的报送"
        case .duplicate: return "是重复文件"
        case .alreadyWithdrawn: return "已经撤回"
        case .alreadyCounting: return "已经在计入"
        }
    }

    static func verifyCorrectionNotArchived(_ c: StoredCorrection) -> String {
        "台账中的第 \(c.id) 条更正（\(c.action.label) \(c.submissionName)）没有存档记录 archive/receipts/corrections/\(Archive.correctionFileName(c.id))；"
            + "运行一次 jixiao collect 即可补写"
    }

    static func verifyCorrectionDiffers(_ c: StoredCorrection) -> String {
        "台账中的第 \(c.id) 条更正（\(c.action.label) \(c.submissionName)）与存档记录 archive/receipts/corrections/\(Archive.correctionFileName(c.id)) 不符"
    }

    static func verifyCorrectionNotInLedger(_ r: CorrectionReceipt) -> String {
        "存档记录 archive/receipts/corrections/\(Archive.correctionFileName(r.id))（\(r.action.label) \(r.submission)）不在台账中；"
            + "台账可能是从较早的备份恢复的，请运行 jixiao rebuild"
    }
}
