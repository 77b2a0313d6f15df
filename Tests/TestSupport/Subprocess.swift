import Foundation

/// A finished program's exit and output.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var killedBySIGKILL: Bool
    public var standardOutput: Data
    public var standardError: Data

    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
}

/// A started program; `wait()` collects its result.
public final class RunningProcess {
    let process: Process
    let folder: URL

    init(process: Process, folder: URL) {
        self.process = process
        self.folder = folder
    }

    public func wait() -> ProcessResult {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: folder) }
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return ProcessResult(status: process.terminationStatus, killedBySIGKILL: killed,
                             standardOutput: (try? Data(contentsOf: folder.appendingPathComponent("stdout"))) ?? Data(),
                             standardError: (try? Data(contentsOf: folder.appendingPathComponent("stderr"))) ?? Data())
    }
}

extension TestSupport {
    /// Starts `executable` with this process's environment plus `environment`, less the
    /// `removing` names. Standard input, output and error are files, not pipes: a child
    /// filling a pipe nobody reads yet would block, and so would the test waiting for it.
    public static func start(_ executable: URL, _ arguments: [String], stdin: Data? = nil,
                             environment: [String: String] = [:], removing: Set<String> = [],
                             in directory: URL? = nil) throws -> RunningProcess {
        let folder = scratch("process")
        let input = folder.appendingPathComponent("stdin")
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        for file in [input, out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        if let stdin { try stdin.write(to: input) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for name in removing { env.removeValue(forKey: name) }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return RunningProcess(process: process, folder: folder)
    }

    /// Runs `executable` to completion; see `start`.
    public static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil,
                           environment: [String: String] = [:], removing: Set<String> = [],
                           in directory: URL? = nil) throws -> ProcessResult {
        try start(executable, arguments, stdin: stdin, environment: environment, removing: removing, in: directory).wait()
    }

    /// The first executable called `name` on PATH.
    public static func which(_ name: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: "\($0)/\(name)") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
