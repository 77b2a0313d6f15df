import CXlsxWriter
import Foundation
import JixiaoModel

/// Thrown when libxlsxwriter refuses an operation or the file cannot be written.
public struct WritingError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One workbook being written through libxlsxwriter.
///
/// The file is assembled under a temporary name in the target directory and renamed
/// over the target on `close()`, so readers never see a half-written workbook and a
/// failed run leaves the previous output in place. Document properties carry a fixed
/// creation time so the same input gives byte-identical files.
final class XlsxWorkbook {
    /// 2000-01-01T00:00:00Z: any fixed instant keeps the output reproducible.
    static let fixedCreationTime: time_t = 946_684_800

    private let handle: UnsafeMutablePointer<lxw_workbook>
    private let target: URL
    private let temporary: URL
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var ownedStrings: [UnsafeMutablePointer<CChar>] = []
    private var closed = false
    /// Printed at the top of every page of every sheet.
    var heading: PageHeading?

    /// `constantMemory` keeps one row per sheet in memory: rows must then be written
    /// in order and merges are unavailable, which suits the large listing workbooks.
    init(url: URL, constantMemory: Bool = false) throws {
        target = url
        let directory = url.deletingLastPathComponent()
        // Unique per writer, so two writers aimed at one target never share a partial file.
        temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WritingError(WritingMessages.cannotCreateDirectory(directory.path, error))
        }
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        // libxlsxwriter stages sheets through tmpfile(); the target directory is writable
        // by construction, whereas TMPDIR may not be under cron.
        let tmpdir = strdup(directory.path)
        options.tmpdir = tmpdir
        guard let wb = workbook_new_opt(temporary.path, &options) else {
            free(tmpdir)
            throw WritingError(WritingMessages.cannotCreateWorkbook(url.path))
        }
        if let tmpdir { ownedStrings.append(tmpdir) }
        handle = wb
        var properties = lxw_doc_properties()
        properties.created = Self.fixedCreationTime
        try check(workbook_set_properties(handle, &properties))
    }

    deinit {
        if !closed {
            // An error left the workbook open: release it and drop the partial file.
            _ = workbook_close(handle)
            try? FileManager.default.removeItem(at: temporary)
        }
        ownedStrings.forEach { free($0) }
    }

    func addSheet(_ name: String) throws -> XlsxSheet {
        guard let ws = workbook_add_worksheet(handle, name) else {
            throw WritingError(WritingMessages.cannotAddSheet(name, target.lastPathComponent))
        }
        return XlsxSheet(handle: ws, name: name, workbook: self)
    }

    /// The shared format for a style; libxlsxwriter keeps one record per distinct format.
    func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if let cached = formats[style] { return cached }
        guard let f = workbook_add_format(handle) else { return nil }
        style.apply(to: f)
        formats[style] = f
        return f
    }

    func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        workbook_add_chart(handle, UInt8(type.rawValue))
    }

    /// Writes the file and moves it over the target.
    func close() throws {
        closed = true
        let result = workbook_close(handle)
        guard result == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(at: temporary)
            throw WritingError(WritingMessages.libraryFailure(target.lastPathComponent, result))
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WritingError(WritingMessages.cannotRename(target.path, reason))
        }
    }

    func check(_ result: lxw_error) throws {
        guard result == LXW_NO_ERROR else {
            throw WritingError(WritingMessages.libraryFailure(target.lastPathComponent, result))
        }
    }
}

extension lxw_datetime {
    init(_ date: CalendarDate) {
        self.init(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
    }
}
