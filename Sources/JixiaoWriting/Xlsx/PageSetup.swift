import CXlsxWriter
import JixiaoModel

/// What the header of every printed page says: which workbook, for which period, made on
/// which day. A sheet taken from a pile of printouts still says where it belongs.
public struct PageHeading: Sendable, Equatable {
    /// The workbook's title: `汇总表`, `退回修改 JD05 2025-06`.
    public var title: String
    /// `截至2025年12月` for a year-to-date output, `2025年3月` for one month's.
    public var period: String
    /// The report's day (its clock, not the wall clock), so the same ledger on the same
    /// day gives the same bytes; nil for a blank form, which is not made from data.
    public var madeOn: CalendarDate?

    public init(title: String, period: String, madeOn: CalendarDate? = nil) {
        self.title = title
        self.period = period
        self.madeOn = madeOn
    }

    /// A year-to-date output counted through `period`.
    public static func through(_ period: Period, title: String, madeOn: CalendarDate?) -> PageHeading {
        PageHeading(title: title, period: "截至\(period.chineseDescription)", madeOn: madeOn)
    }

    /// Excel's header codes: title and sheet left, period centred, the day made right.
    func header(sheet: String) -> String {
        let left = sheet == title ? title : "\(title)—\(sheet)"
        var text = "&L" + Self.small(left) + "&C" + Self.small(period)
        if let madeOn { text += "&R" + Self.small("生成时间：\(madeOn)") }
        return Self.clipped(text)
    }

    static let footer = "&C&9第 &P 页 共 &N 页"

    /// `text` in 9 points. The size code takes every digit after it, so text starting with a
    /// digit (`2025年3月`) is set off by a space.
    private static func small(_ text: String) -> String {
        let escaped = escaped(text)
        return "&9" + (escaped.first?.isNumber == true ? " " : "") + escaped
    }

    /// A literal `&` in Excel's header language is written twice.
    private static func escaped(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&&") }

    /// libxlsxwriter refuses a header over 255 bytes (a Chinese character is three); a long
    /// unit name must not stop the report.
    private static func clipped(_ s: String) -> String {
        guard s.utf8.count > PageSetup.maxHeaderLength else { return s }
        var cut = ""
        for ch in s {
            guard cut.utf8.count + ch.utf8.count <= PageSetup.maxHeaderLength else { break }
            cut.append(ch)
        }
        // Never end on half of an `&&` or on a lone `&` code.
        while cut.hasSuffix("&") { cut.removeLast() }
        return cut
    }
}

/// How one sheet prints: A4, portrait when its columns fit a portrait page and landscape
/// otherwise, one page wide (as many pages tall as needed), the given rows repeated on every
/// page, and the workbook's heading and page numbers on each.
struct PageSetup {
    static let maxHeaderLength = Int(LXW_HEADER_FOOTER_MAX)
    /// Margins in inches: left/right, top/bottom; the header and footer sit in the top and bottom ones.
    static let sideMargin = 0.4
    static let endMargin = 0.5
    static let headerMargin = 0.25
    /// Width inside the side margins, in points.
    static let portraitWidth = (8.27 - 2 * sideMargin) * 72
    static let landscapeWidth = (11.69 - 2 * sideMargin) * 72
    /// Height of an A4 landscape page inside the margins, in points.
    static let landscapeHeight = (8.27 - 2 * endMargin) * 72

    enum Orientation { case portrait, landscape }

    var repeatRows: ClosedRange<Int>?
    /// Columns printed on every page when the sheet is split by `columnBreaks`.
    var repeatColumns: ClosedRange<Int>?
    var lastRow: Int
    var lastCol: Int
    /// nil: chosen by the columns' total width.
    var orientation: Orientation?
    /// 0 for as many pages as the rows need.
    var pagesTall = 0
    /// First columns of the later pages, for a sheet too wide for one page at a readable size.
    var columnBreaks: [Int] = []
    /// A set print scale (percent) instead of fitting to the page: the sheet's own row breaks
    /// then hold in Excel too, which ignores manual breaks when fitting to pages.
    var scale: Int?

    /// Excel's column width (in characters of the default font) as printed points:
    /// 7 pixels a character plus 5 of padding, at 96 pixels an inch.
    static func points(columnWidth w: Double) -> Double {
        ((w * 7).rounded() + 5) * 0.75
    }

