import Foundation
import PLMCore
import PLMKit

/// The batch's progress line on stderr, redrawn in place: recordings done, failed and left, and
/// an ETA from the pace of the recordings analysed so far. Draws nothing unless enabled (the
/// command enables it only when stderr is a terminal, so logs and Slurm output stay clean).
final class BatchProgress: Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let state = LockedValue((done: 0, failed: 0, analysed: 0))

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    /// Counts one finished recording and redraws.
    func finished(failed: Bool, analysed: Bool) {
        let counts = state.withLock { s in
            if failed { s.failed += 1 } else { s.done += 1 }
            if analysed { s.analysed += 1 }
            return s
        }
        guard enabled else { return }
        let left = total - counts.done - counts.failed
        let elapsed = ContinuousClock.now - start
        let elapsedS = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        var line = "\rplm batch: \(counts.done) done, \(counts.failed) failed, \(left) left"
        if counts.analysed > 0, left > 0 {
            line += ", ETA " + Self.duration(elapsedS / Double(counts.analysed) * Double(left))
        }
        emit(line + "\u{1B}[K")
    }

    /// Clears the line.
    func clear() {
        if enabled { emit("\r\u{1B}[2K") }
    }

    /// `45 s`, `12 min`, `3 h 05 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        if s < 90 { return "\(s) s" }
        if s < 5400 { return "\((s + 30) / 60) min" }
        let minutes = (s + 30) / 60
        let rest = minutes % 60
        return "\(minutes / 60) h \(rest < 10 ? "0" : "")\(rest) min"
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
