import Foundation
import Yams

/// A slip made typing YAML by hand in Notepad, where it is (1-based, in characters), and in
/// Chinese what is wrong and what to write instead.
public struct YAMLMistake: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A tab among the spaces that indent a line.
        case tabIndentation
        /// `部门：武汉` — a Chinese input method's colon where YAML's `: ` belongs.
        case fullWidthColon(key: String, value: String)
        /// `分值:5`.
        case noSpaceAfterColon(key: String, value: String)
        /// `偏差原因: 原因: 场地不足` — a second `: ` in unquoted text.
        case colonInValue(key: String, value: String)
        /// The same key twice in one mapping.
        case duplicateKey(key: String, firstLine: Int)
        /// What libyaml stopped at, for the mistakes the text check does not recognise.
        case syntax(YAMLSyntaxProblem)
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// What is wrong and what to write instead, to follow the file name, line and column.
    public var message: String {
        switch kind {
        case .tabIndentation:
            return "行首用了制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格，与同一层的其他行对齐"
        case let .fullWidthColon(key, value):
            return "“\(key)”后面是全角冒号“：”；YAML 要用半角冒号加一个空格，请改成“\(key): \(value)”"
        case let .noSpaceAfterColon(key, value):
            return "“\(key)”后面的冒号缺少空格；YAML 的冒号后面要有一个空格，请改成“\(key): \(value)”"
        case let .colonInValue(key, value):
            let quoted = value.contains("\"") ? "" : "写成 \(key): \"\(value)\"，"
            return "“\(key)”的取值“\(value)”中有“冒号加空格”，YAML 会把它当成下一层的“名称: 取值”；请给整个取值加上双引号，\(quoted)或把其中的冒号改成全角“：”"
        case let .duplicateKey(key, firstLine):
            return "“\(key)”在第 \(firstLine) 行已经写过，同一层不能写两次；请删去其中一处，或把两处合并"
        case let .syntax(problem):
            return problem.message
        }
    }
}

/// libyaml's own complaints, by what a person would have done to cause them.
public enum YAMLSyntaxProblem: Sendable, Hashable {
    case missingColon
    case colonInText
    case badCharacter
    case misaligned
    case misplacedListItem
    case unclosedQuote
    case other

    init(_ problem: String) {
        switch problem {
        case "could not find expected ':'": self = .missingColon
        case "mapping values are not allowed in this context": self = .colonInText
        case "found character that cannot start any token": self = .badCharacter
        case "did not find expected key", "did not find expected '-' indicator": self = .misaligned
        case "block sequence entries are not allowed in this context": self = .misplacedListItem
        case "found unexpected end of stream", "found unknown escape character",
             "did not find expected ',' or ']'", "did not find expected ',' or '}'":
            self = .unclosedQuote
        default: self = .other
        }
    }

    var message: String {
        switch self {
        case .missingColon:
            return "这一行应写成“名称: 取值”（半角冒号后加一个空格），但没有找到这样的冒号；如果它是上一行取值的延续，请与上一行合并"
        case .colonInText:
            return "这里的“冒号加空格”使 YAML 把前面的文字当成了“名称”；如果冒号是文字的一部分，请给整个取值加上双引号，或把冒号改成全角“：”；如果这是新的一项，请另起一行"
        case .badCharacter:
            return "这里的字符（如制表符、@、`）不能出现在取值的开头；请删掉它，或给整个取值加上双引号"
        case .misaligned:
            return "缩进不齐：这一行与同一层的其他行没有对齐；请只用空格缩进，同一层的行从同一列开始"
        case .misplacedListItem:
            return "以“- ”开头的列表项放错了位置：列表要写在“名称:”的下一行，并比它多缩进"
        case .unclosedQuote:
            return "引号或括号没有成对：从这里开始的引号（或 [ {）到文件末尾都没有结束，请补上另一半"
        case .other:
            return "YAML 写法有误；请检查这一行和上一行的缩进（只能用空格）、冒号（半角冒号后加一个空格）和引号是否成对"
        }
    }
}

public enum YAMLDiagnosis {
    /// In Chinese, with its place, what made Yams fail on `text`.
    ///
    /// The text check runs only once Yams has failed, so that a file Yams reads is never refused
    /// on a guess; the slip it finds at or before the line where libyaml gave up is the cause
    /// (a full-width colon, for one, is noticed by libyaml only on the line after it).
    public static func explain(_ error: YamlError, in text: String) -> YAMLMistake? {
        let slips = YAMLSlips.find(in: text)
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if let slip = slips.last(where: { $0.line <= mark.line && !$0.isDuplicate }) { return slip }
            let kind = YAMLSyntaxProblem(problem)
            // libyaml notices a missing colon only at the next token, and an open quote at the end
            // of the file; the key or the quote it was reading is the place.
            let place = kind == .missingColon || kind == .unclosedQuote ? context?.mark ?? mark : mark
            return YAMLMistake(kind: .syntax(kind), line: place.line, column: place.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            if let slip = slips.first(where: \.isDuplicate) { return slip }
            return YAMLMistake(kind: .duplicateKey(key: duplicates.first ?? "", firstLine: context.mark.line),
                               line: context.mark.line, column: context.mark.column)
        default:
            return nil
        }
    }
}

extension YAMLDiagnosis {
    /// The first slip in `text`, for a file Yams read but whose shape is wrong as a whole
    /// (`year:2025` alone is one text, not a key and value).
    public static func slip(in text: String) -> YAMLMistake? {
        YAMLSlips.find(in: text).first
    }
}

