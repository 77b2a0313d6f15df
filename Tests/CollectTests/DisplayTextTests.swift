import Foundation
@testable import JixiaoCollect
import JixiaoModel
@testable import JixiaoReport
import TestSupport
import Testing

/// A name or a value from a file reaches the terminal and the log: it must not be able to
/// start a line of its own or change how the line looks.
@Suite struct DisplayTextTests {
    @Test func ordinaryTextIsUnchanged() {
        let text = "[接收] JD01 2025-03 2025-03/JD01_吴家山街道科协_2025-03.xlsx（2 条警告）"
        #expect(DisplayText.escaped(text) == text)
        #expect(DisplayText.escaped("") == "")
    }

    @Test func controlsAndBidiOverridesBecomeVisible() {
        #expect(DisplayText.escaped("a\nb\rc\td") == #"a\nb\rc\td"#)
        #expect(DisplayText.escaped("\u{1B}[31m红\u{7F}") == #"\u{1B}[31m红\u{7F}"#)
        #expect(DisplayText.escaped("\u{85}\u{9B}") == #"\u{85}\u{9B}"#)
        #expect(DisplayText.escaped("名\u{202E}xslx.exe") == #"名\u{202E}xslx.exe"#)
        #expect(DisplayText.escaped("\u{2066}\u{2069}\u{200F}\u{2028}") == #"\u{2066}\u{2069}\u{200F}\u{2028}"#)
        #expect(DisplayText.escaped("\r\n") == #"\r\n"#)
    }

    @Test func fileNameCannotForgeALogLine() throws {
        let env = try CollectorTests.Env()
        let forged = "JD01_2025-03.txt\n[接收] JD01 2025-03 伪造.xlsx"
        try env.drop(forged, "unit=JD01 period=2025-03 error=1")
        try env.drop("JD02_\u{202E}xslx.txt", "unit=JD02 period=2025-03")
        let (summary, events) = try env.collect()
        #expect(summary.rejected == 1 && summary.accepted == 1)
        let lines = events.map(\.logLine)
        #expect(lines == [
            #"[退回] JD01 2025-03 JD01_2025-03.txt\n[接收] JD01 2025-03 伪造.xlsx：活动明细!G3 覆盖人数应为整数"#,
            #"[接收] JD02 2025-03 JD02_\u{202E}xslx.txt"#,
        ])
        #expect(!lines.joined().contains { $0.isNewline })
        #expect(TestSupport.inboxContents(env.ws).isEmpty)
        // The ledger keeps the name as received; only what is shown is escaped.
        let snapshot = try env.ledger.snapshot(of: env.ws, through: Period(year: 2025, month: 12)!)
        #expect(snapshot.files.all.contains { $0.fileName == forged })

        let status = try StatusReport.build(ledger: env.ledger, workspace: env.ws, through: Period(year: 2025, month: 3)!).text
        #expect(status.contains(#"  JD01_2025-03.txt\n[接收] JD01 2025-03 伪造.xlsx（JD01 2025-03）"#))
        #expect(!status.split(separator: "\n").contains { $0.hasPrefix("[接收]") })
    }

    @Test func unitNameFromTheRegistryCannotBreakAStatusLine() {
        let unit = ReportingUnit(code: "JD01", name: "吴家山\nJD02 假单位：已接收 1–12月", kind: .street, street: "", contact: "",
                                 phone: "", firstPeriod: Period(year: 2025, month: 1)!)
        let line = StatusReport.UnitLine(unit: unit, accepted: [Period(year: 2025, month: 1)!])
        #expect(StatusMessages.statusUnit(line) == #"JD01 吴家山\nJD02 假单位：已接收 1–12月：已接收 1月"#)
    }
}
