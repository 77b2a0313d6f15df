import Foundation
import JixiaoReading

/// jixiao.yaml and indicators.yaml as text, whichever way an editor saved them: UTF-8 with or
/// without BOM, or GBK as Windows Notepad does — the same decoding as units.csv and CSV reports.
public enum ConfigText {
    /// The file's text; refuses (`.configuration`) a missing, unreadable, oversized or
    /// undecodable file with a message naming `path` and what to do.
    public static func read(_ url: URL, maxBytes: Int, tooLarge: String) throws(JixiaoError) -> String {
        let path = url.path
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            throw .configuration(code == ENOENT ? WorkspaceMessages.textFileMissing(path)
                                                : WorkspaceMessages.textFileUnreadable(path, code))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .configuration(WorkspaceMessages.textFileUnreadable(path, errno)) }
        if st.st_mode & S_IFMT == S_IFDIR { throw .configuration(WorkspaceMessages.textFileIsFolder(path)) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .configuration(WorkspaceMessages.textFileUnreadable(path, EINVAL)) }
        guard Int(st.st_size) <= maxBytes else { throw .configuration(tooLarge) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { readSome(fd, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw .configuration(WorkspaceMessages.textFileUnreadable(path, errno)) }
            if got == 0 { break }
            filled += got
        }
        do {
            return try TextDecoding.decode(Data(bytes[..<filled]))
        } catch {
            guard case .undecodableText(let detail) = error else { throw .configuration(WorkspaceMessages.textFileNotText(path, detail: error.message)) }
            throw .configuration(WorkspaceMessages.textFileNotText(path, detail: detail))
        }
    }
}

/// `read(2)`, out of reach of `ConfigText.read`'s own name.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
