/// What "per hour" means in ``PLMIndices``.
public enum HoursBasis: String, Sendable, Hashable, Codable {
    /// Per hour of total sleep time from the hypnogram (movements in sleep only): PLMS index.
    case totalSleepTime
    /// Per hour of valid recording in the analysis window (time in bed minus defect time), with all
    /// movements counted, because sleep is not known.
    case validTimeInBed
}

/// Counts and per-hour indices of one scored night.
public struct PLMIndices: Sendable, Hashable, Codable {
    /// Leg movements (>= 0.5 s; bilateral ones counted once) in the analysis window.
    public var lmCount: Int
    /// Candidate LMs.
    public var clmCount: Int
    /// PLMs (CLMs in series).
    public var plmCount: Int
    /// LMs, CLMs and PLMs per hour of ``hoursBasis``, counting movements in sleep when the basis is
    /// total sleep time; nil when the basis has no time.
    public var lmIndex: Double?
    public var clmIndex: Double?
    public var plmIndex: Double?
    /// PLMs in sleep and their index per hour of sleep (nil without a hypnogram).
    public var plmsCount: Int?
    public var plmsIndex: Double?
    /// PLMs in wake and their index per hour of wake (nil without a hypnogram).
    public var plmwCount: Int?
    public var plmwIndex: Double?
    /// PLMs in NREM (N1-N3) and REM sleep and their indices per hour of NREM and REM sleep (nil
    /// without a hypnogram). WASM 2016 reports PLMS-NREM and PLMS-REM.
    public var plmNREMCount: Int?
    public var plmNREMIndex: Double?
    public var plmREMCount: Int?
    public var plmREMIndex: Double?
    /// PLMs that remain when series are found without respiratory CLMs, and their index.
    public var nonRespiratoryPLMCount: Int
    public var nonRespiratoryPLMIndex: Double?
    /// Respiratory-associated CLMs.
    public var respiratoryCLMCount: Int
    /// Arousal-associated PLMs.
    public var arousalPLMCount: Int
    /// CLMs preceded by a measurable IMI below the series minimum (WASM short-IMI CLMs) and their index.
    public var shortIMICLMCount: Int
    public var shortIMICLMIndex: Double?
    /// CLMs neither periodic nor short-IMI (WASM isolated CLMs) and their index.
    public var isolatedCLMCount: Int
    public var isolatedCLMIndex: Double?
    /// LMs by side (bilateral ones in ``bilateralLMCount``).
    public var leftLMCount: Int
    public var rightLMCount: Int
    public var bilateralLMCount: Int
    /// Series count, mean and longest series length (PLMs per series).
    public var seriesCount: Int
    public var meanSeriesLength: Double?
    public var maxSeriesLength: Int?
    /// Periodicity index (Ferri et al., Sleep 2006): the fraction of IMIs that belong to runs of at
    /// least 3 consecutive IMIs of 10-90 s; 0-1; nil without IMIs.
    public var periodicityIndexFerri2006: Double?
    /// PLM count divided by CLM count (what some software calls "periodicity"; not Ferri's index).
    public var plmToCLMRatio: Double?
    /// Hours of the analysis window (time in bed).
    public var timeInBedHours: Double
    /// Hours of the window that are valid recording (defect time removed).
    public var validHours: Double
    /// Total sleep time within valid time, h (nil without a hypnogram).
    public var totalSleepHours: Double?
    /// Wake time within valid time, h (nil without a hypnogram).
    public var wakeHours: Double?
    /// NREM and REM sleep time within valid time, h (nil without a hypnogram).
    public var nremHours: Double?
    public var remHours: Double?
    /// What the indices are per hour of.
    public var hoursBasis: HoursBasis
    /// Monolateral movements (components) per leg, and (left - right) / (left + right); nil if none.
    public var leftComponentCount: Int
    public var rightComponentCount: Int
    public var leftRightAsymmetry: Double?
}
