import Foundation
@testable import JixiaoModel
import Testing

/// The call list the office phones from: who owes which months, why, and in what order.
@Suite struct CallListTests {
    static func unit(_ code: String, from month: Int = 1) -> ReportingUnit {
        ReportingUnit(code: code, name: "\(code)科协", kind: .street, street: "", contact: "联系人", phone: "027-1",
                      firstPeriod: Period(year: 2025, month: month)!)
    }

    static func p(_ month: Int) -> Period { Period(year: 2025, month: month)! }

    static func error(_ code: String, _ file: String, sheet: String? = nil, cell: String? = nil, value: String? = nil,
                      _ message: String) -> Diagnostic {
        Diagnostic(.error, code: code, file: file, sheet: sheet, cell: cell, value: value, message: message)
    }

    static func file(_ name: String, run: Int64, unit: String?, _ month: Int?, _ status: SubmissionStatus,
                     _ diagnostics: [Diagnostic] = []) -> FileOutcome {
        FileOutcome(runID: run, fileName: name, contentHash: "", size: 1, receivedAt: Date(timeIntervalSince1970: 0),
                    unitCode: unit, period: month.map(p), status: status, diagnostics: diagnostics)
    }

    static func snapshot(units: [ReportingUnit], through: Int = 6, accepted: [String: [Int]] = [:],
                         files: [FileOutcome] = [], dueThrough: Int? = nil) -> LedgerSnapshot {
        LedgerSnapshot(info: DepartmentInfo(department: "区科协", year: 2025), through: p(through), units: units,
                       activities: [], workload: [], district: nil,
                       acceptedPeriods: accepted.mapValues { Set($0.map(p)) }, rejectedPeriods: [:],
                       files: files, dueThrough: dueThrough.map(p))
    }

    @Test func unitsOwingTheNewestMonthComeFirstThoseWhoSentAFileBeforeThoseWhoDidNot() throws {
        let units = ["JD03", "JD01", "JD02", "QY01", "XX01"].map { Self.unit($0) }
        let all = Array(1...6)
        let snap = Self.snapshot(units: units, accepted: [
            "JD03": [1, 2, 3, 4, 5], "JD01": [1, 2, 3, 4, 5], "JD02": [1, 2, 3, 4, 5], "QY01": [1, 2, 3, 4, 6], "XX01": all,
        ], files: [
            Self.file("JD02_2025-06.xlsx", run: 2, unit: "JD02", 6, .rejected,
                      [Self.error("number.invalid", "JD02_2025-06.xlsx", sheet: "活动明细", cell: "G3", value: "很多", "覆盖人数不是数字")]),
        ])
        let list = try snap.callList
        #expect(list.entries.map(\.unit.code) == ["JD02", "JD01", "JD03", "QY01"])
        #expect(list.monthCount == 4)
        #expect(list.rows.map { "\($0.period.month) \($0.unit.code)" } == ["6 JD02", "6 JD01", "6 JD03", "5 QY01"])
    }

