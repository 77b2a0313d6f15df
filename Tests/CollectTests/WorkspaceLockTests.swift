import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoReport
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// The lock file never damages what is planted at its path.
@Suite struct LockFileTests {
    @Test func aSymlinkAtTheLockPathIsRefusedAndItsTargetKept() throws {
        let ws = try TestSupport.workspace()
        let target = TestSupport.scratch().appendingPathComponent("重要.txt")
        try TestSupport.write("不能被清空的内容\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: ws.lockPath, withDestinationPath: target.path)
        #expect {
            _ = try WorkspaceLock.acquire(ws)
        } throws: { error in
            guard let error = error as? JixiaoError else { return false }
            return error.exitCode == 1 && error.message.contains("符号链接")
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "不能被清空的内容\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.lockPath) == target.path)
    }

    @Test func aLockFileWithAnotherNameIsLockedButNotWritten() throws {
        let ws = try TestSupport.workspace()
        let other = ws.root.appendingPathComponent("别人的文件.txt")
        try TestSupport.write("硬链接指向的内容，比进程号长得多\n", to: other)
        #expect(link(other.path, ws.lockPath) == 0)
        let lock = try WorkspaceLock.acquire(ws)
        #expect(try String(contentsOf: other, encoding: .utf8) == "硬链接指向的内容，比进程号长得多\n")
        #expect(throws: JixiaoError.self) { _ = try RunLock(path: ws.lockPath) }
        withExtendedLifetime(lock) {}
    }

    @Test func thePidReplacesALongerOneWithoutLeftovers() throws {
        let ws = try TestSupport.workspace()
        try TestSupport.write("99999999999999\n", to: URL(fileURLWithPath: ws.lockPath))
        let lock = try WorkspaceLock.acquire(ws)
        #expect(try String(contentsOfFile: ws.lockPath, encoding: .utf8) == "\(getpid())\n")
        withExtendedLifetime(lock) {}
    }
}

/// out/ holds one report's four workbooks or the previous report's, never a mix.
@Suite struct OutputSetTests {
    static let december = Period(year: 2025, month: 12)!
    static let today = CalendarDate(year: 2026, month: 1, day: 15)!

    static func contents(_ urls: [URL]) throws -> [Data] { try urls.map { try Data(contentsOf: $0) } }

    static func hiddenFiles(_ ws: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path).filter { $0.hasPrefix(".") }.sorted()
    }

    @Test func leftoverTemporariesAreRemovedAndNothingElse() throws {
        let ws = try TestSupport.workspace()
        let id = { UUID().uuidString }
        let leftovers = [".指标表.xlsx.\(id()).tmp", "..汇总表.xlsx.\(id()).tmp.\(id()).tmp", ".tmp-.jixiao-replace-\(id())"]
        let kept = [".指标表.xlsx.tmp-1", ".我的表.xlsx.\(id()).tmp", ".催报清单.xlsx.abc.tmp", "草稿.tmp",
                    ".jixiao-replace.bak", "指标表.xlsx"]
        for name in leftovers + kept { try TestSupport.write(name, to: ws.outURL.appendingPathComponent(name)) }
        let lock = try WorkspaceLock.acquire(ws)
        let left = try FileManager.default.contentsOfDirectory(atPath: ws.outURL.path)
        #expect(Set(left) == Set(kept))
        withExtendedLifetime(lock) {}
    }

