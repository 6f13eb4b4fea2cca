import PLMCore

/// Everything the scorer needs for one night: the movements and the context that qualifies them.
public struct ScoringInput: Sendable {
    /// Leg movements of one or both legs, in any order; indices into this array identify them in
    /// ``CandidateMovement/componentIndices``.
    public var movements: [LegMovement]
    /// The analysis window (for example lights off to lights on). Movements starting outside it
    /// are not scored.
    public var window: TimeSpan
    /// Time excluded for every leg whatever the rules (for example non-wear). Movements starting in
    /// it are not scored, it is subtracted from every denominator, and an IMI across it is
    /// unmeasurable (``RuleSet/excludedTimeBreaksIMI``).
    public var excludedSpans: [TimeSpan]
    /// Per recorded leg (and only those: a one-leg recording has one key), the time in which that
    /// leg has no valid data: its defects (gaps, idle fill, clipping) and the time its file does
    /// not cover. ``RuleSet/defectExclusion`` says what it takes out of scoring: with
    /// ``DefectExclusion/noLegRecorded`` only the time no recorded leg covers joins
    /// ``excludedSpans``, and a leg's own spans drop only that leg's movements; with
    /// ``DefectExclusion/anyLegDefective`` every leg's spans join ``excludedSpans``.
    public var legDefectSpans: [LegSide: [TimeSpan]]
    /// Apnoea, hypopnoea and RERA events (start, end), for respiratory association.
    public var respiratoryEvents: [TimeSpan]
    /// Arousals (start, end), for arousal association.
    public var arousals: [TimeSpan]
    /// Sleep stages; without it, indices are per hour of valid time in the window.
    public var hypnogram: Hypnogram?

    public init(
        movements: [LegMovement], window: TimeSpan, excludedSpans: [TimeSpan] = [],
        respiratoryEvents: [TimeSpan] = [], arousals: [TimeSpan] = [], hypnogram: Hypnogram? = nil,
        legDefectSpans: [LegSide: [TimeSpan]] = [:]
    ) {
        self.movements = movements
        self.window = window
        self.excludedSpans = excludedSpans
        self.legDefectSpans = legDefectSpans
        self.respiratoryEvents = respiratoryEvents
        self.arousals = arousals
        self.hypnogram = hypnogram
    }
}
