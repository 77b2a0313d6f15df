import ArgumentParser
import Foundation
import JixiaoReading

struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "把 xlsx / xls / csv 文件（也可以是 zip 压缩包里的文件）打印成 UTF-8 的 CSV。",
        discussion: """
        任何 xlsx、xls 或 csv 都可以，不限于本系统的报送表。日期按 ISO 格式输出（2025-03-05），
        数字按文件中保存的原样输出，公式输出其计算结果。

        压缩包里的文件用“压缩包路径/包内路径”指定，例如：
          jixiao cat 报送.zip/三月/JD01.xlsx
        直接给出一个压缩包时，依次打印包里的每个表格文件；其他文件（说明信、照片等）
        在标准错误输出中注明“已忽略”。

        一次打印多个工作表或多个文件时，每个工作表前有一行
          # 文件名 / 工作表名
        用来分隔；只打印一个工作表时没有这一行。

        读不了的文件在标准错误输出说明原因并继续下一个文件，最后以退出码 1 结束。
        """
    )

    @Argument(help: "要打印的文件（xlsx、xls、csv，或 压缩包.zip/包内路径）。")
    var files: [String] = []

    @Option(name: .long, help: "只打印这个名字的工作表。")
    var sheet: String?

    @Flag(name: .customLong("inflate-only"), help: .hidden)
    var inflateOnly = false

    /// Reads through the cell model (as `collect` does) instead of streaming, for the benchmark.
    @Flag(name: .customLong("through-cells"), help: .hidden)
    var throughCells = false

    func validate() throws {
        guard files.isEmpty else { return }
        FileHandle.standardError.write(Data("\(CatMessages.noFiles)\n\(CatMessages.usage)\n".utf8))
        throw ExitCode(2)
    }

    func run() throws {
        let output = CSVOutput()
        defer { output.flush() }
        var failed = false
        for path in files {
            do {
                if inflateOnly {
                    try inflate(path)
                } else {
                    try printFile(path, output: output, separate: files.count > 1)
                }
            } catch {
                output.flush()
                FileHandle.standardError.write(Data("\(path)：\(CatMessages.describe(error))\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// A path inside a ZIP (`bundle.zip/三月/JD01.xlsx`) is split at the longest prefix that is a file.
    private func load(_ path: String) throws -> Data {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard !isDir.boolValue else { throw CatFailure.isDirectory }
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for cut in stride(from: parts.count - 1, through: 1, by: -1) {
            let container = parts[..<cut].joined(separator: "/")
            guard FileManager.default.fileExists(atPath: container, isDirectory: &isDir), !isDir.boolValue else { continue }
            let archive = try ZipArchive(data: Data(contentsOf: URL(fileURLWithPath: container)))
            let member = parts[cut...].joined(separator: "/")
            guard let entry = archive.entry(named: member) else { throw ReadError.noSuchMember(member) }
            return try archive.read(entry)
        }
        throw CatFailure.notFound
    }

    private func printFile(_ path: String, output: CSVOutput, separate: Bool) throws {
        let data = try load(path)
        // A ZIP is opened once: as a workbook, or as a bundle whose members are printed in turn.
        if throughCells {
            let doc = try SpreadsheetReader.read(data, name: path, sheet: sheet)
            output.write(doc.sheets.map { ($0.name, CSVExport.bytes(of: $0)) }, file: path, separate: separate || doc.sheets.count > 1)
            return
        }
        guard ZipArchive.hasSignature(data) else {
            let sheets = try CSVExport.sheets(of: data, name: path, sheet: sheet)
            output.write(sheets, file: path, separate: separate || sheets.count > 1)
            return
        }
        let archive = try ZipArchive(data: data)
        if archive.containsWorkbook {
            let sheets = try CSVExport.sheets(of: XLSXPackage(archive: archive), sheet: sheet)
            output.write(sheets, file: path, separate: separate || sheets.count > 1)
            return
        }
        if let kind = archive.documentKind { throw ReadError.otherDocument(kind) }
        if archive.isBrokenPackage { throw ReadError.brokenPackage }
        // What `check` reads of a bundle: members named like spreadsheets; the rest are
        // ignored with a note, as `check` lists them.
        let members = archive.entries.filter { !$0.isDirectory && !ZipArchive.isClutter($0.name) }
        guard members.contains(where: { ZipArchive.spreadsheetExtensions.contains(ZipArchive.fileExtension($0.name)) }) else {
            throw ReadError.emptyBundle
        }
        var memberFailed = false
        for entry in members {
            let memberName = "\(path)/\(entry.name)"
            guard ZipArchive.spreadsheetExtensions.contains(ZipArchive.fileExtension(entry.name)) else {
                output.flush()
                FileHandle.standardError.write(Data("\(memberName)：\(CatMessages.ignored)\n".utf8))
                continue
            }
            do {
                let sheets = try CSVExport.sheets(of: archive.read(entry), name: entry.name, sheet: sheet)
                output.write(sheets, file: memberName, separate: true)
            } catch {
                output.flush()
                FileHandle.standardError.write(Data("\(memberName)：\(CatMessages.describe(error))\n".utf8))
                memberFailed = true
            }
        }
        if memberFailed { throw CatFailure.bundleMembers }
    }

    /// Inflates every member without parsing: the floor the reader is measured against.
    private func inflate(_ path: String) throws {
        let archive = try ZipArchive(data: Data(contentsOf: URL(fileURLWithPath: path)))
        var total = 0
        for entry in archive.entries where !entry.isDirectory { total += try archive.read(entry).count }
        FileHandle.standardError.write(Data("\(total)\n".utf8))
    }
}

enum CatFailure: Error {
    case notFound, isDirectory, bundleMembers
}

/// The command's user-facing texts, together for review.
enum CatMessages {
    static let noFiles = "请给出至少一个要打印的文件"
    static let ignored = "不是表格文件，已忽略"
    static let usage = "用法：jixiao cat 文件... [--sheet 工作表名]"

    static func describe(_ error: Error) -> String {
        switch error {
        case let e as ReadError: return e.message
        case CatFailure.notFound: return "找不到这个文件，请检查路径"
        case CatFailure.isDirectory: return "这是一个文件夹，请给出其中的文件"
        case CatFailure.bundleMembers: return "压缩包中有文件无法读取（见上面各行）"
        default: return "无法读取文件（\(error.localizedDescription)）"
        }
    }
}

/// Standard output through one buffer, written with as few system calls as possible.
final class CSVOutput {
    private var buffer: [UInt8] = []

    func write(_ sheets: [(name: String, csv: Data)], file: String, separate: Bool) {
        for sheet in sheets {
            if separate { buffer.append(contentsOf: "# \(file) / \(sheet.name)\n".utf8) }
            if buffer.isEmpty {
                emit(sheet.csv)
            } else {
                buffer.append(contentsOf: sheet.csv)
                if buffer.count >= 1 << 20 { flush() }
            }
        }
    }

    func flush() {
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func emit<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Foundation.write(STDOUT_FILENO, p, left)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                p += n
                left -= n
            }
        }
    }
}
