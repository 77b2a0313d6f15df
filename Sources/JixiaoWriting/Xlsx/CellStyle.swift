import CXlsxWriter

/// Everything a cell's look depends on; equal styles share one workbook format.
struct CellStyle: Hashable {
    enum Horizontal: Hashable { case left, center, right }

    /// 宋体 is on every Chinese Windows and WPS install, so printed forms keep their shape.
    var fontName = "宋体"
    var size: Double = 11
    var bold = false
    var horizontal: Horizontal = .left
    var wrap = false
    /// Long wrapped text reads from the top; everything else is centred vertically.
    var topAligned = false
    var border = false
    var numberFormat: String?
    /// RGB fill, e.g. 0xD9E1F2.
    var fill: UInt32?
    var fontColor: UInt32?

    static let body = CellStyle()
    static let grid = CellStyle(wrap: true, border: true)
    static let gridCentered = CellStyle(horizontal: .center, wrap: true, border: true)
    static let header = CellStyle(bold: true, horizontal: .center, wrap: true, border: true, fill: 0xD9E1F2)
    static let title = CellStyle(size: 16, bold: true, horizontal: .center)

    func with(_ change: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        change(&copy)
        return copy
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        format_set_font_name(f, fontName)
        format_set_font_size(f, size)
        if bold { format_set_bold(f) }
        switch horizontal {
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        format_set_align(f, UInt8((topAligned ? LXW_ALIGN_VERTICAL_TOP : LXW_ALIGN_VERTICAL_CENTER).rawValue))
        if wrap { format_set_text_wrap(f) }
        if border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let numberFormat { format_set_num_format(f, numberFormat) }
        if let fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if let fontColor { format_set_font_color(f, fontColor) }
    }
}

/// Number formats used across the workbooks.
enum NumberFormat {
    static let money = "0.00"
    static let percent = "0.0%"
    static let integer = "0"
    static let date = "yyyy-mm-dd"
    static let dateTime = "yyyy-mm-dd hh:mm"
    static let text = "@"
}
