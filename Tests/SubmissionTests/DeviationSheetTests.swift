import Foundation
import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission
import Testing

/// QU00's 偏差原因 sheet: rows matched to indicators.yaml's 三级指标 by name, each checked at its cell.
@Suite struct DeviationSheetTests {
    typealias B = Build

    static let names = ["预算执行率", "科普惠民活动场次", "服务对象满意度"]
    static let context = SubmissionContext(knownUnits: B.registry, year: 2025, indicatorNames: names)
    static let header: [CellValue] = SubmissionSchema.deviationHeaders.map { .text($0) }

    /// Rows of [一级指标, 三级指标, 分值, 偏差原因] under the template's header.
    static func sheet(_ rows: [[CellValue]], name: String = SubmissionSchema.deviationSheet) -> Sheet {
        B.sheet(name, [header] + rows)
    }

    static func row(_ indicator: String, _ reason: CellValue = .empty, level1: String = "产出指标") -> [CellValue] {
        [B.t(level1), B.t(indicator), B.n("5"), reason]
    }

    static func workbook(_ deviation: Sheet, unit: String = "QU00") -> SpreadsheetDocument {
        let info = unit == "QU00" ? B.basicInfo(unit: "QU00", name: "区科协") : B.basicInfo()
        return B.workbook([info, B.activities([B.activityRow()]), B.workload(), deviation])
    }

    static func parse(_ doc: SpreadsheetDocument, context: SubmissionContext = context) -> ParsedSubmission {
        B.parse(doc, file: "QU00_2025-12.xlsx", context: context)
    }

