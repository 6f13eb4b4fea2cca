import PLMCore

/// Combines the legs' progress into one bar: each leg's share of its file read (bytes) and
/// whether its detection is done, shown as `reading 2 legs` then `detecting: 1 of 2 legs done`.
///
/// Reading is most of a leg's work on disk but detection takes about as long again, so a leg
/// counts half when read and whole when detected. Safe from the legs' concurrent tasks: each
/// total is handed to the reporter while the legs' state is still held, so totals arrive in the
/// order they were computed and the bar never goes back (the reporter's lock is only ever taken
/// inside this one, never the other way).
final class _LegProgress: Sendable {
    private let reporter: ProgressReporter
    private let legCount: Int
    private let state: LockedValue<(read: [Double], detected: [Bool])>

    init(reporter: ProgressReporter, legCount: Int) {
        self.reporter = reporter
        self.legCount = max(1, legCount)
        state = LockedValue((read: [Double](repeating: 0, count: max(1, legCount)), detected: [Bool](repeating: false, count: max(1, legCount))))
    }

    /// Leg `leg` has read `fraction` of its file.
    func read(leg: Int, _ fraction: Double) {
        state.withLock { s in
            if s.read.indices.contains(leg) { s.read[leg] = fraction.isFinite ? min(1, max(0, fraction)) : 0 }
            reporter.update(Self.total(s), stage: Self.stage(s, legCount: legCount))
        }
    }

    /// Leg `leg` has been detected (or has failed: either way it is finished).
    func detected(leg: Int) {
        state.withLock { s in
            if s.detected.indices.contains(leg) {
                s.detected[leg] = true
                s.read[leg] = 1
            }
            reporter.update(Self.total(s), stage: Self.stage(s, legCount: legCount))
        }
    }

    /// Read legs count half, detected legs whole; the last 5 % are left for scoring and the report.
    private static func total(_ s: (read: [Double], detected: [Bool])) -> Double {
        let perLeg = zip(s.read, s.detected).map { read, detected in detected ? 1 : read / 2 }
        return 0.95 * perLeg.reduce(0, +) / Double(perLeg.count)
    }

    private static func stage(_ s: (read: [Double], detected: [Bool]), legCount: Int) -> String {
        let done = s.detected.filter { $0 }.count
        if s.read.allSatisfy({ $0 >= 1 }) || done > 0 {
            return "detecting: \(done) of \(legCount) done"
        }
        return legCount == 1 ? "reading 1 leg" : "reading \(legCount) legs"
    }
}
