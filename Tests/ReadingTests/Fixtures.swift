import Foundation
@testable import JixiaoReading
import TestSupport

/// The committed reader fixtures (made by Tests/Fixtures/make_fixtures.py).
enum Fixture {
    static let folder = TestSupport.sharedFixtures.appendingPathComponent("reading")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func read(_ name: String, limits: ReadLimits = .default) throws -> SpreadsheetDocument {
        try SpreadsheetReader.read(data(name), name: name, limits: limits)
    }

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// Every XML part of every fixture archive that opens, as (fixture/part, bytes).
    static func xmlParts() throws -> [(String, Data)] {
        var parts: [(String, Data)] = []
        for name in all {
            guard let zip = try? ZipArchive(data: data(name)) else { continue }
            for entry in zip.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
                if let bytes = try? zip.read(entry) { parts.append(("\(name)/\(entry.name)", bytes)) }
            }
        }
        return parts
    }
}

/// A small deterministic generator (SplitMix64) so fuzz runs repeat exactly.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SpreadsheetDocument {
    func sheet(named name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// Cell text by A1 reference in the named sheet, as a CSV export shows it.
    func text(_ sheet: String, _ a1: String) -> String? {
        guard let s = self.sheet(named: sheet), let ref = CellRef(a1: a1) else { return nil }
        return s.cell(ref)?.value.displayText
    }
}

extension Sheet {
    func value(_ ref: CellRef) -> CellValue { cell(ref)?.value ?? .empty }
}

extension WorksheetReader {
    /// One worksheet part, held whole, into a `Sheet` as `XLSXPackage.sheet(at:)` builds it.
    func sheet(_ data: Data) throws(ReadError) -> Sheet {
        var sink = SheetBuilder(context: context, sheetName: sheetName)
        try stream(data, into: &sink)
        return sink.sheet(visibility: .visible)
    }
}

extension ReadError {
    var limitName: String? {
        if case .limitExceeded(let limit, _) = self { return limit }
        if case .cellTextTooLong = self { return ReadMessages.limitCellText }
        return nil
    }
}
