import Foundation
@testable import JixiaoCollect
@testable import JixiaoLedger
@testable import JixiaoWorkspace
import TestSupport
import Testing

/// The defaults built into the binary must be exactly the editable files in templates/;
/// when this fails, run scripts/embed-defaults.sh.
@Suite struct DefaultFilesTests {
    @Test(arguments: [("jixiao.yaml", DefaultFiles.config), ("units.csv", DefaultFiles.units), ("indicators.yaml", DefaultFiles.indicators)])
    func embeddedTextEqualsTemplateFile(name: String, embedded: String) throws {
        let file = try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("templates").appendingPathComponent(name))
        #expect(Data(embedded.utf8) == file, "templates/\(name) differs from DefaultFiles; run scripts/embed-defaults.sh")
    }

    @Test func unitsCSVStartsWithBOMForExcel() {
        #expect(Array(DefaultFiles.units.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }
}
