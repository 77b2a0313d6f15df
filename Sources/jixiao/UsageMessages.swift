import Foundation
import JixiaoModel

/// The argument parser's usage errors in Chinese, with the option or command the user most
/// likely meant. The parser's own text is English; a clerk reading the cron mail is not.
enum UsageMessages {
    static let subcommands = Jixiao.configuration.subcommands.map { $0._commandName }

    /// `message`: the parser's full message (`Error: …`, then `Usage: …`, then `See '…'`).
    static func chinese(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usage = lines.first { $0.hasPrefix("Usage: ") }
        let options = usage.map(optionNames) ?? []
        var out: [String] = []
        for line in lines {
            if line.hasPrefix("Error: ") {
                out.append("用法错误：" + error(String(line.dropFirst("Error: ".count)), options: options))
            } else if line.hasPrefix("Help: ") {
                out.append("说明：" + line.dropFirst("Help: ".count))
            } else if line.hasPrefix("Usage: ") {
                out.append("用法：" + line.dropFirst("Usage: ".count))
            } else if let help = quoted(line), line.trimmingCharacters(in: .whitespaces).hasPrefix("See ") {
                out.append("  详见 \(help)")
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    private static func error(_ text: String, options: [String]) -> String {
        if text.hasPrefix("Unknown option "), let option = quoted(text) {
            let guess = Spelling.nearest(to: option, in: options).map { "，是否为 \($0)？" } ?? ""
            return "没有“\(option)”这个选项\(guess)"
        }
        if text.hasPrefix("Unexpected argument "), let argument = quoted(text) {
            let guess = Spelling.nearest(to: argument, in: subcommands).map { "，是否为命令 \($0)？" } ?? ""
            return "多余的参数“\(argument)”\(guess)"
        }
        if text.hasPrefix("Missing value for "), let option = quoted(text) {
            return "选项 \(option) 后面要写一个值"
        }
        if text.hasPrefix("Missing expected argument "), let argument = quoted(text) {
            return "缺少参数 \(argument)"
        }
        return text
    }

    /// `--workspace`, `--period`, … as the usage line lists them.
    static func optionNames(_ usage: String) -> [String] {
        var names: [String] = []
        var rest = Substring(usage)
        while let start = rest.range(of: "--") {
            let name = rest[start.lowerBound...].prefix { $0 == "-" || $0.isLetter || $0.isNumber }
            if name.count > 2 { names.append(String(name)) }
            rest = rest[start.upperBound...]
        }
        return names
    }

    /// The text between the first pair of single quotes.
    private static func quoted(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "'") else { return nil }
        let after = text.index(after: open)
        guard let close = text[after...].firstIndex(of: "'") else { return nil }
        return String(text[after..<close])
    }
}
