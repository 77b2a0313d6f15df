import Foundation
import JixiaoModel
@testable import JixiaoSubmission
import Testing

@Suite struct NormalizeTextTests {
    @Test func trimsFullWidthAndInvisibleSpaces() {
        #expect(Normalize.text("\u{3000} 科普讲座 \u{00A0}") == "科普讲座")
        #expect(Normalize.text("\u{FEFF}JD01") == "JD01")
        #expect(Normalize.text("中间\u{3000}空格") == "中间\u{3000}空格")
    }

    @Test func foldsFullWidthDigitsAndLetters() {
        #expect(Normalize.folded("１２０") == "120")
        #expect(Normalize.folded("ＪＤ０１") == "JD01")
        #expect(Normalize.folded("覆盖人数（人次）") == "覆盖人数(人次)")
    }

    @Test func labelDropsUnitsColonsAndStars() {
        #expect(Normalize.label("覆盖人数（人次）") == "覆盖人数")
        #expect(Normalize.label("活动日期(年/月/日)") == "活动日期")
        #expect(Normalize.label("单位代码：") == "单位代码")
        #expect(Normalize.label(" *活动 名称 ") == "活动名称")
        #expect(Normalize.label("年初预算数（万元）:") == "年初预算数")
    }

    @Test func unitCodeIsUpperCaseWithoutSpaces() {
        #expect(Normalize.unitCode(" jd01\u{3000}") == "JD01")
        #expect(Normalize.unitCode("ＱＵ００") == "QU00")
    }
}

@Suite struct NormalizeCountTests {
    private func value(_ s: String) -> Int? { try? Normalize.count(s).get().value }
    private func approximate(_ s: String) -> Bool { (try? Normalize.count(s).get().approximate) ?? false }
    private func problem(_ s: String) -> Normalize.NumberProblem? {
        if case .failure(let p) = Normalize.count(s) { return p }
        return nil
    }

    @Test func readsPlainAndFullWidthDigits() {
        #expect(value("120") == 120)
        #expect(value("１２０") == 120)
        #expect(value(" 0 ") == 0)
        #expect(!approximate("120"))
    }

    @Test func readsThousandsSeparators() {
        #expect(value("1,200") == 1200)
        #expect(value("１，２００") == 1200)
        #expect(value("12,345,678") == 12_345_678)
        #expect(problem("1,20") == .notANumber)
        #expect(problem("1,2000") == .notANumber)
    }

    @Test func stripsCountingUnits() {
        #expect(value("120人") == 120)
        #expect(value("120人次") == 120)
        #expect(value("共 35 名") == 35)
        #expect(!approximate("120人次"))
    }

    @Test func multipliesTenThousands() {
        #expect(value("2万") == 20000)
        #expect(value("1.5万") == 15000)
        #expect(value("1.5万人次") == 15000)
        #expect(!approximate("2万"))
    }

    @Test func marksApproximations() {
        for text in ["约50", "50余", "50多", "50多人", "50人左右", "大约50人", "50余人"] {
            #expect(value(text) == 50, "\(text)")
            #expect(approximate(text), "\(text)")
        }
        #expect(value("约2万") == 20000)
    }

    @Test func acceptsExcelNumberLiterals() {
        #expect(value("1.2E+3") == 1200)
        #expect(value("120.0") == 120)
        #expect(value("120.00000000000001") == 120)
    }

    @Test func refusesNegativeFractionalAndGarbage() {
        #expect(problem("-5") == .negative)
        #expect(problem("12.5") == .fraction)
        #expect(problem("很多") == .notANumber)
        #expect(problem("十二") == .notANumber)
        #expect(problem("12-3") == .notANumber)
        #expect(problem("1e40") == .tooLarge)
        #expect(problem("") == .notANumber)
    }
}

@Suite struct NormalizeMoneyTests {
    @Test func readsExactDecimals() throws {
        #expect(try Normalize.money("323.21").get() == Normalize.Money(value: Decimal(string: "323.21")!, rounded: false))
        #expect(try Normalize.money("370.64万元").get().value == Decimal(string: "370.64")!)
        #expect(try Normalize.money("１，２３４.５万").get().value == Decimal(string: "1234.5")!)
        #expect(try Normalize.money("0").get().value == 0)
    }

    @Test func refusesYuanAndNegatives() {
        #expect(Normalize.money("3700000元") == .failure(.inYuan))
        #expect(Normalize.money("-1.00") == .failure(.negative))
        #expect(Normalize.money("三百万") == .failure(.notANumber))
    }

    @Test func roundsExtraDecimalsButNotBinaryNoise() throws {
        let typed = try Normalize.money("12.345").get()
        #expect(typed.value == Decimal(string: "12.35")!)
        #expect(typed.rounded)
        let noise = try Normalize.money("323.20999999999998", fromNumberCell: true).get()
        #expect(noise.value == Decimal(string: "323.21")!)
        #expect(!noise.rounded)
    }
}

@Suite struct NormalizeDateTests {
    private func date(_ s: String, year: Int? = nil) -> String? {
        Normalize.date(s, defaultYear: year)?.date.description
    }

    @Test func readsFullDatesInEveryWrittenForm() {
        for text in ["2025-03-05", "2025/3/5", "2025.3.5", "2025年3月5日", "2025年03月05号", "20250305",
                     "２０２５－０３－０５", "2025-03-05 00:00:00", "2025-03-05T09:30:00"] {
            #expect(date(text) == "2025-03-05", "\(text)")
            #expect(Normalize.date(text, defaultYear: 2024)?.yearGuessed == false, "\(text)")
        }
    }

