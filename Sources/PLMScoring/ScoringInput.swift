import PLMCore

/// Everything the scorer needs for one night: the movements and the context that qualifies them.
public struct ScoringInput: Sendable {
    /// Leg movements of one or both legs, in any order; indices into this array identify them in
    /// ``CandidateMovement/componentIndices``.
    public var movements: [LegMovement]
    /// The analysis window (for example lights off to lights on). Movements starting outside it
    /// are not scored.
    public var window: TimeSpan
    /// Defect time inside the window that is not valid recording (gaps, idle fill, clipping).
    /// Movements starting in it are not scored, it is subtracted from every denominator, and an IMI
    /// across it is unmeasurable (``RuleSet/excludedTimeBreaksIMI``).
    public var excludedSpans: [TimeSpan]
    /// Apnoea, hypopnoea and RERA events (start, end), for respiratory association.
    public var respiratoryEvents: [TimeSpan]
    /// Arousals (start, end), for arousal association.
    public var arousals: [TimeSpan]
    /// Sleep stages; without it, indices are per hour of valid time in the window.
    public var hypnogram: Hypnogram?

    public init(
        movements: [LegMovement], window: TimeSpan, excludedSpans: [TimeSpan] = [],
        respiratoryEvents: [TimeSpan] = [], arousals: [TimeSpan] = [], hypnogram: Hypnogram? = nil
    ) {
        self.movements = movements
        self.window = window
        self.excludedSpans = excludedSpans
        self.respiratoryEvents = respiratoryEvents
        self.arousals = arousals
        self.hypnogram = hypnogram
    }
}
