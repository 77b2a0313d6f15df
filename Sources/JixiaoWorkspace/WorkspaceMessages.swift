import Foundation
import JixiaoModel

/// Every user-facing sentence about the workspace, its configuration and units.csv, in one
/// place so they can be reviewed together: what is wrong, then what to do.
package enum WorkspaceMessages {
    static let defaultDepartment = "武汉市东西湖区科学技术协会"

    // MARK:Files and folders

    static func cannotWrite(_ path: String, _ code: Int32) -> String {
        "无法写入 \(path)（\(reason(code))），请检查磁盘空间和文件夹权限"
    }

    package static func reason(_ code: Int32) -> String { SystemError.reason(code) }

    static func cannotCreate(_ path: String, detail: String) -> String {
        "无法创建工作目录 \(path)（\(detail)），请检查路径和权限"
    }

    static func cannotRead(_ path: String, detail: String) -> String {
        "无法读取 \(path)（\(detail)）"
    }

    // MARK:Workspace and configuration

    static func workspaceExists(_ path: String, existing: String) -> String {
        "\(path) 中已有 \(existing)，不会覆盖已有的工作目录；请换一个空文件夹，或直接使用 --workspace \(path)"
    }

    static func notAWorkspace(_ path: String) -> String {
        "\(path) 不是 jixiao 工作目录（找不到 jixiao.yaml）；请先运行 jixiao init 新建，或用 --workspace 指定工作目录"
    }

    package static func badYear(_ year: Int) -> String { "年度 \(year) 无效，请填写四位年份，如 2025" }

    static let emptyDepartment = "部门名称不能为空，请用 --department 填写部门全称"

    // MARK:Reading jixiao.yaml and indicators.yaml

    static func outNotAFolder(_ path: String) -> String {
        "\(path) 是一个文件，不是文件夹，报表无法写到这里。请把这个文件改名或移走（jixiao 会重新建立 out 文件夹），再运行 jixiao report"
    }

    static func outNotWritable(_ path: String, _ code: Int32) -> String {
        "报表文件夹 \(path) 无法写入（\(reason(code))）。请让运行 jixiao 的用户对这个文件夹有写入权限（或换到可写的磁盘），再运行 jixiao report"
    }

    static func textFileMissing(_ path: String) -> String {
        "找不到 \(path)；请确认文件在工作目录中、名字没有写错（可用 jixiao init 在空文件夹中生成默认文件作样本）"
    }

    static func textFileIsFolder(_ path: String) -> String {
        "\(path) 是一个文件夹，不是文件；请把它改名或移走，放回同名的文件"
    }

    static func textFileUnreadable(_ path: String, _ code: Int32) -> String {
        "无法读取 \(path)（\(reason(code))）；请检查文件权限"
    }

    static func textFileNotText(_ path: String, detail: String) -> String {
        "\(path) 无法按文字读取（\(detail)），可能不是文本文件；请用记事本打开，“另存为”时编码选 UTF-8 后重试"
    }

    /// `detail` says what is wrong there and what to write instead.
    static func yamlMistake(_ source: String, line: Int, column: Int, detail: String) -> String {
        "\(source) 第 \(line) 行第 \(column) 列：\(detail)"
    }

    static func badConfig(_ source: String) -> String {
        "\(source) 格式错误：应是一行一项的“名称: 取值”；请对照 jixiao init 生成的示例检查缩进和冒号"
    }

    /// `source 第 3 行` when the key is written, `source 中` when it is not.
    private static func place(_ source: String, line: Int?) -> String {
        line.map { "\(source) 第 \($0) 行" } ?? "\(source) 中"
    }

    static func configValueType(_ source: String, key: String, line: Int?) -> String {
        "\(place(source, line: line)) \(key) 的值类型不对（例如 year 应为 2025 这样的数字，department 应为文字）"
    }

    static func badConfigValue(_ source: String, key: String, line: Int?, expected: String) -> String {
        "\(place(source, line: line))的 \(key) 取值无效，应为\(expected)"
    }

    static func configTooLarge(_ source: String) -> String {
        "\(source) 超过 1 MB，不像是 jixiao 的配置文件，请检查是否选错了文件"
    }

    /// `detail` says what is refused and what to write instead.
    static func yamlRefused(_ source: String, line: Int, detail: String) -> String {
        "\(source) 第 \(line) 行\(detail)"
    }

    static func sameOutputName(_ source: String, first: String, second: String) -> String {
        "\(source) 中 \(first) 与 \(second) 的文件名相同（不区分大小写），后写的会覆盖先写的；请给每个输出文件取不同的名字"
    }

    static func unknownConfigKey(_ source: String, key: String, line: Int?) -> String {
        "\(place(source, line: line))有无法识别的设置项“\(key)”，可能是拼写错误；请对照 jixiao init 生成的示例改正或删除"
    }

    static func lockHeld(pid: String) -> String {
        let who = pid.isEmpty ? "" : "（进程号 \(pid)）"
        return "另一个 jixiao 正在处理这个工作目录\(who)，本次不运行；请等它结束后再试"
    }

    // MARK:Registry (units.csv)

    static func unreadableRegistry(_ detail: String) -> String { "单位名册 units.csv 无法读取：\(detail)" }

    static func registryTooLarge(bytes: Int) -> String {
        let size = String(format: "%.1f", Double(bytes) / Double(1 << 20))
        return "单位名册 units.csv 有 \(size) MB，超过 \(Registry.maxBytes >> 20) MB 的上限，不像是单位名册；请检查是否选错了文件"
    }

    static func registryTooManyUnits(line: Int) -> String {
        "单位名册 units.csv 从第 \(line) 行起超过了 \(Registry.maxUnits) 个单位的上限，不像是单位名册；请检查是否把别的表格存成了 units.csv"
    }

    static func registryControlCharacter(line: Int, column: String, scalar: Unicode.Scalar) -> String {
        let what: String
        switch scalar.value {
        case 0x09: what = "制表符（Tab）"
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: what = "换行符"
        case 0x202A...0x202E, 0x2066...0x2069: what = "文字方向控制符（U+\(String(scalar.value, radix: 16, uppercase: true))）"
        default: what = "控制字符（U+\(String(format: "%04X", scalar.value))）"
        }
        return "单位名册 units.csv 第 \(line) 行的“\(column)”中有看不见的\(what)，请在 Excel 中清空这一格后重新输入"
    }

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
}

// The self-evaluation report's workspace texts.
extension WorkspaceMessages {
    static func profileMissing(_ name: String) -> String {
        "工作目录中没有 \(name)，自评报告的“部门概况”标为待填写；可复制 jixiao init 新建的 \(name) 填写后放入工作目录"
    }

    static func profileUnreadable(_ name: String) -> String {
        "\(name) 无法读取（超过 1 MB 或不是文本），自评报告的“部门概况”标为待填写；请用记事本另存为 UTF-8 文本"
    }
}
