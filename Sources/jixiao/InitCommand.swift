import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoWorkspace

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建工作目录：配置、单位名册、指标体系和 inbox / archive / out 文件夹。",
        discussion: """
        生成的文件：
          jixiao.yaml      配置（部门、年度、报送截止日、输出文件名等，每项都有中文说明）
          units.csv        单位名册（UTF-8 带 BOM，可直接用 Excel / WPS 编辑）
          indicators.yaml  指标体系
          templates/ inbox/ archive/ out/
        已有工作目录时不会覆盖任何文件，直接报错退出（退出码 2）。

        例：jixiao init 东西湖2025 --year 2025
        """
    )

    @Argument(help: "要新建的工作目录。")
    var directory: String

    @Option(name: .long, help: "评价年度（默认为今年）。")
    var year: Int?

    @Option(name: .long, help: "部门（单位）全称。")
    var department: String = "武汉市东西湖区科学技术协会"

    func run() throws {
        try CommandFailure.mapping {
            let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
            try Workspace.create(at: root, year: year ?? thisYear, department: department)
            print("已新建工作目录 \(root.path)：先核对 units.csv 中的单位名册，再把报送文件放进 inbox/ 后运行 jixiao run")
        }
    }
}
