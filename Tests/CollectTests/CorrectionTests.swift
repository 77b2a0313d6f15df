import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// Withdraw and restore through the fake source: which version of a unit-month counts, the
/// refusals, the archive mirror, and rebuild replaying each correction where it was made.
@Suite struct CorrectionTests {
    static let march = Period(year: 2025, month: 3)!
    static let now = Date(timeIntervalSince1970: 1_768_442_400)   // 2026-01-15T02:00:00Z

    typealias Env = CollectorTests.Env

    static func corrector(_ env: Env) -> Corrector { Corrector(workspace: env.ws, ledger: env.ledger) }

    static func snapshot(_ env: Env) throws -> LedgerSnapshot {
        try env.ledger.snapshot(of: env.ws, through: Period(year: 2025, month: 12)!, today: CalendarDate(year: 2026, month: 1, day: 15)!)
    }

    /// Under a clock of whole seconds, which the ledger's times keep exactly.
    static func collect(_ env: Env, night: Int) throws {
        _ = try env.collector.run(now: { now.addingTimeInterval(Double(night) * 86_400) })
    }

    /// JD01 March: `a.txt` (2 activities), a night later `b.txt` (5), which supersedes it.
    static func twoVersions() throws -> Env {
        let env = try Env()
        try env.drop("a.txt", "unit=JD01 period=2025-03 n=2")
        try collect(env, night: 0)
        try env.drop("b.txt", "unit=JD01 period=2025-03 n=5")
        try collect(env, night: 1)
        return env
    }

    static func counting(_ env: Env) throws -> [String: SubmissionStatus] {
        Dictionary(try snapshot(env).files.all.map { ($0.fileName, $0.status) }, uniquingKeysWith: { a, _ in a })
    }

