import JixiaoModel
import JixiaoReading

/// Which sheet of a workbook plays which part of the template. A sheet is found by its name
/// (ignoring spaces, full-width ones too) or, when someone renamed it, by its content:
/// the activity header, the 项目/数量 header, or the form labels.
struct SheetRoles {
    var basicInfo: Sheet?
    var activity: Sheet?
    var workload: Sheet?
    var district: Sheet?
    var deviation: Sheet?

    init(document: SpreadsheetDocument, log: inout DiagnosticLog) {
        var unassigned: [Sheet] = []
        for sheet in document.sheets {
            switch Self.key(sheet.name) {
            case Self.key(SubmissionSchema.basicInfoSheet) where basicInfo == nil: basicInfo = sheet
            case Self.key(SubmissionSchema.activitySheet) where activity == nil: activity = sheet
            case Self.key(SubmissionSchema.workloadSheet) where workload == nil: workload = sheet
            case Self.key(SubmissionSchema.districtSheet) where district == nil: district = sheet
            case Self.key(SubmissionSchema.deviationSheet) where deviation == nil: deviation = sheet
            case Self.key(SubmissionSchema.instructionsSheet), Self.key(SubmissionSchema.returnNotesSheet): continue
            default: unassigned.append(sheet)
            }
        }
        guard !unassigned.isEmpty else {
            reportHidden(&log)
            return
        }
        // Renamed sheets: match by content, most specific test first.
        func take(_ expected: String, _ matches: (Sheet) -> Bool) -> Sheet? {
            guard let i = unassigned.firstIndex(where: matches) else { return nil }
            let sheet = unassigned.remove(at: i)
            log.add(.sheetRecognisedByHeader(expected: expected), sheet: sheet.name)
            return sheet
        }
        if activity == nil {
            activity = take(SubmissionSchema.activitySheet) { ActivitySheet.layout(of: $0) != nil }
        }
        if workload == nil {
            workload = take(SubmissionSchema.workloadSheet) { WorkloadSheet.layout(of: $0) != nil }
        }
        if basicInfo == nil {
            basicInfo = take(SubmissionSchema.basicInfoSheet) {
                let form = BasicInfoSheet.form(of: $0)
                return form["单位代码"] != nil && form["报送月份"] != nil
            }
        }
        if district == nil {
            district = take(SubmissionSchema.districtSheet) {
                let form = DistrictSheet.form(of: $0)
                return form["年初预算数"] != nil || form["全年执行数"] != nil
            }
        }
        if deviation == nil {
            deviation = take(SubmissionSchema.deviationSheet) { DeviationSheet.layout(of: $0) != nil }
        }
        reportHidden(&log)
    }

    private func reportHidden(_ log: inout DiagnosticLog) {
        for sheet in [basicInfo, activity, workload, district, deviation].compactMap({ $0 }) where sheet.visibility != .visible {
            log.add(.sheetHidden, sheet: sheet.name)
        }
    }

    /// A name as compared: folded, without any spaces (`活动明细 `, `吴家山街道 科协`).
    static func key(_ name: String) -> String {
        Normalize.withoutSpaces(Normalize.folded(name))
    }
}
