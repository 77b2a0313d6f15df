import Foundation
import TestSupport

/// Reads a workbook back through check_xlsx.py (openpyxl) and exposes its JSON report.
struct OpenPyXL {
    static let script = TestSupport.repoFile("Tests/WritingTests/check_xlsx.py")

    let report: [String: Any]

    init(_ url: URL) throws {
        let result = try Tool.openpyxl.run([Self.script.path, url.path])
        guard result.status == 0 else {
            throw CheckerFailure(message: "check_xlsx.py failed: \(result.stderr)")
        }
        guard let json = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] else {
            throw CheckerFailure(message: "check_xlsx.py printed no JSON object")
        }
        report = json
    }

    var sheetNames: [String] { report["sheets"] as? [String] ?? [] }
    /// The sheet shown on opening.
    var activeSheet: String? { report["active"] as? String }
    var charts: [[String: Any]] { report["charts"] as? [[String: Any]] ?? [] }

    func sheet(_ name: String) -> Sheet { Sheet(raw: (report["sheet"] as? [String: Any])?[name] as? [String: Any] ?? [:]) }

    struct Sheet {
        let raw: [String: Any]
        var state: String? { raw["state"] as? String }
        var cells: [String: Any] { raw["cells"] as? [String: Any] ?? [:] }
        var formulas: [String: String] { raw["formulas"] as? [String: String] ?? [:] }
        var cached: [String: Any] { raw["cached"] as? [String: Any] ?? [:] }
        var merged: [String] { raw["merged"] as? [String] ?? [] }
        /// Solid fills by cell, as `FFC7CE`.
        var fills: [String: String] { raw["fills"] as? [String: String] ?? [:] }
        /// Comment text by cell.
        var comments: [String: String] {
            (raw["comments"] as? [String: [String: Any]] ?? [:]).compactMapValues { $0["text"] as? String }
        }
        var commentAuthors: Set<String> {
            Set((raw["comments"] as? [String: [String: Any]] ?? [:]).values.compactMap { $0["author"] as? String })
        }
        var validations: [[String: Any]] { raw["validations"] as? [[String: Any]] ?? [] }
        var conditional: [[String: Any]] { raw["conditional"] as? [[String: Any]] ?? [] }
        var freeze: String? { raw["freeze"] as? String }
        var autofilter: String? { raw["autofilter"] as? String }
        var maxRow: Int { raw["max_row"] as? Int ?? 0 }
        var printSetup: [String: Any] { raw["print"] as? [String: Any] ?? [:] }
        var fonts: [String] { raw["fonts"] as? [String] ?? [] }
        var wrapped: Set<String> { Set(raw["wrapped"] as? [String] ?? []) }
        var columnWidths: [String: Double] { (raw["columnWidths"] as? [String: NSNumber] ?? [:]).mapValues(\.doubleValue) }
        var rowHeights: [Int: Double] {
            Dictionary(uniqueKeysWithValues: (raw["rowHeights"] as? [String: NSNumber] ?? [:]).compactMap { k, v in
                Int(k).map { ($0, v.doubleValue) }
            })
        }

        func text(_ ref: String) -> String? { cells[ref] as? String }
        func number(_ ref: String) -> Double? { (cells[ref] as? NSNumber)?.doubleValue }
        func cachedNumber(_ ref: String) -> Double? { (cached[ref] as? NSNumber)?.doubleValue }
        /// Column values from `firstRow` down to the last filled row.
        func column(_ letter: String, from firstRow: Int, through lastRow: Int) -> [String] {
            (firstRow...max(firstRow, lastRow)).map { cells["\(letter)\($0)"].map { "\($0)" } ?? "" }
        }
    }

    struct CheckerFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
