/// Row heights for wrapped text. libxlsxwriter cannot measure text, and Excel does not
/// grow rows of merged cells by itself, so a long 年度总体目标 would print cut off.
enum TextFit {
    /// Excel's row height limit, in points.
    static let maxRowHeight = 409.0

    /// Width of `text` in Excel column units: a Chinese character is about two digits wide.
    static func units(_ text: Substring) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 1.1 : 2.0) }
    }

    /// Lines `text` wraps to in a cell `width` units wide.
    static func lines(_ text: String, width: Double) -> Int {
        let usable = max(2, width - 0.5)
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, paragraph in
            total + max(1, Int((units(paragraph) / usable).rounded(.up)))
        }
    }

    /// The height (points) that shows every line of each (text, width) pair, uncapped.
    static func neededHeight(_ cells: [(String, Double)], fontSize: Double) -> Double {
        let lineCount = cells.map { lines($0.0, width: $0.1) }.max() ?? 1
        return Double(lineCount) * fontSize * 1.35 + 6
    }

    /// A row height within Excel's limit that shows every line, when they fit.
    static func height(_ cells: [(String, Double)], fontSize: Double, minimum: Double) -> Double {
        min(maxRowHeight, max(minimum, neededHeight(cells, fontSize: fontSize)))
    }
}
