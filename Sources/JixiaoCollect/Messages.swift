import Foundation
import JixiaoModel

/// Every user-facing sentence of collecting, in one place so they can be reviewed
/// together: what is wrong, then what to do.
enum Messages {
    static let defaultDepartment = "武汉市东西湖区科学技术协会"

    // MARK: Files and folders

    static func cannotWrite(_ path: String, _ code: Int32) -> String {
        "无法写入 \(path)（\(String(cString: strerror(code)))），请检查磁盘空间和文件夹权限"
    }

    static func cannotRemove(_ path: String, _ code: Int32) -> String {
        "已入账但无法从 inbox 删除 \(path)（\(String(cString: strerror(code)))），请检查文件夹权限后手工删除；留在 inbox 中再次收集时会按重复文件跳过，不会重复计数"
    }

    static func cannotCreate(_ path: String, detail: String) -> String {
        "无法创建工作目录 \(path)（\(detail)），请检查路径和权限"
    }

    static func cannotRead(_ path: String, detail: String) -> String {
        "无法读取 \(path)（\(detail)）"
    }

    static func cannotListInbox(_ path: String) -> String {
        "无法读取收件文件夹 \(path)，请确认它存在且有读取权限"
    }

    static func fileTooLarge(_ name: String, bytes: Int, limit: Int) -> String {
        "文件 \(name) 有 \(bytes >> 20) MB，超过 \(limit >> 20) MB 的上限，未处理，仍留在 inbox 中；请确认它是否为报送表"
    }

    // MARK: Workspace and configuration

    static func workspaceExists(_ path: String, existing: String) -> String {
        "\(path) 中已有 \(existing)，不会覆盖已有的工作目录；请换一个空文件夹，或直接使用 --workspace \(path)"
    }

    static func notAWorkspace(_ path: String) -> String {
        "\(path) 不是 jixiao 工作目录（找不到 jixiao.yaml）；请先运行 jixiao init 新建，或用 --workspace 指定工作目录"
    }

    static func badYear(_ year: Int) -> String { "年度 \(year) 无效，请填写四位年份，如 2025" }

    static let emptyDepartment = "部门名称不能为空，请用 --department 填写部门全称"

    static func configNotUTF8(_ path: String) -> String {
        "\(path) 不是 UTF-8 编码，请用记事本“另存为”UTF-8 编码后重试"
    }

    static func badConfig(_ source: String, detail: String) -> String {
        "\(source) 格式错误，请对照 jixiao init 生成的示例检查缩进和冒号（\(detail)）"
    }

    static func configSyntaxAt(line: Int, column: Int) -> String {
        "第\(line)行第\(column)列附近：YAML 写法有误，常见原因是缩进不齐、冒号后缺空格或引号不成对"
    }

    static let configSyntax = "YAML 写法有误，常见原因是缩进不齐、冒号后缺空格或引号不成对"

    static func configValueType(_ key: String) -> String {
        "\(key) 的值类型不对（例如 year 应为 2025 这样的数字，department 应为文字）"
    }

    static func badConfigValue(_ source: String, key: String, expected: String) -> String {
        "\(source) 中的 \(key) 取值无效，应为\(expected)"
    }

    static func unknownConfigKey(_ source: String, key: String) -> String {
        "\(source) 中有无法识别的设置项“\(key)”，可能是拼写错误；请对照 jixiao init 生成的示例改正或删除"
    }

    static func ledgerUnavailable(_ path: String, detail: String) -> String {
        "无法打开台账数据库 \(path)（\(detail)）；请检查磁盘空间和权限，不要手工修改该文件"
    }

    static func lockHeld(pid: String) -> String {
        let who = pid.isEmpty ? "" : "（进程号 \(pid)）"
        return "另一个 jixiao 正在处理这个工作目录\(who)，本次不运行；请等它结束后再试"
    }

    // MARK: Registry (units.csv)

    static func unreadableRegistry(_ detail: String) -> String { "单位名册 units.csv 无法读取：\(detail)" }

