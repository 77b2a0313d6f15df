/// Refuses the YAML features that let a short configuration file grow without bound once
/// Yams composes it: an alias repeats its anchored node wherever it is used, and Yams hashes
/// every mapping key in full, so nine levels of aliases used as a key (a few hundred bytes)
/// spin for minutes. Neither is needed to write jixiao.yaml or indicators.yaml. (Nesting is
/// already bounded: libyaml stops at 1000 levels.)
///
/// Yams keeps libyaml's event stream private, so this reads the text itself, following
/// libyaml's scanner (scanner.c) closely enough to tell where its tokens start: `&`, `*` and `?`
/// inside quoted, plain and block scalars or comments are text, not indicators. Where libyaml
/// would stop with a syntax error the check stops too and passes the text on, because Yams then
/// fails at that point with its own message, before composing anything after it.
public enum YAMLGuard {
    /// The first refused construct in `text`, or nil when Yams may be given it.
    public static func check(_ text: String) -> YAMLRefusal? {
        var scanner = TokenStarts(Array(text.utf8))
        return scanner.run()
    }
}

/// A construct the guard refuses, where it starts (1-based, in characters).
public struct YAMLRefusal: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `&name` or `*name`.
        case anchorOrAlias
        /// An explicit `? key`, or a `[…]` / `{…}` collection used as a key.
        case complexKey
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// What is wrong and what to write instead, to follow the file name and line.
    public var message: String {
        switch kind {
        case .anchorOrAlias:
            return "使用了 YAML 锚点/别名（&、*），本工具不支持，请直接写出取值；如果 & 或 * 是文字的一部分，请给整个取值加上引号"
        case .complexKey:
            return "使用了 YAML 复杂键（以“? ”开头，或用 [ ]、{ } 写成的键），本工具不支持，请写成“名称: 取值”"
        }
    }
}

/// libyaml's scanner reduced to what decides where a token starts: indentation levels, flow
/// levels and possible simple keys. Scalar contents are skipped, never built.
struct TokenStarts {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var column = 0
    /// Characters read, as libyaml's mark.index, for its 1024-character simple-key limit.
    private var index = 0

    private var flowLevel = 0
    private var indent = -1
    private var indents: [Int] = []
    private var simpleKeyAllowed = true
    private var simpleKeys = [SimpleKey()]

    private struct SimpleKey {
        var possible = false
        var line = 0
        var column = 0
        var index = 0
        var isCollection = false
    }

    /// Where libyaml's parse fails: scanning is over, Yams reports the error.
    private struct Stop: Error {}

    init(_ bytes: [UInt8]) {
        b = Array(bytes[..<TokenStarts.firstUnreadable(bytes)])
    }

