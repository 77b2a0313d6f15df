import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
import JixiaoModel
@testable import JixiaoReport
import JixiaoSubmission
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// The collector and ledger through the `SubmissionSource` seam: each inbox file is a
/// small `key=value` text the fake source turns into submissions, so these tests pin
/// the bookkeeping (supersede, duplicate, reject, snapshot) independently of parsing.
@Suite struct CollectorTests {
    /// `unit=JD01 period=2025-03 n=2 coverage=100 error=0 budget=323.21 members=1 tag=x
    /// reasons=预算执行率:年末未结算,服务对象满意度:问卷不足`.
    static let fakeSource: SubmissionSource = { data, fileName in
        var fields: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace) {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        let members = Int(fields["members"] ?? "1") ?? 1
        return (0..<members).map { m in
            let name = members == 1 ? fileName : "\(fileName)/成员\(m + 1).xlsx"
            let unit = fields["unit"].map { members == 1 ? $0 : String(format: "JD%02d", m + 1) }
            let period = fields["period"].flatMap(Period.init)
            var parsed = ParsedSubmission(fileName: name, unitCode: unit, period: period)
            if let unit, let period {
                let n = Int(fields["n"] ?? "1") ?? 1
                let coverage = Int(fields["coverage"] ?? "100") ?? 100
                parsed.activities = (0..<n).map { i in
                    ActivityRecord(unitCode: unit, period: period, sequence: i + 1, name: "活动\(i + 1)",
                                   date: CalendarDate(year: period.year, month: period.month, day: 1 + i % 28)!,
                                   form: .offline, category: .popularScience, theme: .foodSafety, coverage: coverage,
                                   source: SourceRef(file: name, sheet: "活动明细", row: i + 2))
                }
                parsed.workload = [WorkloadEntry(unitCode: unit, period: period, item: .recruitedScienceWorkers, quantity: n,
                                                 source: SourceRef(file: name, sheet: "工作量", row: 3))]
                if let budget = fields["budget"].flatMap(Decimal.init(exactly:)) {
                    parsed.district = DistrictInputs(initialBudget: Decimal(string: "381.71")!, addition: 34, reduction: Decimal(string: "45.07")!,
                                                     executed: budget, validQuestionnaires: 200, satisfiedQuestionnaires: 190,
                                                     overallGoal: "目标", actualCompletion: "完成", period: period, sourceFile: name)
                }
            }
            for (i, pair) in (fields["reasons"] ?? "").split(separator: ",").enumerated() {
                let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                parsed.deviationReasons.append(DeviationReason(indicator: parts[0], reason: parts[1],
                                                               source: SourceRef(file: name, sheet: "偏差原因", row: 2 + i,
                                                                                 cell: "D\(2 + i)")))
            }
            if fields["error"] == "1" {
                parsed.diagnostics.append(Diagnostic(.error, code: "activity.coverage.notInteger", file: name, sheet: "活动明细",
                                                     cell: "G3", value: "很多", message: "覆盖人数应为整数"))
            }
            if fields["unreadable"] == "1" {
                parsed.diagnostics.append(Diagnostic(.error, code: "file.unreadable", file: name,
                                                     message: "文件无法读取：文件设置了打开密码"))
            }
            if fields["warn"] == "1" {
                parsed.diagnostics.append(Diagnostic(.warning, code: "date.outsidePeriod", file: name, sheet: "活动明细",
                                                     cell: "C2", value: "2025-04-01", message: "活动日期不在报送月份内"))
            }
            return parsed
        }
    }

    struct Env {
        let ws: Workspace
        let ledger: Ledger
        var collector: Collector { Collector(workspace: ws, ledger: ledger, source: CollectorTests.fakeSource) }

        init() throws {
            ws = try TestSupport.workspace()
            ledger = try Ledger.open(at: ws.ledgerURL)
        }

        func drop(_ name: String, _ content: String) throws {
            try TestSupport.write(content, to: ws.inboxURL.appendingPathComponent(name))
        }

        func collect() throws -> (CollectSummary, [CollectEvent]) {
            var events: [CollectEvent] = []
            let summary = try collector.run(report: { events.append($0) })
            return (summary, events)
        }

        func snapshot(through month: Int = 12) throws -> LedgerSnapshot {
            try ledger.snapshot(of: ws, through: Period(year: 2025, month: month)!)
        }
    }

