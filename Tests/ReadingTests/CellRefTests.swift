@testable import JixiaoReading
import Testing

@Suite struct CellRefTests {
    @Test func parsesAndPrintsA1() {
        #expect(CellRef(a1: "G14") == CellRef(row: 14, column: 7))
        #expect(CellRef(a1: "$AA$3")?.a1 == "AA3")
        #expect(CellRef(a1: "XFD1048576") == CellRef(row: 1_048_576, column: 16384))
        #expect(CellRef(a1: "XFE1") == nil)
        #expect(CellRef(a1: "A0") == nil)
        #expect(CellRef(a1: "1A") == nil)
        #expect(CellRange(a1: "A1:I1")?.last == CellRef(row: 1, column: 9))
    }
}
