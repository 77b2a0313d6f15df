import Foundation
import JixiaoModel

/// 催报清单.xlsx — who still owes which month, with whom to call.
public enum ReminderListWriter {
    public static let sheetName = "催报清单"
    public static let headers = ["报送月份", "单位代码", "单位名称", "单位类型", "所属街道", "联系人", "联系电话", "状态"]
    public static let notSubmitted = "未报送"
    public static let awaitingResubmission = "已退回待重报"

    public static func write(_ missing: [MissingSubmission], period: Period, to url: URL) throws {
        // Newest month first; within a month the caller's (registry) order is kept.
        let ordered = missing.enumerated().sorted { a, b in
            a.element.period != b.element.period ? a.element.period > b.element.period : a.offset < b.offset
        }.map(\.element)
        let book = try XlsxWorkbook(url: url)
        let sheet = try book.addSheet(sheetName)
        let widths: [Double] = [10, 9, 30, 10, 16, 10, 15, 14]
        for (i, w) in widths.enumerated() { try sheet.setColumns(i...i, width: w) }
        let lastCol = headers.count - 1
        try sheet.merge("催报清单（截至\(period.chineseDescription)，共\(ordered.count)条）",
                        rows: 0...0, cols: 0...lastCol, .title)
        try sheet.setRow(0, height: 28)
        for (i, h) in headers.enumerated() { try sheet.write(h, 1, i, .header) }
        let flagged = CellStyle.gridCentered.with { $0.fill = 0xFFEB9C; $0.fontColor = 0x9C5700 }
        for (i, m) in ordered.enumerated() {
            let row = 2 + i
            try sheet.write(m.period.description, row, 0, .gridCentered)
            try sheet.write(m.unit.code, row, 1, .gridCentered)
            try sheet.write(m.unit.name, row, 2, .grid)
            try sheet.write(m.unit.kind.rawValue, row, 3, .gridCentered)
            try sheet.write(m.unit.street, row, 4, .grid)
            try sheet.write(m.unit.contact, row, 5, .gridCentered)
            try sheet.write(m.unit.phone, row, 6, .gridCentered)
            try sheet.write(m.wasRejected ? awaitingResubmission : notSubmitted, row, 7,
                            m.wasRejected ? flagged : .gridCentered)
        }
        let lastRow = 1 + ordered.count
        sheet.freeze(rows: 2)
        try sheet.autofilter(rows: 1...lastRow, cols: 0...lastCol)
        try sheet.printSetup(repeating: 1...1, lastRow: lastRow, lastCol: lastCol, landscape: false)
        try book.close()
    }
}
