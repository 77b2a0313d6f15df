import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

@Suite struct WorkbookValidationTests {
    typealias B = Build

    @Test func acceptsACleanSubmission() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(1), B.activityRow(2, name: "网络安全讲座", form: "线上",
                                                                                     theme: "网络安全", coverage: B.n("300"))]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(!s.hasErrors)
        #expect(s.unitCode == "JD01")
        #expect(s.period == Period(year: 2025, month: 3))
        #expect(s.unitName == "吴家山街道科协")
        #expect(s.preparer == "张三")
        #expect(s.filledOn == CalendarDate(year: 2025, month: 4, day: 3))
        #expect(s.activities.count == 2)
        let a = try #require(s.activities.last)
        #expect(a.name == "网络安全讲座")
        #expect(a.form == .online)
        #expect(a.theme == .cyberSecurity)
        #expect(a.coverage == 300)
        #expect(a.source == SourceRef(file: "JD01.xlsx", sheet: "活动明细", row: 3))
        #expect(s.workload.map(\.item) == [.newEnterpriseAssociations, .recruitedScienceWorkers])
        #expect(s.workload.map(\.quantity) == [1, 5])
    }

    @Test func rejectsInvalidDateAtItsCell() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(), B.activityRow(2, date: B.t("2025年13月5日"))]))
        let d = try #require(s.diagnostics("date.invalid").first)
        #expect(d.severity == .error)
        #expect(d.location == "活动明细!C3")
        #expect(d.value == "2025年13月5日")
        #expect(d.file == "JD01.xlsx")
        #expect(d.message == "活动日期“2025年13月5日”不是有效日期，请填写如 2025-03-05 的日期")
        #expect(s.hasErrors)
        #expect(s.activities.count == 1)
    }

    @Test func warnsOnDateOutsideReportingMonth() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(date: B.t("2025-04-02"))]))
        let d = try #require(s.diagnostics("date.outsidePeriod").first)
        #expect(d.severity == .warning)
        #expect(d.location == "活动明细!C2")
        #expect(!s.hasErrors)
        #expect(s.activities.first?.date == CalendarDate(year: 2025, month: 4, day: 2))
    }

    @Test func rejectsAFileWhoseDatesAreMostlyInAnotherMonth() throws {
        let rows = [B.activityRow(date: B.t("2025-04-02")), B.activityRow(2, name: "b", date: B.t("2025-04-10")),
                    B.activityRow(3, name: "c", date: B.t("2025-04-20"))]
        let s = B.parse(B.submission(activityRows: rows))
        let d = try #require(s.diagnostics("period.mismatch").first)
        #expect(d.severity == .error)
        #expect(d.location == "基本信息!B3")
        #expect(d.message == "报送月份填的是 2025-03，但 3 条活动中有 3 条日期在 2025-04，请核对报送月份或活动日期")
        #expect(s.diagnostics("date.outsidePeriod").isEmpty, "one error in place of a warning per row")
        #expect(s.diagnostics("period.mismatch").count == 1)
        #expect(s.hasErrors)
    }

    @Test func aFewDatesOutsideTheMonthStayWarnings() {
        // Half is not most: 1 of 2, and 2 of 4, stay warnings.
        let two = B.parse(B.submission(activityRows: [B.activityRow(date: B.t("2025-04-02")),
                                                      B.activityRow(2, name: "b", date: B.t("2025-03-10"))]))
        #expect(two.diagnostics("period.mismatch").isEmpty)
        #expect(two.diagnostics("date.outsidePeriod").count == 1)
        #expect(!two.hasErrors)
        let four = B.parse(B.submission(activityRows: [
            B.activityRow(date: B.t("2025-04-02")), B.activityRow(2, name: "b", date: B.t("2025-04-10")),
            B.activityRow(3, name: "c", date: B.t("2025-03-10")), B.activityRow(4, name: "d", date: B.t("2025-03-12"))]))
        #expect(four.diagnostics("period.mismatch").isEmpty)
        #expect(four.diagnostics("date.outsidePeriod").count == 2)
        // Spread over two other months, no single month holds most of them.
        let spread = B.parse(B.submission(activityRows: [
            B.activityRow(date: B.t("2025-04-02")), B.activityRow(2, name: "b", date: B.t("2025-05-10")),
            B.activityRow(3, name: "c", date: B.t("2025-03-10"))]))
        #expect(spread.diagnostics("period.mismatch").isEmpty)
        #expect(spread.diagnostics("date.outsidePeriod").count == 2)
    }

    @Test func takesTheYearFromThePeriodWithAWarning() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(date: B.t("3月5日")), B.activityRow(2, name: "b", date: B.n("3.12"))]))
        #expect(s.diagnostics("date.yearFromPeriod").count == 2)
        #expect(s.activities.map(\.date.description) == ["2025-03-05", "2025-03-12"])
    }

    @Test func readsSerialNumbersAsDatesWithAWarning() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(date: B.n("45721"))]))
        #expect(s.activities.first?.date.description == "2025-03-05")
        #expect(s.diagnostics("date.fromSerial").count == 1)
    }

    @Test func readsSerialsIn1904Workbooks() {
        let doc = B.workbook([B.basicInfo(), B.activities([B.activityRow(date: B.n("44259"))]), B.workload()], uses1904: true)
        let s = B.parse(doc)
        #expect(s.activities.first?.date.description == "2025-03-05")
    }

    @Test func readsTextDatesInEveryForm() {
        let forms = ["2025-03-05", "2025/3/5", "2025.3.5", "2025年3月5日", "２０２５－０３－０５"]
        let s = B.parse(B.submission(activityRows: forms.enumerated().map { B.activityRow($0.offset + 1, name: "a\($0.offset)", date: B.t($0.element)) }))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(Set(s.activities.map(\.date.description)) == ["2025-03-05"])
    }

    @Test func warnsOnApproximateCountAndKeepsTheNumber() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(coverage: B.t("约50人"))]))
        let d = try #require(s.diagnostics("number.approximate").first)
        #expect(d.severity == .warning)
        #expect(d.location == "活动明细!G2")
        #expect(d.message.contains("50"))
        #expect(s.activities.first?.coverage == 50)
    }

    @Test func keepsTheTypedTextOfNormalisedValues() throws {
        let rows = [B.activityRow(1, name: "a", category: "科普讲座", coverage: B.t("约50人")),
                    B.activityRow(2, name: "b", form: " 线下 ", theme: "食品安全", coverage: B.n("80"))]
        let s = B.parse(B.submission(activityRows: rows))
        let first = try #require(s.activities.first)
        #expect(first.category == .popularScience)
        #expect(first.sent == [.category: "科普讲座", .coverage: "约50人"])
        // Surrounding spaces and values typed as counted are not changes worth showing.
        #expect(s.activities.last?.sent == [:])
    }

    @Test func workloadEntriesPointAtTheirQuantityCell() throws {
        let s = B.parse(B.submission())
        #expect(s.workload.map(\.source.location) == ["工作量!B2", "工作量!B3"])
    }

    @Test func readsCountsWrittenWithUnitsSeparatorsAndTenThousands() {
        let rows = [B.activityRow(1, name: "a", coverage: B.t("1,200")), B.activityRow(2, name: "b", coverage: B.t("120人次")),
                    B.activityRow(3, name: "c", coverage: B.t("2万")), B.activityRow(4, name: "d", coverage: B.t("１２０"))]
        let s = B.parse(B.submission(activityRows: rows))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.activities.map(\.coverage) == [1200, 120, 20000, 120])
    }

    @Test func rejectsNegativeAndFractionalCounts() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(coverage: B.n("-3")), B.activityRow(2, name: "b", coverage: B.n("12.5")),
                                                    B.activityRow(3, name: "c", coverage: B.t("很多"))]))
        #expect(s.diagnostics("number.negative").map(\.location) == ["活动明细!G2"])
        #expect(s.diagnostics("number.fraction").map(\.location) == ["活动明细!G3"])
        #expect(s.diagnostics("number.invalid").map(\.location) == ["活动明细!G4"])
        #expect(s.activities.isEmpty)
    }

    @Test func rejectsMissingRequiredValues() {
        var row = B.activityRow()
        row[1] = .empty
        row[6] = .empty
        let s = B.parse(B.submission(activityRows: [row]))
        #expect(s.diagnostics("value.required").map(\.location) == ["活动明细!B2", "活动明细!G2"])
        #expect(s.hasErrors)
    }

    @Test func normalisesChoiceSynonymsAndRejectsUnknownOnesListingTheAllowed() throws {
        let s = B.parse(B.submission(activityRows: [
            B.activityRow(1, name: "a", form: "线下活动", category: "科普", theme: "应急"),
            B.activityRow(2, name: "b", form: "线上直播", category: "学术活动", theme: "其它"),
            B.activityRow(3, name: "c", category: "文艺演出"),
        ]))
        #expect(s.activities.map(\.form) == [.offline, .online])
        #expect(s.activities.map(\.category) == [.popularScience, .academicExchange])
        #expect(s.activities.map(\.theme) == [.emergency, .other])
        let d = try #require(s.diagnostics("choice.unknown").first)
        #expect(d.location == "活动明细!E4")
        #expect(d.message.contains("科普活动、学术交流、科创服务、科创科普、科学家精神宣讲、培训、其他"))
    }

    @Test func warnsWhenAChoiceIsGuessedFromLongerText() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(theme: "食品安全进社区")]))
        #expect(s.diagnostics("choice.guessed").map(\.location) == ["活动明细!F2"])
        #expect(s.activities.first?.theme == .foodSafety)
    }

    @Test func warnsOnDuplicateActivityRows() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(1), B.activityRow(2)]))
        let d = try #require(s.diagnostics("activity.duplicate").first)
        #expect(d.severity == .warning)
        #expect(d.location == "活动明细!B3")
        #expect(d.message.contains("第 2 行"))
        #expect(s.activities.count == 2)
    }

    @Test func skipsTotalRowsWithAWarning() {
        var total = [CellValue](repeating: .empty, count: 10)
        total[1] = B.t("合计")
        total[6] = B.n("240")
        let s = B.parse(B.submission(activityRows: [B.activityRow(1), B.activityRow(2, name: "b"), total]))
        #expect(s.activities.count == 2)
        #expect(s.diagnostics("row.totalSkipped").map(\.location) == ["活动明细!A4"])
    }

    @Test func ignoresTrailingEmptyAndNumberOnlyRows() {
        let numbered: [[CellValue]] = (2...20).map { [B.n(String($0))] }
        let s = B.parse(B.submission(activityRows: [B.activityRow()] + numbered + [[], [], [B.t("\u{3000}")]]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.activities.count == 1)
    }

    @Test func toleratesATitleRowAboveTheHeader() {
        let sheet = B.sheet("活动明细", [[B.t("吴家山街道科协2025年3月活动明细表")], []] + [B.activityHeader, B.activityRow()])
        let s = B.parse(B.workbook([B.basicInfo(), sheet, B.workload()]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.activities.first?.source.row == 4)
    }

    @Test func readsColumnsInAnyOrderWithUnitsInHeaders() throws {
        let header: [CellValue] = ["覆盖人数（人次）", "活动日期(年/月/日)", "活动名称", "活动主题", "活动类别", "活动形式", "地点"].map(B.t)
        let row: [CellValue] = [B.n("88"), B.d(2025, 3, 9), B.t("应急演练"), B.t("应急防灾"), B.t("培训"), B.t("线下"), B.t("柏泉")]
        let s = B.parse(B.workbook([B.basicInfo(), B.sheet("活动明细", [header, row]), B.workload()]))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        let a = try #require(s.activities.first)
        #expect(a.coverage == 88)
        #expect(a.category == .training)
        #expect(a.place == "柏泉")
    }

    @Test func warnsAboutExtraColumnsAndIgnoresThem() throws {
        let s = B.parse(B.workbook([B.basicInfo(), B.sheet("活动明细", [B.activityHeader + [B.t("负责人")],
                                                                        B.activityRow() + [B.t("李四")]]), B.workload()]))
        let d = try #require(s.diagnostics("header.extraColumn").first)
        #expect(d.location == "活动明细!\(B.pastTemplate(row: 1))")
        #expect(d.severity == .warning)
        #expect(s.activities.count == 1)
    }

    @Test func rejectsAMissingRequiredColumn() throws {
        let header = B.activityHeader.filter { $0 != B.t("覆盖人数") }
        let s = B.parse(B.workbook([B.basicInfo(), B.sheet("活动明细", [header]), B.workload()]))
        let d = try #require(s.diagnostics("header.missingColumn").first)
        #expect(d.message.contains("覆盖人数"))
        #expect(s.hasErrors)
    }

    @Test func matchesSheetNamesWithSurroundingSpaces() {
        let doc = B.workbook([B.basicInfo(sheetName: " 基本信息\u{3000}"), B.activities([B.activityRow()], name: "活动明细 "), B.workload()])
        let s = B.parse(doc)
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.activities.count == 1)
    }

    @Test func recognisesARenamedSheetByItsHeader() throws {
        let doc = B.workbook([B.basicInfo(sheetName: "Sheet1"), B.activities([B.activityRow()], name: "3月活动"), B.workload()])
        let s = B.parse(doc)
        #expect(s.diagnostics("sheet.renamed").map(\.location).sorted() == ["3月活动", "Sheet1"])
        #expect(!s.hasErrors)
        #expect(s.activities.first?.source.sheet == "3月活动")
        #expect(s.unitCode == "JD01")
    }

    @Test func rejectsAWorkbookWithoutTheTemplateSheets() {
        let s = B.parse(B.workbook([B.sheet("Sheet1", [[B.t("随便写的")]])]))
        #expect(s.diagnostics("sheet.missing").count == 2)
        #expect(s.diagnostics("sheet.workloadMissing").count == 1)
        #expect(s.hasErrors)
    }

    @Test func repeatsAValueMergedDownAColumn() {
        var second = B.activityRow(2, name: "第二场", place: "")
        second[2] = .empty
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([B.activityRow(1, name: "第一场"), second], merged: ["C2:C3", "H2:H3"]),
                                    B.workload()]))
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.activities.map(\.date.description) == ["2025-03-05", "2025-03-05"])
        #expect(s.activities.map(\.place) == ["吴家山社区", "吴家山社区"])
        #expect(s.diagnostics("cell.mergedRepeated").count == 2)
    }

    @Test func keepsACountMergedDownAColumnOnce() {
        var second = B.activityRow(2, name: "第二场")
        second[6] = .empty
        let s = B.parse(B.workbook([B.basicInfo(), B.activities([B.activityRow(1, name: "第一场", coverage: B.n("300")), second],
                                                               merged: ["G2:G3"]), B.workload()]))
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.activities.map(\.coverage) == [300, 0])
        #expect(s.diagnostics("cell.mergedCount").map(\.location) == ["活动明细!G2"])
    }

    @Test func warnsAboutHiddenRowsAndSheets() {
        let hiddenInfo = Sheet(name: "基本信息", visibility: .hidden, rows: B.basicInfo().rows)
        let doc = B.workbook([hiddenInfo, B.activities([B.activityRow(1), B.activityRow(2, name: "b")], hiddenRows: [3]), B.workload()])
        let s = B.parse(doc)
        #expect(s.diagnostics("row.hidden").map(\.location) == ["活动明细!A3"])
        #expect(s.diagnostics("sheet.hidden").map(\.location) == ["基本信息"])
        #expect(s.activities.count == 2)
        #expect(!s.hasErrors)
    }

    @Test func rejectsAFormulaWithoutACachedValueAtItsCell() throws {
        let s = B.parse(B.submission(activityRows: [B.activityRow(coverage: .uncachedFormula("SUM(H2:H9)"))]))
        let d = try #require(s.diagnostics("cell.formulaWithoutValue").first)
        #expect(d.location == "活动明细!G2")
        #expect(d.value == "=SUM(H2:H9)")
        #expect(s.hasErrors)
        #expect(s.diagnostics("value.required").isEmpty)
    }

    @Test func rejectsErrorValues() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(coverage: .error("#DIV/0!"))]))
        #expect(s.diagnostics("cell.errorValue").map(\.value) == ["#DIV/0!"])
        #expect(s.hasErrors)
    }

    @Test func warnsAboutWPSInCellPictures() {
        var row = B.activityRow()
        row[9] = B.t("=DISPIMG(\"ID_1A2B\",1)")
        let sheet = B.activities([row], formulas: ["J2": "DISPIMG(\"ID_1A2B\",1)"])
        let s = B.parse(B.workbook([B.basicInfo(), sheet, B.workload()]))
        #expect(s.diagnostics("cell.picture").map(\.location) == ["活动明细!J2"])
        #expect(!s.hasErrors)
        #expect(s.activities.first?.note == "")
    }

    @Test func keepsFormulaLikeTextAsText() {
        var row = B.activityRow()
        row[9] = B.t("=见附件")
        let s = B.parse(B.submission(activityRows: [row]))
        #expect(s.diagnostics.isEmpty)
        #expect(s.activities.first?.note == "=见附件")
    }
}

