import JixiaoModel
import JixiaoReading
@testable import JixiaoSubmission

/// Hand-built documents, as the reader would deliver them, for validation tests.
enum Build {
    static func t(_ s: String) -> CellValue { .text(s) }
    static func n(_ s: String) -> CellValue { .number(s) }
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CellValue { .date(ExcelDateTime(year: y, month: m, day: day)) }

    /// Rows from `firstRow` on; `.empty` cells are left out as a reader would.
    static func sheet(_ name: String, _ rows: [[CellValue]], firstRow: Int = 1, hiddenRows: Set<Int> = [],
                      merged: [String] = [], visibility: SheetVisibility = .visible,
                      formulas: [String: String] = [:]) -> Sheet {
        var out: [Row] = []
        for (i, values) in rows.enumerated() {
            let index = firstRow + i
            var cells: [Cell] = []
            for (c, v) in values.enumerated() where v != .empty {
                let ref = CellRef(row: index, column: c + 1)
                cells.append(Cell(ref: ref, value: v, formula: formulas[ref.a1]))
            }
            if !cells.isEmpty || hiddenRows.contains(index) {
                out.append(Row(index: index, cells: cells, hidden: hiddenRows.contains(index)))
            }
        }
        return Sheet(name: name, visibility: visibility, rows: out, mergedRanges: merged.compactMap(CellRange.init(a1:)))
    }

    /// `zeroReport`: the 本月无活动（零报告） answer; nil leaves the row out, as older files do.
    static func basicInfo(unit: String = "JD01", name: String = "吴家山街道科协", period: CellValue = .text("2025-03"),
                          sheetName: String = "基本信息", zeroReport: CellValue? = nil) -> Sheet {
        sheet(sheetName, [
            [t("单位代码"), t(unit)],
            [t("单位名称"), t(name)],
            [t("报送月份"), period],
            [t("填报人"), t("张三")],
            [t("联系电话"), t("027-83891234")],
            [t("填报日期"), d(2025, 4, 3)],
        ] + (zeroReport.map { [[t(SubmissionSchema.zeroReportLabel), $0]] } ?? []))
    }

    static let activityHeader: [CellValue] = SubmissionSchema.activityColumns.map { .text($0.header) }

    static func activityRow(_ seq: Int = 1, name: String = "食品安全进社区", date: CellValue = d(2025, 3, 5),
                            form: String = "线下", category: String = "科普活动", theme: String = "食品安全",
                            coverage: CellValue = n("120"), place: String = "吴家山社区") -> [CellValue] {
        let values: [ActivityField: CellValue] = [.sequence: n(String(seq)), .name: t(name), .date: date, .form: t(form),
                                                  .category: t(category), .theme: t(theme), .coverage: coverage,
                                                  .place: t(place)]
        return ActivityField.all.map { values[$0] ?? .empty }
    }

    /// `K1`: the cell `offset` columns past the template's last activity column.
    static func pastTemplate(_ offset: Int = 0, row: Int) -> String {
        CellRef(row: row, column: activityHeader.count + 1 + offset).a1
    }

    static func activities(_ rows: [[CellValue]], name: String = "活动明细", hiddenRows: Set<Int> = [],
                           merged: [String] = [], formulas: [String: String] = [:]) -> Sheet {
        sheet(name, [activityHeader] + rows, hiddenRows: hiddenRows, merged: merged, formulas: formulas)
    }

    static func workload(_ items: [(String, CellValue)] = [("新成立企业科协(家)", n("1")), ("吸纳科技工作者(人)", n("5"))]) -> Sheet {
        sheet("工作量", [[t("项目"), t("数量"), t("说明")]] + items.map { [t($0.0), $0.1] })
    }

    static func workbook(_ sheets: [Sheet], uses1904: Bool = false) -> SpreadsheetDocument {
        SpreadsheetDocument(format: .xlsx, sheets: sheets, uses1904: uses1904)
    }

    static func submission(activityRows: [[CellValue]] = [activityRow()], info: Sheet = basicInfo()) -> SpreadsheetDocument {
        workbook([info, activities(activityRows), workload()])
    }

    static let registry: [String: ReportingUnit] = [
        "JD01": ReportingUnit(code: "JD01", name: "吴家山街道科协", kind: .street, street: "吴家山街道",
                              contact: "", phone: "", firstPeriod: Period(year: 2025, month: 1)!),
        "QU00": ReportingUnit(code: "QU00", name: "区科协", kind: .district, street: "",
                              contact: "", phone: "", firstPeriod: Period(year: 2025, month: 1)!),
    ]

    static func parse(_ doc: SpreadsheetDocument, file: String = "JD01.xlsx",
                      context: SubmissionContext = SubmissionContext(knownUnits: registry, year: 2025)) -> ParsedSubmission {
        SubmissionReader.parse(doc, fileName: file, context: context)
    }
}

extension ParsedSubmission {
    func diagnostics(_ code: String) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
    var codes: [String] { diagnostics.map(\.code) }
}