    @Test func readsEachReasonAtItsCellMatchedByTheTrimmedName() throws {
        let s = Self.parse(Self.workbook(Self.sheet([
            Self.row("预算执行率", B.t("  部分项目年末尚未结算。\n下一步加强进度管理。 "), level1: "成本指标"),
            Self.row("科普惠民活动场次"),
            Self.row(" 服务对象满意度 ", B.t("问卷覆盖面不足，下一步扩大调查范围。")),
        ])))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.deviationReasons.map(\.indicator) == ["预算执行率", "服务对象满意度"])
        #expect(s.deviationReasons.first?.reason == "部分项目年末尚未结算。\n下一步加强进度管理。")
        #expect(s.deviationReasons.map(\.source.location) == ["偏差原因!D2", "偏差原因!D4"])
        #expect(s.deviationReasons.allSatisfy { $0.source.file == "QU00_2025-12.xlsx" })
    }

    /// Every month's QU00 template carries the sheet: left blank it is no error and no reason,
    /// whatever names it lists.
    @Test func aBlankSheetSaysNothingWhateverItsNames() {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("预算执行率"), Self.row("去年的老指标")])))
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.deviationReasons.isEmpty)
    }

    @Test func anUnknownIndicatorIsRefusedAtItsCellWithTheNameItWasMeantToBe() throws {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("科普惠民活动场数", B.t("场地紧张"))])))
        let d = try #require(s.diagnostics("deviation.unknownIndicator").first)
        #expect(d.severity == .error && s.hasErrors)
        #expect(d.location == "偏差原因!B2")
        #expect(d.value == "科普惠民活动场数")
        #expect(d.message.contains("是否为“科普惠民活动场次”？"), "\(d.message)")
        #expect(s.deviationReasons.isEmpty)
    }

    @Test func anUnknownIndicatorWithNoLikelyMatchListsTheKnownNames() throws {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("获批专家工作站", B.t("尚在评审"))])))
        let d = try #require(s.diagnostics("deviation.unknownIndicator").first)
        #expect(d.message.contains("预算执行率、科普惠民活动场次、服务对象满意度"), "\(d.message)")
        #expect(!d.message.contains("是否为"))
    }

    @Test func theSameIndicatorTwiceIsRefusedAtTheSecond() throws {
        let s = Self.parse(Self.workbook(Self.sheet([
            Self.row("预算执行率", B.t("原因一")), Self.row("科普惠民活动场次"), Self.row("预算执行率", B.t("原因二")),
        ])))
        let d = try #require(s.diagnostics("deviation.duplicateIndicator").first)
        #expect(d.severity == .error)
        #expect(d.location == "偏差原因!B4")
        #expect(d.message.contains("与第 2 行重复"), "\(d.message)")
        #expect(s.diagnostics("deviation.duplicateIndicator").count == 1)
    }

    @Test func aReasonThatIsNoTextOrTooLongIsRefusedAtItsCell() throws {
        let long = String(repeating: "因", count: SubmissionSchema.deviationReasonMaxLength + 1)
        let s = Self.parse(Self.workbook(Self.sheet([
            Self.row("预算执行率", B.n("0")),
            Self.row("科普惠民活动场次", B.t(long)),
            Self.row("服务对象满意度", B.t(String(repeating: "果", count: SubmissionSchema.deviationReasonMaxLength))),
        ])))
        let notText = try #require(s.diagnostics("deviation.notText").first)
        #expect(notText.severity == .error && notText.location == "偏差原因!D2" && notText.value == "0")
        let tooLong = try #require(s.diagnostics("deviation.tooLong").first)
        #expect(tooLong.location == "偏差原因!D3")
        #expect(tooLong.message.contains("\(SubmissionSchema.deviationReasonMaxLength + 1) 个字"), "\(tooLong.message)")
        // Exactly the limit is fine; the file is still rejected for the other two.
        #expect(s.diagnostics.count == 2, "\(s.diagnostics)")
        #expect(s.hasErrors)
    }

    @Test func aReasonWithoutItsIndicatorNeedsTheName() throws {
        let s = Self.parse(Self.workbook(Self.sheet([[B.t("成本指标"), .empty, B.n("20"), B.t("原因")]])))
        let d = try #require(s.diagnostics("value.required").first)
        #expect(d.location == "偏差原因!B2")
        #expect(d.message.contains("三级指标"))
    }

    /// An error value where the name should be is that cell's error, not also a missing name.
    @Test func aNameCellHoldingAnErrorValueIsReportedOnce() {
        let s = Self.parse(Self.workbook(Self.sheet([[B.t("成本指标"), .error("#N/A"), B.n("20"), B.t("原因")]])))
        #expect(s.codes == ["cell.errorValue"], "\(s.codes)")
        #expect(s.diagnostics.first?.location == "偏差原因!B2")
    }

    @Test func anotherUnitsReasonsAreIgnoredWithAWarning() throws {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("预算执行率", B.t("原因"))]), unit: "JD01"))
        let d = try #require(s.diagnostics("deviation.otherUnit").first)
        #expect(d.severity == .warning && d.location == SubmissionSchema.deviationSheet)
        #expect(!s.hasErrors)
        #expect(s.deviationReasons.isEmpty)
        // Its untouched copy of the sheet is not worth a word.
        let blank = Self.parse(Self.workbook(Self.sheet([Self.row("预算执行率")]), unit: "JD01"))
        #expect(blank.diagnostics.isEmpty, "\(blank.diagnostics)")
    }

    /// `jixiao check` without a workspace has no indicator set: the names cannot be checked.
    @Test func withoutAnIndicatorSetTheNamesAreTakenAsWritten() {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("任何指标", B.t("原因"))])),
                           context: SubmissionContext(knownUnits: B.registry, year: 2025))
        #expect(!s.hasErrors, "\(s.diagnostics)")
        #expect(s.deviationReasons.map(\.indicator) == ["任何指标"])
    }

    @Test func aRenamedSheetIsFoundByItsHeader() throws {
        let s = Self.parse(Self.workbook(Self.sheet([Self.row("预算执行率", B.t("原因"))], name: "Sheet5")))
        #expect(s.diagnostics("sheet.renamed").first?.location == "Sheet5")
        #expect(s.deviationReasons.first?.source.location == "Sheet5!D2")
    }

    @Test func aSheetNamedSoWithoutTheHeaderIsRefused() {
        let s = Self.parse(Self.workbook(B.sheet(SubmissionSchema.deviationSheet, [[B.t("说明"), B.t("原因")]])))
        #expect(s.diagnostics("header.notFound").first?.location == SubmissionSchema.deviationSheet)
        #expect(s.hasErrors)
    }

    /// A file of reasons alone says something: it is no 空表.
    @Test func reasonsAloneAreNoEmptySubmission() {
        let doc = B.workbook([B.basicInfo(unit: "QU00", name: "区科协"), B.activities([]), B.workload([]),
                              Self.sheet([Self.row("预算执行率", B.t("原因"))])])
        let s = Self.parse(doc)
        #expect(!s.codes.contains("submission.empty"), "\(s.codes)")
        #expect(!s.hasErrors)
    }

    @Test func suggestionsNeedOneClearCandidate() {
        let known = ["科普惠民活动场次", "科创科普活动场次", "预算执行率"]
        #expect(DeviationSheet.suggestion(for: "科普惠民活动场次 ", in: known) == "科普惠民活动场次")
        #expect(DeviationSheet.suggestion(for: "科普惠民活动场次（含线上）", in: known) == "科普惠民活动场次")
        #expect(DeviationSheet.suggestion(for: "预算执行", in: known) == "预算执行率")
        #expect(DeviationSheet.suggestion(for: "活动场次", in: known) == nil)
        #expect(DeviationSheet.suggestion(for: "满意度", in: known) == nil)
    }

    /// A return copy lays 偏差原因 out as the template does, indicators.yaml's rows first; a row the
    /// file had under another name follows, so what the unit wrote there is shown and marked.
    @Test func aReturnCopyKeepsEachReasonAtItsIndicatorsRow() throws {
        let doc = Self.workbook(Self.sheet([
            Self.row("服务对象满意度", B.t("问卷不足")), Self.row("科普惠民活动场数", B.t("场地紧张")), Self.row("预算执行率"),
        ]))
        let parsed = Self.parse(doc)
        let sent = SentValuesReader.read(doc, parsed: parsed, indicatorNames: Self.names)
        #expect(sent.hasDeviationSheet)
        #expect(sent.deviationRows == Self.names + ["科普惠民活动场数"])
        #expect(sent.values[.deviation(row: 2, .reason)] == .text("问卷不足"))
        #expect(sent.values[.deviation(row: 3, .indicator)] == .text("科普惠民活动场数"))
        #expect(sent.values[.deviation(row: 3, .reason)] == .text("场地紧张"))
        #expect(sent.values[.deviation(row: 0, .reason)] == nil)
        let unknown = try #require(parsed.diagnostics("deviation.unknownIndicator").first)
        #expect(sent.slot(for: unknown) == .deviation(row: 3, .indicator))
    }
}
