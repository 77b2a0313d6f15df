import Foundation
import JixiaoModel

/// A mistake in a `计算` text: where (in characters from its start) and what.
struct MeasureSyntaxError: Error {
    var offset: Int
    var message: String
}

/// One lexical piece of a `计算` text.
struct MeasureToken: Equatable {
    enum Kind: Equatable {
        case word(String)
        /// A value in quotes, never a keyword.
        case quoted(String)
        case symbol(String)
        case end
    }
    var kind: Kind
    var offset: Int
}

/// Splits a `计算` text into words, quoted values and symbols; full-width brackets,
/// commas and comparison signs are read as their ASCII forms.
enum MeasureLexer {
    private static let normalised: [Character: String] = [
        "（": "(", "）": ")", "【": "[", "】": "]", "，": ",", "、": ",", "＝": "=",
        "≥": ">=", "≤": "<=", "≠": "!=", "＋": "+", "－": "-", "×": "*", "÷": "/", "＊": "*", "／": "/",
    ]
    private static let singles: Set<Character> = ["(", ")", "[", "]", ",", "+", "-", "*", "/"]
    private static let quotePairs: [Character: Character] = ["\"": "\"", "“": "”", "'": "'", "「": "」", "‘": "’"]

    static func tokens(_ text: String) throws(MeasureSyntaxError) -> [MeasureToken] {
        let chars = Array(text)
        var out: [MeasureToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if let close = quotePairs[c] {
                var j = i + 1
                while j < chars.count, chars[j] != close { j += 1 }
                guard j < chars.count else { throw MeasureSyntaxError(offset: i, message: ScoringMessages.unclosedQuote) }
                out.append(MeasureToken(kind: .quoted(String(chars[(i + 1)..<j])), offset: i))
                i = j + 1
                continue
            }
            if let n = normalised[c] { out.append(MeasureToken(kind: .symbol(n), offset: i)); i += 1; continue }
            if singles.contains(c) { out.append(MeasureToken(kind: .symbol(String(c)), offset: i)); i += 1; continue }
            if "<>=!&|".contains(c) {
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let pair = next.map { String([c, $0]) } ?? ""
                if ["<=", ">=", "!=", "&&", "||", "=="].contains(pair) {
                    out.append(MeasureToken(kind: .symbol(pair == "==" ? "=" : pair), offset: i))
                    i += 2
                } else if c == "&" || c == "|" || c == "!" {
                    throw MeasureSyntaxError(offset: i, message: ScoringMessages.unexpectedCharacter(String(c)))
                } else {
                    out.append(MeasureToken(kind: .symbol(String(c)), offset: i))
                    i += 1
                }
                continue
            }
            var j = i
            while j < chars.count {
                let d = chars[j]
                if d.isWhitespace || normalised[d] != nil || singles.contains(d) || quotePairs[d] != nil || "<>=!&|".contains(d) { break }
                j += 1
            }
            out.append(MeasureToken(kind: .word(String(chars[i..<j])), offset: i))
            i = j
        }
        out.append(MeasureToken(kind: .end, offset: chars.count))
        return out
    }
}

/// Recursive-descent parser for `计算`:
/// ```
/// 表达式 := 项 (("+" | "-") 项)*          项 := 因子 (("*" | "/") 因子)*
/// 因子   := "-" 因子 | 数字 | "(" 表达式 ")" | 预算与满意度的数 | 函数
/// 函数   := 计数(条件?) | 求和(列, 条件?) | 去重计数(列, 条件?) | 覆盖街道数(条件?)
///         | 街道总数 | 工作量(项目)
/// 条件   := 与条件 (或 与条件)*            与条件 := 非条件 (且 非条件)*
/// 非条件 := 非 非条件 | "(" 条件 ")" | 列 比较 值 | 列 属于 [值, …] | 列 包含 值
/// ```
/// Nesting is capped so a hostile file cannot exhaust the stack.
struct MeasureParser {
    static let maxDepth = 40

    private var tokens: [MeasureToken]
    private var index = 0
    private var depth = 0

