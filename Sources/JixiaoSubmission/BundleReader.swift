import Foundation
import JixiaoModel
import JixiaoReading

/// Bytes → submissions. A ZIP that is not a workbook is a bundle: each spreadsheet member is a
/// submission of its own, read in memory (never extracted), and a member that is not a
/// spreadsheet gets its own rejection so the sender learns it was not counted.
struct BundleReader {
    let context: SubmissionContext
    let limits: ReadLimits
    /// Also keep each submission's values as sent (`ParsedSubmission.sent`).
    var keepsSentValues = false

    /// A bundle inside a bundle is read; deeper nesting is refused (it only serves to hide things).
    static let maximumDepth = 2

    /// Members people put in bundles that are not meant as submissions.
    static func isClutter(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return true }
        return parts.contains("__MACOSX") || last == ".DS_Store" || last.hasPrefix("~$") || last.hasPrefix("._")
            || last.lowercased() == "thumbs.db" || last.lowercased() == "desktop.ini"
    }

    /// Extensions worth reading inside a bundle; content still decides what a member is.
    static let readableExtensions: Set<String> = ["xlsx", "xlsm", "xls", "et", "csv", "txt", "tsv", "zip"]

    /// At the top level content alone decides: a ZIP without a workbook part is a bundle.
    func read(_ data: Data, fileName: String) -> [ParsedSubmission] {
        do {
            let document = try SpreadsheetReader.read(data, name: fileName, limits: limits)
            return [parse(document, fileName: fileName)]
        } catch .missingPart {
            return bundle(data, fileName: fileName, depth: 0)
        } catch {
            return [SubmissionReader.unreadable(fileName, message: error.message)]
        }
    }

    private func bundle(_ data: Data, fileName: String, depth: Int) -> [ParsedSubmission] {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(data: data, limits: limits)
        } catch {
            return [SubmissionReader.unreadable(fileName, message: error.message)]
        }
        guard depth < Self.maximumDepth else {
            return [SubmissionReader.unreadable(fileName, message: ReadError.missingPart("xl/workbook.xml").message)]
        }
        let members = archive.entries.filter { !$0.isDirectory && !Self.isClutter($0.name) }
        // A ZIP with nothing readable (a .docx, a folder of pictures) is one rejection, not one per part.
        guard members.contains(where: { Self.readableExtensions.contains(Self.fileExtension($0.name)) }) else {
            var log = DiagnosticLog(file: fileName)
            log.add(.emptyBundle)
            return [ParsedSubmission(fileName: fileName, diagnostics: log.items)]
        }
        var out: [ParsedSubmission] = []
        for entry in members {
            let memberName = fileName + "/" + entry.name
            let ext = Self.fileExtension(entry.name)
            guard Self.readableExtensions.contains(ext) else {
                out.append(Self.notASpreadsheet(memberName))
                continue
            }
            let bytes: Data
            do {
                bytes = try archive.read(entry)
            } catch {
                out.append(SubmissionReader.unreadable(memberName, message: error.message))
                continue
            }
            out += member(bytes, fileName: memberName, depth: depth + 1, mayBeBundle: ext == "zip")
        }
        return out
    }

    private func parse(_ document: SpreadsheetDocument, fileName: String) -> ParsedSubmission {
        var parsed = SubmissionReader.parse(document, fileName: fileName, context: context)
        if keepsSentValues { parsed.sent = SentValuesReader.read(document, parsed: parsed) }
        return parsed
    }

    static func fileExtension(_ path: String) -> String {
        guard let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    /// A member: a document that is no spreadsheet (a Word file, a picture renamed .xlsx) is
    /// reported as such rather than as a damaged workbook; only a `.zip` member may be a bundle.
    private func member(_ data: Data, fileName: String, depth: Int, mayBeBundle: Bool) -> [ParsedSubmission] {
        do {
            let document = try SpreadsheetReader.read(data, name: fileName, limits: limits)
            return [parse(document, fileName: fileName)]
        } catch .notASpreadsheet {
            return [Self.notASpreadsheet(fileName)]
        } catch .missingPart where mayBeBundle {
            return bundle(data, fileName: fileName, depth: depth)
        } catch .missingPart {
            return [Self.notASpreadsheet(fileName)]
        } catch {
            return [SubmissionReader.unreadable(fileName, message: error.message)]
        }
    }

    static func notASpreadsheet(_ fileName: String) -> ParsedSubmission {
        var log = DiagnosticLog(file: fileName)
        log.add(.notASpreadsheetMember)
        return ParsedSubmission(fileName: fileName, diagnostics: log.items)
    }
}