    @Test func acceptedFileIsArchivedRecordedAndRemovedFromInbox() throws {
        let env = try Env()
        let content = "unit=JD01 period=2025-03 n=3 warn=1"
        try env.drop("三月/JD01.xlsx", content)
        let (summary, events) = try env.collect()
        #expect(summary.accepted == 1 && summary.files == 1 && summary.warnings == 1)
        #expect(events.map(\.logLine) == ["[接收] JD01 2025-03 三月/JD01.xlsx（1 条警告）"])
        #expect(TestSupport.inboxContents(env.ws).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: env.ws.inboxURL.appendingPathComponent("三月").path))
        let archived = env.ws.archiveURL.appendingPathComponent(SHA256.hex(Data(content.utf8)) + ".xlsx")
        #expect(try Data(contentsOf: archived) == Data(content.utf8))
        let snap = try env.snapshot()
        #expect(snap.activities.all.count == 3)
        #expect(snap.activities.all.first?.source == SourceRef(file: "三月/JD01.xlsx", sheet: "活动明细", row: 2))
        #expect(snap.workload.all.map(\.quantity) == [3])
        #expect(snap.acceptedPeriods["JD01"] == [Period(year: 2025, month: 3)!])
        #expect(snap.files.all.map(\.status) == [.accepted])
        #expect(snap.files.all.first?.diagnostics.map(\.code) == ["date.outsidePeriod"])
    }

    @Test func manyActivitiesAreRecordedWholeAndInOrder() throws {
        let env = try Env()
        // More rows than one INSERT carries, and not a multiple of it.
        let n = RecordInsert.rowsPerStatement * 2 + 6
        try env.drop("JD01.xlsx", "unit=JD01 period=2025-03 n=\(n) coverage=7")
        _ = try env.collect()
        let snap = try env.snapshot()
        #expect(snap.activities.all.map(\.source.row) == Array(2..<(n + 2)))
        #expect(snap.activities.all.map(\.name) == (1...n).map { "活动\($0)" })
        #expect(snap.activities.all.map(\.sequence) == (1...n).map { Optional($0) })
        #expect(snap.activities.all.allSatisfy { $0.coverage == 7 && $0.unitCode == "JD01" && $0.form == .offline })
    }

