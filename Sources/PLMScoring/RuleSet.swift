/// Every number and every disputed choice of a PLM scoring standard, as named data.
///
/// A rule set is what `plm score --rules NAME` selects. The numbers come from the AASM manual
/// (2007, unchanged through v3 for these rules) and the WASM 2016 standard (Ferri et al., Sleep Med
/// 2016;26:86-95); the choices where open implementations read the standards differently are
/// options, each with the implementation that made it. `docs/scoring-rules.md` lists them all.
///
/// Build one from a profile (``wasm2016``, ``wasm2016Luna``, ``wasm2016Somas``, ``aasm``) and
/// change single fields for a sensitivity analysis.
public struct RuleSet: Sendable, Hashable, Codable {
    /// Profile name (`wasm2016`, `wasm2016-luna`, `wasm2016-somas`, `aasm`, or a caller's own).
    public var name: String

    // MARK: Leg movements

    /// Minimum duration of a leg movement, s; shorter movements are not LMs and do not affect
    /// anything. Source: AASM 2007 rule A.1; WASM 2016 (every LM >= 0.5 s).
    public var minimumMovementDurationS: Double
    /// Longest monolateral candidate LM, s (inclusive). Source: AASM 2007 rule A.2 (LM 0.5-10 s);
    /// WASM 2016 (CLM 0.5-10 s monolateral). Luna `max-clm-dur`, SOMAS `10*Fs`.
    public var maximumMonolateralCandidateDurationS: Double
    /// Whether a movement exactly as long as a CLM limit (10 s monolateral or component, 15 s
    /// bilateral), as ``durationCounting`` measures it, is still a CLM. WASM 2016 ("0.5-10 s"), Luna
    /// (`dur <= max_clm_dur`), psgscoring and SOMAS (`> 10*Fs` rejects): yes. SOMAS still rejects a
    /// movement annotated as exactly 10.000 s, because it counts 10001 inclusive samples.
    public var durationMaximaInclusive: Bool
    /// How durations are measured for the 0.5 s minimum and the 10 s / 15 s maxima. WASM 2016, Luna,
    /// psgscoring: offset minus onset. SOMAS: inclusive 1-kHz samples (a 0.499 s movement is an LM,
    /// a 10.000 s one is not a CLM), ``DurationCounting/inclusiveMillisecondSamples``.
    public var durationCounting: DurationCounting
    /// What a monolateral movement longer than ``maximumMonolateralCandidateDurationS`` does.
    /// WASM 2016, Luna, SOMAS: it is an LM but not a CLM and ends a series (``LongMovementHandling/breaksSeries``).
    /// psgscoring's detector never reports it (``LongMovementHandling/ignored``): a series goes on across it.
    public var longMovementHandling: LongMovementHandling
    /// Whether movements of one leg that touch, overlap or lie at most one 1-kHz sample (1 ms) apart
    /// become one movement. SOMAS: yes (each leg is one 0/1 vector); WASM 2016, Luna, psgscoring: no.
    public var sameLegJoining: SameLegJoining

    // MARK: Bilateral movements

    /// How movements of the two legs are combined into one bilateral LM.
    /// WASM 2016: overlap or offset-to-onset gap < 0.5 s (Luna: union over chains; SOMAS: onset within
    /// [onset, offset + 0.5 s) of the other leg, the same relation). AASM 2007 rule B.4: onsets < 5 s
    /// apart; psgscoring pairs greedily with onset distance <= window.
    public var bilateralGrouping: BilateralGrouping
    /// The window of ``bilateralGrouping``, s: the largest offset-to-onset gap (WASM 0.5) or
    /// onset-to-onset distance (AASM 5.0).
    public var bilateralWindowS: Double
    /// Whether a distance equal to ``bilateralWindowS`` still combines. WASM 2016 / Luna / SOMAS:
    /// no (strict `<`). AASM text: no ("less than 5 s"); psgscoring: yes (`<=`).
    public var bilateralWindowInclusive: Bool
    /// Most monolateral components a bilateral CLM may have. Source: WASM 2016 (<= 4); Luna
    /// `bilateral-max-components`; SOMAS rule 2 (>= 5 rejects).
    public var maximumBilateralComponents: Int
    /// Longest bilateral CLM, s (inclusive). Source: WASM 2016 (<= 15 s); Luna `bilateral-max-dur`.
    /// Never binding for AASM pairs (two <= 10 s movements with onsets <= 5 s apart span <= 15 s).
    public var maximumBilateralCandidateDurationS: Double