    @Test func reasonsSayWhatCameAndWhatWasWrong() throws {
        let units = [Self.unit("JD05")]
        let c7 = Self.error("date.invalid", "JD05.xlsx", sheet: "活动明细", cell: "C7", value: "2025-13-05",
                            "活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期")
        let snap = Self.snapshot(units: units, through: 6, accepted: ["JD05": [1, 2, 5]], files: [
            Self.file("JD05.xlsx", run: 3, unit: "JD05", 6, .rejected,
                      [Diagnostic(.warning, code: "row.hidden", file: "JD05.xlsx", message: "隐藏行"), c7,
                       Self.error("value.required", "JD05.xlsx", "“活动名称”未填写")]),
            Self.file("加密.xlsx", run: 2, unit: nil, nil, .rejected,
                      [Self.error("file.unreadable", "加密.xlsx", "文件无法读取：文件设置了打开密码")]),
            Self.file("JD05_径河街道科协_2025-04.xlsx", run: 2, unit: nil, nil, .rejected,
                      [Self.error("file.unreadable", "JD05_径河街道科协_2025-04.xlsx", "文件无法读取：文件设置了打开密码")]),
        ])
        let entry = try #require(snap.callList.entries.first)
        #expect(entry.periods == [3, 4, 6].map(Self.p))
        #expect(entry.months[0].reason == .notSubmitted)
        // A file that could not be read names no unit in the ledger; its name still does.
        #expect(entry.months[1].reason == .unreadable(file: "JD05_径河街道科协_2025-04.xlsx",
                                                      error: Self.error("file.unreadable", "JD05_径河街道科协_2025-04.xlsx",
                                                                        "文件无法读取：文件设置了打开密码")))
        #expect(entry.months[1].reason.detail == "文件设置了打开密码")
        // The first error, not the first warning.
        #expect(entry.months[2].reason == .rejected(file: "JD05.xlsx", error: c7))
        #expect(entry.months[2].reason.detail == "活动明细!C7 活动日期“2025-13-05”不是有效日期，请填写如 2025-03-05 的日期")
        #expect(entry.groups.map { Period.monthList($0.periods) } == ["3月", "4月", "6月"])
    }

    @Test func theLatestRejectedFileOfAMonthIsTheReason() throws {
        let units = [Self.unit("JD01")]
        let first = Self.error("number.invalid", "a.xlsx", sheet: "活动明细", cell: "G3", "第一次")
        let second = Self.error("number.invalid", "b.xlsx", sheet: "活动明细", cell: "G4", "第二次")
        let third = Self.error("number.invalid", "c.xlsx", sheet: "活动明细", cell: "G5", "第三次")
        // As the ledger gives them: newest run first, in received order within a run.
        let snap = Self.snapshot(units: units, through: 1, files: [
            Self.file("b.xlsx", run: 2, unit: "JD01", 1, .rejected, [second]),
            Self.file("c.xlsx", run: 2, unit: "JD01", 1, .rejected, [third]),
            Self.file("a.xlsx", run: 1, unit: "JD01", 1, .rejected, [first]),
        ])
        #expect(try #require(snap.callList.entries.first).months.map(\.reason) == [.rejected(file: "c.xlsx", error: third)])
    }

    @Test func acceptedAndNotYetDueMonthsAreNotOwed() throws {
        let units = [Self.unit("JD01"), Self.unit("QY06", from: 4)]
        let snap = Self.snapshot(units: units, through: 6, accepted: ["JD01": [1, 2, 3, 4]], files: [
            // Sent back, then corrected: nothing to call about.
            Self.file("JD01.xlsx", run: 1, unit: "JD01", 2, .rejected, [Self.error("x", "JD01.xlsx", "错")]),
        ], dueThrough: 5)
        let list = try snap.callList
        #expect(list.entries.map(\.unit.code) == ["JD01", "QY06"])
        #expect(list.entries[0].periods == [Self.p(5)])
        #expect(list.entries[1].periods == [4, 5].map(Self.p))
        #expect(list.entries.allSatisfy { $0.months.allSatisfy { $0.reason == .notSubmitted } })
    }

    @Test func untidyMonthsAreWrittenCompactlyAndSaidByReason() throws {
        let units = [Self.unit("JD01")]
        let wrong = Self.error("number.invalid", "JD01.xlsx", sheet: "活动明细", cell: "G3", "错")
        let snap = Self.snapshot(units: units, through: 8, accepted: ["JD01": [4, 7]], files: [
            Self.file("JD01.xlsx", run: 1, unit: "JD01", 6, .rejected, [wrong]),
        ])
        let entry = try #require(snap.callList.entries.first)
        #expect(Period.monthList(entry.periods) == "1–3月、5–6月、8月")
        #expect(entry.groups.map { "\(Period.monthList($0.periods)) \($0.reason.sentSomething)" }
                == ["1–3月、5月、8月 false", "6月 true"])
    }

    @Test func aFileNameNamesTheUnitAndMonthOnlyWhenItIsUnambiguous() {
        let codes: Set = ["JD01", "JD02", "QY01"]
        func named(_ name: String) -> String? {
            CallList.unitMonth(named: name, year: 2025, codes: codes).map { "\($0.code) \($0.period)" }
        }
        #expect(named("JD01_吴家山街道科协_2025-03.xlsx") == "JD01 2025-03")
        #expect(named("三月/jd02_2025年3月.xlsx") == "JD02 2025-03")
        #expect(named("ＪＤ０２＿２０２５０３.csv") == "JD02 2025-03")
        #expect(named("QY01_202511_活动明细.csv") == "QY01 2025-11")
        #expect(named("报送.zip/JD01_2025.4.xlsx") == "JD01 2025-04")
        // The member's own name first; the bundle's when the member's says nothing.
        #expect(named("JD01_2025-03.zip/JD02_2025-04.xlsx") == "JD02 2025-04")
        #expect(named("JD01_2025-03.zip/活动.docx") == "JD01 2025-03")
        #expect(named("JD09_2025-03.xlsx") == nil)
        #expect(named("JD01_2024-03.xlsx") == nil)
        #expect(named("JD01_2025-03至2025-04.xlsx") == nil)
        #expect(named("吴家山街道科协3月报送表.xlsx") == nil)
        #expect(named("JD01.xlsx") == nil)
    }

    @Test func aReadableFileIsNeverMovedToAnotherUnitByItsName() throws {
        let units = [Self.unit("JD01"), Self.unit("JD02")]
        let snap = Self.snapshot(units: units, through: 1, accepted: ["JD01": [1]], files: [
            Self.file("JD02_2025-01.xlsx", run: 1, unit: "JD01", 1, .rejected, [Self.error("x", "JD02_2025-01.xlsx", "错")]),
        ])
        #expect(try #require(snap.callList.entries.first).months.map(\.reason) == [.notSubmitted])
    }

    @Test func theErrorInWordsQuotesTheValueOnce() {
        let quoted = Self.error("number.invalid", "a", sheet: "活动明细", cell: "G3", value: "很多", "覆盖人数“很多”不是数字")
        #expect(quoted.inWords == "活动明细!G3 覆盖人数“很多”不是数字")
        let bare = Self.error("number.invalid", "a", sheet: "活动明细", cell: "G3", value: "很多", "覆盖人数应为整数")
        #expect(bare.inWords == "活动明细!G3 覆盖人数应为整数（填写的是“很多”）")
        #expect(Self.error("file.empty", "a", "文件中没有读到任何报送").inWords == "文件中没有读到任何报送")
    }
}
