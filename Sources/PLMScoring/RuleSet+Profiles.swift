extension RuleSet {
    /// WASM 2016 as we read it (the default profile).
    ///
    /// The standard's numbers; IMI bounds 10 <= IMI <= 90 s (the text's "10-90 s", as Luna);
    /// bilateral by overlap or gap < 0.5 s with chains; a CLM preceded by an IMI < 10 s may not
    /// start a series (SOMAS's reading: such a CLM is counted as a short-IMI CLM, never a PLM);
    /// IMIs from the previous CLM (a non-CLM makes it unmeasurable); LMs in wake kept; a long
    /// monolateral LM breaks the series; CLMr window -2.0..+10.25 s around the respiratory event end
    /// with a non-respiratory re-run; boundary arithmetic exact to 1 us.
    public static let wasm2016 = RuleSet(
        name: "wasm2016",
        minimumMovementDurationS: 0.5,
        maximumMonolateralCandidateDurationS: 10,
        durationMaximaInclusive: true,
        durationCounting: .offsetMinusOnset,
        longMovementHandling: .breaksSeries,
        sameLegJoining: .keptApart,
        bilateralGrouping: .offsetToOnsetGapChains,
        bilateralWindowS: 0.5,
        bilateralWindowInclusive: false,
        maximumBilateralComponents: 4,
        maximumBilateralCandidateDurationS: 15,
        imiMinimumS: 10,
        imiMaximumS: 90,
        imiMaximumInclusive: true,
        imiReference: .previousCandidate,
        shortIMICandidateMayStartSeries: false,
        minimumSeriesLength: 4,
        lastMovementMayJoinSeries: true,
        excludedTimeBreaksIMI: true,
        wakeMovementHandling: .keptInSeries,
        respiratoryWindow: .wasmAroundEventEnd,
        respiratoryHandling: .seriesWithAllThenRerunWithout,
        arousalMaximumGapS: 0.5,
        imiArithmetic: .exactMicroseconds,
        bilateralArithmetic: .exactMicroseconds)

    /// Reproduces Luna's `LM` command (lunapi 1.7.0, `dsp/plm.cpp`): like ``wasm2016`` except that
    /// a CLM after a short IMI starts a new series and IMIs are compared in floating point.
    public static let wasm2016Luna: RuleSet = {
        var r = RuleSet.wasm2016
        r.name = "wasm2016-luna"
        r.shortIMICandidateMayStartSeries = true
        r.imiArithmetic = .floatingPoint
        return r
    }()

    /// Reproduces SOMAS (`get_PLM_indices_WASM.m`, commit bfd2ca7): like ``wasm2016`` except IMI
    /// < 90 s (exclusive), IMIs measured from the previous LM of any kind, durations counted in
    /// inclusive 1-kHz samples (so 0.499 s is an LM and 10.000 s / 15.000 s are not CLMs; the limits
    /// themselves stay inclusive, as SOMAS's `> 10*Fs`), same-leg movements that touch, overlap or
    /// lie 1 ms apart joined into one, and the last LM never in a series.
    public static let wasm2016Somas: RuleSet = {
        var r = RuleSet.wasm2016
        r.name = "wasm2016-somas"
        r.durationCounting = .inclusiveMillisecondSamples
        r.sameLegJoining = .joinedOnMillisecondSamples
        r.imiMaximumInclusive = false
        r.imiReference = .previousMovement
        r.lastMovementMayJoinSeries = false
        return r
    }()

    /// Reproduces psgscoring 0.37.0's AASM series detection (`_merge_bilateral` with its 5 s
    /// AASM window, `_detect_series`): LMs 0.5-10 s (longer ones ignored), greedy bilateral pairs
    /// with onsets <= 5 s apart, series of >= 4 with 5 <= IMI <= 90 s, wake and respiratory LMs
    /// removed before series detection, AASM respiratory window, floating-point comparisons.
    public static let aasm = RuleSet(
        name: "aasm",
        minimumMovementDurationS: 0.5,
        maximumMonolateralCandidateDurationS: 10,
        durationMaximaInclusive: true,
        durationCounting: .offsetMinusOnset,
        longMovementHandling: .ignored,
        sameLegJoining: .keptApart,
        bilateralGrouping: .onsetToOnsetGreedyPairs,
        bilateralWindowS: 5,
        bilateralWindowInclusive: true,
        maximumBilateralComponents: 2,
        maximumBilateralCandidateDurationS: 15,
        imiMinimumS: 5,
        imiMaximumS: 90,
        imiMaximumInclusive: true,
        imiReference: .previousCandidate,
        shortIMICandidateMayStartSeries: true,
        minimumSeriesLength: 4,
        lastMovementMayJoinSeries: true,
        excludedTimeBreaksIMI: true,
        wakeMovementHandling: .removedBeforeSeries,
        respiratoryWindow: .aasmAroundEvent,
        respiratoryHandling: .removedBeforeSeries,
        arousalMaximumGapS: 0.5,
        imiArithmetic: .floatingPoint,
        bilateralArithmetic: .floatingPoint)

    /// Every built-in profile, the default first.
    public static let allProfiles: [RuleSet] = [.wasm2016, .wasm2016Luna, .wasm2016Somas, .aasm]

    /// The built-in profile with this name (`wasm2016`, `wasm2016-luna`, `wasm2016-somas`, `aasm`),
    /// or nil.
    public static func profile(named name: String) -> RuleSet? {
        allProfiles.first { $0.name == name }
    }

    /// Every built-in profile's description, one paragraph each, for `plm score --help`.
    public static var profilesHelpText: String {
        allProfiles.map(\.profileDescription).joined(separator: "\n")
    }

    /// One paragraph for `plm score --help`: what the profile is and how it differs from the default.
    public var profileDescription: String {
        switch name {
        case "wasm2016":
            return "wasm2016 (default): WASM 2016 as documented in docs/scoring-rules.md. CLM 0.5-10 s "
                + "(bilateral <= 15 s, <= 4 components, gap < 0.5 s); series of >= 4 CLMs with 10 <= IMI <= 90 s; "
                + "a CLM after an IMI < 10 s cannot start a series; wake LMs kept; CLMr -2.0..+10.25 s "
                + "around respiratory event ends; exact (1 us) boundaries."
        case "wasm2016-luna":
            return "wasm2016-luna: reproduces Luna's LM command. As wasm2016, but a CLM after a short "
                + "IMI may start a new series and IMIs are compared in floating point."
        case "wasm2016-somas":
            return "wasm2016-somas: reproduces SOMAS (get_PLM_indices_WASM.m) including its quirks. As "
                + "wasm2016, but IMI < 90 s (90 s excluded); IMIs are measured from the previous LM of any "
                + "kind; durations are counted in inclusive 1 kHz samples (a 0.499 s movement is an LM, a "
                + "10.000 s one is not a CLM, nor a 15.000 s bilateral one); movements of one leg that "
                + "touch, overlap or lie at most 1 ms apart are joined into one; and the last LM of the "
                + "night never joins a series."
        case "aasm":
            return "aasm: reproduces psgscoring's AASM scoring. LMs 0.5-10 s (longer ones ignored, the "
                + "series goes on); left/right LMs with onsets <= 5 s apart paired; series of >= 4 with "
                + "5 <= IMI <= 90 s; wake and respiratory LMs (0.5 s around the event) removed first."
        default:
            return "\(name): a custom rule set; see its settings."
        }
    }
}
