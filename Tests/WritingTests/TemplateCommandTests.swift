import Foundation
import JixiaoModel
import JixiaoReading
import TestSupport
import Testing

/// `jixiao template` through the built executable (built by `swift build --build-tests`).
@Suite struct TemplateCommandTests {
    let dir: Scratch
    init() throws { dir = try Scratch() }

    func jixiao(_ arguments: [String]) throws -> ProcessResult {
        try Tool.jixiao.run(arguments, in: dir.url)
    }

    func sheet(_ url: URL, _ name: String) throws -> Sheet? {
        try SpreadsheetReader.read(Data(contentsOf: url), name: url.lastPathComponent).sheet(named: name)
    }

    @Test(.requires(.jixiao))
    func writesOneGenericTemplateOutsideAWorkspace() throws {
        let result = try jixiao(["template", "--period", "2025-03", "--out", "模板"])
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("模板").path)
        #expect(files == ["月度报送表_2025-03.xlsx"])
        let info = try #require(try sheet(dir.file("模板/月度报送表_2025-03.xlsx"), "基本信息"))
        #expect(info.text("B1") == nil)
        #expect(info.text("B3") == "2025-03")
    }

    @Test(.requires(.jixiao))
    func writesOneTemplatePerDueUnitOfTheRegistry() throws {
        #expect(try jixiao(["init", "ws", "--year", "2025"]).status == 0)
        let result = try jixiao(["template", "--workspace", "ws", "--period", "2025-03"])
        #expect(result.status == 0)
        let folder = dir.file("ws/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 13)
        #expect(files.contains("JD01_吴家山街道科协_2025-03.xlsx"))
        #expect(result.stdout.contains("已生成 \(files.count) 份"))
        let district = try #require(files.first { $0.hasPrefix("QU00_") })
        #expect(try sheet(folder.appendingPathComponent(district), "预算与满意度") != nil)
        #expect(try sheet(folder.appendingPathComponent("JD01_吴家山街道科协_2025-03.xlsx"), "预算与满意度") == nil)
        let info = try #require(try sheet(folder.appendingPathComponent("JD01_吴家山街道科协_2025-03.xlsx"), "基本信息"))
        #expect(info.text("B1") == "JD01")
    }

    /// QU00's 偏差原因 lists the workspace's indicators.yaml; a broken one stops the command before
    /// any file is written, rather than sending the office a sheet without its rows.
    @Test(.requires(.jixiao))
    func theDistrictTemplateListsTheWorkspacesIndicators() throws {
        #expect(try jixiao(["init", "ws", "--year", "2025"]).status == 0)
        let yaml = dir.file("ws/indicators.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "三级指标: 预算执行率", with: "三级指标: 年度预算执行率")
        try text.write(to: yaml, atomically: true, encoding: .utf8)
        #expect(try jixiao(["template", "--workspace", "ws", "--unit", "QU00", "--period", "2025-12", "--out", "out"]).status == 0)
        let reasons = try #require(try sheet(dir.file("out/QU00_武汉市东西湖区科学技术协会_2025-12.xlsx"), SubmissionSchema.deviationSheet))
        #expect(reasons.text("B1") == "三级指标")
        #expect(reasons.text("B2") == "年度预算执行率")
        #expect(reasons.text("D2") == nil)
        #expect(reasons.rows.count == 15, "the header and the 14 indicators")

        try (text + "\n指标: [").write(to: yaml, atomically: true, encoding: .utf8)
        let broken = try jixiao(["template", "--workspace", "ws", "--period", "2025-12", "--out", "again"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("indicators.yaml"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("again").path)) ?? []
        #expect(written.isEmpty)
    }

    @Test(.requires(.jixiao))
    func writesTheNamedUnitOnly() throws {
        #expect(try jixiao(["init", "ws", "--year", "2025"]).status == 0)
        let result = try jixiao(["template", "--workspace", "ws", "--unit", "JD02", "--period", "2025-05", "--out", "out"])
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path) == ["JD02_将军路街道科协_2025-05.xlsx"])
    }

    @Test(.requires(.jixiao))
    func badUsageExitsTwoWithAChineseMessage() throws {
        let noRegistry = try jixiao(["template", "--unit", "JD01"])
        #expect(noRegistry.status == 2)
        #expect(noRegistry.stderr.contains("单位名册"))
        #expect(try jixiao(["init", "ws", "--year", "2025"]).status == 0)
        let unknown = try jixiao(["template", "--workspace", "ws", "--unit", "ZZ99"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("ZZ99"))
        let otherYear = try jixiao(["template", "--workspace", "ws", "--period", "2024-03"])
        #expect(otherYear.status == 2)
        let malformed = try jixiao(["template", "--period", "2025年3月"])
        #expect(malformed.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.file("ws/templates/JD01_吴家山街道科协_2024-03.xlsx").path))
    }
}
