import Foundation
import JixiaoModel
import JixiaoReading

/// Bytes → submissions. A ZIP that is not a workbook is a bundle: each spreadsheet member is a
/// submission of its own, read in memory (never extracted). A member named like a spreadsheet
/// that is not one gets its own rejection so the sender learns it was not counted; any other
/// member (a cover letter, a photo) is listed as ignored, saying what it is.
struct BundleReader {
    let context: SubmissionContext
    let limits: ReadLimits
    /// Also keep each submission's values as sent (`ParsedSubmission.sent`).
    var keepsSentValues = false

    /// A bundle inside a bundle is read; deeper nesting is refused (it only serves to hide things).
    static let maximumDepth = 2

    static func isClutter(_ path: String) -> Bool { ZipArchive.isClutter(path) }

    static let readableExtensions = ZipArchive.spreadsheetExtensions

    /// At the top level content alone decides: a ZIP without a workbook part is a bundle.
    func read(_ data: Data, fileName: String) -> [ParsedSubmission] {
        do {
            let document = try SpreadsheetReader.read(data, name: fileName, limits: limits)
            return [parse(document, fileName: fileName)]
        } catch .missingPart {
            return bundle(data, fileName: fileName, depth: 0)
        } catch {
            return [SubmissionReader.unreadable(fileName, error)]
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
            let bytes: Data
            do {
                bytes = try archive.read(entry)
            } catch {
                out.append(SubmissionReader.unreadable(memberName, message: error.message))
                continue
            }
            guard Self.readableExtensions.contains(ext) else {
                out.append(Self.ignored(memberName, bytes))
                continue
            }
            out += member(bytes, fileName: memberName, depth: depth + 1, mayBeBundle: ext == "zip")
        }
        return out
    }

    private func parse(_ document: SpreadsheetDocument, fileName: String) -> ParsedSubmission {
        var parsed = SubmissionReader.parse(document, fileName: fileName, context: context)
        if keepsSentValues { parsed.sent = SentValuesReader.read(document, parsed: parsed, indicatorNames: context.indicatorNames) }
        return parsed
    }

    static func fileExtension(_ path: String) -> String { ZipArchive.fileExtension(path) }

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
            return [SubmissionReader.unreadable(fileName, error)]
        }
    }

    /// Named by its content when it is a known kind of document, else by its extension.
    static func ignored(_ fileName: String, _ data: Data) -> ParsedSubmission {
        var log = DiagnosticLog(file: fileName)
        let what = SpreadsheetReader.documentKind(of: data)?.name ?? BundleMessages.otherFile(fileExtension(fileName))
        log.add(.ignoredMember(what))
        var parsed = ParsedSubmission(fileName: fileName, diagnostics: log.items)
        parsed.ignored = true
        return parsed
    }

    static func notASpreadsheet(_ fileName: String) -> ParsedSubmission {
        var log = DiagnosticLog(file: fileName)
        log.add(.notASpreadsheetMember)
        return ParsedSubmission(fileName: fileName, diagnostics: log.items)
    }
}

enum BundleMessages {
    static func otherFile(_ ext: String) -> String { ext.isEmpty ? "一个其他类型的文件" : "一个 .\(ext) 文件" }
}
