import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoSubmission
import JixiaoWorkspace

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "校验报送文件（xlsx / xls / csv / zip），逐项列出问题，不改动任何工作目录。",
        discussion: """
        供基层单位报送前自查，也供区科协核对单个文件。每个文件按 jixiao collect 的同一套规则校验
        （给出名册时也核对单位代码和应报期），但不存档、不入账，因而也不判断是否与已收到的文件重复。压缩包中的每个表格文件分别校验；给出文件夹时校验其中所有文件。

        每个文件先输出一行结论（已接收 / 已退回），再逐条列出问题：
          严重程度  位置（工作表!单元格）  看到的值  说明
        “错误”会导致整个文件被退回，“警告”只提示、不影响接收。

        单位名册：--workspace 使用工作目录的 units.csv 和年度（区科协“偏差原因”表中的三级指标
        还按工作目录的 indicators.yaml 核对）；--units 指定一个 units.csv；都不给时不核对单位代码是否在名册中。

        退出码：0 全部文件可以接收；5 有文件会被退回；2 用法错误（参数不对、名册读不了、
        找不到文件）；1 意外故障。

        例：jixiao check JD01_2025-03.xlsx
            jixiao check 三月报送.zip --year 2025 --units units.csv
        """
    )

    /// Some file would be rejected: distinct from the codes 1–4 of the other commands (docs/commands.md).
    static let rejectedExitCode: Int32 = 5

    @Argument(help: "要校验的文件或文件夹。")
    var files: [String]

    @Option(name: .long, help: "年度（YYYY）：报送月份须在该年度内。")
    var year: Int?

    @Option(name: .long, help: "单位名册 units.csv：单位代码须在名册中。")
    var units: String?

    @Option(name: .long, help: "工作目录：使用其单位名册和年度。")
    var workspace: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError(CheckMessages.noFiles) }
        if let year, !(1900...9999).contains(year) { throw ValidationError(CheckMessages.badYear(year)) }
        if workspace != nil && units != nil { throw ValidationError(CheckMessages.workspaceAndUnits) }
    }

    func run() throws {
        try CommandFailure.mapping {
            let context = try makeContext()
            var rejected = false, missing = false
            for path in files {
                let found = CheckInputs.files(at: path)
                if found.isEmpty {
                    var isFolder: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                    let message = exists && isFolder.boolValue ? CheckMessages.emptyFolder(path) : CheckMessages.notFound(path)
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                    missing = true
                }
                for file in found {
                    let submissions: [ParsedSubmission]
                    do {
                        let data = try Data(contentsOf: URL(fileURLWithPath: file))
                        submissions = SubmissionReader.read(data, fileName: file, context: context)
                    } catch {
                        FileHandle.standardError.write(Data((CheckMessages.cannotOpen(file, CheckInputs.posixCode(of: error)) + "\n").utf8))
                        missing = true
                        continue
                    }
                    for s in submissions {
                        print(CheckReport.lines(for: s).joined(separator: "\n"))
                        rejected = rejected || (s.hasErrors && !s.ignored)
                    }
                }
            }
            if missing { throw ExitCode(2) }
            if rejected { throw ExitCode(Self.rejectedExitCode) }
        }
    }

    private func makeContext() throws(JixiaoError) -> SubmissionContext {
        if let workspace {
            let ws = try Workspace.open(at: URL(fileURLWithPath: workspace, isDirectory: true))
            var context = SubmissionSources.context(for: ws)
            context.year = year ?? ws.config.year
            return context
        }
        guard let units else { return SubmissionContext(year: year) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: units))
        } catch {
            throw .configuration(CheckMessages.cannotOpen(units, CheckInputs.posixCode(of: error)))
        }
        var byCode: [String: ReportingUnit] = [:]
        for unit in try Registry.load(data) { byCode[unit.code] = unit }
        return SubmissionContext(knownUnits: byCode, year: year)
    }
}

/// The files named on the command line: a file as given, a folder's files recursively, in order.
enum CheckInputs {
    /// The `errno` behind Foundation's error for a file that could not be read.
    static func posixCode(of error: Error) -> Int32 {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return Int32(underlying.code) }
        // Foundation on Linux often gives only its own code.
        switch (error as? CocoaError)?.code {
        case .fileReadNoPermission?: return EACCES
        case .fileReadNoSuchFile?, .fileNoSuchFile?: return ENOENT
        default: return EIO
        }
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let root = URL(fileURLWithPath: path, isDirectory: true)
        let keys: Set<URLResourceKey> = [.isRegularFileKey, .isDirectoryKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: Array(keys)) else { return [] }
        var out: [String] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: keys)
            // As collect passes them over in inbox/: `.DS_Store`, `~$报表.xlsx`, a `.git` folder.
            if InboxScanner.passesOver(url.lastPathComponent, isFolder: values?.isDirectory == true) {
                if values?.isDirectory == true { walker.skipDescendants() }
                continue
            }
            if values?.isRegularFile == true { out.append(url.path) }
        }
        return out.sorted()
    }
}

/// A submission as printed: a status line, then one line per diagnostic (`位置 值 说明`).
enum CheckReport {
    static func lines(for s: ParsedSubmission) -> [String] {
        let errors = s.diagnostics.filter { $0.severity == .error }.count
        let warnings = s.diagnostics.count - errors
        let status = s.ignored ? CheckMessages.ignored : s.hasErrors ? SubmissionStatus.rejected.label : SubmissionStatus.accepted.label
        var head = "\(status)  \(s.fileName)"
        if let unit = s.unitCode { head += "  \(unit)" }
        if let period = s.period { head += " \(period)" }
        head += "  " + CheckMessages.counts(activities: s.activities.count, errors: errors, warnings: warnings)
        // File names and values come from the files checked: they must not break a line.
        return ([head] + s.diagnostics.map { d in
            let location = d.location.isEmpty ? "-" : d.location
            let value = d.value.map { "“\($0)”" } ?? "-"
            return "  \(d.severity.label)  \(location)  \(value)  \(d.message)"
        }).map(DisplayText.escaped)
    }
}

/// The command's user-facing texts, together for review.
enum CheckMessages {
    static let ignored = "已忽略"
    static let noFiles = "请给出要校验的文件，例如：jixiao check JD01_2025-03.xlsx"
    static let workspaceAndUnits = "--workspace 与 --units 只能选一个：工作目录已经包含单位名册"
    static func badYear(_ year: Int) -> String { "--year 应为四位年份，如 2025（收到 \(year)）" }
    static func notFound(_ path: String) -> String { "找不到文件：\(path)" }
    static func cannotOpen(_ path: String, _ code: Int32) -> String {
        "无法读取文件 \(path)（\(SystemError.reason(code))），未校验；请检查文件权限"
    }
    static func emptyFolder(_ path: String) -> String { "文件夹 \(path) 中没有文件，未校验；请给出报送文件本身" }
    static func counts(activities: Int, errors: Int, warnings: Int) -> String {
        "活动 \(activities) 条，错误 \(errors) 处，警告 \(warnings) 处"
    }
}
