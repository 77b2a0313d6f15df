import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

/// The shortcuts taken for clean cells must answer exactly what the general rules answer.
@Suite struct FastPathTests {
    @Test func trimmedScalarShortcutAgreesWithTheCharacterSet() {
        for value in UInt32(0)...0x1_0000 {
            guard let u = Unicode.Scalar(value) else { continue }
            #expect(Normalize.isTrimmed(u) == Normalize.trimmed.contains(u), "U+\(String(value, radix: 16))")
        }
    }

    @Test func normalFormHashIsStringsOwnHash() {
        let texts = ["食品安全科普讲座第12场", "社区活动中心", "JD01", "", "（全角）ＡＢ　括号", "「引号」、。"]
        for text in texts {
            #expect(NormalFormText.isNormalForm(text), "\(text)")
            var own = Hasher(), fast = Hasher()
            own.combine(text)
            NormalFormText.hash(text, into: &fast)
            #expect(own.finalize() == fast.finalize(), "\(text)")
        }
        #expect(!NormalFormText.isNormalForm("cafe\u{301}"))
        #expect(!NormalFormText.isNormalForm("\u{F900}"))   // a compatibility ideograph NFC replaces
    }

    @Test func normalFormByteCheckAgreesWithTheScalarRanges() {
        for value in UInt32(0)...0x1_0000 {
            guard let u = Unicode.Scalar(value) else { continue }
            let text = "讲座" + String(u) + "a"
            #expect(NormalFormText.isNormalForm(text) == NormalFormText.isNormalFormScalar(value), "U+\(String(value, radix: 16))")
        }
        #expect(!NormalFormText.isNormalForm("科普\u{1F600}"))
        #expect(NormalFormText.isNormalForm(""))
    }

    @Test func canonicallyEqualActivitiesAreOneKey() {
        let date = CalendarDate(year: 2025, month: 3, day: 5)!
        let composed = ActivityKey(name: "讲座", date: date, place: "Caf\u{E9}")
        let decomposed = ActivityKey(name: "讲座", date: date, place: "Cafe\u{301}")
        let ideograph = ActivityKey(name: "\u{F900}", date: date, place: "")
        let unified = ActivityKey(name: "\u{8C48}", date: date, place: "")
        #expect(Set([composed, decomposed]).count == 1)
        #expect(Set([ideograph, unified]).count == 1)
        #expect(Set([composed, unified]).count == 2)
    }

    @Test func blankAgreesWithTypedText() {
        let values: [CellValue] = [.empty, .text(""), .text(" \u{3000}"), .text("x"), .number(""), .number("0"),
                                   .boolean(false), .date(ExcelDateTime(year: 2025, month: 3, day: 5)),
                                   .error(""), .error("#N/A"), .uncachedFormula("")]
        for v in values { #expect(v.isBlank == v.typedText.isEmpty, "\(v)") }
    }

    @Test func everyAllowedValueIsTakenAsWritten() {
        for form in ActivityForm.allCases {
            #expect(Normalize.choice(form.rawValue, synonyms: ChoiceSynonyms.form) == .init(value: form, guessed: false))
        }
        for category in ActivityCategory.allCases {
            #expect(Normalize.choice(category.rawValue, synonyms: ChoiceSynonyms.category) == .init(value: category, guessed: false))
        }
        for theme in ActivityTheme.allCases {
            #expect(Normalize.choice(theme.rawValue, synonyms: ChoiceSynonyms.theme) == .init(value: theme, guessed: false))
        }
    }
}

@Suite struct SpaceRemovalTests {
    @Test func unitCodesAlreadyInFormAndOthersAgree() {
        for code in ["JD01", "QU00", "A1", "jd01", " JD01 ", "ＪＤ０１", "JD 01", "jd\u{3000}01", "ß1", "", "街道"] {
            let general = Normalize.folded(code).replacingOccurrences(of: " ", with: "").uppercased()
            #expect(Normalize.unitCode(code) == general, "\(code)")
        }
    }

    @Test func textWithoutSpacesIsLeftAlone() {
        #expect(Normalize.withoutSpaces("活动 明细 ") == "活动明细")
        #expect(Normalize.withoutSpaces("活动明细") == "活动明细")
        #expect(Normalize.choice(" 其它 ", synonyms: ChoiceSynonyms.theme)?.value == .other)
        #expect(SheetRoles.key("活动 明细") == SheetRoles.key("活动明细"))
    }
}