    @Test func takesTheYearFromThePeriodWhenMissing() {
        for text in ["3月5日", "3.5", "3-5", "3/5", "03月05日"] {
            #expect(date(text, year: 2025) == "2025-03-05", "\(text)")
            #expect(Normalize.date(text, defaultYear: 2025)?.yearGuessed == true, "\(text)")
        }
        #expect(date("3月5日") == nil)
    }

    @Test func refusesImpossibleDates() {
        for text in ["2025年13月5日", "2025-02-29", "2025-04-31", "2025--03-05", "明天", "2025-03", "25/3/5", "3-5月"] {
            #expect(date(text, year: 2025) == nil, "\(text)")
        }
        #expect(date("2024-02-29") == "2024-02-29")
    }

    @Test func convertsSerialsIn1900System() {
        #expect(Normalize.date(serial: 1, uses1904: false)?.description == "1900-01-01")
        #expect(Normalize.date(serial: 59, uses1904: false)?.description == "1900-02-28")
        // 60 is Excel's fictitious 1900-02-29.
        #expect(Normalize.date(serial: 60, uses1904: false) == nil)
        #expect(Normalize.date(serial: 61, uses1904: false)?.description == "1900-03-01")
        #expect(Normalize.date(serial: 45721, uses1904: false)?.description == "2025-03-05")
        #expect(Normalize.date(serial: 0, uses1904: false) == nil)
    }

    @Test func convertsSerialsIn1904System() {
        #expect(Normalize.date(serial: 0, uses1904: true)?.description == "1904-01-01")
        #expect(Normalize.date(serial: 44259, uses1904: true)?.description == "2025-03-05")
    }
}

@Suite struct NormalizePeriodTests {
    @Test func readsEveryWrittenMonthForm() {
        for text in ["2025-03", "2025-3", "2025年3月", "2025年03月份", "2025/3", "2025.3", "202503",
                     "2025-03-01", "2025年3月15日", "２０２５年３月", " 2025-03 "] {
            #expect(Normalize.period(text)?.description == "2025-03", "\(text)")
        }
    }

    @Test func refusesWhatIsNoMonth() {
        for text in ["2025-13", "3月", "2025", "明年三月", "25-03", "2025-03-32"] {
            #expect(Normalize.period(text) == nil, "\(text)")
        }
    }
}

@Suite struct NormalizeChoiceTests {
    @Test func acceptsAllowedValuesAndSynonymsSilently() {
        #expect(Normalize.choice("线下", synonyms: ChoiceSynonyms.form) == .init(value: ActivityForm.offline, guessed: false))
        for (text, form) in [("线下活动", ActivityForm.offline), ("现场", .offline), ("线下讲座", .offline),
                             ("线上直播", .online), ("网络", .online), ("直播", .online), (" 线 上 ", .online)] {
            #expect(Normalize.choice(text, synonyms: ChoiceSynonyms.form) == .init(value: form, guessed: false), "\(text)")
        }
        #expect(Normalize.choice("科普", synonyms: ChoiceSynonyms.category)?.value == .popularScience)
        #expect(Normalize.choice("学术活动", synonyms: ChoiceSynonyms.category)?.value == .academicExchange)
        #expect(Normalize.choice("其它", synonyms: ChoiceSynonyms.theme)?.value == .other)
        #expect(Normalize.choice("科学家精神", synonyms: ChoiceSynonyms.theme)?.value == .scientistSpirit)
        #expect(Normalize.choice("科学家精神", synonyms: ChoiceSynonyms.category)?.value == .scientistSpirit)
    }

    @Test func guessesFromTextContainingOneAllowedValue() {
        #expect(Normalize.choice("线下（讲座）", synonyms: ChoiceSynonyms.form) == .init(value: ActivityForm.offline, guessed: true))
        #expect(Normalize.choice("食品安全进社区", synonyms: ChoiceSynonyms.theme) == .init(value: ActivityTheme.foodSafety, guessed: true))
        #expect(Normalize.choice("科创科普讲座", synonyms: ChoiceSynonyms.category) == .init(value: ActivityCategory.innovationScience, guessed: true))
    }

    @Test func refusesUnknownAndAmbiguousValues() {
        #expect(Normalize.choice("线上线下结合", synonyms: ChoiceSynonyms.form) == nil)
        #expect(Normalize.choice("文艺演出", synonyms: ChoiceSynonyms.category) == nil)
        #expect(Normalize.choice("", synonyms: ChoiceSynonyms.theme) == nil)
    }
}

@Suite struct NormalizeHostileInputTests {
    @Test func neverTrapsOnExtremeNumbers() {
        for text in ["1e999", "-1e999", String(repeating: "9", count: 60), "-0", ".5", "5.", "..", "+", "-", "1e", "e5",
                     "1,", ",1", "1..2", "1.2.3", "万", "约", "余", "NaN", "Infinity", "1E-400"] {
            _ = Normalize.count(text)
            _ = Normalize.money(text)
            _ = Normalize.date(text, defaultYear: 2025)
            _ = Normalize.period(text)
        }
        #expect(Normalize.count(String(repeating: "9", count: 60)) == .failure(.tooLarge))
        #expect((try? Normalize.count("-0").get().value) == 0)
        #expect(Normalize.count("万") == .failure(.notANumber))
    }

    @Test func neverTrapsOnExtremeSerials() {
        for serial in [Int.min / 2, -1, 0, 1, 60, 2_958_465, 2_958_466, Int.max / 2] {
            _ = Normalize.date(serial: serial, uses1904: false)
            _ = Normalize.date(serial: serial, uses1904: true)
        }
        #expect(Normalize.date(serial: 2_958_465, uses1904: false)?.description == "9999-12-31")
    }
}