    @Test func aFailingThirdWorkbookLeavesTheOldSetByteIdentical() throws {
        let ws = try TestSupport.workspace()
        let old = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 3)!, today: Self.today)
        let before = try Self.contents(old.outputs.all)
        let fault = ReportFaultHook(environment: [ReportFaultHook.environmentKey: "write:3"])
        #expect(throws: JixiaoError.self) {
            _ = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today, fault: fault)
        }
        #expect(try Self.contents(old.outputs.all) == before)
        #expect(try Self.hiddenFiles(ws).isEmpty, "the staged workbooks are gone")
        #expect(ReportProducer.failureLine(ws, through: Self.december).contains("仍是上次生成的整套报表"))
        // The same report without the fault does change them: the check above is not vacuous.
        let new = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        #expect(try Self.contents(new.outputs.all) != before)
    }

    @Test func aFolderInPlaceOfAWorkbookFailsBeforeAnyRename() throws {
        let ws = try TestSupport.workspace()
        let old = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 3)!, today: Self.today)
        let blocked = old.outputs.validationReport
        try FileManager.default.removeItem(at: blocked)
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        let others = old.outputs.all.filter { $0 != blocked }
        let before = try Self.contents(others)
        #expect {
            _ = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        } throws: { error in
            (error as? JixiaoError)?.message.contains("不是普通文件") == true
        }
        #expect(try Self.contents(others) == before)
        #expect(try Self.hiddenFiles(ws).isEmpty)
    }

    /// A run killed after the first two renames: the journal and two temporaries are left.
    @Test func aRecordedReplacementIsFinishedByTheNextLock() throws {
        let ws = try TestSupport.workspace()
        let outputs = ReportOutputs(out: ws.outURL, names: ws.config.outputs).all
        var journal = [OutputSet.journalHeader]
        for (i, url) in outputs.enumerated() {
            let temporary = OutputSet.temporaryName(for: url.lastPathComponent)
            journal.append("\(temporary)\t\(url.lastPathComponent)")
            let staged = i < 2 ? url : ws.outURL.appendingPathComponent(temporary)
            try TestSupport.write("新的 \(i)", to: staged)
            if i >= 2 { try TestSupport.write("旧的 \(i)", to: url) }
        }
        try TestSupport.write(journal.joined(separator: "\n") + "\n", to: ws.outURL.appendingPathComponent(".jixiao-replace"))
        #expect(OutputSet(workspace: ws).hasPendingReplacement)
        #expect(ReportProducer.failureLine(ws, through: Self.december).contains("不成套"))
        let lock = try WorkspaceLock.acquire(ws)
        #expect(try outputs.map { try String(contentsOf: $0, encoding: .utf8) } == outputs.indices.map { "新的 \($0)" })
        #expect(try Self.hiddenFiles(ws).isEmpty)
        withExtendedLifetime(lock) {}
    }

    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// out/退回/ is a member of the set: the new folder takes the old one's place whole.
    @Test func aStagedFolderReplacesTheOldOneWhole() throws {
        let ws = try TestSupport.workspace()
        for name in ["JD01_2025-03_退回修改.xlsx", "JD02_2025-03_退回修改.xlsx"] {
            try TestSupport.write("旧的", to: ws.returnsURL.appendingPathComponent(name))
        }
        let replacement = OutputSet(workspace: ws).replacement()
        let staged = try replacement.stageFolder(Workspace.returnsFolder)
        try TestSupport.write("新的", to: staged.appendingPathComponent("JD03_2025-04_退回修改.xlsx"))
        try replacement.commit()
        #expect(try Self.names(ws.returnsURL) == ["JD03_2025-04_退回修改.xlsx"])
        #expect(try Self.hiddenFiles(ws).isEmpty)
        // An empty folder replaces it too: nothing is left to send back.
        let again = OutputSet(workspace: ws).replacement()
        _ = try again.stageFolder(Workspace.returnsFolder)
        try again.commit()
        #expect(try Self.names(ws.returnsURL).isEmpty)
        #expect(try Self.hiddenFiles(ws).isEmpty)
    }

    /// Killed after the old folder was moved aside and before the new one took its place.
    @Test func aReplacementKilledBetweenTheFolderRenamesIsFinished() throws {
        let ws = try TestSupport.workspace()
        let staged = OutputSet.temporaryName(for: Workspace.returnsFolder)
        let aside = OutputSet.temporaryName(for: Workspace.returnsFolder)
        try TestSupport.write("新的", to: ws.outURL.appendingPathComponent(staged).appendingPathComponent("JD03_2025-04_退回修改.xlsx"))
        try TestSupport.write("旧的", to: ws.outURL.appendingPathComponent(aside).appendingPathComponent("JD01_2025-03_退回修改.xlsx"))
        try TestSupport.write("\(OutputSet.journalHeader)\n\(staged)\t\(Workspace.returnsFolder)\n",
                              to: ws.outURL.appendingPathComponent(".jixiao-replace"))
        let lock = try WorkspaceLock.acquire(ws)
        #expect(try Self.names(ws.returnsURL) == ["JD03_2025-04_退回修改.xlsx"])
        #expect(try Self.hiddenFiles(ws).isEmpty)
        withExtendedLifetime(lock) {}
    }

    @Test func leftoverFoldersOfTheReturnsAreRemovedAndNoOthers() throws {
        let ws = try TestSupport.workspace()
        let leftover = OutputSet.temporaryName(for: Workspace.returnsFolder)
        let kept = ".我的文件夹.\(UUID().uuidString).tmp"
        for name in [leftover, kept] {
            try TestSupport.write("x", to: ws.outURL.appendingPathComponent(name).appendingPathComponent("a.xlsx"))
        }
        let lock = try WorkspaceLock.acquire(ws)
        #expect(try Self.hiddenFiles(ws) == [kept])
        withExtendedLifetime(lock) {}
    }

    @Test func aFileInPlaceOfTheReturnsFolderFailsBeforeAnyRename() throws {
        let ws = try TestSupport.workspace()
        let old = try ReportProducer.produce(workspace: ws, through: Period(year: 2025, month: 3)!, today: Self.today)
        let before = try Self.contents(old.outputs.all)
        try FileManager.default.removeItem(at: ws.returnsURL)
        try TestSupport.write("不是文件夹", to: ws.returnsURL)
        #expect {
            _ = try ReportProducer.produce(workspace: ws, through: Self.december, today: Self.today)
        } throws: { error in
            (error as? JixiaoError)?.message.contains("不是文件夹") == true
        }
        #expect(try Self.contents(old.outputs.all) == before)
        #expect(try String(contentsOf: ws.returnsURL, encoding: .utf8) == "不是文件夹")
        #expect(try Self.hiddenFiles(ws).isEmpty)
    }

    @Test func aJournalNamingOtherFilesIsRefusedAndNothingMoves() throws {
        let ws = try TestSupport.workspace()
        let final = ws.outURL.appendingPathComponent("指标表.xlsx")
        try TestSupport.write("旧的", to: final)
        let journal = ws.outURL.appendingPathComponent(".jixiao-replace")
        try TestSupport.write("\(OutputSet.journalHeader)\n../units.csv\t指标表.xlsx\n", to: journal)
        let units = try Data(contentsOf: ws.unitsURL)
        #expect {
            _ = try WorkspaceLock.acquire(ws)
        } throws: { error in
            (error as? JixiaoError)?.message.contains("无法识别") == true
        }
        #expect(try Data(contentsOf: ws.unitsURL) == units)
        #expect(try String(contentsOf: final, encoding: .utf8) == "旧的")
        #expect(FileManager.default.fileExists(atPath: journal.path))
    }
}