    static let emptyRegistry = "单位名册 units.csv 中没有任何单位，请至少填写表头和一行单位"

    static func registryMissingColumns(_ columns: [String], line: Int) -> String {
        "单位名册 units.csv 第 \(line) 行的表头缺少列：\(columns.joined(separator: "、"))；请补上这些列名（表头须为：\(Registry.headers.joined(separator: ","))）"
    }

    static func registryEmpty(line: Int, column: String) -> String {
        "单位名册 units.csv 第 \(line) 行的“\(column)”为空，请填写"
    }

    static func registryBadCode(line: Int, code: String) -> String {
        "单位名册 units.csv 第 \(line) 行的单位代码“\(code)”只能由字母、数字、- 和 _ 组成，如 JD01"
    }

    static func registryDuplicateCode(_ code: String, line: Int, firstLine: Int) -> String {
        "单位名册 units.csv 第 \(line) 行的单位代码 \(code) 与第 \(firstLine) 行重复，每个单位的代码必须唯一"
    }

    static func registryBadKind(_ kind: String, line: Int) -> String {
        "单位名册 units.csv 第 \(line) 行的单位类型“\(kind)”无法识别，应为：\(UnitKind.allCases.map(\.rawValue).joined(separator: " / "))"
    }

    static func registryBadMonth(line: Int, column: String, value: String) -> String {
        "单位名册 units.csv 第 \(line) 行的“\(column)”为“\(value)”，不是有效月份，请写成 2025-01 这样的格式"
    }

    static func registryStopBeforeStart(line: Int) -> String {
        "单位名册 units.csv 第 \(line) 行的停报月早于应报起始月，请检查"
    }

    // MARK: Submissions

    static func duplicateFile(of original: String, receivedAt: String) -> String {
        "与 \(receivedAt.prefix(10)) 已收到的文件“\(original)”内容完全相同，按重复文件跳过，不重复计数"
    }

    static let noSubmissionInFile = "文件中没有可读取的报送表，请检查是否发错了文件"
    static let unitMissing = "无法确定报送单位：请在“基本信息”表填写单位代码（CSV 文件可加“单位代码”列或按“单位代码_年-月.csv”命名）"
    static let periodMissing = "无法确定报送月份：请在“基本信息”表填写报送月份，如 2025-03"

    static func unitUnknown(_ code: String) -> String {
        "单位代码 \(code) 不在单位名册中，请核对代码；如是新单位，请先在 units.csv 中登记"
    }

    static func periodOtherYear(_ period: Period, year: Int) -> String {
        "报送月份 \(period.chineseDescription) 不属于 \(year) 年度，请核对报送月份"
    }

    static func unitNotDue(_ unit: ReportingUnit, _ period: Period) -> String {
        "\(unit.name) 在 \(period.chineseDescription) 不在应报期内（名册中的应报起始月/停报月），数据仍予接收，请核对名册"
    }

    // MARK: Run output

    static func logLine(_ e: CollectEvent) -> String {
        let who = [e.unitCode, e.period?.description].compactMap { $0 }.joined(separator: " ")
        let head = who.isEmpty ? e.fileName : "\(who) \(e.fileName)"
        switch e.kind {
        case .accepted:
            var notes: [String] = []
            if e.warnings > 0 { notes.append("\(e.warnings) 条警告") }
            if e.supersededEarlier { notes.append("替代此前报送") }
            return "[接收] \(head)" + (notes.isEmpty ? "" : "（\(notes.joined(separator: "，"))）")
        case .rejected:
            let first = e.firstError.map { d in
                let at = d.location.isEmpty ? "" : "\(d.location) "
                return "：\(at)\(d.message)"
            } ?? ""
            let more = e.errors > 1 ? "（共 \(e.errors) 个错误）" : ""
            return "[退回] \(head)\(first)\(more)"
        case .duplicate:
            return "[重复] \(head)（与已收到的 \(e.detail ?? "") 相同）"
        case .failed:
            return "[失败] \(e.fileName)：\(e.detail ?? "")"
        case .keptInInbox:
            return "[保留] \(e.fileName)：收集时文件仍在被写入（复制或下载未完成），已保留在 inbox/，下次运行再收集完整文件"
        }
    }

