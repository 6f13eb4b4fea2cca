import PLMCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of long stages on standard error: a one-line bar redrawn in place when stderr is a
/// terminal, nothing at all otherwise (so logs and pipes stay clean).
///
/// Safe to call from several tasks: the state sits behind a lock (``LockedValue``), and each line is drawn while
/// it is held, so lines reach the terminal in the order the state took them (drawn after the
/// lock, a stale line could overtake a newer one and the bar would go back). Redraws only when
/// the shown percentage changes, so calling ``update(_:)`` per block of samples is cheap.
public final class ProgressReporter: Sendable {
    /// Whether anything is drawn.
    public let isEnabled: Bool
    private let state = LockedValue(State())
    private let output: @Sendable (String) -> Void

    private struct State {
        var stage = ""
        var shownPercent = -1
        var active = false
    }

    /// A reporter that draws when `enabled` (by default: when stderr is a terminal).
    /// - Parameter output: where the drawing goes (standard error; tests pass a collector).
    public init(enabled: Bool = isatty(2) == 1, output: @escaping @Sendable (String) -> Void = ProgressReporter.emit) {
        isEnabled = enabled
        self.output = output
    }

    /// Starts a stage (e.g. `reading left.csv`), drawing an empty bar.
    public func start(stage: String) {
        guard isEnabled else { return }
        state.withLock { s in
            s.stage = stage
            s.shownPercent = 0
            s.active = true
            output("\r" + Self.line(stage: stage, fraction: 0))
        }
    }

    /// Moves the bar of the current stage to `fraction` (0-1, clamped), renaming the stage when
    /// `stage` is given (e.g. `reading: left 40 %, right 35 %` becoming `detecting: 1 of 2 legs done`).
    public func update(_ fraction: Double, stage: String? = nil) {
        guard isEnabled else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let percent = Int(clamped * 100)
        state.withLock { s in
            let renamed = stage.map { $0 != s.stage } ?? false
            guard s.active, percent != s.shownPercent || renamed else { return }
            if let stage { s.stage = stage }
            s.shownPercent = percent
            output("\r" + Self.line(stage: s.stage, fraction: clamped))
        }
    }

    /// Ends the current stage and clears the line.
    public func finish() {
        guard isEnabled else { return }
        state.withLock { s in
            if s.active { output("\r\u{1B}[2K") }
            s.active = false
        }
    }

    /// `stage [##########----------]  50%`, the stage cut or padded to 28 characters.
    static func line(stage: String, fraction: Double) -> String {
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let label = stage.count > 28 ? String(stage.prefix(27)) + "~" : stage.padded(28)
        let percent = String(Int(fraction * 100))
        return label + " [" + String(repeating: "#", count: filled)
            + String(repeating: "-", count: width - filled) + "] "
            + String(repeating: " ", count: 3 - percent.count) + percent + "%"
    }

    /// Writes `text` to standard error (file descriptor 2), unbuffered.
    @Sendable public static func emit(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = _writeStandardError(base + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

private func _writeStandardError(_ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        return Darwin.write(2, buffer, count)
    #elseif canImport(Glibc)
        return Glibc.write(2, buffer, count)
    #else
        return Musl.write(2, buffer, count)
    #endif
}
