import Foundation
import JixiaoModel
import JixiaoReading

/// 基本信息: who reports, for which month.
struct BasicInfoSheet {
    static let labels = SubmissionSchema.basicInfoFields.map(\.label)
    static let aliases: [String: String] = [
        "单位编码": "单位代码", "代码": "单位代码", "填报单位": "单位名称", "单位": "单位名称",
        "月份": "报送月份", "报送期间": "报送月份", "所属月份": "报送月份", "报送月": "报送月份",
        "填表人": "填报人", "联系人": "填报人", "电话": "联系电话", "手机": "联系电话",
        "填表日期": "填报日期",
        "本月无活动": SubmissionSchema.zeroReportLabel, "零报告": SubmissionSchema.zeroReportLabel,
        "本月零报告": SubmissionSchema.zeroReportLabel, "无活动": SubmissionSchema.zeroReportLabel,
    ]
    /// What people type instead of picking 是/否 from the dropdown.
    static let zeroReportSynonyms: [String: String] = [
        "y": "是", "Y": "是", "yes": "是", "YES": "是", "√": "是", "✓": "是", "是的": "是", "零报告": "是",
        "n": "否", "N": "否", "no": "否", "NO": "否", "×": "否", "✗": "否", "不是": "否", "有活动": "否",
    ]

    static func form(of sheet: Sheet) -> FormLayout {
        FormLayout(sheet: sheet, labels: labels, aliases: aliases)
    }

    static let zeroReportKind = SubmissionSchema.basicInfoFields.first { $0.label == SubmissionSchema.zeroReportLabel }?.kind

    struct Values {
        var unitCode: String?
        var unitCodeRef: CellRef?
        var unitName = ""
        var unitNameRef: CellRef?
        var period: Period?
        var periodRef: CellRef?
        var preparer = ""
        var phone = ""
        var filledOn: CalendarDate?
        /// 本月无活动（零报告） answered 是.
        var declaresZeroReport = false
        var zeroReportRef: CellRef?
    }

    static func read(_ sheet: Sheet, uses1904: Bool, log: inout DiagnosticLog) -> Values {
        let form = form(of: sheet)
        let reader = ValueReader(sheet: sheet.name, uses1904: uses1904)
        var v = Values()
        let missingRef = CellRef(row: 1, column: 2)

        let code = form["单位代码"]
        v.unitCodeRef = code?.valueRef ?? missingRef
        let codeText = Normalize.unitCode(reader.text(code?.value, log: &log))
        if codeText.isEmpty {
            log.add(.unitMissing, sheet: sheet.name, cell: v.unitCodeRef)
        } else {
            v.unitCode = codeText
        }
        if let name = form["单位名称"] {
            v.unitName = reader.text(name.value, log: &log)
            v.unitNameRef = name.valueRef
        }
        let month = form["报送月份"]
        v.periodRef = month?.valueRef ?? missingRef
        v.period = reader.period(month?.value, at: v.periodRef ?? missingRef, log: &log)
        v.preparer = reader.text(form["填报人"]?.value, log: &log)
        v.phone = reader.text(form["联系电话"]?.value, log: &log)
        if let filled = form["填报日期"], let cell = filled.value {
            // Informational only: an unreadable 填报日期 must not reject the month's data.
            switch DateCell.read(cell.value, defaultYear: v.period?.year, uses1904: uses1904) {
            case .exact(let d), .yearGuessed(let d), .fromSerial(let d): v.filledOn = d
            case .invalid: log.add(.invalidFilledOnDate, sheet: sheet.name, cell: filled.valueRef, value: cell.value.typedText)
            }
        }
        let zeroReport = form[SubmissionSchema.zeroReportLabel]
        v.zeroReportRef = zeroReport?.valueRef
        if let zeroReport, case .choice(let values) = zeroReportKind {
            let answer = reader.choice(zeroReport.value, field: SubmissionSchema.zeroReportLabel, values: values,
                                       synonyms: zeroReportSynonyms, required: false, at: zeroReport.valueRef, log: &log)
            v.declaresZeroReport = answer == values.first
        }
        return v
    }
}

/// 工作量: 项目 / 数量 / 说明, one row per item.
struct WorkloadSheet {
    static let index = HeaderIndex(fields: SubmissionSchema.workloadHeaders, aliases: aliases)
    static let aliases: [String: String] = ["工作项目": "项目", "内容": "项目", "数目": "数量", "完成数量": "数量", "备注": "说明"]

    static func layout(of sheet: Sheet) -> TableLayout? {
        guard let layout = TableLayout.find(in: sheet, headers: index, minimumMatches: 2),
              layout.headerCells[0] != nil, layout.headerCells[1] != nil else { return nil }
        return layout
    }

