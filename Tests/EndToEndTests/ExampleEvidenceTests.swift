import Foundation
import JixiaoModel
import JixiaoReport
import JixiaoWorkspace
import TestSupport
import Testing

/// The example's 佐证材料.xlsx, read back with openpyxl: counting or adding up the rows it
/// lists gives every indicator's 实际完成值 as 指标表 prints it.
@Suite(.serialized, .requires(.openpyxl)) struct ExampleEvidenceTests {
    static let checker = TestSupport.repoFile("Tests/WritingTests/check_xlsx.py")

    /// Every sheet's cells by A1 name, from the example collected once by `ExampleWorkspaceTests`.
    // Read once and never written after: safe to share between the serialized tests.
    nonisolated(unsafe) static let book: (names: [String], cells: [String: [String: Any]]) = {
        let url = ExampleWorkspaceTests.run.workspace.outURL.appendingPathComponent("佐证材料.xlsx")
        let result = try! Tool.openpyxl.run([checker.path, url.path])
        let json = try! JSONSerialization.jsonObject(with: result.standardOutput) as! [String: Any]
        let sheets = json["sheet"] as! [String: Any]
        let names = json["sheets"] as! [String]
        return (names, sheets.mapValues { ($0 as! [String: Any])["cells"] as? [String: Any] ?? [:] })
    }()

    /// One listed table: its header row and data rows (those numbered in column A).
    struct Table {
        var headers: [String]
        var rows: [[String: Any]]

        func column(_ header: String) -> [Any] { rows.compactMap { $0[header] } }
        func sum(_ header: String) -> Decimal {
            column(header).reduce(Decimal(0)) { $0 + Decimal(string: "\($1)")! }
        }
    }

    static func isNumber(_ value: Any) -> Bool { value is Int || value is Double || value is NSNumber }

    static func columnName(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }

    static func tables(_ sheet: String) -> [Table] {
        let cells = book.cells[sheet] ?? [:]
        let lastRow = cells.keys.compactMap { Int($0.drop { $0.isLetter }) }.max() ?? 0
        var tables: [Table] = []
        for row in 1...max(1, lastRow) {
            let a = cells["A\(row)"]
            if (a as? String) == "序号" {
                let headers = (0..<12).compactMap { cells["\(columnName($0))\(row)"] as? String }
                tables.append(Table(headers: headers, rows: []))
            } else if let a, isNumber(a), var table = tables.popLast() {
                var values: [String: Any] = [:]
                for (i, h) in table.headers.enumerated() { values[h] = cells["\(columnName(i))\(row)"] }
                table.rows.append(values)
                tables.append(table)
            }
        }
        return tables
    }

    /// The numbers of an actual as printed: `3家、19名` → [3, 19], `87.2%` → [87.2].
    static func numbers(_ text: String) -> [Decimal] {
        text.split { !($0.isNumber || $0 == ".") }.compactMap { Decimal(string: String($0)) }
    }

    static func percent(_ x: Decimal, _ y: Decimal) -> Decimal { (x / y * 100).roundedHalfUp(1) }

    @Test func theListedRowsGiveEveryIndicatorsActual() throws {
        let e = ExampleWorkspaceTests.run.result.evaluation
        #expect(Self.book.names.count == e.indicators.count + 1)
        for (i, item) in e.indicators.enumerated() {
            let sheet = Self.book.names[i + 1]
            let tables = Self.tables(sheet)
            let reproduced: [Decimal]
            switch item.name {
            case "预算执行率":
                let v = tables.map { $0.sum("数值") }
                reproduced = [Self.percent(v[0], v[1] + v[2] - v[3])]
            case "服务对象满意度":
                let v = tables.map { $0.sum("数值") }
                reproduced = [Self.percent(v[0], v[1])]
            case "街道科普活动覆盖率":
                let covered = Decimal(tables[0].column("是否计入").count { ($0 as? String) == "是" })
                reproduced = [Self.percent(covered, Decimal(tables[1].rows.count))]
            case "科普活动覆盖人次":
                reproduced = [(tables[0].sum("覆盖人数") / 10000).roundedHalfUp(1)]
            default:
                reproduced = tables.map { $0.headers.contains("数量") ? $0.sum("数量") : Decimal($0.rows.count) }
            }
            #expect(reproduced == Self.numbers(item.actualText), "\(item.name): \(item.actualText)")
            #expect((Self.book.cells[sheet]?["C4"] as? String) == item.actualText, "\(item.name)")
        }
    }

    @Test func popularScienceListsItsHundredFiftyThreeSourcedRecords() throws {
        let table = try #require(Self.tables("6 科普惠民活动场次").first)
        #expect(table.rows.count == 153)
        let archive = ExampleWorkspaceTests.run.workspace.archiveURL
        for row in table.rows {
            #expect((row["活动类别"] as? String) == "科普活动")
            #expect((row["来源文件"] as? String)?.isEmpty == false)
            // The sheet as the unit named it (活动明细, 4月活动情况, a CSV file's name) and the row.
            let location = try #require(row["来源位置"] as? String)
            #expect(location.split(separator: "!").last.map { Int($0) != nil } == true, "\(location)")
            let copy = try #require(row["存档文件（archive/ 中）"] as? String)
            #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent(copy).path), "\(copy)")
        }
    }

    @Test func executedBudgetIsShownWithItsSourceCell() throws {
        let tables = Self.tables("1 预算执行率")
        let executed = try #require(tables.first?.rows.first)
        #expect((executed["项目"] as? String) == "全年执行数")
        #expect(executed["数值"].map { "\($0)" } == "323.21")
        #expect((executed["来源单元格"] as? String) == "预算与满意度!B4")
        #expect((executed["来源文件"] as? String) == "2025-12/QU00_东西湖区科协_2025-12.xlsx")
        #expect((executed["报送单位"] as? String)?.hasPrefix("QU00") == true)
    }

    @Test func aDeviationReasonNamesTheCellItWasTakenFrom() throws {
        let cells = Self.book.cells["1 预算执行率"] ?? [:]
        let row = try #require((1...12).first { (cells["A\($0)"] as? String) == "偏差原因" })
        let text = try #require(cells["C\(row)"] as? String)
        #expect(text.hasPrefix("部分项目按实施进度结算"), "\(text)")
        #expect(text.hasSuffix("（取自 2025-12/QU00_东西湖区科协_2025-12.xlsx 的 偏差原因!D2）"), "\(text)")
        // An indicator that met its target has no reason, and no such row.
        let met = Self.book.cells["6 科普惠民活动场次"] ?? [:]
        #expect(!(1...12).contains { (met["A\($0)"] as? String) == "偏差原因" })
    }

    @Test func normalisedValuesShowWhatWasSent() throws {
        // The example's 常青花园 files write 活动形式 as “线下活动”, counted as 线下.
        let table = try #require(Self.tables("4 其中线下活动场次").first)
        #expect(table.headers.contains("活动形式原值"))
        let sent = table.rows.filter { ($0["活动形式原值"] as? String) != nil }
        #expect(!sent.isEmpty)
        #expect(sent.allSatisfy { ($0["活动形式"] as? String) == "线下" && ($0["活动形式原值"] as? String) == "线下活动" })
    }

    @Test func workloadRowsNameTheirQuantityCell() throws {
        let tables = Self.tables("7 申报上级科普项目数")
        let rows = try #require(tables.first?.rows)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0["来源单元格"] as? String)?.hasPrefix("工作量!B") == true })
        #expect(rows.allSatisfy { (Int("\($0["数量"] ?? 0)") ?? 0) > 0 })
    }
}
