import ArgumentParser
import Foundation
import JixiaoCollect
import JixiaoLedger
import JixiaoModel
import JixiaoReport
import JixiaoScoring
import JixiaoWorkspace
import JixiaoWriting

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成空白月度报送表（xlsx）：每个单位一份，已填好单位代码、名称和报送月份。",
        discussion: """
        在工作目录中运行（或用 --workspace 指定）时，按 units.csv 为该月应报送的每个单位各生成
        一份，文件名为“单位代码_单位名称_YYYY-MM.xlsx”，默认放在工作目录的 templates/ 下；
        区科协（QU00）的报送表另含“预算与满意度”表，以及按 indicators.yaml 逐个列出三级指标的
        “偏差原因”表（indicators.yaml 写错时不生成，以退出码 2 结束）。不在工作目录中时，生成一份通用的
        “月度报送表_YYYY-MM.xlsx”，单位代码和名称留空，由填报单位自己填写。
        报送表带下拉选项、输入提示、冻结的表头，以及说明每一栏怎么填的“填报说明”表。
        同名文件会被覆盖。

        例：jixiao template --period 2025-03
            jixiao template --unit JD01 --period 2025-03 --out 模板
        """
    )

    @Option(name: .long, help: "只生成这个单位的报送表（单位代码，如 JD01；需要工作目录中的单位名册）。")
    var unit: String?

    @Option(name: .long, help: "报送月份（YYYY-MM，默认为本月）。")
    var period: String?

    @Option(name: .long, help: "输出目录（默认：工作目录的 templates/，不在工作目录时为当前目录）。")
    var out: String?

    @Option(name: .long, help: "工作目录（默认：当前目录是工作目录时用当前目录）。")
    var workspace: String?

    func run() throws {
        try CommandFailure.mapping {
            let root = URL(fileURLWithPath: workspace ?? ".", isDirectory: true).standardizedFileURL
            let hasWorkspace = workspace != nil
                || FileManager.default.fileExists(atPath: root.appendingPathComponent("jixiao.yaml").path)
            let ws = hasWorkspace ? try Workspace.open(at: root) : nil
            let month = try resolvePeriod(year: ws?.config.year)
            let units = try selectUnits(ws, month)
            let directory = out.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
                ?? ws?.templatesURL
                ?? URL(fileURLWithPath: ".", isDirectory: true).standardizedFileURL
            // QU00's 偏差原因 lists the workspace's 三级指标; read before any file is written.
            let indicators = try ws.flatMap { ws throws(JixiaoError) in
                units.contains { $0?.code == SubmissionSchema.districtUnitCode }
                    ? try ReportProducer.loadIndicators(ws).deviationSheetRows : nil
            } ?? []
            for unit in units {
                let url = directory.appendingPathComponent(TemplateWriter.fileName(unit: unit, period: month))
                try TemplateWriter.write(unit: unit, period: month, indicators: indicators, to: url)
                FileHandle.standardError.write(Data("已生成 \(url.path)\n".utf8))
            }
            print("已生成 \(units.count) 份\(month.chineseDescription)报送表，位于 \(directory.path)")
        }
    }

    /// `--period`, else this month (moved into the workspace's year when it is another year).
    private func resolvePeriod(year: Int?) throws(JixiaoError) -> Period {
        if let period {
            guard let p = Period(period), year.map({ $0 == p.year }) ?? true else {
                let expected = year.map { "\($0) 年内的月份，" } ?? ""
                throw .configuration("--period 应为\(expected)写成 2025-03 这样的格式（收到“\(period)”）")
            }
            return p
        }
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        let thisYear = now.year ?? 2000
        let month = now.month ?? 1
        guard let year, year != thisYear else {
            return Period(year: thisYear, month: month) ?? Period(year: 2000, month: 1)!
        }
        return Period(year: year, month: year < thisYear ? 12 : 1) ?? Period(year: 2000, month: 1)!
    }

    /// One entry per workbook to write; `nil` is the generic template.
    private func selectUnits(_ ws: Workspace?, _ month: Period) throws(JixiaoError) -> [ReportingUnit?] {
        guard let ws else {
            if let unit {
                throw .configuration("--unit \(unit) 需要单位名册：请在工作目录中运行，或用 --workspace 指定工作目录")
            }
            return [nil]
        }
        if let unit {
            guard let found = ws.units.first(where: { $0.code == unit }) else {
                throw .configuration("单位名册 \(ws.unitsURL.path) 中没有单位代码 \(unit)，请核对代码或先在名册中添加该单位")
            }
            return [found]
        }
        let due = ws.units.filter { $0.isDue(month) }
        guard !due.isEmpty else {
            throw .configuration("单位名册中没有 \(month.chineseDescription) 应报送的单位，请核对 units.csv 的应报起始月和停报月")
        }
        return due
    }
}
