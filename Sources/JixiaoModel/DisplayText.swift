/// Text from outside the program (file names, cell values, names in units.csv) on its way
/// to a terminal or a log file. A newline in a file name would otherwise start a line that
/// looks like one of ours (`[接收] …`), and an escape sequence or a bidi override would
/// change what the operator sees, so such characters are written as visible escapes.
public enum DisplayText {
    /// `text` unchanged unless it holds a line break, another C0 or C1 control character,
    /// DEL or a bidi control; those are written `\n`, `\r`, `\t` or `\u{202E}`.
    public static func escaped(_ text: String) -> String {
        // Nearly every line needs nothing; leave it byte for byte as it was.
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Line and paragraph separators end a line in some viewers.
        case 0x2028, 0x2029: return true
        // Bidi marks, embeddings, overrides and isolates: they reorder what follows on the line.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