    // MARK: Inter-movement intervals and series

    /// Shortest IMI (onset to onset) inside a series, s, inclusive in every source.
    /// AASM 2007 rule B.2: 5 s. WASM 2016: 10 s.
    public var imiMinimumS: Double
    /// Longest IMI inside a series, s. Source: AASM 2007 rule B.3 and WASM 2016: 90 s.
    public var imiMaximumS: Double
    /// Whether an IMI equal to ``imiMaximumS`` continues a series. Luna and psgscoring: yes (`<=`);
    /// SOMAS: no (`< 90`).
    public var imiMaximumInclusive: Bool
    /// Which movement an IMI is measured from. WASM 2016 text and Luna: the previous CLM, and a
    /// non-CLM in between makes the IMI unmeasurable; SOMAS: the previous LM of any kind.
    public var imiReference: IMIReference
    /// Whether a CLM preceded by an IMI shorter than ``imiMinimumS`` may be the first PLM of a new
    /// series. Luna: yes. SOMAS (Ferri co-author): no (its `cond = ~short_interval`).
    public var shortIMICandidateMayStartSeries: Bool
    /// Fewest consecutive movements that make a series. Source: AASM 2007 rule B.1, WASM 2016: 4.
    public var minimumSeriesLength: Int
    /// Whether the last movement that enters series detection may be a PLM. The standards, Luna and
    /// psgscoring: yes. SOMAS: no; its series loop (`get_PLM_indices_WASM.m` lines 407-422, and
    /// 557-581 for the non-respiratory re-run) stops before adding the final index, an artefact of
    /// the loop bound that no standard supports.
    public var lastMovementMayJoinSeries: Bool
    /// Whether an IMI that spans excluded (defect) time is unmeasurable, ending a series. Our rule
    /// for accelerometer recordings (no standard speaks of it): yes in every profile.
    public var excludedTimeBreaksIMI: Bool
    /// Which time a defect of one leg's recording (gap, clipping, not recording) takes out of
    /// scoring when two legs were recorded. Our rule for accelerometer recordings (no standard
    /// speaks of it): ``DefectExclusion/noLegRecorded`` in every profile; ``DefectExclusion/anyLegDefective``
    /// is PLMKit's rule before it (docs/scoring-rules.md, "Defects of one leg").
    public var defectExclusion: DefectExclusion

    // MARK: Sleep, respiration, arousal

    /// What happens to LMs that start in wake when a hypnogram is given. WASM 2016, Luna and SOMAS
    /// keep them in series detection (PLMW exist); psgscoring removes them first.
    public var wakeMovementHandling: WakeMovementHandling
    /// Which time around a respiratory event makes a movement respiratory.
    public var respiratoryWindow: RespiratoryWindow
    /// How respiratory movements enter series detection.
    public var respiratoryHandling: RespiratoryHandling
    /// Largest gap between an LM and an arousal for them to be associated, s (strict `<`; overlap
    /// counts). Source: AASM 2007 and WASM 2016 ("overlapping or < 0.5 s apart, either order").
    public var arousalMaximumGapS: Double

    // MARK: Arithmetic at the boundaries

