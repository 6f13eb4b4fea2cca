import PLMCore

/// The numbers that decide what the reader calls a defect, in one place, each with its reason.
public enum DefectThresholds {
    /// A time step is a gap when it exceeds the nominal period by more than
    /// `max(gapExcessPeriods × period, gapExcessMinimumS)`.
    ///
    /// Axivity AX3/AX6 exports step 9.7-10.3 ms at a nominal 100 Hz and now and then 20 ms
    /// (FORMATS.md; GGIR's `ax3_testfile.csv`): one late sample is jitter, not missing data. A step
    /// of 2.5 periods (and at least 50 ms) means at least one sample is truly missing; 50 ms is
    /// a tenth of the shortest leg movement (0.5 s, WASM 2016), so smaller holes cannot hide one.
    public static let gapExcessPeriods = 1.5
    /// See ``gapExcessPeriods``.
    public static let gapExcessMinimumS = 0.05

    /// Minimum length, seconds, of a run of identical (non-zero) rows reported as idle-sleep fill.
    ///
    /// ActiGraph's idle-sleep mode starts after 10 s without movement and then repeats the last
    /// sample (ActiGraph ISM documentation). Coarsely quantised sensors (Axivity: 1/64 g) resting
    /// still can repeat a row for a few seconds genuinely, so shorter runs are not called fill.
    public static let idleFillMinimumS = 10.0

    /// A run of 0,0,0 rows of any length is zero fill: a worn sensor always measures gravity (1 g).
    public static let zeroFillMinimumRows = 1

    /// Standard sensor ranges, g (GT3X ±3, GT3X+ ±6, wGT3X-BT/GT9X/GENEActiv/Axivity ±8,
    /// Axivity up to ±16, Empatica ±2; FORMATS.md).
    public static let standardRangesG: [Double] = [2, 3, 4, 6, 8, 12, 16]
    /// The largest |value| is taken as a clipping level when it lies within this fraction of a
    /// standard range and at least ``clippingMinimumSamples`` samples reach it.
    public static let clippingRangeTolerance = 0.02
    /// See ``clippingRangeTolerance``: one sample at the maximum is a peak, not saturation.
    public static let clippingMinimumSamples = 2
    /// Clipped runs closer than this, seconds, are reported as one defect.
    public static let clippingMergeS = 1.0
    /// A clipping run (after merging) no longer than this, seconds, is part of a movement and
    /// stays in detection and scoring (``RecordingDefect/excludesFromScoring``); a longer one is
    /// excluded. The longest leg movement (10 s, WASM 2016): a leg pushed beyond the range for
    /// longer than any LM lasts is not one LM's peak, and a sensor stuck at its range looks the
    /// same, so that time is left out as before.
    public static let clippingInMovementMaximumS = PublishedRules.maximumLegMovementDurationS
    /// A clipping run in which one axis stays at the range for more than this many seconds
    /// without a break is ``RecordingDefect/Kind-swift.enum/sustainedClipping``: excluded, not a
    /// movement's peak. Physics, not a fit: an axis at the range (2 g or more) carries at least
    /// 1 g beyond gravity; held for 1 s that is a change of speed of about 10 m/s (or, as the
    /// centripetal part of a swing of a 0.5-m shank, 250 degrees of rotation), which no leg
    /// movement in bed reaches. A stuck axis or a sensor overloaded by something other than the
    /// leg does. (On the project's simulated nights the longest such stretch is 5 samples, 0.2 s.)
    public static let sustainedClippingS = 1.0

    /// Relative difference between declared and measured rate above which a rate mismatch is
    /// reported (GENEActiv declares 85.7 Hz for 85.714 Hz: 0.02 % off).
    public static let rateMismatchTolerance = 0.01

    /// Lowest sampling rate accepted as raw acceleration, Hz. Raw exports run at 10-100 Hz
    /// (GENEActiv from 10 Hz, ActiGraph from 30 Hz); a file stepping once a second or slower is
    /// epoch data (counts or summaries per epoch), whatever its columns are called.
    public static let minimumRawRateHz = 5.0

    /// The median vector magnitude of samples (zero and missing rows excluded) must lie in
    /// this range, g, for the unit to be accepted: gravity is 1 g, and movement moves the median little.
    public static let plausibleMedianMagnitudeG: ClosedRange<Double> = 0.5...2.0

    /// Largest |acceleration|, g, taken as a reading; beyond it a value is an out-of-range defect
    /// (kept as NaN, excluded). The widest accelerometers sold measure ±200 g (ADXL377 high-g
    /// range) and no ankle reaches even ±16 g, but a file read in the wrong unit must still reach
    /// the unit check intact (16-bit raw counts read as g stay below 65 536), so the bound sits far
    /// above both: 10^6 g. It also keeps every value well inside `Float`'s range (3.4e38).
    public static let largestValueG = 1e6
}