    static func width(of cols: ClosedRange<Int>, in layout: SheetLayout) -> Double {
        cols.reduce(0) { $0 + points(columnWidth: layout.width(of: $1)) }
    }

    /// The orientation a sheet prints in unless told: portrait when its columns fit.
    static func orientation(for cols: ClosedRange<Int>, in layout: SheetLayout) -> Orientation {
        width(of: cols, in: layout) <= portraitWidth ? .portrait : .landscape
    }

    /// The pages a split sheet prints across, each with the repeated columns in front.
    func columnPages() -> [ClosedRange<Int>] {
        let starts = [repeatColumns.map { $0.upperBound + 1 } ?? 0] + columnBreaks.filter { $0 <= lastCol }
        return starts.enumerated().map { i, start in
            let end = i + 1 < starts.count ? starts[i + 1] - 1 : lastCol
            return start...max(start, end)
        }
    }

    /// The print scale (percent) that fits the widest of the split pages across the paper.
    func splitScale(_ layout: SheetLayout, printable: Double) -> Int {
        let repeated = repeatColumns.map { Self.width(of: $0, in: layout) } ?? 0
        let widest = columnPages().map { repeated + Self.width(of: $0, in: layout) }.max() ?? printable
        return Self.scale(fitting: widest, into: printable)
    }

    /// The print scale (percent, 10 to 100) at which `width` points fit into `printable`, with
    /// some to spare: LibreOffice lays columns out a few percent wider than this measure.
    static func scale(fitting width: Double, into printable: Double) -> Int {
        guard width > 0 else { return 100 }
        return max(10, min(100, Int((printable / width * 92).rounded(.down))))
    }

    func apply(to sheet: XlsxSheet) throws {
        let handle = sheet.handle
        let chosen = orientation ?? Self.orientation(for: 0...max(0, lastCol), in: sheet.layout)
        if chosen == .landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        worksheet_set_paper(handle, 9)
        worksheet_set_margins(handle, Self.sideMargin, Self.sideMargin, Self.endMargin, Self.endMargin)
        worksheet_center_horizontally(handle)
        if let scale {
            worksheet_set_print_scale(handle, UInt16(clamping: scale))
        } else if columnBreaks.isEmpty {
            worksheet_fit_to_pages(handle, 1, UInt16(clamping: pagesTall))
        } else {
            // Fitting to pages would make Excel and LibreOffice ignore the breaks: one scale fits the widest part.
            let printable = chosen == .landscape ? Self.landscapeWidth : Self.portraitWidth
            worksheet_set_print_scale(handle, UInt16(splitScale(sheet.layout, printable: printable)))
            var breaks = columnBreaks.filter { $0 <= lastCol }.map { lxw_col_t(clamping: $0) } + [0]
            try sheet.workbook.check(worksheet_set_v_pagebreaks(handle, &breaks))
        }
        if let rows = repeatRows {
            try sheet.workbook.check(worksheet_repeat_rows(handle, lxw_row_t(clamping: rows.lowerBound),
                                                           lxw_row_t(clamping: rows.upperBound)))
        }
        if let cols = repeatColumns {
            try sheet.workbook.check(worksheet_repeat_columns(handle, lxw_col_t(clamping: cols.lowerBound),
                                                              lxw_col_t(clamping: cols.upperBound)))
        }
        try sheet.workbook.check(worksheet_print_area(handle, 0, 0, lxw_row_t(clamping: max(0, lastRow)),
                                                      lxw_col_t(clamping: max(0, lastCol))))
        var options = lxw_header_footer_options()
        options.margin = Self.headerMargin
        if let heading = sheet.workbook.heading {
            try sheet.workbook.check(worksheet_set_header_opt(handle, heading.header(sheet: sheet.name), &options))
        }
        try sheet.workbook.check(worksheet_set_footer_opt(handle, PageHeading.footer, &options))
    }
}

/// What a sheet remembers of its own layout, for the page setup and row heights to measure against.
final class SheetLayout {
    /// Excel's width of a column never set.
    static let defaultWidth = 8.43
    private var widths: [Int: Double] = [:]

    func setWidth(_ width: Double, of cols: ClosedRange<Int>) {
        for col in cols { widths[col] = width }
    }

    func width(of col: Int) -> Double { widths[col] ?? Self.defaultWidth }
}
