/// Every number the in-bed, non-wear and sleep/wake rules use, in one place with its source.
///
/// The published numbers come from van Hees et al. (non-wear: PLoS ONE 2011;6:e22922 and
/// PLoS ONE 2013;8:e61691; sleep period time window "HDCZA": Sci Rep 2018;8:12975) and
/// Cole et al. (Sleep 1992;15:461-469). Where a rule was made for the wrist or hip and had to be
/// adapted to the ankle, the adaptation is named and justified next to the number.
public struct InBedRules: Sendable, Hashable {
    // MARK: Epochs

    /// Length of one epoch, s. GGIR summarises in 5-s epochs; per-minute epochs are the unit of
    /// Cole-Kripke (1992) and of actigraphy sleep/wake scoring, and keep 7 days at 10,080 epochs.
    public static let epochLengthS = 60.0

    /// A second counts as moving when the mean acceleration vector of the second differs from the
    /// previous second's by more than this, g (20 mg = a 1.1 degree turn of gravity; the noise of a
    /// one-second mean is below 3 mg even for a 10 mg RMS sensor at 20 Hz). Own choice.
    public var movingSecondChangeG = 0.020
    /// ... or when the acceleration magnitude varies within the second by more than this SD, g.
    /// Own choice: three times the noise SD of a 10 mg sensor.
    public var movingSecondSDG = 0.030
    /// A second counts as walking-like when the magnitude SD within it exceeds this, g: heel strike
    /// and swing give the ankle 0.5-3 g peaks, leg movements in bed stay below ~0.1 g. Own choice.
    public var walkingSecondSDG = 0.15

    // MARK: Non-wear (van Hees 2011, 2013; GGIR defaults)

    /// Window of the non-wear test, minutes (van Hees 2013: 60 min).
    public var nonWearWindowMinutes = 60
    /// Step between windows, minutes (van Hees 2013: 15 min).
    public var nonWearStepMinutes = 15
    /// Per-axis SD below which an axis is still, g (van Hees 2011: 13 mg, GENEActiv/ActiGraph).
    public var nonWearSDG = 0.013
    /// Per-axis range below which an axis is still, g (van Hees 2011: 50 mg).
    public var nonWearRangeG = 0.050
    /// Axes (of 3) that must be still (van Hees 2013: at least 2).
    public var nonWearStillAxes = 2

    // MARK: Posture (ankle adaptation of HDCZA's angle)

    /// An epoch is a walking epoch when at least this many of its seconds are walking-like; the
    /// mean gravity direction of walking epochs is the shank's upright direction (own choice: the
    /// sensor's mounting on the ankle is unknown, walking is the one activity certain to be upright).
    public var walkingEpochSeconds = 20
    /// Walking epochs needed before an upright direction is trusted (own choice: 5 min).
    public var minimumWalkingEpochs = 5
    /// An epoch is lying when its gravity direction is at least this far from upright, degrees:
    /// the shank is within 40 degrees of horizontal (standing 0-10, sitting on a chair 0-30,
    /// lying 75-95; own choice between the two).
    public var lyingTiltDegrees = 50.0
    /// Upright interruptions of a lying run up to this long are bridged, minutes (turning in bed
    /// can lift the shank briefly). Own choice.
    public var bridgeUprightMinutes = 2

    // MARK: Rest within lying (HDCZA's sustained low-movement blocks, at the ankle)

    /// An epoch is quiet when at most this many of its seconds move (own choice: wake in bed and
    /// a sofa evening move in 10-20 s of a minute per leg; sleep moves in 0-2, and in 4-6 during a
    /// PLM series of two to three 2-s movements a minute, which must not break rest).
    public var quietEpochMaxMovingSeconds = 6
    /// Quiet epochs count as rest only in runs of at least this many minutes (own choice; HDCZA
    /// asks 30 min of low angle change, at the ankle PLM series interrupt rest every few minutes).
    public var restBoutMinutes = 10
    /// A lying run with at least this much rest is an in-bed period, minutes; one with less is
    /// lying awake (a sofa evening with legs up). Own choice.
    public var minimumRestMinutes = 20
    /// In-bed periods separated by at most this much time (a trip to the bathroom) are one period,
    /// minutes (HDCZA merges gaps up to 60 min; shorter here because a sofa evening lies between
    /// two in-bed candidates only 5-10 min apart when it is followed by bed).
    public var mergeGapMinutes = 20
    /// An in-bed period at least this long is a night; shorter ones are naps, hours (issue 13).
    public var nightMinimumHours = 3.0

    // MARK: Sleep/wake within bed (Cole-Kripke 1992 shape, ankle weights)

    /// Weights of minutes -4...+2 around the scored minute: the Cole-Kripke (1992) shape for
    /// 60-s epochs as ActiGraph implements it (106, 54, 58, 76, 230, 74, 67 x 0.001 on counts/100).
    /// Here the activity is "moving seconds not explained by PLM series" (see ``SleepWakeEstimator``).
    public var sleepWakeWeights: [Double] = [106, 54, 58, 76, 230, 74, 67]
    /// Scale of the weighted sum: a minute is wake when `scale x sum(weight x activity) >= 1`.
    /// Own choice: sustained activity of 6 unexplained moving seconds per minute (wake in bed moves
    /// in 8-20 s of a minute) reaches the threshold; one posture shift in sleep (~20 s) wakes one
    /// or two minutes only.
    public var sleepWakeScale = 1.0 / (665 * 6)
    /// Sleep onset: the first run of at least this many sleep minutes; final awakening: the end
    /// of the last such run (own choice; actigraphy commonly uses 10-20 min, e.g. Sadeh 1994: 20).
    public var sleepRunMinutes = 10
    /// A PLM series explains its movements (``UnexplainedActivity``) only when the leg movements
    /// around it are periodic: the periodicity index (Ferri et al., Sleep 2006) of the movements from
    /// this long before its first movement to this long after its last, seconds, reaches
    /// ``minimumLocalPeriodicityIndex`` (``LocalPeriodicity``). Own choice: one epoch of the
    /// sleep/wake rule each side, so that the movements of the minutes the series touches count.
    public var localPeriodicityMarginS = 60.0
    /// The smallest local periodicity index at which a PLM series counts as sleep-like: most of the
    /// intervals periodic. Own choice between the published values: PLMS in RLS have an index of
    /// 0.86 +- 0.10 (Shin et al., J Clin Sleep Med 2016;12:1089-1097), while leg movements in wake
    /// have one interval peak near 4 s and little periodicity, in patients and controls alike
    /// (Ferri et al., Sleep Med 2012;13:529-535).
    public var minimumLocalPeriodicityIndex = 0.5

    public init() {}

    /// The rules as used by default.
    public static let standard = InBedRules()
}
