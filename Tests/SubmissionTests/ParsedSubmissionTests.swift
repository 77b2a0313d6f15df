import JixiaoModel
@testable import JixiaoSubmission
import Testing

@Suite struct ParsedSubmissionTests {
    @Test func anErrorRejectsTheSubmission() {
        var s = ParsedSubmission(fileName: "a.xlsx")
        #expect(!s.hasErrors)
        s.diagnostics.append(Diagnostic(.warning, code: "w", file: "a.xlsx", message: "w"))
        #expect(!s.hasErrors)
        s.diagnostics.append(Diagnostic(.error, code: "e", file: "a.xlsx", message: "e"))
        #expect(s.hasErrors)
    }
}
