import Foundation
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// What the IT person sees running jixiao: `--version`, the examples in `run --help`,
/// and `status` / `check` on a workspace nobody may write.
@Suite(.requires(.jixiao))
struct OperatingTests {
    static func jixiao(_ arguments: [String]) throws -> ProcessResult { try Tool.jixiao.run(arguments) }

    /// Columns as a terminal shows them: CJK characters take two.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ((0x2E80...0x9FFF).contains($1.value) || (0xFF00...0xFFEF).contains($1.value) ? 2 : 1) }
    }

    @Test func versionNamesTheBuildDateAndTheLinkedLibraries() throws {
        let result = try Self.jixiao(["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.first?.wholeMatch(of: /jixiao 0\.1\.0（构建于 \d{4}-\d{2}-\d{2}）/) != nil, "\(result.stdout)")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["libxlsxwriter", "libzip", "SQLite"])
        #expect(lines.dropFirst().allSatisfy { $0.wholeMatch(of: /\ \ \S+ \d+\.\d+(\.\d+)*/) != nil }, "\(result.stdout)")
    }
}
