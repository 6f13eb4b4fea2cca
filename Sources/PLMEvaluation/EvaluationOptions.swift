import PLMCore

/// How detected movements are matched to reference movements.
public struct EvaluationOptions: Sendable, Hashable, Codable {
    /// Two events match when their overlap is at least this fraction of the shorter event ...
    public var minimumOverlapFraction: Double
    /// ... or when their onsets are at most this far apart, seconds.
    public var onsetToleranceS: Double
    /// Only movements with a duration in this range take part (nil: all). Default: the LM
    /// duration band, so that twitches, posture shifts and long movements are neither hits nor
    /// false alarms.
    public var durationRangeS: ClosedRange<Double>?

    public init(
        minimumOverlapFraction: Double = 0.5, onsetToleranceS: Double = 1.0,
        durationRangeS: ClosedRange<Double>? = EvaluationOptions.legMovementDurationS
    ) {
        self.minimumOverlapFraction = minimumOverlapFraction
        self.onsetToleranceS = onsetToleranceS
        self.durationRangeS = durationRangeS
    }

    /// Duration of a leg movement, seconds: 0.5-10 s.
    /// Source: AASM Manual 2007 (unchanged in v2.x/v3), LM duration 0.5-10 s; WASM 2016
    /// (Ferri et al., Sleep Med 2016;26:86-95): a monolateral candidate LM is 0.5-10 s.
    public static let legMovementDurationS: ClosedRange<Double> =
        PublishedRules.minimumLegMovementDurationS...10.0

    /// Overlap >= half the shorter event, or onsets within 1 s.
    public static let standard = EvaluationOptions()
}