/// A clock set back never makes a report of an earlier month than the ledger has reached.
@Suite struct ReportClockTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func date(_ text: String) -> Date { LedgerTime.date(text) }

    /// A workspace whose ledger has one run, started at `runAt`, that accepted `accepted`.
    static func workspace(runAt: String, accepted: [String] = []) throws -> (Workspace, Ledger) {
        let ws = try TestSupport.workspace()
        for name in accepted {
            try TestSupport.write("序号,活动名称,活动日期,活动形式,活动类别,活动主题,覆盖人数\n1,科普讲座,\(name.suffix(7))-03,线下,科普活动,食品安全,50\n",
                                  to: ws.inboxURL.appendingPathComponent("\(name).csv"))
        }
        let ledger = try Ledger.open(at: ws.ledgerURL)
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws)).run(now: { date(runAt) })
        return (ws, ledger)
    }

    @Test func aClockAfterTheLastRunIsTakenAsItIs() throws {
        let (ws, ledger) = try Self.workspace(runAt: "2025-04-05T02:00:00.000Z")
        let clock = try ReportClock.resolve(workspace: ws, ledger: ledger, period: nil,
                                            now: Self.date("2025-05-11T02:00:00.000Z"), timeZone: Self.utc)
        #expect(clock == ReportClock(today: CalendarDate(year: 2025, month: 5, day: 11)!, period: Period(year: 2025, month: 4)!, warning: nil))
    }

    @Test func aClockSetBackReportsAsOfTheLastRun() throws {
        let (ws, ledger) = try Self.workspace(runAt: "2026-01-15T02:00:00.000Z")
        let clock = try ReportClock.resolve(workspace: ws, ledger: ledger, period: nil,
                                            now: Self.date("2025-03-01T08:00:00.000Z"), timeZone: Self.utc)
        #expect(clock.period == Period(year: 2025, month: 12)!)
        #expect(clock.today == CalendarDate(year: 2026, month: 1, day: 15)!)
        let warning = try #require(clock.warning)
        #expect(warning.contains("时钟似乎被往回调了"))
        #expect(warning.contains("现在显示 2025年3月1日 08:00"))
        #expect(warning.contains("上次运行是在 2026年1月15日 02:00"))
        #expect(warning.contains("2025年12月"))
    }

    @Test func aClockSetBackNeverReportsBeforeTheLatestAcceptedMonth() throws {
        // On 5 April only February is past its deadline, but March's report came in early.
        let (ws, ledger) = try Self.workspace(runAt: "2025-04-05T02:00:00.000Z", accepted: ["JD01_2025-03"])
        #expect(try ledger.latestAcceptedPeriod() == Period(year: 2025, month: 3)!)
        let clock = try ReportClock.resolve(workspace: ws, ledger: ledger, period: nil,
                                            now: Self.date("2025-01-20T02:00:00.000Z"), timeZone: Self.utc)
        #expect(clock.period == Period(year: 2025, month: 3)!)
        #expect(clock.today == CalendarDate(year: 2025, month: 4, day: 5)!)
        // Without the clock set back, an early report does not move the month.
        let honest = try ReportClock.resolve(workspace: ws, ledger: ledger, period: nil,
                                             now: Self.date("2025-04-06T02:00:00.000Z"), timeZone: Self.utc)
        #expect(honest.period == Period(year: 2025, month: 2)!)
        #expect(honest.warning == nil)
    }

    @Test func anExplicitPeriodIsKeptButStillWarned() throws {
        let (ws, ledger) = try Self.workspace(runAt: "2026-01-15T02:00:00.000Z")
        let clock = try ReportClock.resolve(workspace: ws, ledger: ledger, period: Period(year: 2025, month: 6)!,
                                            now: Self.date("2025-03-01T08:00:00.000Z"), timeZone: Self.utc)
        #expect(clock.period == Period(year: 2025, month: 6)!)
        #expect(clock.today == CalendarDate(year: 2026, month: 1, day: 15)!)
        #expect(clock.warning?.contains("--period") == true)
    }

    @Test func theLatestRecordedTimeCountsNotTheLastRun() throws {
        let (ws, ledger) = try Self.workspace(runAt: "2026-01-15T02:00:00.000Z")
        // A later run under the set-back clock recorded an earlier time.
        _ = try Collector(workspace: ws, ledger: ledger, source: SubmissionSources.standard(for: ws))
            .run(now: { Self.date("2025-03-01T08:00:00.000Z") })
        let clock = try ReportClock.resolve(workspace: ws, ledger: ledger, period: nil,
                                            now: Self.date("2025-03-02T08:00:00.000Z"), timeZone: Self.utc)
        #expect(clock.period == Period(year: 2025, month: 12)!)
        #expect(clock.warning != nil)
    }
}
