import CXlsxWriter
import Foundation
import JixiaoModel

/// One worksheet of an `XlsxWorkbook`. Rows and columns are zero-based, as in libxlsxwriter.
struct XlsxSheet {
    /// Excel refuses longer cell text; a submission could carry more.
    static let maxTextLength = 32_767
    /// Excel's rows per sheet.
    static let maxRows = 1_048_576

    let handle: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    unowned let workbook: XlsxWorkbook
    let layout = SheetLayout()

    // MARK: Cells

    /// Text always goes in as a string cell: a value from a submission starting with
    /// `=`, `+`, `-` or `@` must not turn into a formula.
    func write(_ text: String, _ row: Int, _ col: Int, _ style: CellStyle = .body) throws {
        try workbook.check(worksheet_write_string(handle, r(row), c(col), Self.cellText(text), workbook.format(style)))
    }

    /// Text a cell can hold: at most Excel's length, and only characters XML 1.0 allows.
    /// libxlsxwriter passes control characters through in constant-memory mode, which
    /// makes the sheet unreadable; they become U+FFFD, as a text editor would show them.
    static func cellText(_ text: String) -> String {
        let clipped = text.count > maxTextLength ? String(text.prefix(maxTextLength)) : text
        guard clipped.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return clipped }
        var scalars = String.UnicodeScalarView()
        for u in clipped.unicodeScalars { scalars.append(isXMLCharacter(u) ? u : "\u{FFFD}") }
        return String(scalars)
    }

    private static func isXMLCharacter(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    func write(number: Double, _ row: Int, _ col: Int, _ style: CellStyle = .body) throws {
        try workbook.check(worksheet_write_number(handle, r(row), c(col), number, workbook.format(style)))
    }

    /// Decimal becomes binary floating point only here, when handed to the file.
    func write(decimal: Decimal, _ row: Int, _ col: Int, _ style: CellStyle = .body) throws {
        try write(number: decimal.exactDouble, row, col, style)
    }

    func write(integer: Int, _ row: Int, _ col: Int, _ style: CellStyle = .body) throws {
        try write(number: Double(integer), row, col, style)
    }

    func write(date: CalendarDate, _ row: Int, _ col: Int, _ style: CellStyle) throws {
        var dt = lxw_datetime(date)
        try workbook.check(worksheet_write_datetime(handle, r(row), c(col), &dt, workbook.format(style)))
    }

    /// A moment shown in 北京时间 (UTC+8), where the office reads it.
    func write(instant: Date, _ row: Int, _ col: Int, _ style: CellStyle) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        var dt = lxw_datetime(year: Int32(p.year ?? 1900), month: Int32(p.month ?? 1), day: Int32(p.day ?? 1),
                              hour: Int32(p.hour ?? 0), min: Int32(p.minute ?? 0), sec: Double(p.second ?? 0))
        try workbook.check(worksheet_write_datetime(handle, r(row), c(col), &dt, workbook.format(style)))
    }

    func write(boolean: Bool, _ row: Int, _ col: Int, _ style: CellStyle) throws {
        try workbook.check(worksheet_write_boolean(handle, r(row), c(col), boolean ? 1 : 0, workbook.format(style)))
    }

    /// A note shown when the pointer rests on the cell (a red corner marks it). Written in
    /// 宋体 and sized to the text: Excel's default Tahoma box is too small for Chinese.
    func comment(_ text: String, _ row: Int, _ col: Int, author: String) throws {
        let strings = CStringArena()
        var options = lxw_comment_options()
        options.author = strings.keep(author)
        options.font_name = strings.keep("宋体")
        options.font_size = 10
        // About 16 Chinese characters a line; a line of 10-point text is about 17 pixels.
        let lines = TextFit.lines(text, width: 32)
        options.width = 240
        options.height = UInt16(clamping: min(400, max(60, 17 * lines + 20)))
        try workbook.check(worksheet_write_comment_opt(handle, r(row), c(col), strings.keep(Self.cellText(text)), &options))
    }

    func writeBlank(_ row: Int, _ col: Int, _ style: CellStyle) throws {
        try workbook.check(worksheet_write_blank(handle, r(row), c(col), workbook.format(style)))
    }

    /// A formula with its result stored, so every reader shows the value without recalculating.
    func write(formula: String, cached: Decimal, _ row: Int, _ col: Int, _ style: CellStyle = .body) throws {
        try workbook.check(worksheet_write_formula_num(handle, r(row), c(col), formula, workbook.format(style),
                                                      cached.exactDouble))
    }

    // MARK: Layout

    func merge(_ text: String, rows: ClosedRange<Int>, cols: ClosedRange<Int>, _ style: CellStyle) throws {
        if rows.count == 1 && cols.count == 1 {
            try write(text, rows.lowerBound, cols.lowerBound, style)
            return
        }
        try workbook.check(worksheet_merge_range(handle, r(rows.lowerBound), c(cols.lowerBound),
                                                 r(rows.upperBound), c(cols.upperBound), Self.cellText(text),
                                                 workbook.format(style)))
    }

    func setColumns(_ cols: ClosedRange<Int>, width: Double, _ style: CellStyle? = nil) throws {
        layout.setWidth(width, of: cols)
        try workbook.check(worksheet_set_column(handle, c(cols.lowerBound), c(cols.upperBound), width,
                                                style.flatMap { workbook.format($0) }))
    }

    func setRow(_ row: Int, height: Double) throws {
        try workbook.check(worksheet_set_row(handle, r(row), height, nil))
    }

    func freeze(rows: Int, cols: Int = 0) {
        worksheet_freeze_panes(handle, r(rows), c(cols))
    }

    func autofilter(rows: ClosedRange<Int>, cols: ClosedRange<Int>) throws {
        try workbook.check(worksheet_autofilter(handle, r(rows.lowerBound), c(cols.lowerBound),
                                                r(rows.upperBound), c(cols.upperBound)))
    }

    func hide() { worksheet_hide(handle) }

    func activate() { worksheet_activate(handle) }

    /// A row as tall as the most wrapped of its cells, measured against the columns' widths.
    func fitRow(_ row: Int, _ cells: [(text: String, col: Int)], fontSize: Double = CellStyle.body.size,
                minimum: Double = TextFit.minimumRowHeight) throws {
        try setRow(row, height: TextFit.height(cells.map { ($0.text, layout.width(of: $0.col)) },
                                               fontSize: fontSize, minimum: minimum))
    }

    // MARK: Printing

    /// Height of an A4 landscape page inside the margins, in points.
    static let printableHeight = PageSetup.landscapeHeight

    /// The shared page setup (`PageSetup`): A4, `landscape` or (nil) the orientation the
    /// columns' width needs, one page wide and `pagesTall` high (0 for as many as needed),
    /// the given rows repeated on every printed page, the workbook's heading and page numbers.
    /// `scale` (percent) instead of fitting to one page wide: for a sheet with its own page breaks.
    func printSetup(repeating rows: ClosedRange<Int>?, lastRow: Int, lastCol: Int, landscape: Bool? = nil,
                    pagesTall: Int = 0, scale: Int? = nil) throws {
        try PageSetup(repeatRows: rows, lastRow: lastRow, lastCol: lastCol,
                      orientation: landscape.map { $0 ? .landscape : .portrait }, pagesTall: pagesTall,
                      scale: scale).apply(to: self)
    }

    /// The largest print scale (percent, at most 100) at which these columns fit across the
    /// page of the orientation their width gives.
    static func scaleFittingWidth(of cols: ClosedRange<Int>, in layout: SheetLayout) -> Int {
        let printable = PageSetup.orientation(for: cols, in: layout) == .landscape ? PageSetup.landscapeWidth : PageSetup.portraitWidth
        return PageSetup.scale(fitting: PageSetup.width(of: cols, in: layout), into: printable)
    }

    /// Page breaks before the given zero-based rows (kept with a one-page-wide fit).
    func pageBreaks(before rows: [Int]) throws {
        guard !rows.isEmpty else { return }
        var breaks = rows.map { r($0) } + [0]
        try workbook.check(worksheet_set_h_pagebreaks(handle, &breaks))
    }

    // MARK: Data validation

    /// A dropdown whose allowed values live in a cell range (`下拉选项!$A$2:$A$8`), which
    /// has no length limit, unlike the 255-character inline list.
    func dropdown(rows: ClosedRange<Int>, col: Int, source: String, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, strings in
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.value_formula = strings.keep(source)
        }
    }

    func wholeNumberAtLeastZero(rows: ClosedRange<Int>, col: Int, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, _ in
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = 0
        }
    }

    func decimalAtLeastZero(rows: ClosedRange<Int>, col: Int, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, _ in
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = 0
        }
    }

    /// A date between two days; outside them Excel warns but lets the value stand,
    /// matching the validator, which only warns about a date outside the month.
    func date(rows: ClosedRange<Int>, col: Int, from: CalendarDate, to: CalendarDate, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, _ in
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_datetime = lxw_datetime(from)
            v.maximum_datetime = lxw_datetime(to)
            v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        }
    }

    /// Text of at most `length` characters: Excel refuses a longer one, as validation would.
    func textAtMost(_ length: Int, rows: ClosedRange<Int>, col: Int, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, _ in
            v.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = Double(length)
        }
    }

    /// Only the input message, for free-text columns.
    func hintOnly(rows: ClosedRange<Int>, col: Int, hint: Hint) throws {
        try validate(rows: rows, col: col, hint: hint) { v, _ in
            v.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        }
    }

    /// An input message shown when the cell is selected, and the error text when a rule fails.
    struct Hint {
        var title: String
        var message: String
        var error: String?
    }

    private func validate(rows: ClosedRange<Int>, col: Int, hint: Hint,
                          _ configure: (inout lxw_data_validation, CStringArena) -> Void) throws {
        let strings = CStringArena()
        var v = lxw_data_validation()
        configure(&v, strings)
        // Excel caps the title at 32 and the message at 255 characters.
        v.input_title = strings.keep(String(hint.title.prefix(32)))
        v.input_message = strings.keep(String(hint.message.prefix(255)))
        if let error = hint.error {
            v.error_title = strings.keep(String(hint.title.prefix(32)))
            v.error_message = strings.keep(String(error.prefix(255)))
        }
        try workbook.check(worksheet_data_validation_range(handle, r(rows.lowerBound), c(col),
                                                           r(rows.upperBound), c(col), &v))
    }

    // MARK: Conditional formats and charts

    /// Colours cells of the range whose text contains `text`.
    func highlight(rows: ClosedRange<Int>, col: Int, containing text: String, _ style: CellStyle) throws {
        let strings = CStringArena()
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
        cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING.rawValue)
        cf.value_string = strings.keep(text)
        cf.format = workbook.format(style)
        try workbook.check(worksheet_conditional_format_range(handle, r(rows.lowerBound), c(col),
                                                              r(rows.upperBound), c(col), &cf))
    }

    func insert(_ chart: UnsafeMutablePointer<lxw_chart>, _ row: Int, _ col: Int) throws {
        try workbook.check(worksheet_insert_chart(handle, r(row), c(col), chart))
    }

    /// An absolute reference to a column range of this sheet, for charts and dropdowns.
    func reference(col: Int, rows: ClosedRange<Int>) -> String {
        let letters = CellName.column(col)
        return "='\(name)'!$\(letters)$\(rows.lowerBound + 1):$\(letters)$\(rows.upperBound + 1)"
    }

    private func r(_ row: Int) -> lxw_row_t { lxw_row_t(clamping: row) }
    private func c(_ col: Int) -> lxw_col_t { lxw_col_t(clamping: col) }
}

/// C strings that live until the arena does: libxlsxwriter copies them during the call.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    func keep(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let p = strdup(text) else { return nil }
        pointers.append(p)
        return p
    }

    deinit { pointers.forEach { free($0) } }
}

/// A1-style names.
enum CellName {
    /// 0 → A, 25 → Z, 26 → AA.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let rem = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + rem))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

extension Decimal {
    /// The double nearest to the decimal value. `NSDecimalNumber.doubleValue` can miss it
    /// (0.872 comes out as 0.8720000000000002), which a reader would then show.
    var exactDouble: Double {
        Double(NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")))
            ?? NSDecimalNumber(decimal: self).doubleValue
    }
}
