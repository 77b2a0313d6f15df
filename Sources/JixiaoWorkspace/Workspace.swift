import Foundation
import JixiaoModel

/// A working directory (docs/workspace.md): configuration, registry, indicator set, inbox,
/// archive, outputs and the ledger, all under one root.
public struct Workspace: Sendable {
    public let root: URL
    public let config: WorkspaceConfig
    public let units: [ReportingUnit]

    public var configURL: URL { Workspace.configURL(root) }
    public var unitsURL: URL { root.appendingPathComponent("units.csv") }
    /// indicators.yaml, read by the scoring stage.
    public var indicatorsURL: URL { root.appendingPathComponent("indicators.yaml") }
    /// 部门概况 of the self-evaluation report, kept by the office (see `DepartmentProfileFile`).
    public var profileURL: URL { root.appendingPathComponent(DepartmentProfileFile.name) }
    public var templatesURL: URL { root.appendingPathComponent("templates", isDirectory: true) }
    public var inboxURL: URL { root.appendingPathComponent("inbox", isDirectory: true) }
    public var archiveURL: URL { root.appendingPathComponent("archive", isDirectory: true) }
    public var outURL: URL { root.appendingPathComponent("out", isDirectory: true) }
    /// out/退回/: the return copies (退回修改) of the rejected submissions, replaced with out/.
    public static let returnsFolder = "退回"
    /// out/自评报告.docx: the self-evaluation report draft (not renamed in jixiao.yaml).
    public static let selfEvaluationReportName = "自评报告.docx"
    public var returnsURL: URL { outURL.appendingPathComponent(Workspace.returnsFolder, isDirectory: true) }
    public var ledgerURL: URL { root.appendingPathComponent("ledger.sqlite") }
    public var backupsURL: URL { root.appendingPathComponent("backups", isDirectory: true) }
    public var lockPath: String { root.appendingPathComponent(".jixiao.lock").path }

    public var info: DepartmentInfo { config.info }
    /// Units by code, as submission validation wants them.
    public var unitsByCode: [String: ReportingUnit] {
        Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func configURL(_ root: URL) -> URL { root.appendingPathComponent("jixiao.yaml") }

    static let directories = ["templates", "inbox", "archive", "out"]

    /// Lays out a new workspace with the default files. Refuses (`.configuration`) when
    /// `root` already holds a workspace or any of its files, so nothing is ever overwritten.
    @discardableResult
    public static func create(at root: URL, year: Int, department: String) throws(JixiaoError) -> URL {
        let fm = FileManager.default
        let names = ["jixiao.yaml", "units.csv", "indicators.yaml", "ledger.sqlite"] + directories
        if let existing = names.first(where: { fm.fileExists(atPath: root.appendingPathComponent($0).path) }) {
            throw .configuration(WorkspaceMessages.workspaceExists(root.path, existing: existing))
        }
        guard (2000...2100).contains(year) else { throw .configuration(WorkspaceMessages.badYear(year)) }
        let department = department.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !department.isEmpty else { throw .configuration(WorkspaceMessages.emptyDepartment) }
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            for dir in directories {
                try fm.createDirectory(at: root.appendingPathComponent(dir, isDirectory: true), withIntermediateDirectories: false)
            }
        } catch {
            throw .io(WorkspaceMessages.cannotCreate(root.path, detail: error.localizedDescription))
        }
        let config = DefaultConfigText.customised(DefaultFiles.config, year: year, department: department)
        try AtomicFile.store(Data(DefaultFiles.units.utf8), at: root.appendingPathComponent("units.csv"))
        try AtomicFile.store(Data(DefaultFiles.indicators.utf8), at: root.appendingPathComponent("indicators.yaml"))
        if !fm.fileExists(atPath: root.appendingPathComponent(DepartmentProfileFile.name).path) {
            try AtomicFile.store(Data(DefaultFiles.profile.utf8), at: root.appendingPathComponent(DepartmentProfileFile.name))
        }
        // jixiao.yaml last: its presence marks a complete workspace.
        try AtomicFile.store(Data(config.utf8), at: configURL(root))
        return root
    }

    /// Opens an existing workspace: reads jixiao.yaml and units.csv, checks the layout.
    public static func open(at root: URL) throws(JixiaoError) -> Workspace {
        let fm = FileManager.default
        let configURL = configURL(root)
        guard fm.fileExists(atPath: configURL.path) else { throw .configuration(WorkspaceMessages.notAWorkspace(root.path)) }
        let configText = try ConfigText.read(configURL, maxBytes: WorkspaceConfig.maxBytes,
                                             tooLarge: WorkspaceMessages.configTooLarge("jixiao.yaml"))
        let config = try WorkspaceConfig.parse(configText, source: "jixiao.yaml")
        let unitsURL = root.appendingPathComponent("units.csv")
        if let size = fileSize(unitsURL), size > Registry.maxBytes {
            throw .configuration(WorkspaceMessages.registryTooLarge(bytes: size))
        }
        let unitsData: Data
        do {
            unitsData = try Data(contentsOf: unitsURL)
        } catch {
            throw .configuration(WorkspaceMessages.cannotRead(unitsURL.path, detail: error.localizedDescription))
        }
        let units = try Registry.load(unitsData, limits: config.limits)
        // Folders may have been deleted by hand; recreating them is harmless.
        for dir in directories {
            try? fm.createDirectory(at: root.appendingPathComponent(dir, isDirectory: true), withIntermediateDirectories: true)
        }
        return Workspace(root: root, config: config, units: units)
    }

    /// Sizes are checked before reading, so the wrong file is refused without loading it whole.
    private static func fileSize(_ url: URL) -> Int? {
        try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize
    }
}

/// Fills the year and department of `jixiao init` into the annotated default text,
/// keeping every comment.
enum DefaultConfigText {
    static func customised(_ text: String, year: Int, department: String) -> String {
        var lines = text.components(separatedBy: "\n")
        for i in lines.indices {
            if lines[i].hasPrefix("department:") {
                lines[i] = "department: " + yamlQuoted(department)
            } else if lines[i].hasPrefix("year:") {
                lines[i] = "year: \(year)"
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A double-quoted YAML scalar, so names with `:` or `#` stay text.
    static func yamlQuoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
