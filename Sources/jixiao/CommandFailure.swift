import ArgumentParser
import Foundation
import JixiaoWorkspace

/// Turns the library's failures into the exit codes of docs/commands.md with the message on stderr.
enum CommandFailure {
    static func mapping(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as JixiaoError {
            FileHandle.standardError.write(Data((LogClock.stamped("错误：" + error.message) + "\n").utf8))
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data((LogClock.stamped("错误：\(error)") + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
