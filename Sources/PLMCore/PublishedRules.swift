/// Numbers from the published scoring standards that more than one pipeline stage needs.
///
/// The scoring rule sets (`PLMScoring.RuleSet`) carry every number of their standard; the
/// constants here are the few the detector needs too, so that the detector does not have to
/// depend on the scorer. Each cites its source.
public enum PublishedRules {
    /// Minimum duration of a leg movement, seconds.
    /// Source: AASM Manual 2007 (unchanged v2.x/v3), WASM 2016 (Ferri et al., Sleep Med 2016;26:86-95).
    public static let minimumLegMovementDurationS = 0.5

    /// A leg movement ends at the start of a period of at least this long at or below the
    /// offset level, seconds. Source: AASM 2007 and WASM 2016 (EMG offset rule).
    public static let offsetQuietDurationS = 0.5

    /// Maximum duration of a (monolateral) leg movement, seconds: a longer movement is not a
    /// candidate LM. Source: AASM Manual 2007 and WASM 2016 (Ferri et al. 2016). The scoring
    /// profiles carry their own copy in `RuleSet`; the detector uses this one.
    public static let maximumLegMovementDurationS = 10.0

    /// Largest PLM index (or any leg movement index) that can exist, per hour: one movement of
    /// the minimum duration (0.5 s) every 0.5 s, 3600 / 0.5 = 7200 /h. An index beyond it in a file
    /// is damage, not a night. Derived from ``minimumLegMovementDurationS``.
    public static let largestPossibleIndexPerHour = 3600 / minimumLegMovementDurationS

    /// Periodicity index (Ferri et al., Sleep 2006;29:759-769): an inter-movement interval (onset
    /// to onset of consecutive leg movements) is periodic when it lies within 10-90 s, inclusive,
    /// and belongs to a run of at least 3 consecutive such intervals; the index is the share of
    /// periodic intervals. Lower and upper bound, seconds, and the shortest run.
    public static let periodicityIMIMinimumS = 10.0
    public static let periodicityIMIMaximumS = 90.0
    public static let periodicityMinimumRun = 3
}
