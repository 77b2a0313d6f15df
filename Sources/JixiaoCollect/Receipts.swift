import Foundation
import JixiaoLedger
import JixiaoWorkspace

/// One reception of a file: what replaying history needs beyond the bytes. Kept in the
/// archive beside the copy (`archive/receipts/<hash>.json`, one file per content, listing
/// every time those bytes were received), so that the archive alone can rebuild the ledger.
public struct Receipt: Codable, Sendable, Hashable {
    /// The ledger's `files` id when it was received: the order receptions are replayed in.
    public var file: Int64
    public var run: Int64
    /// Where it was in inbox/, which is also the name users see (`三月/JD01.xlsx`).
    public var path: String
    public var size: Int64
    /// As the ledger stores it (ISO 8601, UTC).
    public var receivedAt: String

    public init(file: Int64, run: Int64, path: String, size: Int64, receivedAt: String) {
        self.file = file
        self.run = run
        self.path = path
        self.size = size
        self.receivedAt = receivedAt
    }
}

/// The receipts of one content hash, as stored.
struct ReceiptFile: Codable, Sendable {
    var hash: String
    var receipts: [Receipt]
}

extension Archive {
    static let receiptsFolder = "receipts"

    var receiptsDirectory: URL { directory.appendingPathComponent(Archive.receiptsFolder, isDirectory: true) }

    /// The copy a receipt refers to: the content hash and the received name's extension.
    func copyURL(hash: String, path: String) -> URL {
        directory.appendingPathComponent(hash + Archive.fileExtension(path))
    }

    /// Adds a reception to its hash's receipts, once: adding the same `file` again (a run
    /// finishing what a killed one committed) changes nothing. Durable with `syncDirectory()`.
    func addReceipt(_ receipt: Receipt, hash: String) throws(JixiaoError) {
        let url = receiptsDirectory.appendingPathComponent(hash + ".json")
        var stored = (try? readReceipts(url)) ?? ReceiptFile(hash: hash, receipts: [])
        guard !stored.receipts.contains(where: { $0.file == receipt.file }) else { return }
        stored.receipts.append(receipt)
        stored.receipts.sort { $0.file < $1.file }
        do {
            try FileManager.default.createDirectory(at: receiptsDirectory, withIntermediateDirectories: true)
        } catch {
            throw .io(CollectMessages.cannotWriteArchive(receiptsDirectory.path, detail: error.localizedDescription))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(stored) } catch { throw .io(CollectMessages.cannotWriteArchive(url.path, detail: "\(error)")) }
        try AtomicFile.store(data, at: url, syncingDirectory: false, syncingData: !AtomicFile.dataSyncIsBatched)
    }

    func readReceipts(_ url: URL) throws -> ReceiptFile {
        try JSONDecoder().decode(ReceiptFile.self, from: Data(contentsOf: url))
    }

    /// Every receipt in the archive, in the order the files were received, with the receipt
    /// files that could not be read.
    func allReceipts() -> (receipts: [(hash: String, receipt: Receipt)], unreadable: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: receiptsDirectory.path)) ?? []
        var out: [(String, Receipt)] = []
        var unreadable: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let url = receiptsDirectory.appendingPathComponent(name)
            guard let file = try? readReceipts(url), name == file.hash + ".json" else {
                unreadable.append("\(Archive.receiptsFolder)/\(name)")
                continue
            }
            out += file.receipts.map { (file.hash, $0) }
        }
        out.sort { $0.1.file < $1.1.file }
        return (out, unreadable)
    }

    /// Whether archive/ holds anything received: copies or receipts.
    func holdsFiles() -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.contains { !$0.hasPrefix(".") && $0 != Archive.receiptsFolder }
            || !((try? FileManager.default.contentsOfDirectory(atPath: receiptsDirectory.path)) ?? []).isEmpty
    }

    /// The ledger's files whose copy is gone or has another size: the cheap check each run
    /// makes (`jixiao verify` reads and hashes every copy).
    func missingCopies(of files: [ReceivedFile]) -> [ReceivedFile] {
        var seen: [String: Bool] = [:]
        return files.filter { file in
            let url = copyURL(hash: file.hash, path: file.name)
            if let ok = seen[url.path] { return !ok }
            let status = FileStatus(path: url.path)
            let ok = status.map { $0.isRegularFile && Int64($0.size) == file.size } ?? false
            seen[url.path] = ok
            return !ok
        }
    }
}

/// The archived bytes of received files, for the stages that read a file again later
/// (the return copies of rejected submissions).
public struct ArchivedCopies: Sendable {
    let archive: Archive

    public init(workspace: Workspace) { archive = Archive(directory: workspace.archiveURL) }

    /// The copy's name inside archive/: `<hash>.xlsx` for a file received as `…/JD01.xlsx`.
    public static func copyName(hash: String, receivedName: String) -> String {
        hash + Archive.fileExtension(receivedName)
    }

    /// The bytes received as `receivedName` with this content hash; nil when the copy is gone
    /// or no longer has that hash (`jixiao verify` reports both).
    public func data(hash: String, receivedName: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: archive.copyURL(hash: hash, path: receivedName).path),
              SHA256.hex(data) == hash else { return nil }
        return data
    }
}
