/// The kinds of night the simulator makes, each built to land in a PLMS index band under the
/// default rules (WASM 2016).
///
/// The bands of healthy, mild, moderate and severe follow the severity bands in use
/// (ICSD-1: normal < 5, mild 5-24, moderate 25-49, severe >= 50 per hour; the simulator's mild
/// night aims at 15-25, above the ICSD-3 clinical threshold of 15). `noisy` is a moderate night
/// recorded by a poor sensor (higher noise, spikes, gaps, clipping, timestamp jitter, clock drift);
/// `restless` is a night with much wake, many posture shifts and many non-periodic movements and
/// a PLMS index between 5 and 15.
public enum SimulationProfile: String, Sendable, Hashable, Codable, CaseIterable {
    case healthy
    case mild
    case moderate
    case severe
    case noisy
    case restless

    /// The PLMS index band `[lower, upper)` per hour of sleep that the night is built to land in,
    /// as scored under the default rules from the truth's movements.
    public var plmsIndexBand: (lower: Double, upper: Double) {
        switch self {
        case .healthy: (0, 5)
        case .mild: (15, 25)
        case .moderate: (25, 50)
        case .severe: (50, .infinity)
        case .noisy: (25, 50)
        case .restless: (5, 15)
        }
    }

    /// The defects this profile adds by default (none except for `noisy`).
    public var defaultDefects: DefectSettings { parameters.defects }

    /// The sensor noise of this profile, g RMS per axis.
    public var defaultNoiseG: Double { parameters.noiseG }

    /// The parameters that describe this kind of night.
    var parameters: ProfileParameters {
        var p = ProfileParameters()
        switch self {
        case .healthy:
            p.targetPLMSIndex = 1.5
            p.seriesLengthMedian = 5
            p.seriesLengthMax = 8
            p.isolatedLMsPerHour = 4
        case .mild:
            p.targetPLMSIndex = 20
        case .moderate:
            p.targetPLMSIndex = 37
        case .severe:
            p.targetPLMSIndex = 72
            p.seriesLengthMedian = 40
            p.isolatedLMsPerHour = 10
            p.wakeBoutsPerHour = 2
        case .noisy:
            p.targetPLMSIndex = 36
            p.noiseG = 0.010
            p.defects = DefectSettings(
                spikesPerHour: 30, gapCount: 2, gapDurationS: 20...120, clippingEventsPerHour: 1,
                timestampJitterS: 0.0003, clockDriftPPM: 30)
        case .restless:
            p.targetPLMSIndex = 10
            p.wakeBoutsPerHour = 4
            p.wakeBoutMedianS = 240
            p.postureShiftsPerSleepHour = 8
            p.isolatedLMsPerHour = 20
            p.twitchesPerHour = 40
            p.longMovementsPerHour = 3
            p.wakeMovementsPerMinute = 6
            p.seriesLengthMedian = 8
        }
        return p
    }
}

/// Everything that varies between profiles. Rates are per hour of the relevant state.
struct ProfileParameters: Sendable {
    /// PLMs per hour of sleep the series are sized for (the band centre).
    var targetPLMSIndex = 20.0
    /// Median and maximum number of movements of one PLM series (log-normal, at least 4).
    var seriesLengthMedian = 20.0
    var seriesLengthMax = 150
    /// Mean IMI of a series is drawn uniformly from this range, seconds (RLS peak 15-40 s).
    var seriesMeanIMIS: ClosedRange<Double> = 18...35
    /// Probability that one IMI of a series is short (5-9.5 s).
    var shortIMIProbability = 0.04
    /// Share of series that are bilateral / alternate between legs (the rest are unilateral).
    var bilateralSeriesShare = 0.35
    var alternatingSeriesShare = 0.15
    var wakeBoutsPerHour = 1.5
    /// Median duration of a wake bout after sleep onset, seconds.
    var wakeBoutMedianS = 150.0
    var postureShiftsPerSleepHour = 2.0
    var isolatedLMsPerHour = 6.0
    var twitchesPerHour = 20.0
    var longMovementsPerHour = 0.6
    /// Irregular movements per minute of wake.
    var wakeMovementsPerMinute = 3.0
    /// White noise per axis, g RMS (sensor noise is 2-6 mg RMS, DOMAIN.md section 3).
    var noiseG = 0.003
    var defects = DefectSettings.none
}
