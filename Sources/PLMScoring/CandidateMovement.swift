/// Which legs a scored movement involves.
public enum CandidateSide: String, Sendable, Hashable, Codable, CaseIterable {
    case left
    case right
    case bilateral
}

/// Why a movement is not a candidate leg movement (CLM).
public enum CandidateExclusion: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shorter than the minimum LM duration: not a leg movement at all.
    case shorterThanMinimum
    /// Monolateral and longer than the CLM limit (an LM that breaks series under WASM).
    case longerThanMaximum
    /// Monolateral, longer than the limit, and ignored by the rules (AASM/psgscoring): not an LM.
    case longerThanMaximumIgnored
    /// Bilateral with a component longer than the monolateral CLM limit.
    case containsLongComponent
    /// Bilateral with more components than allowed.
    case tooManyComponents
    /// Bilateral and longer than the bilateral CLM limit.
    case bilateralTooLong
}

/// One scored movement: a monolateral LM, a bilateral LM combined from several, or a movement the
/// rules do not count, with everything the scorer decided about it.
public struct CandidateMovement: Sendable, Hashable, Codable {
    /// Left, right or bilateral.
    public var side: CandidateSide
    /// Earliest onset of its components, s since the recording start.
    public var onsetS: Double
    /// Latest offset of its components, s.
    public var offsetS: Double
    /// Offset minus onset, s.
    public var durationS: Double
    /// Indices into ``ScoringInput/movements`` of the monolateral movements it is made of.
    public var componentIndices: [Int]
    /// Whether it counts as a leg movement (false for too-short and ignored long movements).
    public var isLegMovement: Bool
    /// Whether it is a candidate LM (CLM; under AASM rules every LM is).
    public var isCandidate: Bool
    /// Why it is not a CLM, when it is not.
    public var exclusionReason: CandidateExclusion?
    /// Whether it belongs to a PLM series.
    public var isPeriodic: Bool
    /// The 1-based number of its series, when periodic.
    public var seriesNumber: Int?
    /// Inter-movement interval to the previous movement it is measured from, s; nil when it is not a
    /// CLM, is the first, or the interval is unmeasurable.
    public var imiS: Double?
    /// Whether it is a CLM preceded by a measurable IMI shorter than the series minimum.
    public var isShortIMI: Bool
    /// Whether it is respiratory-associated (CLMr under WASM).
    public var isRespiratory: Bool
    /// Whether it is periodic when series are re-run without respiratory CLMs (equals
    /// ``isPeriodic`` under rules that remove respiratory LMs before series detection).
    public var isPeriodicNonRespiratory: Bool
    /// Whether an arousal overlaps it or lies < 0.5 s from it.
    public var isArousalAssociated: Bool
    /// Whether its onset is in a sleep epoch; nil without a hypnogram or in unscored epochs.
    public var inSleep: Bool?
    /// The stage of the epoch holding its onset; nil without a hypnogram or outside it.
    public var sleepStage: SleepStage?
    /// Whether it took part in series detection (false for wake LMs or respiratory LMs that the
    /// rules remove first, and for non-LMs).
    public var enteredSeriesDetection: Bool

    public init(
        side: CandidateSide, onsetS: Double, offsetS: Double, durationS: Double,
        componentIndices: [Int], isLegMovement: Bool, isCandidate: Bool,
        exclusionReason: CandidateExclusion?, isPeriodic: Bool = false, seriesNumber: Int? = nil,
        imiS: Double? = nil, isShortIMI: Bool = false, isRespiratory: Bool = false,
        isPeriodicNonRespiratory: Bool = false, isArousalAssociated: Bool = false,
        inSleep: Bool? = nil, sleepStage: SleepStage? = nil, enteredSeriesDetection: Bool = false
    ) {
        self.side = side
        self.onsetS = onsetS
        self.offsetS = offsetS
        self.durationS = durationS
        self.componentIndices = componentIndices
        self.isLegMovement = isLegMovement
        self.isCandidate = isCandidate
        self.exclusionReason = exclusionReason
        self.isPeriodic = isPeriodic
        self.seriesNumber = seriesNumber
        self.imiS = imiS
        self.isShortIMI = isShortIMI
        self.isRespiratory = isRespiratory
        self.isPeriodicNonRespiratory = isPeriodicNonRespiratory
        self.isArousalAssociated = isArousalAssociated
        self.inSleep = inSleep
        self.sleepStage = sleepStage
        self.enteredSeriesDetection = enteredSeriesDetection
    }
}
