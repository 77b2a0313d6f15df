import Foundation

/// What counts as a received file in inbox/.
enum InboxScanner {
    /// Regular files under `inbox`, as paths relative to it, in byte order of the path so
    /// every run takes them in the same order. Hidden files and folders (`.DS_Store`,
    /// `.~lock`), Office owner files (`~$报表.xlsx`) and desktop clutter are skipped:
    /// they are not submissions and deleting them could disturb whoever has a file open.
    static func files(in inbox: URL) throws -> [String] {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: inbox.path) else {
            throw CollectError.io(Messages.cannotListInbox(inbox.path))
        }
        var result: [String] = []
        for path in paths {
            let components = path.split(separator: "/")
            guard let name = components.last,
                  !components.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("~$") }),
                  !ignoredNames.contains(name.lowercased()) else { continue }
            var isDirectory: ObjCBool = false
            let full = inbox.appendingPathComponent(path).path
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                  (try? fm.attributesOfItem(atPath: full)[.type] as? FileAttributeType) == .typeRegular else { continue }
            result.append(path)
        }
        return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static let ignoredNames: Set<String> = ["thumbs.db", "desktop.ini"]

    /// The whole file, refusing ones larger than `limit` so a stray disk image in inbox/
    /// cannot exhaust memory (it stays where it is and is reported).
    static func read(_ url: URL, limit: Int) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attributes[.size] as? NSNumber, size.intValue > limit {
            throw CollectError.io(Messages.fileTooLarge(url.lastPathComponent, bytes: size.intValue, limit: limit))
        }
        return try Data(contentsOf: url)
    }

    /// Removes sub-folders emptied by the run (never inbox/ itself), deepest first.
    static func removeEmptyFolders(in inbox: URL) {
        let fm = FileManager.default
        guard let paths = try? fm.subpathsOfDirectory(atPath: inbox.path) else { return }
        for path in paths.sorted(by: { $0.count > $1.count }) {
            let full = inbox.appendingPathComponent(path).path
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue,
                  (try? fm.contentsOfDirectory(atPath: full))?.isEmpty == true else { continue }
            try? fm.removeItem(atPath: full)
        }
    }
}

/// archive/: every file ever received, byte for byte, named by its content hash.
struct Archive {
    let directory: URL

    /// Stores `data` as `<hash><ext>` unless already there. The copy is complete and on
    /// disk before this returns, because the inbox original is deleted afterwards.
    func store(_ data: Data, hash: String, originalName: String) throws {
        let url = directory.appendingPathComponent(hash + Archive.fileExtension(originalName))
        if FileManager.default.fileExists(atPath: url.path) { return }
        try AtomicFile.store(data, at: url)
    }

    /// `.xlsx` from `三月/JD01.XLSX`; empty when the name has none or an odd one.
    static func fileExtension(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        let ext = last[last.index(after: dot)...].lowercased()
        guard (1...8).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return "" }
        return "." + ext
    }
}
