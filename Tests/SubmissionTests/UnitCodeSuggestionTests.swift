import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

/// An unknown 单位代码 names the registry code it was most likely meant to be.
@Suite struct UnitCodeSuggestionTests {
    typealias B = Build

    static func unit(_ code: String, _ name: String) -> ReportingUnit {
        ReportingUnit(code: code, name: name, kind: .street, street: "", contact: "", phone: "",
                      firstPeriod: Period(year: 2025, month: 1)!)
    }

    static let registry = Dictionary(uniqueKeysWithValues: [
        unit("QU00", "东西湖区科协"), unit("JD01", "吴家山街道科协"), unit("JD02", "将军路街道科协"),
        unit("JD12", "柏泉办事处科协"), unit("QY01", "TCL空调企业科协"), unit("XH01", "区食品科学技术学会"),
    ].map { ($0.code, $0) })

    static func nearest(_ typed: String) -> String? {
        UnitCodeSuggestion.nearest(to: Normalize.unitCode(typed), in: registry)?.code
    }

    @Test(arguments: ["jd-2", "JD2", "ＪＤ０２", "JD_02", "JD.2", "JD002", "jd 02", "JD－２"])
    func theSameLettersAndNumberHoweverWritten(_ typed: String) {
        #expect(Self.nearest(typed) == "JD02")
    }

    @Test func oneTypingSlipAwayIsSuggested() {
        #expect(Self.nearest("JDO1") == "JD01")  // the letter O for a zero
        #expect(Self.nearest("JD121") == "JD12")
        #expect(Self.nearest("QY1") == "QY01")
        #expect(Self.nearest("XHO1") == "XH01")
        #expect(Self.nearest("QU0") == "QU00")
    }

    @Test func noSuggestionWhenTwoAreEquallyClose() {
        // JD11 is one slip from both JD01 and JD12.
        #expect(Self.nearest("JD11") == nil)
        #expect(Self.nearest("JD03") == nil)  // JD01, JD02
    }

    @Test func noSuggestionWhenNothingIsClose() {
        #expect(Self.nearest("JD99") == nil)
        #expect(Self.nearest("ZZ99") == nil)
        #expect(Self.nearest("XX01") == "XH01")  // one letter off is one slip, whatever the letters mean
        #expect(Self.nearest("吴家山") == nil)
        #expect(Self.nearest(String(repeating: "JD02", count: 5000)) == nil)
    }

    @Test func twoRegistryCodesOfOneNumberAreNotGuessedBetween() {
        let registry = Dictionary(uniqueKeysWithValues: [Self.unit("JD2", "甲"), Self.unit("JD02", "乙")].map { ($0.code, $0) })
        #expect(UnitCodeSuggestion.nearest(to: "JD-2", in: registry) == nil)
    }

    @Test func theMessageAsksAboutTheSuggestedUnit() throws {
        let s = B.parse(B.submission(info: B.basicInfo(unit: "jd-1")))
        let d = try #require(s.diagnostics("unit.unknown").first)
        #expect(d.value == "JD-1")
        #expect(d.message == "单位代码“JD-1”不在单位名册中，是否为 JD01（吴家山街道科协）？请核对代码；如为新单位，请先联系区科协加入名册")
        let far = B.parse(B.submission(info: B.basicInfo(unit: "JD99")))
        #expect(far.diagnostics("unit.unknown").first?.message == "单位代码“JD99”不在单位名册中，请核对代码；如为新单位，请先联系区科协加入名册")
    }

    @Test func aCSVNamedWithAnUnknownCodeGetsTheSuggestionToo() throws {
        let csv = SpreadsheetDocument(format: .csv, sheets: [B.sheet("x", [B.activityHeader, B.activityRow()])])
        let s = B.parse(csv, file: "jd1_2025-03.csv")
        let d = try #require(s.diagnostics("unit.unknown").first)
        #expect(d.message.contains("是否为 JD01（吴家山街道科协）？"))
    }
}
