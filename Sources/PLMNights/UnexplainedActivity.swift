import PLMCore

/// The activity the sleep/wake rule reads (``SleepWakeEstimator``): per minute, the largest over
/// the legs of the leg's moving seconds **not explained by PLM series**.
///
/// Each leg movement of a scored PLM series explains its duration (rounded up to whole seconds)
/// plus one second of edge in every minute it touches, on its own leg only (a bilateral one on
/// both): a periodic movement of one leg does not explain what the other leg does in that minute.
/// Which series explain is the caller's choice: PLMKit passes the series that are periodic where
/// they occur (``LocalPeriodicity``).
public enum UnexplainedActivity {
    /// A periodic leg movement: the legs it moved (indices into the legs' epochs) and its time
    /// span, seconds on the epochs' time line.
    public struct Explained: Sendable, Hashable {
        public var legs: [Int]
        public var span: TimeSpan
        public init(legs: [Int], span: TimeSpan) {
            self.legs = legs
            self.span = span
        }
    }

    /// - Parameters:
    ///   - movingSeconds: per leg, the moving seconds of each minute of the period (a leg with
    ///     fewer minutes counts 0 in the rest).
    ///   - minuteCount: minutes in the period.
    ///   - firstMinute: the period's first minute on the epochs' time line (minute k covers
    ///     `[60 (firstMinute + k), 60 (firstMinute + k + 1))` s).
    ///   - explained: the periodic leg movements.
    /// - Returns: per minute of the period, the largest unexplained moving seconds over the legs.
    public static func perMinute(movingSeconds: [[Double]], minuteCount count: Int, firstMinute: Int, explained: [Explained]) -> [Double] {
        largestOverLegs(
            residualSeconds(movingSeconds: movingSeconds, minuteCount: count, firstMinute: firstMinute, explained: explained),
            minuteCount: count)
    }

    /// Per leg, the moving seconds of each minute left after `explained` (the legs' own lengths).
    public static func residualSeconds(movingSeconds: [[Double]], minuteCount count: Int, firstMinute: Int, explained: [Explained]) -> [[Double]] {
        var residual = movingSeconds
        for movement in explained {
            forEachMinute(of: movement.span, firstMinute: firstMinute, minuteCount: count) { k, seconds in
                for leg in movement.legs where leg >= 0 && leg < residual.count && k < residual[leg].count {
                    residual[leg][k] = max(0, residual[leg][k] - seconds)
                }
            }
        }
        return residual
    }

    /// Per minute, the largest of the legs' seconds (a leg with fewer minutes counts 0).
    public static func largestOverLegs(_ seconds: [[Double]], minuteCount count: Int) -> [Double] {
        (0..<count).map { k in seconds.map { k < $0.count ? $0[k] : 0 }.max() ?? 0 }
    }

    /// Calls `body(k, seconds)` for every minute k of the period (0..<minuteCount) that `span`
    /// touches, with the seconds the movement explains there: its overlap with the minute rounded
    /// up to whole seconds, plus one second of edge.
    static func forEachMinute(of span: TimeSpan, firstMinute: Int, minuteCount count: Int, _ body: (Int, Double) -> Void) {
        let minuteS = InBedRules.epochLengthS
        var minute = Int((span.startS / minuteS).rounded(.down))
        while Double(minute) * minuteS < span.endS {
            let k = minute - firstMinute
            if k >= 0, k < count {
                let m = TimeSpan(startS: Double(minute) * minuteS, endS: Double(minute + 1) * minuteS)
                let overlap = span.clamped(to: m)?.durationS ?? 0
                body(k, overlap.rounded(.up) + 1)
            }
            minute += 1
        }
    }
}
