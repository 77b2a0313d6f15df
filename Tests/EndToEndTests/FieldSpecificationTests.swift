import Foundation
@testable import JixiaoLedger
import JixiaoModel
import JixiaoReading
@testable import JixiaoScoring
@testable import JixiaoSubmission
import JixiaoWriting
import Testing
import TestSupport

/// Every place that names 活动明细's columns derives them from `ActivityField`: each test
/// here fails when one of them drifts from the specification.
@Suite struct FieldSpecificationTests {
    let fields = ActivityField.all

    @Test func headersAndAliasesNameOneFieldEach() {
        let names = fields.flatMap { [$0.spec.header] + $0.spec.aliases }
        #expect(Set(names).count == names.count, "a header or alias used twice")
        #expect(Set(fields.map(\.spec.ledgerColumn)).count == fields.count)
        #expect(SubmissionSchema.activityColumns.map(\.header) == fields.map(\.spec.header))
    }

    @Test func theValidatorRecognisesEveryHeaderAndAlias() {
        for field in fields {
            for name in [field.spec.header] + field.spec.aliases {
                #expect(TableColumn.index.fieldByLabel[Normalize.label(name)] == TableColumn.index(of: field), "\(name)")
            }
        }
    }

    @Test func aRecordIsRebuiltFromItsValues() throws {
        let record = ActivityRecord(unitCode: "JD01", period: Period(year: 2025, month: 3)!, sequence: 4, name: "讲座",
                                    date: CalendarDate(year: 2025, month: 3, day: 5)!, form: .offline,
                                    category: .popularScience, theme: .foodSafety, coverage: 120, place: "社区",
                                    partner: "区市场监管局", note: "备注",
                                    source: SourceRef(file: "a.xlsx", sheet: "活动明细", row: 2))
        let rebuilt = ActivityRecord(unitCode: record.unitCode, period: record.period, source: record.source) { record.value($0) }
        #expect(rebuilt == record)
        for field in fields {
            switch (field.spec.kind, record.value(field)) {
            case (.text, .text), (.integer, .integer), (.date, .date), (.choice, .choice): break
            default: Issue.record("\(field.spec.header): its value is not of its kind")
            }
        }
    }

    @Test func theLedgerHasAColumnPerField() throws {
        let folder = TestSupport.scratch("fields")
        let ledger = try Ledger.open(at: folder.appendingPathComponent("ledger.sqlite"))
        let columns = try ledger.pool.read { db in try db.columns(in: "records").map(\.name) }
        // A field declared after the first migration is appended to the table: order is free, the set is not.
        #expect(Set(columns) == Set(["id"] + RecordInsert.columnNames) && columns.count == 1 + RecordInsert.columnNames.count)
        for field in fields { #expect(RecordInsert.columnNames.contains(field.spec.ledgerColumn)) }
    }

    @Test func theMeasureLanguageNamesEveryFilterableField() {
        for field in fields {
            let column = ActivityColumn(name: field.spec.header)
            #expect(column == (field.spec.filterable ? .field(field) : nil), "\(field.spec.header)")
        }
        #expect(ActivityColumn(name: "月份") == .month)
    }

    @Test func theRollupListsEveryField() {
        let headers = RollupWorkbookWriter.recordHeaders
        #expect(Array(headers[3..<(3 + fields.count)]) == fields.map(\.spec.rollupHeader))
    }

    @Test func theTemplateHeaderIsTheSpecification() throws {
        let url = TestSupport.scratch("fields").appendingPathComponent("template.xlsx")
        try TemplateWriter.write(unit: nil, period: Period(year: 2025, month: 3)!, to: url)
        let doc = try SpreadsheetReader.read(Data(contentsOf: url), name: url.lastPathComponent)
        let sheet = try #require(doc.sheets.first { $0.name == SubmissionSchema.activitySheet })
        let header = try #require(sheet.rows.first)
        #expect(header.cells.map(\.value.displayText) == fields.map(\.spec.header))
        let guide = try #require(doc.sheets.first { $0.name == SubmissionSchema.instructionsSheet })
        let rows = guide.rows.map { $0.cells.map(\.value.displayText) }
        for field in fields {
            #expect(rows.contains { $0.count > 1 && $0[0] == SubmissionSchema.activitySheet && $0[1] == field.spec.header },
                    "填报说明 has no line for \(field.spec.header)")
        }
    }

    /// The scripts that generate the example read the template's vocabulary from this file.
    @Test func templateFieldsJSONIsTheSpecification() throws {
        let url = TestSupport.repoFile("docs/template-fields.json")
        let committed = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? NSDictionary
        #expect(committed == Self.templateFields() as NSDictionary,
                "docs/template-fields.json differs from the specification; expected:\n\(Self.expectedText())")
    }

    static func kindName(_ kind: ValueKind) -> String {
        switch kind {
        case .text: return "text"
        case .integer: return "integer"
        case .money: return "money"
        case .date: return "date"
        case .period: return "period"
        case .choice: return "choice"
        }
    }

    static func templateFields() -> [String: Any] {
        func form(_ f: FieldSpec) -> [String: Any] { ["label": f.label, "kind": kindName(f.kind), "required": f.required] }
        let activity: [[String: Any]] = ActivityField.all.map { field in
            var out: [String: Any] = ["header": field.spec.header, "kind": kindName(field.spec.kind),
                                      "required": field.spec.required]
            if case .choice(let values) = field.spec.kind { out["choices"] = values }
            return out
        }
        return [
            "basicInfo": SubmissionSchema.basicInfoFields.map(form),
            "activity": activity,
            "workload": SubmissionSchema.workloadItems.map { ["item": $0.rawValue, "countingUnit": $0.countingUnit] },
            "district": SubmissionSchema.districtFields.map(form),
            "deviation": ["sheet": SubmissionSchema.deviationSheet, "headers": SubmissionSchema.deviationHeaders,
                          "maxLength": SubmissionSchema.deviationReasonMaxLength] as [String: Any],
        ]
    }

    static func expectedText() -> String {
        let data = try? JSONSerialization.data(withJSONObject: templateFields(), options: [.prettyPrinted, .sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }
}
