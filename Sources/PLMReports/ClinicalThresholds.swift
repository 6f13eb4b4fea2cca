/// The thresholds at which sleep specialists are usually consulted, as quoted in the HTML
/// report's plain-language note. The scorer's severity bands live with the scoring rules; these
/// numbers only feed the explanatory text.
public enum ClinicalThresholds {
    /// PLMS index above which PLM disorder is considered in adults, per hour of sleep
    /// (with a sleep complaint or daytime impairment not explained otherwise).
    /// Source: ICSD-3 (American Academy of Sleep Medicine, 2014), PLMD criteria.
    public static let adultPLMSIndexPerHour = 15.0

    /// PLMS index above which PLM disorder is considered in children, per hour of sleep.
    /// Source: ICSD-3 (American Academy of Sleep Medicine, 2014), PLMD criteria.
    public static let childPLMSIndexPerHour = 5.0

    /// IMI bounds of a PLM series under WASM 2016 (Ferri et al., Sleep Med 2016;26:86-95),
    /// marked on the IMI histograms, seconds.
    public static let seriesIMIBoundsS: (lower: Double, upper: Double) = (10, 90)

    /// Lower IMI bound of a PLM series under the AASM rules, seconds (upper as WASM, 90 s).
    /// Source: AASM Manual for the Scoring of Sleep 2007 (unchanged in v2.x/v3).
    public static let aasmSeriesIMIMinimumS = 5.0

    /// Minimum number of movements in a PLM series (WASM 2016 and AASM).
    public static let minimumSeriesLength = 4
}
