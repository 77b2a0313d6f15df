import Foundation
@testable import JixiaoReading
import Testing

/// A seeded random mutator over the fixtures: whatever the bytes, reading ends with a
/// document or a ReadError — never a crash or a hang. Bounded to a few thousand inputs.
@Suite struct FuzzTests {
    /// CI runs a bounded number of inputs; `JIXIAO_FUZZ_SCALE=50 swift test --filter FuzzTests` runs fifty times more.
    static let scale = ProcessInfo.processInfo.environment["JIXIAO_FUZZ_SCALE"].flatMap { Int($0) } ?? 1

    static func mutate(_ input: Data, _ rng: inout SeededRandom) -> Data {
        var bytes = [UInt8](input)
        guard !bytes.isEmpty else { return input }
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[i] = Array("<>/&;\"'=:![]".utf8).randomElement(using: &rng) ?? 0
            case 2: bytes.remove(at: i)
            case 3: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            case 4: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...64, using: &rng)))
            default:
                let j = Int.random(in: 0..<bytes.count, using: &rng)
                let len = min(32, bytes.count - max(i, j))
                if len > 0 { bytes.replaceSubrange(i..<i + len, with: bytes[j..<j + len]) }
            }
            if bytes.isEmpty { break }
        }
        return Data(bytes)
    }

    /// Mutated XML parts through every part reader.
    @Test func mutatedXMLPartsNeverCrash() throws {
        var rng = SeededRandom(state: 20_250_305)
        let parts = try Fixture.xmlParts().filter { $0.1.count < 64 << 10 }
        let context = WorkbookContext(sharedStrings: ["a", "b"], styles: StyleTable(kinds: [.none, .date]),
                                      uses1904: false, limits: .default)
        let quoted = QuotedStrings(context.sharedStrings)
        var outcomes = (ok: 0, rejected: 0)
        for round in 0..<2_000 * Self.scale {
            let (_, original) = parts[round % parts.count]
            let data = Self.mutate(original, &rng)
            do {
                _ = try WorksheetReader(context: context, part: "p", sheetName: "s").sheet(data)
                _ = try SharedStrings.parse(data, part: "p", limits: .default)
                _ = try StyleTable.parse(data, part: "p", limits: .default)
                _ = try WorkbookPart.parse(data, part: "p", limits: .default)
                _ = try Relationship.parse(data, part: "p", base: "xl", limits: .default)
                var sink = CSVSheetSink(context: context, sheetName: "s", shared: quoted, xmlBytes: data.count)
                try WorksheetReader(context: context, part: "p", sheetName: "s").stream(data, into: &sink)
                outcomes.ok += 1
            } catch {
                outcomes.rejected += 1
            }
        }
        // Both outcomes occur: the mutator reaches past the first check.
        #expect(outcomes.ok > 0 && outcomes.rejected > 0)
    }

    /// Mutated whole files (ZIP container and text) through the front door.
    @Test func mutatedFilesNeverCrash() throws {
        var rng = SeededRandom(state: 42)
        let names = ["openpyxl.xlsx", "xlsxwriter.xlsx", "wps_like.xlsx", "strict.xlsx", "gbk.csv", "utf16_tab.txt", "gbk_names.zip",
                     "xls/xlwt.xls", "xls/libreoffice.xls", "xls/gnumeric.xls", "xls/minimal.xls"]
        let inputs = try names.map { try Fixture.data($0) }
        var read = 0
        for round in 0..<600 * Self.scale {
            let data = Self.mutate(inputs[round % inputs.count], &rng)
            if (try? SpreadsheetReader.read(data, name: "fuzz")) != nil { read += 1 }
            _ = try? CSVExport.sheets(of: data, name: "fuzz")
        }
        #expect(read > 0)
    }
}
