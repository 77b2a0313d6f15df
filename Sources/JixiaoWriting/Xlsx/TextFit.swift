/// Row heights for wrapped text. libxlsxwriter cannot measure text, and neither Excel (for
/// a row whose height is written, or merged cells) nor LibreOffice grows a row for it, so a
/// long file name or message would print over the row below.
enum TextFit {
    /// Excel's row height limit, in points.
    static let maxRowHeight = 409.0
    /// A one-line row of 11-point text with room above and below.
    static let minimumRowHeight = 18.0

    /// Width of one character in Excel column units: a Chinese character, full-width
    /// punctuation and the quotes, dashes and signs a Chinese font draws full width are
    /// about two digits wide.
    static func units(_ u: Unicode.Scalar) -> Double {
        isWide(u) ? 2.0 : 1.1
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x2010...0x2027, 0x2030...0x203B, 0x2190...0x23FF, 0x2460...0x27BF, 0x2E80...: return true
        default: return false
        }
    }

    /// Width of `text` in Excel column units, on one line.
    static func units(_ text: Substring) -> Double {
        text.unicodeScalars.reduce(0) { $0 + units($1) }
    }

    /// Lines `text` wraps to in a cell `width` units wide. Wrapping is simulated as a
    /// spreadsheet does it: a line breaks before or after a Chinese character, after a space,
    /// `/`, `-` or `_`, and a run with no break wider than the cell is broken anywhere.
    static func lines(_ text: String, width: Double) -> Int {
        let usable = max(2, width - 0.5)
        // Most cells are one short line: measured without splitting. (The margin keeps rounding
        // in the sums below from deciding differently at the edge.)
        if !text.utf8.contains(0x0A), units(text[...]) <= usable - 0.01 { return 1 }
        return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, paragraph in
            total + lines(paragraph, usable: usable)
        }
    }

    private static func lines(_ paragraph: Substring, usable: Double) -> Int {
        var count = 1
        var used = 0.0
        var word = 0.0
        func place(_ w: Double) {
            guard w > 0 else { return }
            if used + w <= usable { used += w; return }
            if used > 0 { count += 1; used = 0 }
            var rest = w
            while rest > usable { count += 1; rest -= usable }
            used = rest
        }
        for u in paragraph.unicodeScalars {
            let w = units(u)
            if isWide(u) {
                place(word)
                word = 0
                place(w)
            } else {
                word += w
                if Self.breaksAfter(u) { place(word); word = 0 }
            }
        }
        place(word)
        return count
    }

    /// A space, `/`, `-`, `_` or `\\`: a line may break after it.
    private static func breaksAfter(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case " ", "/", "-", "_", "\\": return true
        default: return false
        }
    }

    /// The height (points) that shows every line of each (text, width) pair, uncapped.
    static func neededHeight(_ cells: [(String, Double)], fontSize: Double) -> Double {
        neededHeight(lines: cells.map { lines($0.0, width: $0.1) }.max() ?? 1, fontSize: fontSize)
    }

    static func neededHeight(lines: Int, fontSize: Double) -> Double {
        Double(lines) * fontSize * 1.35 + 6
    }

    /// A row height within Excel's limit that shows every line, when they fit.
    static func height(_ cells: [(String, Double)], fontSize: Double, minimum: Double) -> Double {
        height(lines: cells.map { lines($0.0, width: $0.1) }.max() ?? 1, fontSize: fontSize, minimum: minimum)
    }

    static func height(lines: Int, fontSize: Double, minimum: Double) -> Double {
        min(maxRowHeight, max(minimum, neededHeight(lines: lines, fontSize: fontSize)))
    }

    /// `lines(_:width:)` remembering each column's last text: a long listing repeats its file,
    /// archive and unit names row after row.
    struct Memo {
        private var last: [Int: (text: String, width: Double, lines: Int)] = [:]

        mutating func lines(_ text: String, width: Double, column: Int) -> Int {
            if let known = last[column], known.width == width, known.text == text { return known.lines }
            let n = TextFit.lines(text, width: width)
            last[column] = (text, width, n)
            return n
        }
    }
}