    /// The refusal's message, which must be a usage/data error (exit 2).
    static func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as JixiaoError {
            guard case .configuration(let message) = error else { return "not exit 2: \(error)" }
            return message
        } catch { return "\(error)" }
        return nil
    }

    @Test func withdrawingTheLatestBringsBackThePreviousThenTheMonthIsOwedAndRestoreUndoes() throws {
        let env = try Self.twoVersions()
        let first = try Self.corrector(env).withdraw("b.txt", reason: "单位来电：b 表填错", now: Self.now)
        #expect(first.line == "[撤回] JD01 2025-03 b.txt（原因：单位来电：b 表填错）：改为计入此前的 a.txt（活动 5 → 2 条）；运行 jixiao report 更新报表")
        var snap = try Self.snapshot(env)
        #expect(snap.activities.all.filter { $0.unitCode == "JD01" }.count == 2)
        #expect(snap.activities.all.allSatisfy { $0.source.file == "a.txt" })
        #expect(try Self.counting(env) == ["a.txt": .accepted, "b.txt": .withdrawn])
        #expect(snap.files.all.first { $0.fileName == "b.txt" }?.withdrawalReason == "单位来电：b 表填错")

        // The last version withdrawn too: nothing counts, the month is owed again (not 已退回).
        let second = try Self.corrector(env).withdraw("a.txt", reason: "也不对", now: Self.now.addingTimeInterval(60))
        #expect(second.correction.effect == "该月不再有计入的报送，重新算作未报")
        snap = try Self.snapshot(env)
        #expect(snap.activities.all.filter { $0.unitCode == "JD01" }.isEmpty)
        #expect(snap.acceptedPeriods["JD01"]?.contains(Self.march) != true)
        #expect(snap.rejectedPeriods["JD01"]?.contains(Self.march) != true)

        // Restoring b makes it count; a, withdrawn, stays so.
        let restored = try Self.corrector(env).restore("b.txt", reason: "", now: Self.now.addingTimeInterval(120))
        #expect(restored.correction.effect == "计入此版本（此前该月没有计入的报送）")
        #expect(try Self.counting(env) == ["a.txt": .withdrawn, "b.txt": .accepted])
        snap = try Self.snapshot(env)
        #expect(snap.activities.all.filter { $0.unitCode == "JD01" }.count == 5)
        #expect(snap.corrections.map(\.action) == [.restore, .withdraw, .withdraw], "newest first")
        #expect(snap.corrections.map(\.fileName) == ["b.txt", "a.txt", "b.txt"])
    }

    @Test func restoringAnEarlierVersionSupersedesTheCurrentOneAndALaterFileSupersedesIt() throws {
        let env = try Self.twoVersions()
        let outcome = try Self.corrector(env).restore("a.txt", reason: "b 是误发", now: Self.now)
        #expect(outcome.correction.effect == "计入此版本，替代 b.txt")
        #expect(try Self.counting(env) == ["a.txt": .accepted, "b.txt": .superseded])
        // Withdrawing a superseded version changes nothing that counts, but keeps it from coming back.
        let quiet = try Self.corrector(env).withdraw("b.txt", reason: "作废", now: Self.now)
        #expect(quiet.correction.effect == "它原本就不计入，计入的仍是 a.txt")
        try env.drop("c.txt", "unit=JD01 period=2025-03 n=7")
        _ = try env.collect()
        #expect(try Self.counting(env) == ["a.txt": .superseded, "b.txt": .withdrawn, "c.txt": .accepted])
        _ = try Self.corrector(env).withdraw("c.txt", reason: "重复计数", now: Self.now)
        #expect(try Self.counting(env) == ["a.txt": .accepted, "b.txt": .withdrawn, "c.txt": .withdrawn])
    }

    @Test func refusalsSayWhyAndChangeNothing() throws {
        let env = try Self.twoVersions()
        try env.drop("bad.txt", "unit=JD02 period=2025-03 error=1")
        try env.drop("again.txt", "unit=JD01 period=2025-03 n=5")   // the bytes of b.txt
        try env.drop("bundle.zip", "unit=JD01 period=2025-04 members=2")
        _ = try env.collect()
        let before = try Self.counting(env)
        let c = Self.corrector(env)

        #expect(Self.refusal { _ = try c.withdraw("b.txt", reason: "  ", now: Self.now) }?.contains("--reason 不能为空") == true)
        #expect(Self.refusal { _ = try c.withdraw("bad.txt", reason: "x", now: Self.now) }?.contains("是被退回的报送") == true)
        #expect(Self.refusal { _ = try c.restore("bad.txt", reason: "", now: Self.now) }?.contains("不能恢复计入") == true)
        #expect(Self.refusal { _ = try c.withdraw("again.txt", reason: "x", now: Self.now) }?.contains("与已收到的 b.txt 内容相同") == true)
        #expect(Self.refusal { _ = try c.restore("b.txt", reason: "", now: Self.now) }?.contains("就是 JD01 2025-03 现在计入的版本") == true)
        #expect(Self.refusal { _ = try c.withdraw("b.txtt", reason: "x", now: Self.now) }?.contains("是否为 b.txt？") == true)
        #expect(Self.refusal { _ = try c.withdraw("1a2b", reason: "x", now: Self.now) }?.contains("至少要写 8 位") == true)
        let noHash = Self.refusal { _ = try c.withdraw("00000000", reason: "x", now: Self.now) }
        #expect(noHash?.hasPrefix("台账中没有内容哈希以 00000000 开头的文件") == true, "\(noHash ?? "")")
        // A bundle's hash names both members: refused with each listed.
        let bundleHash = try #require(try env.ledger.correctableSubmissions().first { $0.receivedName == "bundle.zip" }?.hash)
        let ambiguous = Self.refusal { _ = try c.withdraw(String(bundleHash.prefix(10)), reason: "x", now: Self.now) }
        #expect(ambiguous?.contains("对应 2 份报送") == true, "\(ambiguous ?? "")")
        #expect(ambiguous?.contains("bundle.zip/成员1.xlsx") == true && ambiguous?.contains("bundle.zip/成员2.xlsx") == true)
        #expect(try Self.counting(env) == before)
        #expect(try env.ledger.storedCorrections().isEmpty)

        // By member name it is one; a second withdrawal is refused with the first one's reason.
        _ = try c.withdraw("bundle.zip/成员2.xlsx", reason: "报错单位", now: Self.now)
        let twice = Self.refusal { _ = try c.withdraw("成员2.xlsx", reason: "x", now: Self.now) }
        #expect(twice?.contains("已于 2026-01-15 撤回（原因：报错单位）") == true, "\(twice ?? "")")
    }

    @Test func eachCorrectionIsMirroredAndAMissingMirrorIsWrittenBackByTheNextCollect() throws {
        let env = try Self.twoVersions()
        _ = try Self.corrector(env).withdraw("b.txt", reason: "填错", now: Self.now)
        let archive = Archive(directory: env.ws.archiveURL)
        let mirrored = archive.allCorrections().corrections
        #expect(mirrored.map(\.submission) == ["b.txt"] && mirrored.first?.reason == "填错")
        #expect(ArchiveVerifier(workspace: env.ws).run().isClean)

        try FileManager.default.removeItem(at: archive.correctionsDirectory.appendingPathComponent("000001.json"))
        let report = ArchiveVerifier(workspace: env.ws).run()
        #expect(report.problems.contains { $0.contains("没有存档记录") }, "\(report.problems)")
        _ = try env.collect()
        #expect(archive.allCorrections().corrections == mirrored)
        #expect(ArchiveVerifier(workspace: env.ws).run().isClean)
    }

    /// A restore made between two runs is replayed there: replayed at the end instead, the
    /// third version would be superseded by the restored one.
    @Test func rebuildReplaysEachCorrectionWhereItWasMade() throws {
        let env = try Self.twoVersions()
        _ = try Self.corrector(env).restore("a.txt", reason: "b 误发", now: Self.now)
        try env.drop("c.txt", "unit=JD01 period=2025-03 n=7")
        try env.drop("d.txt", "unit=JD02 period=2025-03 n=1")
        try Self.collect(env, night: 2)
        _ = try Self.corrector(env).withdraw("d.txt", reason: "不是本单位", now: Self.now)
        let before = try Self.snapshot(env)
        #expect(try Self.counting(env) == ["a.txt": .superseded, "b.txt": .superseded, "c.txt": .accepted, "d.txt": .withdrawn])

        let summary = try Rebuilder(workspace: env.ws, source: CollectorTests.fakeSource).run(now: Self.now)
        #expect(summary.corrections == 2 && summary.line.contains("重做撤回和恢复 2 次"), "\(summary.line)")
        let ledger = try Ledger.open(at: env.ws.ledgerURL)
        let after = try ledger.snapshot(of: env.ws, through: Period(year: 2025, month: 12)!, today: CalendarDate(year: 2026, month: 1, day: 15)!)
        #expect(after.files.all == before.files.all)
        #expect(after.activities.all == before.activities.all)
        #expect(after.corrections == before.corrections)
        #expect(ArchiveVerifier(workspace: env.ws).run().isClean)
    }

    @Test func aCorrectionWhoseSubmissionIsNotInTheArchiveStopsTheRebuild() throws {
        let env = try Self.twoVersions()
        _ = try Self.corrector(env).withdraw("b.txt", reason: "填错", now: Self.now)
        let archive = Archive(directory: env.ws.archiveURL)
        var receipt = try #require(archive.allCorrections().corrections.first)
        receipt.submission = "别的.txt"
        try archive.addCorrection(receipt)
        #expect {
            _ = try Rebuilder(workspace: env.ws, source: CollectorTests.fakeSource).run(now: Self.now)
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains("找不到它所指的报送") && message.contains("000001.json")
        }
        #expect(try Self.counting(env)["b.txt"] == .withdrawn, "the ledger is left as it was")
    }
}