extension YAMLMistake {
    var isDuplicate: Bool {
        if case .duplicateKey = kind { return true }
        return false
    }
}

/// The slips of `YAMLMistake.Kind`, found line by line on the raw text. Block mappings and
/// sequences as jixiao's two files are written; lines inside block scalars (`|`, `>`) and
/// lines that continue a plain value are text and not looked at.
enum YAMLSlips {
    static func find(in text: String) -> [YAMLMistake] {
        var found: [YAMLMistake] = []
        /// Open block mappings, innermost last: their key column and keys with their lines.
        var mappings: [(column: Int, keys: [String: Int])] = []
        /// The indentation of the line that opened a block scalar, while inside it.
        var blockScalarOwner: Int?
        /// The key column of the last line whose plain value may continue on deeper lines.
        var plainValueOwner: Int?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var chars = Array(rawLine)
            if lineNumber == 1, chars.first == "\u{FEFF}" { chars.removeFirst() }
            if chars.last == "\r" { chars.removeLast() }
            let spaces = chars.prefix { $0 == " " }.count
            let rest = chars[spaces...].drop { $0 == " " || $0 == "\t" }
            if rest.isEmpty || rest.first == "#" { continue }
            if let owner = blockScalarOwner {
                if spaces > owner { continue }
                blockScalarOwner = nil
            }
            if let owner = plainValueOwner, spaces > owner, chars[spaces] != "\t" { continue }
            plainValueOwner = nil
            if spaces < chars.count, chars[spaces] == "\t" {
                found.append(YAMLMistake(kind: .tabIndentation, line: lineNumber, column: spaces + 1))
                continue
            }
            if chars[spaces...].starts(with: ["-", "-", "-"]) || chars[spaces...].starts(with: [".", ".", "."]) { continue }
            // `- ` items open a mapping at the column of what follows them.
            var column = spaces
            var startsItem = false
            while column + 1 < chars.count, chars[column] == "-", chars[column + 1] == " " {
                startsItem = true
                column += 2
                while column < chars.count, chars[column] == " " { column += 1 }
            }
            if column < chars.count, chars[column] == "-", column + 1 == chars.count {
                // A bare `-`: its mapping starts on the next line, apart from the item before.
                while let last = mappings.last, last.column > spaces { mappings.removeLast() }
                continue
            }
            while let last = mappings.last, last.column > column || (startsItem && last.column >= column) {
                mappings.removeLast()
            }
            guard column < chars.count else { continue }
            let content = Array(chars[column...])
            guard let first = content.first, !"\"'[{|>&*!%@`".contains(first) else { continue }
            guard let separator = keySeparator(content) else {
                if let slip = unseparated(content, line: lineNumber, column: column) { found.append(slip) }
                continue
            }
            let key = String(content[..<separator]).trimmingCharacters(in: .whitespaces)
            if mappings.last?.column != column { mappings.append((column, [:])) }
            if let firstLine = mappings[mappings.count - 1].keys[key] {
                found.append(YAMLMistake(kind: .duplicateKey(key: key, firstLine: firstLine), line: lineNumber, column: column + 1))
            } else {
                mappings[mappings.count - 1].keys[key] = lineNumber
            }
            let valueStart = content[(separator + 1)...].prefix { $0 == " " }.count + separator + 1
            let value = Array(content[valueStart...])
            guard let head = value.first, head != "#" else { continue }
            if head == "|" || head == ">" {
                blockScalarOwner = spaces
                continue
            }
            if "\"'[{&*!".contains(head) { continue }
            let text = withoutComment(value)
            if let inner = keySeparator(text) {
                let shown = String(text).trimmingCharacters(in: .whitespaces)
                found.append(YAMLMistake(kind: .colonInValue(key: key, value: shown), line: lineNumber,
                                         column: column + valueStart + inner + 1))
                continue
            }
            plainValueOwner = column
        }
        return found
    }

    /// A key-position line with no `: `: the slip, when the line shows which one.
    private static func unseparated(_ content: [Character], line: Int, column: Int) -> YAMLMistake? {
        let text = withoutComment(content)
        if let colon = text.firstIndex(of: "："), colon > 0 {
            let key = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(text[(colon + 1)...]).trimmingCharacters(in: .whitespaces)
            return YAMLMistake(kind: .fullWidthColon(key: key, value: value), line: line, column: column + colon + 1)
        }
        if let colon = text.firstIndex(of: ":"), colon > 0, colon + 1 < text.count {
            let key = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(text[(colon + 1)...]).trimmingCharacters(in: .whitespaces)
            // `http://…` and `12:30` are text, not a key.
            guard !key.contains(" "), !value.hasPrefix("/"), !key.allSatisfy({ $0.isNumber }) else { return nil }
            return YAMLMistake(kind: .noSpaceAfterColon(key: key, value: value), line: line, column: column + colon + 1)
        }
        return nil
    }

    /// Where `: ` (or a final `:`) ends a plain key.
    private static func keySeparator(_ content: [Character]) -> Int? {
        var i = 0
        while i < content.count {
            if content[i] == "#", i > 0, content[i - 1] == " " { return nil }
            if content[i] == ":", i + 1 == content.count || content[i + 1] == " " || content[i + 1] == "\t" {
                return i > 0 ? i : nil
            }
            i += 1
        }
        return nil
    }

    private static func withoutComment(_ content: [Character]) -> [Character] {
        var end = content.count
        for i in content.indices where content[i] == "#" && i > 0 && content[i - 1] == " " {
            end = i
            break
        }
        var out = Array(content[..<end])
        while out.last == " " || out.last == "\t" { out.removeLast() }
        return out
    }
}
