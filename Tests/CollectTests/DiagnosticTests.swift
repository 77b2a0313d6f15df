import JixiaoModel
import Testing

@Suite struct DiagnosticTests {
    @Test func locationJoinsSheetAndCell() {
        let d = Diagnostic(.error, code: "x", file: "a.xlsx", sheet: "活动明细", cell: "G14", message: "m")
        #expect(d.location == "活动明细!G14")
        #expect(Diagnostic(.warning, code: "x", file: "a.xlsx", message: "m").location == "")
    }
}