    mutating func run() -> YAMLRefusal? {
        do {
            while true {
                try scanToNextToken()
                unrollIndent(column)
                if atEnd { return nil }
                let c = b[i]
                if column == 0, c == UInt8(ascii: "%") {
                    unrollIndent(-1)
                    simpleKeys[simpleKeys.count - 1].possible = false
                    simpleKeyAllowed = false
                    while !isBreakOrEnd(0) { skip() }
                    continue
                }
                if column == 0, isDocumentIndicator() {
                    unrollIndent(-1)
                    simpleKeys[simpleKeys.count - 1].possible = false
                    simpleKeyAllowed = false
                    skip(); skip(); skip()
                    continue
                }
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    saveSimpleKey(isCollection: true)
                    flowLevel += 1
                    simpleKeys.append(SimpleKey())
                    simpleKeyAllowed = true
                    skip()
                    continue
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    simpleKeys[simpleKeys.count - 1].possible = false
                    if flowLevel > 0 {
                        flowLevel -= 1
                        simpleKeys.removeLast()
                    }
                    simpleKeyAllowed = false
                    skip()
                    continue
                case UInt8(ascii: ","):
                    simpleKeys[simpleKeys.count - 1].possible = false
                    simpleKeyAllowed = true
                    skip()
                    continue
                default:
                    break
                }
                if c == UInt8(ascii: "-"), isBlankOrBreakOrEnd(1) {
                    rollIndent(column)
                    simpleKeys[simpleKeys.count - 1].possible = false
                    simpleKeyAllowed = true
                    skip()
                    continue
                }
                if c == UInt8(ascii: "?"), flowLevel > 0 || isBlankOrBreakOrEnd(1) {
                    return refusal(.complexKey, line: line, column: column)
                }
                if c == UInt8(ascii: ":"), flowLevel > 0 || isBlankOrBreakOrEnd(1) {
                    let key = simpleKeys[simpleKeys.count - 1]
                    if key.possible, !isStale(key) {
                        if key.isCollection { return refusal(.complexKey, line: key.line, column: key.column) }
                        rollIndent(key.column)
                        simpleKeys[simpleKeys.count - 1].possible = false
                        simpleKeyAllowed = false
                    } else {
                        if flowLevel == 0 { rollIndent(column) }
                        simpleKeyAllowed = flowLevel == 0
                    }
                    skip()
                    continue
                }
                if c == UInt8(ascii: "*") || c == UInt8(ascii: "&") {
                    return refusal(.anchorOrAlias, line: line, column: column)
                }
                if c == UInt8(ascii: "!") {
                    saveSimpleKey(isCollection: false)
                    simpleKeyAllowed = false
                    try scanTag()
                    continue
                }
                if (c == UInt8(ascii: "|") || c == UInt8(ascii: ">")) && flowLevel == 0 {
                    simpleKeys[simpleKeys.count - 1].possible = false
                    simpleKeyAllowed = true
                    try scanBlockScalar()
                    continue
                }
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    saveSimpleKey(isCollection: false)
                    simpleKeyAllowed = false
                    try scanQuotedScalar(single: c == UInt8(ascii: "'"))
                    continue
                }
                if startsPlainScalar(c) {
                    saveSimpleKey(isCollection: false)
                    simpleKeyAllowed = false
                    try scanPlainScalar()
                    continue
                }
                return nil
            }
        } catch {
            return nil
        }
    }

    // MARK: state, as libyaml keeps it

    private mutating func saveSimpleKey(isCollection: Bool) {
        guard simpleKeyAllowed else { return }
        simpleKeys[simpleKeys.count - 1] = SimpleKey(possible: true, line: line, column: column, index: index,
                                                     isCollection: isCollection)
    }

    /// libyaml drops a possible key once the scan leaves its line or runs 1024 characters past
    /// it, checking every level at every token; only the current level's key is ever used,
    /// so asking when it is used gives the same answer without the cost of very deep nesting.
    private func isStale(_ key: SimpleKey) -> Bool {
        key.line < line || key.index + 1024 < index
    }

    private mutating func rollIndent(_ column: Int) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indent = column
    }

    private mutating func unrollIndent(_ column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column { indent = indents.removeLast() }
    }

    private func refusal(_ kind: YAMLRefusal.Kind, line: Int, column: Int) -> YAMLRefusal {
        YAMLRefusal(kind: kind, line: line, column: column + 1)
    }

    // MARK: between tokens

    private mutating func scanToNextToken() throws(Stop) {
        while true {
            if column == 0, byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF { skip() }
            while byte(0) == UInt8(ascii: " ") || ((flowLevel > 0 || !simpleKeyAllowed) && byte(0) == UInt8(ascii: "\t")) {
                skip()
            }
            if byte(0) == UInt8(ascii: "#") {
                while !isBreakOrEnd(0) { skip() }
            }
            guard breakWidth(0) > 0 else { return }
            skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    // MARK: tokens whose extent matters

    /// `!`, `!suffix`, `!handle!suffix` or `!<verbatim>`; `&` and `*` inside a tag are its text.
    private mutating func scanTag() throws(Stop) {
        if byte(1) == UInt8(ascii: "<") {
            skip(); skip()
            while isURIChar(byte(0), verbatim: true) { skip() }
            guard byte(0) == UInt8(ascii: ">") else { throw Stop() }
            skip()
        } else {
            skip()
            while isURIChar(byte(0), verbatim: false) { skip() }
        }
        guard isBlankOrBreakOrEnd(0) || (flowLevel > 0 && byte(0) == UInt8(ascii: ",")) else { throw Stop() }
    }

    /// `|` or `>`: the header line, then every line indented at least as far as the first
    /// non-empty one (or as the explicit indentation indicator says).
    private mutating func scanBlockScalar() throws(Stop) {
        skip()
        var increment = 0
        if byte(0) == UInt8(ascii: "+") || byte(0) == UInt8(ascii: "-") {
            skip()
            if let d = digit(byte(0)) {
                guard d > 0 else { throw Stop() }
                increment = d
                skip()
            }
        } else if let d = digit(byte(0)) {
            guard d > 0 else { throw Stop() }
            increment = d
            skip()
            if byte(0) == UInt8(ascii: "+") || byte(0) == UInt8(ascii: "-") { skip() }
        }
        while isBlank(byte(0)) { skip() }
        if byte(0) == UInt8(ascii: "#") {
            while !isBreakOrEnd(0) { skip() }
        }
        guard isBreakOrEnd(0) else { throw Stop() }
        if breakWidth(0) > 0 { skipLine() }
        var blockIndent = increment == 0 ? 0 : (indent >= 0 ? indent + increment : increment)
        try blockScalarBreaks(&blockIndent)
        while column == blockIndent && !atEnd {
            while !isBreakOrEnd(0) { skip() }
            if breakWidth(0) > 0 { skipLine() }
            try blockScalarBreaks(&blockIndent)
        }
    }

    private mutating func blockScalarBreaks(_ blockIndent: inout Int) throws(Stop) {
        var maxIndent = 0
        while true {
            while (blockIndent == 0 || column < blockIndent) && byte(0) == UInt8(ascii: " ") { skip() }
            maxIndent = max(maxIndent, column)
            if (blockIndent == 0 || column < blockIndent) && byte(0) == UInt8(ascii: "\t") { throw Stop() }
            guard breakWidth(0) > 0 else { break }
            skipLine()
        }
        if blockIndent == 0 { blockIndent = max(maxIndent, indent + 1, 1) }
    }

    /// `'…'` (with `''` inside) or `"…"` (with backslash escapes), over as many lines as it takes.
    private mutating func scanQuotedScalar(single: Bool) throws(Stop) {
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        skip()
        while true {
            if column == 0, isDocumentIndicator() { throw Stop() }
            if atEnd { throw Stop() }
            while !isBlankOrBreakOrEnd(0) {
                if single, byte(0) == quote, byte(1) == quote {
                    skip(); skip()
                } else if byte(0) == quote {
                    break
                } else if !single, byte(0) == UInt8(ascii: "\\"), breakWidth(1) > 0 {
                    skip()
                    skipLine()
                    break
                } else if !single, byte(0) == UInt8(ascii: "\\") {
                    skip()
                    if !atEnd { skip() }
                } else {
                    skip()
                }
            }
            if byte(0) == quote { break }
            while isBlank(byte(0)) || breakWidth(0) > 0 {
                if isBlank(byte(0)) { skip() } else { skipLine() }
            }
        }
        skip()
    }

    /// A plain scalar runs on over lines indented deeper than the enclosing block, up to
    /// `: `, ` #`, a document marker, or in flow context `,[]{}`.
    private mutating func scanPlainScalar() throws(Stop) {
        let scalarIndent = indent + 1
        var leadingBlanks = false
        while true {
            if column == 0, isDocumentIndicator() { break }
            if byte(0) == UInt8(ascii: "#") { break }
            while !isBlankOrBreakOrEnd(0) {
                if flowLevel > 0, byte(0) == UInt8(ascii: ":"), isFlowIndicatorAfterColon(byte(1)) { throw Stop() }
                if (byte(0) == UInt8(ascii: ":") && isBlankOrBreakOrEnd(1)) || (flowLevel > 0 && isFlowIndicator(byte(0))) {
                    break
                }
                leadingBlanks = false
                skip()
            }
            guard isBlank(byte(0)) || breakWidth(0) > 0 else { break }
            while isBlank(byte(0)) || breakWidth(0) > 0 {
                if isBlank(byte(0)) {
                    if leadingBlanks && column < scalarIndent && byte(0) == UInt8(ascii: "\t") { throw Stop() }
                    skip()
                } else {
                    skipLine()
                    leadingBlanks = true
                }
            }
            if flowLevel == 0 && column < scalarIndent { break }
        }
        if leadingBlanks { simpleKeyAllowed = true }
    }

    private func startsPlainScalar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "-"):
            return !isBlank(byte(1))
        case UInt8(ascii: "?"), UInt8(ascii: ":"):
            return flowLevel == 0 && !isBlankOrBreakOrEnd(1)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return !isBlankOrBreakOrEnd(0)
        }
    }

    // MARK: characters

    private var atEnd: Bool { i >= b.count }

    private func byte(_ offset: Int) -> UInt8 {
        i + offset < b.count ? b[i + offset] : 0
    }

    /// One character: the column and index count characters, not bytes.
    private mutating func skip() {
        guard !atEnd else { return }
        i += Self.width(b[i])
        column += 1
        index += 1
    }

    private mutating func skipLine() {
        let w = breakWidth(0)
        guard w > 0 else { return }
        i += w
        index += w == 2 && byte(-2) == UInt8(ascii: "\r") ? 2 : 1
        column = 0
        line += 1
    }

    /// Bytes of the line break at `offset`, 0 when there is none: CR LF counts as one, and
    /// libyaml also breaks lines at NEL, U+2028 and U+2029.
    private func breakWidth(_ offset: Int) -> Int {
        switch byte(offset) {
        case UInt8(ascii: "\r"): return byte(offset + 1) == UInt8(ascii: "\n") ? 2 : 1
        case UInt8(ascii: "\n"): return 1
        case 0xC2: return byte(offset + 1) == 0x85 ? 2 : 0
        case 0xE2: return byte(offset + 1) == 0x80 && (byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    private func isBreakOrEnd(_ offset: Int) -> Bool { i + offset >= b.count || breakWidth(offset) > 0 }

    private func isBlankOrBreakOrEnd(_ offset: Int) -> Bool { isBlank(byte(offset)) || isBreakOrEnd(offset) }

    private func isBlank(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }

    private func isDocumentIndicator() -> Bool {
        let c = byte(0)
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return byte(1) == c && byte(2) == c && isBlankOrBreakOrEnd(3)
    }

    private func isFlowIndicator(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
        default: return false
        }
    }

    private func isFlowIndicatorAfterColon(_ c: UInt8) -> Bool { c == UInt8(ascii: "?") || isFlowIndicator(c) }

    private func isURIChar(_ c: UInt8, verbatim: Bool) -> Bool {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: "."),
             UInt8(ascii: "%"), UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"):
            return true
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"):
            return verbatim
        default:
            return false
        }
    }

    private func digit(_ c: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) ? Int(c - UInt8(ascii: "0")) : nil
    }

    private static func width(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: return 1
        case 0xC0..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        default: return 4
        }
    }

    /// libyaml refuses a character outside YAML's printable set as soon as it reads it, so
    /// nothing from there on is ever composed: the check ends there too.
    static func firstUnreadable(_ b: [UInt8]) -> Int {
        var k = 0
        while k < b.count {
            let c = b[k]
            switch c {
            case 0x09, 0x0A, 0x0D, 0x20..<0x7F:
                k += 1
            case 0xC2 where k + 1 < b.count && b[k + 1] < 0xA0 && b[k + 1] != 0x85:
                return k
            case 0xEF where k + 2 < b.count && b[k + 1] == 0xBF && b[k + 2] >= 0xBE:
                return k
            case 0x80...:
                k += width(c)
            default:
                return k
            }
        }
        return b.count
    }
}