    /// How IMIs are compared with their bounds. Luna and psgscoring subtract floating-point onsets,
    /// so an IMI of exactly 10 s between onsets such as 90.01 s and 100.01 s can come out as
    /// 9.99999999999999 s; ``TimeArithmetic/exactMicroseconds`` compares at 1 us resolution.
    public var imiArithmetic: TimeArithmetic
    /// How bilateral gaps and onset distances are compared with ``bilateralWindowS``. Luna compares
    /// integer time points (exact); psgscoring subtracts floating-point onsets.
    public var bilateralArithmetic: TimeArithmetic

    /// Creates a rule set from every field; start from a profile instead where you can.
    public init(
        name: String,
        minimumMovementDurationS: Double,
        maximumMonolateralCandidateDurationS: Double,
        durationMaximaInclusive: Bool,
        durationCounting: DurationCounting,
        longMovementHandling: LongMovementHandling,
        sameLegJoining: SameLegJoining,
        bilateralGrouping: BilateralGrouping,
        bilateralWindowS: Double,
        bilateralWindowInclusive: Bool,
        maximumBilateralComponents: Int,
        maximumBilateralCandidateDurationS: Double,
        imiMinimumS: Double,
        imiMaximumS: Double,
        imiMaximumInclusive: Bool,
        imiReference: IMIReference,
        shortIMICandidateMayStartSeries: Bool,
        minimumSeriesLength: Int,
        lastMovementMayJoinSeries: Bool,
        excludedTimeBreaksIMI: Bool,
        wakeMovementHandling: WakeMovementHandling,
        respiratoryWindow: RespiratoryWindow,
        respiratoryHandling: RespiratoryHandling,
        arousalMaximumGapS: Double,
        imiArithmetic: TimeArithmetic,
        bilateralArithmetic: TimeArithmetic,
        defectExclusion: DefectExclusion = .noLegRecorded
    ) {
        self.name = name
        self.minimumMovementDurationS = minimumMovementDurationS
        self.maximumMonolateralCandidateDurationS = maximumMonolateralCandidateDurationS
        self.durationMaximaInclusive = durationMaximaInclusive
        self.durationCounting = durationCounting
        self.longMovementHandling = longMovementHandling
        self.sameLegJoining = sameLegJoining
        self.bilateralGrouping = bilateralGrouping
        self.bilateralWindowS = bilateralWindowS
        self.bilateralWindowInclusive = bilateralWindowInclusive
        self.maximumBilateralComponents = maximumBilateralComponents
        self.maximumBilateralCandidateDurationS = maximumBilateralCandidateDurationS
        self.imiMinimumS = imiMinimumS
        self.imiMaximumS = imiMaximumS
        self.imiMaximumInclusive = imiMaximumInclusive
        self.imiReference = imiReference
        self.shortIMICandidateMayStartSeries = shortIMICandidateMayStartSeries
        self.minimumSeriesLength = minimumSeriesLength
        self.lastMovementMayJoinSeries = lastMovementMayJoinSeries
        self.excludedTimeBreaksIMI = excludedTimeBreaksIMI
        self.defectExclusion = defectExclusion
        self.wakeMovementHandling = wakeMovementHandling
        self.respiratoryWindow = respiratoryWindow
        self.respiratoryHandling = respiratoryHandling
        self.arousalMaximumGapS = arousalMaximumGapS
        self.imiArithmetic = imiArithmetic
        self.bilateralArithmetic = bilateralArithmetic
    }
}

/// What a monolateral movement longer than the CLM limit does to series detection.
public enum LongMovementHandling: String, Sendable, Hashable, Codable, CaseIterable {
    /// It is an LM, not a CLM, and it ends any series (WASM 2016, Luna, SOMAS).
    case breaksSeries
    /// It is not a leg movement at all: dropped before bilateral grouping, so a series goes on
    /// across it (psgscoring, whose detector keeps only 0.5-10 s movements; AASM's LM definition).
    case ignored
}

