import Foundation
import JixiaoModel
import Testing

@Suite struct ModelTests {
    @Test func periodParsesAndOrders() {
        #expect(Period("2025-03") == Period(year: 2025, month: 3))
        #expect(Period("2025-13") == nil)
        #expect(Period(year: 2025, month: 12)!.next.description == "2026-01")
        #expect(Period.months(of: 2025, through: Period("2025-04")).map(\.description) == ["2025-01", "2025-02", "2025-03", "2025-04"])
    }

    @Test func roundsHalfUpInDecimal() {
        #expect(Decimal(string: "17.44")!.roundedHalfUp(1) == Decimal(string: "17.4")!)
        #expect(Decimal(string: "17.45")!.roundedHalfUp(1) == Decimal(string: "17.5")!)
        #expect(Decimal(string: "34")!.fixed(2) == "34.00")
        #expect(Decimal(exactly: "323.21") == Decimal(string: "323.21"))
        #expect(Decimal(exactly: "12abc") == nil)
    }

    @Test func owedMonthsRespectTheStartMonth() throws {
        let unit = ReportingUnit(code: "JD01", name: "吴家山街道科协", kind: .street, street: "吴家山街道",
                                 contact: "", phone: "", firstPeriod: Period("2025-02")!)
        let snap = LedgerSnapshot(info: DepartmentInfo(department: "x", year: 2025), through: Period("2025-04")!,
                                  units: [unit], activities: [], workload: [], district: nil,
                                  acceptedPeriods: ["JD01": [Period("2025-03")!]], rejectedPeriods: [:], files: [])
        #expect(try snap.callList.rows.map(\.period.description) == ["2025-04", "2025-02"])
    }

    @Test func monthListsCollapseRuns() {
        let months = [8, 1, 2, 3, 5, 7].map { Period(year: 2025, month: $0)! }
        #expect(Period.monthList(months) == "1–3月、5月、7–8月")
        #expect(Period.monthList([Period(year: 2025, month: 12)!]) == "12月")
        #expect(Period.monthList([]) == "")
    }
}