    static func summaryLine(_ s: CollectSummary) -> String {
        // A ZIP bundle is one file but several submissions: say so, or the counts look wrong.
        let submissions = s.accepted + s.rejected + s.duplicates
        let received = submissions == s.files ? "收到 \(s.files) 个文件" : "收到 \(s.files) 个文件（含 \(submissions) 份报送）"
        var parts = [received, "接收 \(s.accepted) 份", "退回 \(s.rejected) 份", "重复 \(s.duplicates) 份"]
        if s.resubmissions > 0 { parts.append("其中更正重报 \(s.resubmissions) 份") }
        if s.keptInInbox > 0 { parts.append("\(s.keptInInbox) 个文件仍在写入、留待下次") }
        if s.warnings > 0 { parts.append("警告 \(s.warnings) 条") }
        if s.failed > 0 { parts.append("\(s.failed) 个文件处理失败，仍在 inbox 中") }
        return "第 \(s.runID) 次收集：" + parts.joined(separator: "，")
    }

    // MARK: Status

    static func statusHeader(_ info: DepartmentInfo, through: Period) -> String {
        "\(info.department) \(info.year) 年度报送情况（截至 \(through.chineseDescription)）"
    }

    static func statusUnit(_ line: StatusReport.UnitLine) -> String {
        var parts: [String] = []
        parts.append("已接收 " + (line.accepted.isEmpty ? "无" : monthList(line.accepted)))
        if !line.rejected.isEmpty { parts.append("退回待改 " + monthList(line.rejected)) }
        if !line.missing.isEmpty { parts.append("未报 " + monthList(line.missing)) }
        return "\(line.unit.code) \(line.unit.name)：" + parts.joined(separator: "；")
    }

    static func statusTotals(units: Int, complete: Int, missing: Int) -> String {
        "共 \(units) 个单位，\(complete) 个已报齐，\(missing) 个月次未报或待改"
    }

    static func statusLastRun(_ runID: Int64, rejected: Int) -> String {
        rejected == 0 ? "第 \(runID) 次收集没有退回的文件" : "第 \(runID) 次收集退回的文件（\(rejected) 份）："
    }

    static func statusRejectedFile(_ outcome: FileOutcome) -> String {
        let who = [outcome.unitCode, outcome.period?.description].compactMap { $0 }.joined(separator: " ")
        return "  \(outcome.fileName)" + (who.isEmpty ? "" : "（\(who)）")
    }

    static func statusDiagnostic(_ d: Diagnostic) -> String {
        let at = d.location.isEmpty ? "" : "\(d.location) "
        // Most messages already quote the value; repeat it only when they don't.
        let seen = d.value.map { d.message.contains($0) ? "" : "（填写的是“\($0)”）" } ?? ""
        return "    \(d.severity.label)：\(at)\(d.message)\(seen)"
    }

    static func statusMoreDiagnostics(_ n: Int) -> String { "    ……另有 \(n) 个问题，详见 校验报告" }

    static let statusNoRuns = "还没有收集过任何文件：把报送表放进 inbox/ 后运行 jixiao collect"

    /// `1–3月、5月` for January to March and May.
    static func monthList(_ periods: [Period]) -> String {
        let months = periods.sorted().map(\.month)
        var out: [String] = []
        var i = 0
        while i < months.count {
            var j = i
            while j + 1 < months.count, months[j + 1] == months[j] + 1 { j += 1 }
            out.append(i == j ? "\(months[i])月" : "\(months[i])–\(months[j])月")
            i = j + 1
        }
        return out.joined(separator: "、")
    }

    // MARK: Progress

    static func progress(_ done: Int, of total: Int) -> String { "收集中 \(done)/\(total)" }
}