/// How movements of the two legs become one bilateral movement.
public enum BilateralGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// Opposite-leg movements that overlap or whose gap (offset of one to onset of the next) is
    /// below the window are joined, and joins chain (L-R-L... can form one movement), as in Luna's
    /// union-find and SOMAS's span union. WASM 2016.
    case offsetToOnsetGapChains
    /// Each left movement, in onset order, is paired with the first unused right movement whose
    /// onset lies within the window of its own; at most two components (psgscoring `_merge_bilateral`).
    /// AASM 2007 rule B.4 ("onsets < 5 s apart").
    case onsetToOnsetGreedyPairs
}

/// Which earlier movement an inter-movement interval is measured from.
public enum IMIReference: String, Sendable, Hashable, Codable, CaseIterable {
    /// The previous CLM; a non-CLM between the two makes the IMI unmeasurable (WASM 2016 text, Luna).
    case previousCandidate
    /// The previous LM whatever its kind (SOMAS `diff(start_LM)`).
    case previousMovement
}

/// Which time a defect of one leg's recording takes out of scoring (``ScoringInput/legDefectSpans``).
public enum DefectExclusion: String, Sendable, Hashable, Codable, CaseIterable {
    /// Time is excluded only where no recorded leg has valid data. Where one leg has a defect and
    /// the other recorded, the recording leg's movements are scored, as a one-ankle device (PAM-RL)
    /// is scored all night; the defective leg contributes nothing there (its movements starting in
    /// its own defect are not scored). IMIs across that time are measured, and it counts in every
    /// denominator. The default: the valid leg's movements are real observations, and dropping
    /// them breaks every series that runs through the other leg's gap.
    case noLegRecorded
    /// Time in which any leg has a defect is excluded for both legs (PLMKit's rule before the
    /// default changed): movements of either leg starting in it are not scored, an IMI across it is
    /// unmeasurable (``RuleSet/excludedTimeBreaksIMI``) and it leaves every denominator.
    case anyLegDefective
}

/// What LMs that start in a wake epoch do in series detection.
public enum WakeMovementHandling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Kept: series run through wake, PLMs in wake are PLMW (WASM 2016, Luna, SOMAS).
    case keptInSeries
    /// Removed before series detection (psgscoring).
    case removedBeforeSeries
}

/// The time around a respiratory event during which a movement is respiratory.
public enum RespiratoryWindow: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any part of the movement within 2.0 s before to 10.25 s after the event's end: CLMr
    /// (WASM 2016 after Manconi et al., Sleep 2015).
    case wasmAroundEventEnd
    /// Any part of the movement within 0.5 s before the event's start to 0.5 s after its end
    /// (AASM 2007; psgscoring `resp_exclusion="aasm"`).
    case aasmAroundEvent

    /// Seconds before the reference point (event end for WASM, event start for AASM).
    public var beforeS: Double { self == .wasmAroundEventEnd ? 2.0 : 0.5 }
    /// Seconds after the event's end.
    public var afterS: Double { self == .wasmAroundEventEnd ? 10.25 : 0.5 }
}

/// How respiratory movements enter series detection.
public enum RespiratoryHandling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Series are found with all CLMs (CLMr included) for the total PLM index; the non-respiratory
    /// index re-runs series detection without the CLMr (WASM 2016, SOMAS).
    case seriesWithAllThenRerunWithout
    /// Respiratory LMs are removed before series detection, which measures IMIs across them
    /// (psgscoring; AASM 2007 "not scored as PLM").
    case removedBeforeSeries
}

/// How two times are subtracted before a boundary comparison.
public enum TimeArithmetic: String, Sendable, Hashable, Codable, CaseIterable {
    /// Differences are rounded to whole microseconds, so an interval written as exactly 10 s is 10 s.
    case exactMicroseconds
    /// Plain floating-point subtraction, as Luna (IMIs) and psgscoring do.
    case floatingPoint
}
