import CXlsxWriter
import CZip
import Foundation
import GRDBSQLite

/// What `jixiao --version` prints: our version, when this binary was built, and the C
/// libraries it is linked against as they report themselves at run time (a library
/// upgraded under an installed binary shows its new version).
enum VersionInfo {
    static let version = "0.1.0"

    /// The build date is the binary's modification time, read at run time: no generated
    /// constant, so a rebuild from the same sources gives the same code, and a copied
    /// install (`install -p`, a package) keeps the date it was built.
    static func buildDate(executable: String = "/proc/self/exe") -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: executable)) ?? executable
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
            return "未知"
        }
        return LogClock.day(date)
    }

    static var libraries: [(name: String, version: String)] {
        [("libxlsxwriter", String(cString: lxw_version())),  // LXW_VERSION is the header it was built with
         ("libzip", String(cString: zip_libzip_version())),
         ("SQLite", String(cString: sqlite3_libversion()))]
    }

    static var text: String {
        (["jixiao \(version)（构建于 \(buildDate())）"] + libraries.map { "  \($0.name) \($0.version)" })
            .joined(separator: "\n")
    }
}
