import Foundation
import JixiaoCollect

/// Log lines on stderr, each with its timestamp; on a terminal, a one-line progress bar kept below them.
final class ProgressOutput {
    let isTerminal: Bool
    private var barShown = false

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    func show(_ event: CollectEvent) {
        clearBar()
        FileHandle.standardError.write(Data((LogClock.stamped(event.logLine) + "\n").utf8))
        guard isTerminal, event.total > 1 else { return }
        let width = 30
        let filled = width * event.index / max(event.total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\(bar) \(event.index)/\(event.total)".utf8))
        barShown = true
    }

    func finish() { clearBar() }

    private func clearBar() {
        guard barShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        barShown = false
    }
}