    @Test func laterAcceptedSubmissionSupersedesTheEarlier() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        _ = try env.collect()
        try env.drop("b.xlsx", "unit=JD01 period=2025-03 n=5")
        let (summary, events) = try env.collect()
        #expect(summary.resubmissions == 1)
        // What stopped counting, when it came, and how the month's activities change.
        let day = Date().formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day())
        #expect(events.first?.logLine == "[接收] JD01 2025-03 b.xlsx（替代 \(day) 收到的 a.xlsx，活动 2 → 5 条）")
        let snap = try env.snapshot()
        #expect(snap.activities.all.count == 5)
        #expect(Set(snap.activities.all.map(\.source.file)) == ["b.xlsx"])
        #expect(snap.files.all.map(\.fileName) == ["b.xlsx", "a.xlsx"], "newest run first")
        #expect(snap.files.all.map(\.status) == [.accepted, .superseded])
        #expect(snap.files.all.map(\.supersededBy) == [nil, "b.xlsx"], "校验报告 says what replaced it")
    }

    @Test func rejectedResubmissionKeepsTheEarlierAcceptedOne() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        _ = try env.collect()
        try env.drop("b.xlsx", "unit=JD01 period=2025-03 n=9 error=1")
        let (summary, events) = try env.collect()
        #expect(summary.rejected == 1)
        #expect(events.first?.logLine == "[退回] JD01 2025-03 b.xlsx：活动明细!G3 覆盖人数应为整数")
        let snap = try env.snapshot()
        #expect(snap.activities.all.count == 2)
        #expect(snap.acceptedPeriods["JD01"] == [Period(year: 2025, month: 3)!])
        #expect(snap.rejectedPeriods["JD01"] == nil, "the month has an accepted submission")
    }

    @Test func rejectedFileContributesNothing() throws {
        let env = try Env()
        try env.drop("JD02.xlsx", "unit=JD02 period=2025-04 n=7 error=1 budget=1")
        _ = try env.collect()
        let snap = try env.snapshot()
        #expect(snap.activities.all.isEmpty && snap.workload.all.isEmpty && snap.district == nil)
        #expect(snap.rejectedPeriods["JD02"] == [Period(year: 2025, month: 4)!])
        let jd02 = try snap.callList.entries.first { $0.unit.code == "JD02" }
        #expect(jd02?.months.contains { $0.period.month == 4 && $0.reason.fileName == "JD02.xlsx" } == true)
    }

    @Test func sameBytesAgainAreADuplicateCountedOnce() throws {
        let env = try Env()
        let content = "unit=JD01 period=2025-03 n=2"
        try env.drop("JD01.xlsx", content)
        try env.drop("转发/JD01 (1).xlsx", content)
        let (first, events) = try env.collect()
        #expect(first.accepted == 1 && first.duplicates == 1)
        #expect(events.map(\.logLine).last == "[重复] JD01 2025-03 转发/JD01 (1).xlsx（与已收到的 JD01.xlsx 相同）")
        try env.drop("JD01.xlsx", content)
        let (second, _) = try env.collect()
        #expect(second.duplicates == 1 && second.accepted == 0)
        let snap = try env.snapshot()
        #expect(snap.activities.all.count == 2)
        #expect(snap.files.all.filter { $0.status == .duplicate }.count == 2)
        #expect(snap.files.all.first { $0.status == .duplicate }?.diagnostics.first?.code == "file.duplicate")
        #expect(TestSupport.archiveNames(env.ws).count == 1)
        #expect(TestSupport.inboxContents(env.ws).isEmpty)
    }

    @Test func bundleMembersAreSubmissionsOfTheirOwn() throws {
        let env = try Env()
        try env.drop("五月.zip", "unit=X period=2025-05 n=1 members=3")
        let (summary, events) = try env.collect()
        #expect(summary.files == 1 && summary.accepted == 3)
        #expect(events.map(\.fileName) == ["五月.zip/成员1.xlsx", "五月.zip/成员2.xlsx", "五月.zip/成员3.xlsx"])
        #expect(try env.snapshot().acceptedPeriods.keys.sorted() == ["JD01", "JD02", "JD03"])
    }

    @Test func everyReceptionLeavesAReceiptBesideItsCopy() throws {
        let env = try Env()
        try env.drop("三月/a.xlsx", "unit=JD01 period=2025-03")
        try env.drop("三月/b.xlsx", "unit=JD01 period=2025-03")   // same bytes: a duplicate, received too
        let (first, _) = try env.collect()
        try env.drop("四月/c.xlsx", "unit=JD02 period=2025-04")
        let (second, _) = try env.collect()
        let receipts = TestSupport.receipts(env.ws)
        #expect(receipts.map(\.path) == ["三月/a.xlsx", "三月/b.xlsx", "四月/c.xlsx"])
        #expect(receipts.map(\.run) == [first.runID, first.runID, second.runID])
        let files = try env.ledger.receivedFiles()
        #expect(receipts.map(\.file) == files.map(\.id))
        #expect(receipts.map(\.receivedAt) == files.map(\.receivedAt))
        #expect(receipts.map(\.size) == files.map(\.size))
    }

    @Test func receiptsAreWrittenFromTheLedgerForAnArchiveThatHasNone() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03")
        _ = try env.collect()
        try FileManager.default.removeItem(at: env.ws.archiveURL.appendingPathComponent(Archive.receiptsFolder))
        _ = try env.collect()
        #expect(TestSupport.receipts(env.ws).map(\.path) == ["a.xlsx"])
    }

    @Test func backupsKeepTheConfiguredNumberNewestRunsFirst() throws {
        let env = try Env()
        let config = try String(contentsOf: env.ws.configURL, encoding: .utf8).replacingOccurrences(of: "keep: 10", with: "keep: 2")
        try config.write(to: env.ws.configURL, atomically: true, encoding: .utf8)
        let ws = try Workspace.open(at: env.ws.root)
        var runs: [Int64] = []
        for month in 1...3 {
            try TestSupport.write("unit=JD01 period=2025-0\(month)", to: ws.inboxURL.appendingPathComponent("\(month).xlsx"))
            let summary = try Collector(workspace: ws, ledger: env.ledger, source: CollectorTests.fakeSource).run()
            #expect(summary.backupFailure == nil)
            runs.append(summary.runID)
        }
        let names = Ledger.backups(in: ws).map(\.lastPathComponent)
        #expect(names.count == 2)
        #expect(names[0].hasPrefix("ledger-run" + String(format: "%06lld", runs[1])))
        #expect(names[1].hasPrefix("ledger-run" + String(format: "%06lld", runs[2])))
    }

    /// The collect itself is kept; the failed backup is said in plain words, not Foundation's.
    @Test func aBackupThatCannotBeWrittenIsSaidInWords() throws {
        let env = try Env()
        try? FileManager.default.removeItem(at: env.ws.backupsURL)
        try Data().write(to: env.ws.backupsURL)
        try env.drop("a.xlsx", "unit=JD01 period=2025-03")
        let (summary, _) = try env.collect()
        #expect(summary.accepted == 1)
        let failure = try #require(summary.backupFailure)
        #expect(failure.contains("无法在 \(env.ws.backupsURL.path) 中保存台账备份（那里已有同名的文件，不是文件夹）"), "\(failure)")
    }

    /// A record the ledger can no longer read would be left out of the official table without
    /// a word: reading the snapshot's records refuses instead, naming the table, the row and the column.
    @Test func aRecordThatNoLongerDecodesStopsTheSnapshot() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        _ = try env.collect()
        #expect(try env.snapshot().activities.all.count == 2)
        try env.ledger.pool.write { db in try db.execute(sql: "UPDATE records SET form = '线上线下' WHERE id = 2") }
        #expect {
            _ = try env.snapshot().activities.collected()
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains("records 表第 2 行") && message.contains("“form”列") && message.contains("线上线下")
        }
    }

    /// The same for the sent values kept beside a record: a damaged one is named, not dropped.
    @Test func aDamagedSentValueStopsTheSnapshot() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        _ = try env.collect()
        try env.ledger.pool.write { db in try db.execute(sql: "UPDATE records SET sent = '{\"category\":' WHERE id = 1") }
        #expect {
            _ = try env.snapshot().activities.collected()
        } throws: { error in
            guard case .io(let message)? = error as? JixiaoError else { return false }
            return message.contains("records 表第 1 行") && message.contains("“sent”列")
        }
    }

    @Test func districtInputsComeFromTheLatestAcceptedQU00Submission() throws {
        let env = try Env()
        try env.drop("q6.xlsx", "unit=QU00 period=2025-06 budget=100.10")
        try env.drop("q9.xlsx", "unit=QU00 period=2025-09 budget=323.21")
        try env.drop("qa.xlsx", "unit=QU00 period=2025-10 budget=999 error=1")
        try env.drop("j9.xlsx", "unit=JD01 period=2025-11 budget=5")
        _ = try env.collect()
        let full = try env.snapshot()
        #expect(full.district?.executed == Decimal(string: "323.21"))
        #expect(full.district?.fullYearBudget == Decimal(string: "370.64"))
        #expect(full.district?.sourceFile == "q9.xlsx")
        #expect(try env.snapshot(through: 8).district?.executed == Decimal(string: "100.10"))
    }

    /// The ledger keeps each QU00 submission's 偏差原因 with its cells; the snapshot takes those
    /// of the latest accepted one that gives any, as for 预算与满意度.
    @Test func deviationReasonsComeFromTheLatestAcceptedQU00SubmissionThatGivesAny() throws {
        let env = try Env()
        try env.drop("q6.xlsx", "unit=QU00 period=2025-06 reasons=预算执行率:上半年进度慢,科普惠民活动场次:场地紧张")
        try env.drop("q9.xlsx", "unit=QU00 period=2025-09 reasons=预算执行率:年末未结算")
        // October's file leaves the sheet blank, as each month's template comes: September's stand.
        try env.drop("qa.xlsx", "unit=QU00 period=2025-10")
        try env.drop("qb.xlsx", "unit=QU00 period=2025-11 reasons=预算执行率:被退回的 error=1")
        try env.drop("j.xlsx", "unit=JD01 period=2025-12 reasons=预算执行率:街道写的")
        _ = try env.collect()
        let full = try #require(try env.snapshot().deviationReasons)
        #expect(full.sourceFile == "q9.xlsx" && full.period == Period(year: 2025, month: 9)!)
        #expect(full.reasons == [DeviationReason(indicator: "预算执行率", reason: "年末未结算",
                                                 source: SourceRef(file: "q9.xlsx", sheet: "偏差原因", row: 2, cell: "D2"))])
        let summer = try #require(try env.snapshot(through: 8).deviationReasons)
        #expect(summer.reasons.map(\.indicator) == ["预算执行率", "科普惠民活动场次"])
        #expect(summer.reasons.map(\.source.location) == ["偏差原因!D2", "偏差原因!D3"])
        #expect(try env.snapshot(through: 5).deviationReasons == nil)
        // Only QU00's are kept at all.
        let kept = try env.ledger.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deviation_reasons") }
        #expect(kept == 3)

        // A corrected September file without reasons replaces the one with: June's count again.
        try env.drop("q9-更正.xlsx", "unit=QU00 period=2025-09 tag=corrected")
        _ = try env.collect()
        #expect(try env.snapshot().deviationReasons?.sourceFile == "q6.xlsx")
    }

    @Test func snapshotStopsAtThePeriod() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
        try env.drop("b.xlsx", "unit=JD01 period=2025-07 n=4")
        _ = try env.collect()
        let june = try env.snapshot(through: 6)
        #expect(june.activities.all.count == 2)
        #expect(june.files.all.map(\.fileName) == ["a.xlsx"])
        #expect(try env.snapshot().activities.all.count == 6)
    }

    @Test func hiddenAndOfficeTemporaryFilesAreLeftAlone() throws {
        let env = try Env()
        try env.drop(".DS_Store", "x")
        try env.drop("~$JD01.xlsx", "lock")
        try env.drop(".隐藏/a.xlsx", "unit=JD01 period=2025-03")
        try env.drop("Thumbs.db", "x")
        let (summary, _) = try env.collect()
        #expect(summary.files == 0)
        let left = try FileManager.default.subpathsOfDirectory(atPath: env.ws.inboxURL.path)
        #expect(Set(left).isSuperset(of: [".DS_Store", "~$JD01.xlsx", ".隐藏/a.xlsx", "Thumbs.db"]))
    }

    @Test func filesAreTakenInPathOrder() throws {
        let env = try Env()
        for name in ["b/2.xlsx", "a.xlsx", "b/1.xlsx", "c.xlsx"] {
            try env.drop(name, "unit=JD01 period=2025-03 tag=\(name)")
        }
        let (_, events) = try env.collect()
        #expect(events.map(\.fileName) == ["a.xlsx", "b/1.xlsx", "b/2.xlsx", "c.xlsx"])
        #expect(try env.snapshot().files.all.first { $0.status == .accepted }?.fileName == "c.xlsx")
    }

    @Test func statusListsAcceptedRejectedAndMissingMonths() throws {
        let env = try Env()
        try env.drop("a.xlsx", "unit=JD01 period=2025-01")
        try env.drop("b.xlsx", "unit=JD01 period=2025-02 error=1")
        try env.drop("c.xlsx", "unit=JD01 period=2025-03")
        _ = try env.collect()
        let report = try StatusReport.build(ledger: env.ledger, workspace: env.ws, through: Period(year: 2025, month: 4)!)
        let jd01 = try #require(report.units.first { $0.unit.code == "JD01" })
        #expect(jd01.accepted.map(\.month) == [1, 3])
        #expect(jd01.rejected.map(\.month) == [2])
        #expect(jd01.missing.map(\.month) == [4])
        let late = try #require(report.units.first { $0.unit.code == "QY06" })
        #expect(late.missing.isEmpty, "not due before 2025-07")
        #expect(report.lastRunRejected.map(\.fileName) == ["b.xlsx"])
        #expect(report.text.contains("JD01 吴家山街道科协：已接收 1月、3月；退回待改 2月（活动明细!G3 覆盖人数应为整数（填写的是“很多”））；未报 4月"))
        #expect(report.text.contains("活动明细!G3 覆盖人数应为整数"))
    }

    @Test func batchSizeDoesNotChangeTheOutcome() throws {
        var results: [[String]] = []
        for size in [1, 2, 3, 64] {
            let env = try Env()
            try env.drop("a.xlsx", "unit=JD01 period=2025-03 n=2")
            try env.drop("b.xlsx", "unit=JD01 period=2025-03 n=2")
            try env.drop("c.xlsx", "unit=JD01 period=2025-03 n=2")
            try env.drop("d.xlsx", "unit=JD02 period=2025-03 error=1")
            try env.drop("e.xlsx", "unit=JD01 period=2025-03 n=4")
            var collector = env.collector
            collector.batchSize = size
            var lines: [String] = []
            _ = try collector.run(report: { lines.append($0.logLine) })
            let snap = try env.snapshot()
            results.append(lines + snap.files.all.map { "\($0.fileName) \($0.status)" } + ["\(snap.activities.all.count)"])
        }
        #expect(results[0].last == "4")
        #expect(results[0].contains("[重复] JD01 2025-03 c.xlsx（与已收到的 a.xlsx 相同）"))
        #expect(results.allSatisfy { $0 == results[0] }, "\(results)")
    }

    @Test func statusSaysWhichFileCouldNotBeRead() throws {
        let env = try Env()
        try env.drop("JD03_慈惠街道科协_2025-02.xlsx", "unreadable=1")
        try env.drop("JD03_慈惠街道科协_2025-01.xlsx", "unit=JD03 period=2025-01")
        _ = try env.collect()
        let report = try StatusReport.build(ledger: env.ledger, workspace: env.ws, through: Period(year: 2025, month: 3)!)
        #expect(report.text.contains("JD03 慈惠街道科协：已接收 1月；文件无法读取 2月（JD03_慈惠街道科协_2025-02.xlsx）；未报 3月"))
        let jd03 = try #require(report.units.first { $0.unit.code == "JD03" })
        #expect(jd03.rejected == [Period(year: 2025, month: 2)!])
        #expect(jd03.missing == [Period(year: 2025, month: 3)!])
    }
}
