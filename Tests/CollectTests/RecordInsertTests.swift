@testable import JixiaoCollect
@testable import JixiaoLedger
@testable import JixiaoWorkspace
import Testing

@Suite struct RecordInsertTests {
    @Test func piecesCoverEveryRowInPowersOfTwo() {
        for n in [1, 2, 3, 31, 32, 33, 127, 128, 129, 200, 262, 1000] {
            var pieces: [Int] = [], left = n
            while left > 0 {
                let rows = RecordInsert.rows(remaining: left, largest: 128)
                pieces.append(rows)
                left -= rows
            }
            #expect(pieces.reduce(0, +) == n, "n = \(n)")
            #expect(pieces.allSatisfy { $0.nonzeroBitCount == 1 && $0 <= 128 }, "n = \(n): \(pieces)")
            #expect(pieces == pieces.sorted(by: >), "n = \(n): \(pieces)")
        }
    }

    @Test func statementStaysUnderTheParameterLimit() {
        #expect(RecordInsert.largestStatement(variableLimit: 999) == 32)
        #expect(RecordInsert.largestStatement(variableLimit: 32_766) == RecordInsert.rowsPerStatement)
        #expect(RecordInsert.largestStatement(variableLimit: 20) == 1)
        for limit: Int32 in [Int32(RecordInsert.columns), 100, 999, 2048, 5000] {
            #expect(RecordInsert.largestStatement(variableLimit: limit) * RecordInsert.columns <= Int(limit))
        }
    }

    @Test func statementTextHasOneParameterPerValue() {
        for rows in [1, 8, 64, 128, 5] {
            #expect(RecordInsert.sql(rows: rows).filter { $0 == "?" }.count == rows * RecordInsert.columns)
        }
    }
}
