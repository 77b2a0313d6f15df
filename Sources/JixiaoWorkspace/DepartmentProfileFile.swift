import Foundation
import JixiaoModel
import JixiaoReading

/// 部门概况.txt: the two texts of the report's 一、部门概况, which no submission carries and
/// the office writes once a year. Plain text so it opens in 记事本: `#` lines are comments,
/// `【机构、人员构成】` and `【单位主要职责】` start the sections, each other line is a paragraph.
public enum DepartmentProfileFile {
    public static let name = "部门概况.txt"
    static let staffingHeading = "机构、人员构成"
    static let dutiesHeading = "单位主要职责"
    /// A section still starting with this is the placeholder `jixiao init` wrote.
    static let placeholder = "待填写"
    static let maxBytes = 1 << 20

    /// The profile, or nil sections where the file is missing, unreadable or still the placeholder.
    /// `problem` says why the file could not be used, for the report's notes.
    public static func load(_ url: URL) -> (profile: DepartmentProfile, problem: String?) {
        let empty = DepartmentProfile(staffing: nil, duties: nil)
        guard FileManager.default.fileExists(atPath: url.path) else { return (empty, WorkspaceMessages.profileMissing(name)) }
        guard let data = try? Data(contentsOf: url), data.count <= maxBytes else {
            return (empty, WorkspaceMessages.profileUnreadable(name))
        }
        // Saved from 记事本 on a Chinese Windows it may be GBK; decoded like units.csv.
        guard let text = try? TextDecoding.decode(data) else { return (empty, WorkspaceMessages.profileUnreadable(name)) }
        return (parse(text), nil)
    }

    static func parse(_ text: String) -> DepartmentProfile {
        var sections: [String: [String]] = [:]
        var current: String?
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}\u{3000}")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("【"), line.hasSuffix("】") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            if let current { sections[current, default: []].append(line) }
        }
        func section(_ heading: String) -> [String]? {
            guard let lines = sections[heading], let first = lines.first, !first.hasPrefix(placeholder) else { return nil }
            return lines
        }
        return DepartmentProfile(staffing: section(staffingHeading), duties: section(dutiesHeading))
    }
}
