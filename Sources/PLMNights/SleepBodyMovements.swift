import PLMCore

/// Body movements of sleep (a posture shift) that the sleep/wake rule does not read as wake.
///
/// A body movement is a scored movement longer than a leg movement can be
/// (``PublishedRules/maximumLegMovementDurationS``, 10 s): turning over moves the legs for
/// 5-60 s, enough for the epoch rule to wake its minute (and, through the Cole-Kripke weights,
/// the fourth minute after it). Polysomnography does not score such a movement as wake by
/// itself: an epoch obscured by a major body movement is wake when alpha rhythm is present for
/// any part of it or when an epoch of wake precedes or follows it, otherwise it takes the stage of
/// the epoch that follows (AASM Manual for the Scoring of Sleep, Berry et al., v2.x, "Major body
/// movements"). The ankle has no alpha; its sign of wake is movement. So a body movement lies in
/// sleep, and explains its own seconds (as a PLM does in ``UnexplainedActivity``), when
/// - **no other movement** of at least the shortest leg movement
///   (``PublishedRules/minimumLegMovementDurationS``, 0.5 s; twitches are shorter), on either leg,
///   overlaps the minutes from the one before the body movement's first minute to the one after
///   its last (in wake the legs keep moving around a posture shift; in sleep it stands alone
///   between stillness). Movements of PLM series count too: the irregular movements of wake form
///   series by chance, and a wake bout whose movements a chance series explains would otherwise
///   turn to sleep with its chance PLMs once the posture shift in it explains its own seconds
///   (measured in docs/nights.md section 4), and
/// - with its own seconds taken off, the **minute before** its first minute and the **minute
///   after** its last both read as sleep by the epoch rule (no wake precedes or follows it).
///
/// A body movement in the period's first or last minute stays wake activity (no neighbour).
/// No constant of its own: both durations are published, the neighbour is one epoch as in the
/// AASM rule. What it cannot do: a posture shift next to an isolated leg movement, or split by
/// the detector into two one-leg movements that the scorer does not combine, still reads as wake.
public enum SleepBodyMovements {
    /// A scored movement of the period, on the epochs' time line.
    public struct Movement: Sendable, Hashable {
        /// The legs it moved (indices into the legs' epochs): one, or both when bilateral.
        public var legs: [Int]
        public var span: TimeSpan
        /// Whether a PLM series explains it (its seconds are taken off the activity already).
        public var isExplainedByPLMSeries: Bool

        public init(legs: [Int], span: TimeSpan, isExplainedByPLMSeries: Bool) {
            self.legs = legs
            self.span = span
            self.isExplainedByPLMSeries = isExplainedByPLMSeries
        }
    }

    /// The body movements of `movements` that lie in sleep by the rule above, in their order.
    /// - Parameters:
    ///   - movingSeconds: per leg, the moving seconds of each minute of the period.
    ///   - minuteCount: minutes in the period; `firstMinute`: its first minute on the epochs'
    ///     time line (as in ``UnexplainedActivity/perMinute(movingSeconds:minuteCount:firstMinute:explained:)``).
    ///   - estimator: the epoch rule that reads the neighbouring minutes.
    public static func inSleep(
        _ movements: [Movement], movingSeconds: [[Double]], minuteCount count: Int, firstMinute: Int,
        estimator: SleepWakeEstimator
    ) -> [Movement] {
        let explainedByPLMs = movements.filter(\.isExplainedByPLMSeries).map { UnexplainedActivity.Explained(legs: $0.legs, span: $0.span) }
        let residual = UnexplainedActivity.residualSeconds(
            movingSeconds: movingSeconds, minuteCount: count, firstMinute: firstMinute, explained: explainedByPLMs)
        let others = movements.indices.filter { movements[$0].span.durationS >= PublishedRules.minimumLegMovementDurationS }
        let minuteS = InBedRules.epochLengthS
        return movements.indices.filter { index in
            let movement = movements[index]
            guard !movement.isExplainedByPLMSeries, movement.span.durationS > PublishedRules.maximumLegMovementDurationS,
                let minutes = touchedMinutes(movement.span, firstMinute: firstMinute, minuteCount: count),
                minutes.lowerBound >= 1, minutes.upperBound + 1 < count
            else { return false }
            let neighbourhood = TimeSpan(
                startS: Double(firstMinute + minutes.lowerBound - 1) * minuteS, endS: Double(firstMinute + minutes.upperBound + 2) * minuteS)
            guard !others.contains(where: { $0 != index && movements[$0].span.overlaps(neighbourhood) }) else { return false }
            let activity = activityWithout(movement, residual: residual, firstMinute: firstMinute, minutes: minutes)
            return estimator.readsAsSleep(minute: minutes.lowerBound - 1, minuteCount: count, activity: activity)
                && estimator.readsAsSleep(minute: minutes.upperBound + 1, minuteCount: count, activity: activity)
        }.map { movements[$0] }
    }

    /// The minutes of the period (indices) that `span` touches, as ``UnexplainedActivity`` counts
    /// them, or nil when it touches none.
    static func touchedMinutes(_ span: TimeSpan, firstMinute: Int, minuteCount count: Int) -> ClosedRange<Int>? {
        var first: Int?, last: Int?
        UnexplainedActivity.forEachMinute(of: span, firstMinute: firstMinute, minuteCount: count) { k, _ in
            if first == nil { first = k }
            last = k
        }
        guard let first, let last else { return nil }
        return first...last
    }

    /// Per minute (as a function of the minute's index), the largest over the legs of `residual`
    /// with `movement`'s seconds also taken off its legs in `minutes`.
    static func activityWithout(
        _ movement: Movement, residual: [[Double]], firstMinute: Int, minutes: ClosedRange<Int>
    ) -> (Int) -> Double {
        var taken = [Double](repeating: 0, count: minutes.count)
        UnexplainedActivity.forEachMinute(of: movement.span, firstMinute: firstMinute, minuteCount: minutes.upperBound + 1) { k, seconds in
            if minutes.contains(k) { taken[k - minutes.lowerBound] = seconds }
        }
        return { k in
            var largest = 0.0
            for (leg, seconds) in residual.enumerated() {
                var value = k < seconds.count ? seconds[k] : 0
                if minutes.contains(k), movement.legs.contains(leg) { value = max(0, value - taken[k - minutes.lowerBound]) }
                largest = max(largest, value)
            }
            return largest
        }
    }
}
