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
    private var recentFormats: [(style: CellStyle, format: UnsafeMutablePointer<lxw_format>)] = []
    private static let recentLimit = 4
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
            throw WritingError(WritingMessages.cannotCreateDirectory(directory.path, Self.posixCode(of: error)))
        }
        // libxlsxwriter opens the file only in workbook_close, and then reports a failure on
        // stderr in English; creating it here names the folder and the reason up front.
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WritingError(WritingMessages.cannotWriteInFolder(directory.path, file: url.lastPathComponent, errno))
        }
        Foundation.close(fd)
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
            _ = LibraryOutput.withStderrCaptured { workbook_close(handle) }
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
        // A long table writes its few styles cell after cell: comparing with the last ones is
        // cheaper than hashing every time.
        if let i = recentFormats.firstIndex(where: { $0.style == style }) { return recentFormats[i].format }
        let f: UnsafeMutablePointer<lxw_format>
        if let cached = formats[style] {
            f = cached
        } else {
            guard let made = workbook_add_format(handle) else { return nil }
            style.apply(to: made)
            formats[style] = made
            f = made
        }
        if recentFormats.count == Self.recentLimit { recentFormats.removeFirst() }
        recentFormats.append((style, f))
        return f
    }

    func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        workbook_add_chart(handle, UInt8(type.rawValue))
    }

    /// Writes the file and moves it over the target.
    func close() throws {
        closed = true
        let result = LibraryOutput.withStderrCaptured { workbook_close(handle) }
        guard result == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(at: temporary)
            throw WritingError(WritingMessages.libraryFailure(Self.shownName(target.lastPathComponent),
                                                              folder: target.deletingLastPathComponent().path, result))
        }
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw WritingError(WritingMessages.cannotRename(target.path, code))
        }
    }

    /// The name a person knows: a staged `.指标表.xlsx.<UUID>.tmp` (how out/ is replaced as a
    /// set, and how this class names its own partial file) shown as `指标表.xlsx`.
    static func shownName(_ name: String) -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.hasPrefix("."), parts.count >= 4, parts.last == "tmp", UUID(uuidString: String(parts[parts.count - 2])) != nil else {
            return name
        }
        return parts[1..<(parts.count - 2)].joined(separator: ".")
    }

    private static func posixCode(of error: Error) -> Int32 {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return Int32(underlying?.domain == NSPOSIXErrorDomain ? underlying?.code ?? Int(EIO) : Int(EIO))
    }

    func check(_ result: lxw_error) throws {
        guard result == LXW_NO_ERROR else {
            throw WritingError(WritingMessages.libraryFailure(target.lastPathComponent, result))
        }
    }
}

/// libxlsxwriter prints its errors to stderr itself (`[ERROR] workbook_close(): …`), in
/// English, with no switch to turn that off; the caller says what went wrong in Chinese. So
/// while it closes a workbook, fd 2 points at a scratch file, and what others wrote there
/// in the meantime (any line not the library's own) is passed on to the real stderr after.
enum LibraryOutput {
    private static let lock = NSLock()

    static func withStderrCaptured<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        fflush(nil)
        guard let scratch = tmpfile() else { return body() }
        defer { fclose(scratch) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else { return body() }
        defer { Foundation.close(saved) }
        guard dup2(fileno(scratch), STDERR_FILENO) >= 0 else { return body() }
        let result = body()
        fflush(nil)
        _ = dup2(saved, STDERR_FILENO)
        passOn(scratch)
        return result
    }

    /// Writes back to stderr every captured line that is not libxlsxwriter's `[ERROR]`/`[WARNING]`.
    private static func passOn(_ scratch: UnsafeMutablePointer<FILE>) {
        rewind(scratch)
        var captured = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = fread(&buffer, 1, buffer.count, scratch)
            if got <= 0 { break }
            captured.append(contentsOf: buffer[..<got])
        }
        guard !captured.isEmpty else { return }
        let kept = captured.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).filter { line in
            !line.starts(with: Array("[ERROR]".utf8)) && !line.starts(with: Array("[WARNING]".utf8))
        }
        var out = Data(kept.joined(separator: [UInt8(ascii: "\n")]))
        while out.last == UInt8(ascii: "\n") { out.removeLast() }
        guard !out.isEmpty else { return }
        out.append(UInt8(ascii: "\n"))
        FileHandle.standardError.write(out)
    }
}

extension lxw_datetime {
    init(_ date: CalendarDate) {
        self.init(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
    }
}
