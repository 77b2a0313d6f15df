import Foundation

/// A program a test runs: a third-party one the cross-checks compare against, or the
/// built `jixiao`. Looked up once per test process.
public struct Tool: Sendable, CustomStringConvertible {
    public let name: String
    /// What to do when it is missing.
    public let remedy: String
    /// Where it is, when it is usable.
    public let url: URL?

    public var isAvailable: Bool { url != nil }
    public var description: String { name }

    init(_ name: String, remedy: String, url: URL?) {
        self.name = name
        self.remedy = remedy
        self.url = url
    }

    /// The tool's path, or an error naming the remedy.
    public func located() throws -> URL {
        guard let url else { throw MissingTool(tools: [self]) }
        return url
    }

    /// Runs the tool to completion; see `TestSupport.start`.
    public func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    removing: Set<String> = [], in directory: URL? = nil) throws -> ProcessResult {
        try TestSupport.run(located(), arguments, stdin: stdin, environment: environment, removing: removing, in: directory)
    }

    /// Starts the tool without waiting for it; see `TestSupport.start`.
    public func start(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                      removing: Set<String> = [], in directory: URL? = nil) throws -> RunningProcess {
        try TestSupport.start(located(), arguments, stdin: stdin, environment: environment, removing: removing, in: directory)
    }

    static func onPath(_ name: String, remedy: String) -> Tool {
        Tool(name, remedy: remedy, url: TestSupport.which(name))
    }

    public static let python3 = onPath("python3", remedy: "install Python 3")
    /// python3 itself, when it can import openpyxl.
    public static let openpyxl = Tool("openpyxl", remedy: "run `make test-deps` (pip install openpyxl)",
                                      url: python3.url.flatMap { python in
                                          (try? TestSupport.run(python, ["-c", "import openpyxl"]))?.status == 0 ? python : nil
                                      })
    /// python3 itself, when it can import xlrd (the .xls reader of the differential test).
    public static let xlrd = Tool("xlrd", remedy: "run `make test-deps` (pip install xlrd)",
                                  url: python3.url.flatMap { python in
                                      (try? TestSupport.run(python, ["-c", "import xlrd"]))?.status == 0 ? python : nil
                                  })

    /// python3 itself, when it can import python-docx.
    public static let pythonDocx = Tool("python-docx", remedy: "run `make test-deps` (pip install python-docx)",
                                        url: python3.url.flatMap { python in
                                            (try? TestSupport.run(python, ["-c", "import docx"]))?.status == 0 ? python : nil
                                        })
    public static let soffice = onPath("soffice", remedy: "run `make test-deps` (apt-get install libreoffice-calc-nogui)")
    public static let pdfinfo = onPath("pdfinfo", remedy: "run `make test-deps` (apt-get install poppler-utils)")
    public static let pdftotext = onPath("pdftotext", remedy: "run `make test-deps` (apt-get install poppler-utils)")
    public static let sha256sum = onPath("sha256sum", remedy: "install coreutils")
    /// Runs a command without the capabilities that let root read any file.
    public static let setpriv = onPath("setpriv", remedy: "install util-linux")
    /// The product's executable as of the current sources; see `TestSupport.builtJixiao`.
    public static let jixiao = Tool("jixiao", remedy: "not built or older than Sources/: run `swift build --build-tests` before `swift test --skip-build`",
                                    url: TestSupport.builtJixiao())
}

/// Thrown when a test needs a tool that is not installed.
public struct MissingTool: Error, CustomStringConvertible {
    public let tools: [Tool]
    public var description: String {
        tools.map { "\($0.name) is not available: \($0.remedy)" }.joined(separator: "; ")
    }
}

extension TestSupport {
    /// The `jixiao` executable built next to the test bundle, else the default build's.
    /// One older than any object file of the product's modules is refused: `swift build
    /// --build-tests` relinks it, but a stale one would test old code.
    static func builtJixiao() -> URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jixiao"),
            repoFile(".build/debug/jixiao"),
        ]
        return candidates.first { url in
            FileManager.default.isExecutableFile(atPath: url.path) && modification(url) >= newestObject(near: url)
        }
    }

    static func modification(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The newest `.o` of the product's own modules (`Jixiao*.build`, `jixiao.build`).
    static func newestObject(near binary: URL) -> Date {
        let dir = binary.deletingLastPathComponent()
        let fm = FileManager.default
        let modules = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            $0.lowercased().hasPrefix("jixiao") && $0.hasSuffix(".build") && !$0.contains("Tests")
        }
        var newest = Date.distantPast
        for module in modules {
            let moduleDir = dir.appendingPathComponent(module)
            for file in (try? fm.contentsOfDirectory(atPath: moduleDir.path)) ?? [] where file.hasSuffix(".o") {
                newest = max(newest, modification(moduleDir.appendingPathComponent(file)))
            }
        }
        return newest
    }
}