    static func parse(_ text: String) throws(MeasureSyntaxError) -> MeasureExpression {
        var parser = MeasureParser(tokens: try MeasureLexer.tokens(text))
        guard parser.peek.kind != .end else { throw MeasureSyntaxError(offset: 0, message: ScoringMessages.emptyMeasure) }
        let expression = try parser.expression()
        guard parser.peek.kind == .end else {
            throw MeasureSyntaxError(offset: parser.peek.offset, message: ScoringMessages.unexpectedToken(parser.peek.display))
        }
        return expression
    }

    private init(tokens: [MeasureToken]) { self.tokens = tokens }

    private var peek: MeasureToken { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() -> MeasureToken {
        let t = peek
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private mutating func accept(_ symbol: String) -> Bool {
        if peek.kind == .symbol(symbol) { index += 1; return true }
        return false
    }

    private mutating func expect(_ symbol: String) throws(MeasureSyntaxError) {
        guard accept(symbol) else {
            throw MeasureSyntaxError(offset: peek.offset, message: ScoringMessages.expected(symbol, found: peek.display))
        }
    }

    private mutating func enter() throws(MeasureSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw MeasureSyntaxError(offset: peek.offset, message: ScoringMessages.nestedTooDeep) }
    }

    // MARK: arithmetic

    private mutating func expression() throws(MeasureSyntaxError) -> MeasureExpression {
        try enter()
        defer { depth -= 1 }
        var left = try term()
        while true {
            if accept("+") { left = .binary(.add, left, try term()) }
            else if accept("-") { left = .binary(.subtract, left, try term()) }
            else { return left }
        }
    }

    private mutating func term() throws(MeasureSyntaxError) -> MeasureExpression {
        var left = try factor()
        while true {
            if accept("*") { left = .binary(.multiply, left, try factor()) }
            else if accept("/") { left = .binary(.divide, left, try factor()) }
            else { return left }
        }
    }

    private mutating func factor() throws(MeasureSyntaxError) -> MeasureExpression {
        try enter()
        defer { depth -= 1 }
        if accept("-") { return .negate(try factor()) }
        if accept("(") {
            let inner = try expression()
            try expect(")")
            return inner
        }
        let token = advance()
        guard case let .word(word) = token.kind else {
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.unexpectedToken(token.display))
        }
        if let n = Decimal(exactly: word) { return .number(n) }
        if let field = DistrictField.named(word) { return .district(field) }
        switch word {
        case "计数":
            return .count(try optionalFilterArguments())
        case "覆盖街道数":
            return .coveredStreets(try optionalFilterArguments())
        case "街道总数":
            if accept("(") { try expect(")") }
            return .streetTotal
        case "求和", "去重计数":
            try expect("(")
            let column = try columnName()
            if word == "求和", !column.isNumeric {
                throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.sumNeedsNumber(column.name))
            }
            let filter = accept(",") ? try condition() : .all
            try expect(")")
            return word == "求和" ? .sum(column, filter) : .distinct(column, filter)
        case "工作量":
            try expect("(")
            let itemToken = advance()
            guard let name = itemToken.text, let item = WorkloadItem(rawValue: name) else {
                throw MeasureSyntaxError(offset: itemToken.offset,
                                         message: ScoringMessages.unknownWorkloadItem(itemToken.display))
            }
            try expect(")")
            return .workload(item)
        default:
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.unknownName(word))
        }
    }

    /// `(条件)`, `()` or nothing at all: every row.
    private mutating func optionalFilterArguments() throws(MeasureSyntaxError) -> RowFilter {
        guard accept("(") else { return .all }
        if accept(")") { return .all }
        let filter = try condition()
        try expect(")")
        return filter
    }

    // MARK: conditions

    private mutating func condition() throws(MeasureSyntaxError) -> RowFilter {
        try enter()
        defer { depth -= 1 }
        var left = try conjunction()
        while peek.isKeyword(.or) {
            _ = advance()
            left = .or(left, try conjunction())
        }
        return left
    }

    private mutating func conjunction() throws(MeasureSyntaxError) -> RowFilter {
        var left = try negation()
        while peek.isKeyword(.and) {
            _ = advance()
            left = .and(left, try negation())
        }
        return left
    }

    private mutating func negation() throws(MeasureSyntaxError) -> RowFilter {
        try enter()
        defer { depth -= 1 }
        if peek.isKeyword(.not) {
            _ = advance()
            return .not(try negation())
        }
        if accept("(") {
            let inner = try condition()
            try expect(")")
            return inner
        }
        return try comparison()
    }

    private mutating func comparison() throws(MeasureSyntaxError) -> RowFilter {
        let column = try columnName()
        let opToken = advance()
        switch opToken.kind {
        case .symbol("="), .symbol("!="):
            let negated = opToken.kind == .symbol("!=")
            if column.isNumeric {
                return .numeric(column, negated ? .notEqual : .equal, try number())
            }
            return .equals(column, try value(for: column), negated: negated)
        case .symbol("<"), .symbol("<="), .symbol(">"), .symbol(">="):
            guard column.isNumeric, case let .symbol(s) = opToken.kind, let op = NumericComparison(rawValue: s) else {
                throw MeasureSyntaxError(offset: opToken.offset, message: ScoringMessages.orderingNeedsNumber(column.name))
            }
            return .numeric(column, op, try number())
        case .word(let w) where MeasureKeyword(w) == .in || MeasureKeyword(w) == .notIn:
            try expect("[")
            var values: [String] = []
            repeat {
                values.append(try value(for: column))
            } while accept(",")
            try expect("]")
            return .member(column, values, negated: MeasureKeyword(w) == .notIn)
        case .word(let w) where MeasureKeyword(w) == .contains:
            return .contains(column, try value(for: column, checkChoices: false))
        default:
            throw MeasureSyntaxError(offset: opToken.offset, message: ScoringMessages.badConditionOperator(opToken.display))
        }
    }

    private mutating func columnName() throws(MeasureSyntaxError) -> ActivityColumn {
        let token = advance()
        guard let name = token.text, let column = ActivityColumn(name: name) else {
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.unknownColumn(token.display))
        }
        return column
    }

    private mutating func number() throws(MeasureSyntaxError) -> Decimal {
        let token = advance()
        guard let text = token.text, let n = Decimal(exactly: text) else {
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.expectedNumber(token.display))
        }
        return n
    }

    private mutating func value(for column: ActivityColumn, checkChoices: Bool = true) throws(MeasureSyntaxError) -> String {
        let token = advance()
        guard let text = token.text, !text.isEmpty else {
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.expectedValue(token.display))
        }
        if column.isNumeric, Decimal(exactly: text) == nil {
            throw MeasureSyntaxError(offset: token.offset, message: ScoringMessages.expectedNumber(text))
        }
        if checkChoices, let allowed = column.allowedValues, !allowed.contains(text) {
            throw MeasureSyntaxError(offset: token.offset,
                                     message: ScoringMessages.unknownChoice(text, column: column.name, allowed: allowed))
        }
        return text
    }
}

enum MeasureKeyword {
    case and, or, not, `in`, notIn, contains

    init?(_ word: String) {
        switch word {
        case "且", "并且", "和", "and", "AND": self = .and
        case "或", "或者", "or", "OR": self = .or
        case "非", "not", "NOT": self = .not
        case "属于", "in", "IN": self = .in
        case "不属于": self = .notIn
        case "包含": self = .contains
        default: return nil
        }
    }
}

extension MeasureToken {
    func isKeyword(_ keyword: MeasureKeyword) -> Bool {
        switch kind {
        case .word(let w): return MeasureKeyword(w) == keyword
        case .symbol("&&"): return keyword == .and
        case .symbol("||"): return keyword == .or
        default: return false
        }
    }

    /// The text of a word or quoted value.
    var text: String? {
        switch kind {
        case .word(let w), .quoted(let w): return w
        default: return nil
        }
    }

    var display: String {
        switch kind {
        case .word(let w), .quoted(let w), .symbol(let w): return w
        case .end: return ScoringMessages.endOfText
        }
    }
}
