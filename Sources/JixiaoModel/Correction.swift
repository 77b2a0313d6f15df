import Foundation

/// A withdrawal or restoration of an accepted submission, as the ledger keeps it: which one,
/// when, why, and which version of the unit-month counted afterwards.
public struct Correction: Sendable, Codable, Hashable {
    public enum Action: String, Sendable, Codable, Hashable {
        case withdraw
        case restore

        /// 撤回 / 恢复.
        public var label: String {
            switch self {
            case .withdraw: return "撤回"
            case .restore: return "恢复"
            }
        }
    }

    public var madeAt: Date
    public var action: Action
    public var unitCode: String
    public var period: Period
    /// The submission withdrawn or restored, as received (ZIP members as `bundle.zip/成员.xlsx`).
    public var fileName: String
    public var reason: String
    /// The version that counted for the unit-month just before.
    public var countedBefore: String?
    /// Whether the submission itself was the one counting just before.
    public var wasCounting: Bool
    /// The version that counts for the unit-month just after; nil when none does.
    public var countsAfter: String?

    public init(madeAt: Date, action: Action, unitCode: String, period: Period, fileName: String, reason: String,
                countedBefore: String?, wasCounting: Bool, countsAfter: String?) {
        self.madeAt = madeAt
        self.action = action
        self.unitCode = unitCode
        self.period = period
        self.fileName = fileName
        self.reason = reason
        self.countedBefore = countedBefore
        self.wasCounting = wasCounting
        self.countsAfter = countsAfter
    }

    /// What it changed for the unit-month, in words: the 结果 of 校验报告 and of the log line.
    public var effect: String {
        switch action {
        case .withdraw:
            if !wasCounting { return "它原本就不计入" + (countsAfter.map { "，计入的仍是 \($0)" } ?? "") }
            guard let countsAfter else { return "该月不再有计入的报送，重新算作未报" }
            return "改为计入此前的 \(countsAfter)"
        case .restore:
            guard let countedBefore else { return "计入此版本（此前该月没有计入的报送）" }
            return "计入此版本，替代 \(countedBefore)"
        }
    }
}