    /// Entries for the items given; an empty 数量 means nothing to report for that item.
    static func read(_ sheet: Sheet, unitCode: String?, period: Period?, uses1904: Bool, fileName: String,
                     log: inout DiagnosticLog) -> [WorkloadEntry] {
        guard let layout = layout(of: sheet) else {
            log.add(.headerNotFound(expected: SubmissionSchema.workloadHeaders), sheet: sheet.name)
            return []
        }
        let reader = ValueReader(sheet: sheet.name, uses1904: uses1904)
        let itemColumn = layout.column(of: 0) ?? 1
        let quantityColumn = layout.column(of: 1) ?? 2
        let noteColumn = layout.column(of: 2)
        var entries: [WorkloadEntry] = []
        var firstRow: [WorkloadItem: (row: Int, index: Int)] = [:]
        for row in sheet.rows where row.index > layout.headerRow {
            let itemCell = row.cells.first { $0.ref.column == itemColumn }
            let quantityCell = row.cells.first { $0.ref.column == quantityColumn }
            let itemText = reader.text(itemCell, log: &log)
            let quantityRef = CellRef(row: row.index, column: quantityColumn)
            guard !itemText.isEmpty else { continue }
            guard let item = WorkloadItem(rawValue: Normalize.label(itemText)) else {
                if !(quantityCell?.value.isBlank ?? true) {
                    log.add(.unknownWorkloadItem, sheet: sheet.name, cell: itemCell?.ref, value: itemText)
                }
                continue
            }
            guard let quantity = reader.count(quantityCell, field: item.rawValue, required: false, at: quantityRef, log: &log)
            else { continue }
            if row.hidden { log.add(.rowHidden, sheet: sheet.name, cell: CellRef(row: row.index, column: 1)) }
            let note = noteColumn.map { c in reader.text(row.cells.first { $0.ref.column == c }, log: &log) } ?? ""
            guard let unitCode, let period else { continue }
            if let first = firstRow[item] {
                log.add(.duplicateWorkloadItem(firstRow: first.row), sheet: sheet.name, cell: itemCell?.ref, value: itemText)
                entries[first.index].quantity += quantity
                continue
            }
            firstRow[item] = (row.index, entries.count)
            entries.append(WorkloadEntry(unitCode: unitCode, period: period, item: item, quantity: quantity, note: note,
                                         source: SourceRef(file: fileName, sheet: sheet.name, row: row.index, cell: quantityRef.a1)))
        }
        return entries
    }
}

/// 预算与满意度 (district office only): money in 万元 and the satisfaction survey.
struct DistrictSheet {
    static let labels = SubmissionSchema.districtFields.map(\.label)
    /// The figures scoring reads, whose cells the ledger keeps for 佐证材料.
    static let figureLabels = SubmissionSchema.districtFields.filter { $0.kind != .text }.map(\.label)
    static let aliases: [String: String] = [
        "年初预算": "年初预算数", "追加": "追加数", "追加预算": "追加数", "调减": "调减数", "调减预算": "调减数",
        "全年执行": "全年执行数", "执行数": "全年执行数", "有效问卷数": "满意度调查有效问卷数",
        "满意问卷数": "满意及以上问卷数", "总体目标": "年度总体目标", "完成情况": "实际完成情况",
    ]

    static func form(of sheet: Sheet) -> FormLayout {
        FormLayout(sheet: sheet, labels: labels, aliases: aliases)
    }

    /// Whether anything but labels was filled in (a blank sheet from another unit is not worth a warning).
    static func hasValues(_ sheet: Sheet) -> Bool {
        form(of: sheet).entries.values.contains { !($0.value?.value.isBlank ?? true) }
    }

    static func read(_ sheet: Sheet, period: Period?, uses1904: Bool, fileName: String,
                     log: inout DiagnosticLog) -> DistrictInputs? {
        let form = form(of: sheet)
        let reader = ValueReader(sheet: sheet.name, uses1904: uses1904)
        func where_(_ label: String) -> CellRef {
            form[label]?.valueRef ?? CellRef(row: 1, column: 2)
        }
        func money(_ label: String) -> Decimal? {
            reader.money(form[label]?.value, field: label, at: where_(label), log: &log)
        }
        func count(_ label: String) -> Int? {
            reader.count(form[label]?.value, field: label, required: true, at: where_(label), log: &log)
        }
        let initial = money("年初预算数"), addition = money("追加数"), reduction = money("调减数")
        let executed = money("全年执行数")
        let valid = count("满意度调查有效问卷数"), satisfied = count("满意及以上问卷数")
        if let valid, let satisfied, satisfied > valid {
            log.add(.satisfiedExceedsValid, sheet: sheet.name, cell: where_("满意及以上问卷数"), value: String(satisfied))
            return nil
        }
        func optionalMoney(_ label: String) -> Decimal?? {
            guard let cell = form[label]?.value, !cell.value.isBlank else { return .some(nil) }
            return money(label).map { .some($0) } ?? .none
        }
        let accounts = (optionalMoney("决算收入合计"), optionalMoney("财政拨款收入"), optionalMoney("上年结转"),
                        optionalMoney("基本支出"), optionalMoney("项目支出"))
        if let executed, case let .some(.some(basic)) = accounts.3, case let .some(.some(project)) = accounts.4,
           basic + project != executed {
            log.add(.expenditureSplitMismatch((basic + project).fixed(2), executed.fixed(2)), sheet: sheet.name,
                    cell: where_("项目支出"), value: project.fixed(2))
            return nil
        }
        let goal = reader.text(form["年度总体目标"]?.value, log: &log)
        let completion = reader.text(form["实际完成情况"]?.value, log: &log)
        guard let initial, let addition, let reduction, let executed, let valid, let satisfied, let period,
              let finalIncome = accounts.0, let appropriation = accounts.1, let carried = accounts.2,
              let basic = accounts.3, let project = accounts.4 else { return nil }
        var inputs = DistrictInputs(initialBudget: initial, addition: addition, reduction: reduction, executed: executed,
                                    validQuestionnaires: valid, satisfiedQuestionnaires: satisfied, overallGoal: goal,
                                    actualCompletion: completion, period: period, sourceFile: fileName,
                                    cells: Dictionary(uniqueKeysWithValues: Self.figureLabels.compactMap { label in
                                        form[label].map { (label, "\(sheet.name)!\($0.valueRef.a1)") }
                                    }))
        inputs.finalAccounts = FinalAccounts(finalIncome: finalIncome, fiscalAppropriation: appropriation, carriedOver: carried,
                                             basicExpenditure: basic, projectExpenditure: project)
        return inputs
    }
}