@Suite struct MoreDiagnosticsTests {
    typealias B = Build

    @Test func warnsAboutADuplicatedColumnAndReadsTheFirst() throws {
        let sheet = B.sheet("活动明细", [B.activityHeader + [B.t("覆盖人数")], B.activityRow(coverage: B.n("10")) + [B.n("99")]])
        let s = B.parse(B.workbook([B.basicInfo(), sheet, B.workload()]))
        let d = try #require(s.diagnostics("header.duplicateColumn").first)
        #expect(d.location == "活动明细!\(B.pastTemplate(row: 1))")
        #expect(s.activities.first?.coverage == 10)
    }

    @Test func rejectsAnImplausiblyLargeCount() {
        let s = B.parse(B.submission(activityRows: [B.activityRow(coverage: B.t("1200000000"))]))
        #expect(s.diagnostics("number.tooLarge").map(\.location) == ["活动明细!G2"])
    }

    @Test func everyIssueHasASeverityACodeAndAChineseMessage() {
        let issues: [SubmissionIssue] = [
            .unreadable("x"), .notASpreadsheetMember, .ignoredMember("一张图片"), .emptyBundle, .sheetMissing("活动明细"), .workloadSheetMissing,
            .sheetRecognisedByHeader(expected: "活动明细"), .sheetHidden, .headerNotFound(expected: ["活动名称"]),
            .columnMissing("活动日期"), .extraColumn("x"), .duplicateColumn("x"), .rowHidden, .mergedValueRepeated(range: "C2:C3"),
            .mergedCountKeptOnce(range: "G2:G3"), .formulaWithoutValue, .embeddedPicture, .cellErrorValue, .totalRowSkipped,
            .requiredEmpty("活动名称"), .notAnInteger("覆盖人数"), .negativeCount("覆盖人数"), .fractionalCount("覆盖人数"),
            .numberTooLarge("覆盖人数"), .approximateNumber("覆盖人数", 50), .invalidDate("活动日期"),
            .dateYearFromPeriod("活动日期", CalendarDate(year: 2025, month: 3, day: 5)!),
            .dateFromSerial("活动日期", CalendarDate(year: 2025, month: 3, day: 5)!),
            .dateOutsidePeriod("活动日期", Period(year: 2025, month: 3)!), .invalidFilledOnDate,
            .unknownChoice("活动形式", allowed: ["线上", "线下"]), .choiceGuessed("活动形式", "线下"),
            .duplicateActivity(firstRow: 2), .unitMissing, .unitUnknown(), .unitNameMismatch(registered: "区科协"),
            .periodMissing, .periodInvalid, .periodWrongYear(2025),
            .periodMismatch(claimed: Period(year: 2025, month: 3)!, dated: 3, inOther: 3, other: Period(year: 2025, month: 4)!),
            .csvUnitMissing, .csvPeriodMissing,
            .csvColumnInconsistent("单位代码", first: "JD01"), .unknownWorkloadItem, .duplicateWorkloadItem(firstRow: 2),
            .districtSheetFromOtherUnit, .invalidMoney("追加数"), .moneyInYuan("追加数"), .negativeMoney("追加数"),
            .moneyRounded("追加数", "1.00"), .satisfiedExceedsValid, .expenditureSplitMismatch("1.00", "2.00"),
        ]
        #expect(Set(issues.map(\.code)).count == issues.count)
        for issue in issues {
            let message = issue.message(value: "值")
            #expect(message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(issue.code)")
        }
    }
}
