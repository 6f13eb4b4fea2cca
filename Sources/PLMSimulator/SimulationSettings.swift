import PLMCore

/// What to simulate: the kind of night, its length, the sensor, and the seed.
///
/// `noiseG` and `defects` default to the profile's values when nil. The night's events depend
/// only on profile, duration and seed; the rate, the noise and the defects change the samples
/// but not the events.
public struct SimulationSettings: Sendable, Hashable, Codable {
    public var profile: SimulationProfile
    /// Recording length, hours.
    public var durationH: Double
    /// Sample rate, Hz.
    public var sampleRateHz: Double
    /// White noise per axis, g RMS; nil for the profile's value.
    public var noiseG: Double?
    public var seed: UInt64
    /// Measurement range, +-g (GENEActiv, wGT3X-BT and GT9X: 8 g).
    public var rangeG: Double
    /// Converter resolution over the full range, bits (12 bits over +-8 g = 3.9 mg).
    public var resolutionBits: Int
    /// Defects to add; nil for the profile's.
    public var defects: DefectSettings?
    public var recordingStart: RecordingStartTime
    /// Hard conditions added to the profile's night (small, slow and clustered movements,
    /// restless wake, thermal drift, strap slip); ``SimulationConditions/none`` by default.
    public var conditions: SimulationConditions
    /// The named condition the settings came from, if any (recorded in the truth).
    public var conditionName: String?

    public init(
        profile: SimulationProfile, durationH: Double = 8, sampleRateHz: Double = 50,
        noiseG: Double? = nil, seed: UInt64 = 1, rangeG: Double = 8, resolutionBits: Int = 12,
        defects: DefectSettings? = nil, recordingStart: RecordingStartTime = .standard,
        conditions: SimulationConditions = .none, conditionName: String? = nil
    ) {
        self.profile = profile
        self.durationH = durationH
        self.sampleRateHz = sampleRateHz
        self.noiseG = noiseG
        self.seed = seed
        self.rangeG = rangeG
        self.resolutionBits = resolutionBits
        self.defects = defects
        self.recordingStart = recordingStart
        self.conditions = conditions
        self.conditionName = conditionName
    }

    /// Settings for a named condition: its movements and its sensor (rate, noise, range, bits).
    public init(profile: SimulationProfile, condition: SimulationCondition, durationH: Double = 8, seed: UInt64 = 1) {
        let sensor = condition.sensor
        self.init(
            profile: profile, durationH: durationH, sampleRateHz: sensor.sampleRateHz, noiseG: sensor.noiseG, seed: seed,
            rangeG: sensor.rangeG, resolutionBits: sensor.resolutionBits, conditions: condition.conditions,
            conditionName: condition.rawValue)
    }

    /// Noise actually used, g RMS per axis.
    public var effectiveNoiseG: Double { noiseG ?? profile.parameters.noiseG }
    /// Defects actually used.
    public var effectiveDefects: DefectSettings { defects ?? profile.parameters.defects }
    /// Quantisation step, g: the full range `2 * rangeG` over `2^resolutionBits` levels.
    public var quantumG: Double { 2 * rangeG / Double(1 << resolutionBits) }

    /// The sensor of one leg: the settings' (noise, range, bits), or for the right leg the
    /// conditions' `rightLegSensor` when it is another device.
    public func sensor(_ side: LegSide) -> SimulationConditions.LegSensor {
        if side == .right, let right = conditions.rightLegSensor { return right }
        return SimulationConditions.LegSensor(noiseG: effectiveNoiseG, rangeG: rangeG, resolutionBits: resolutionBits)
    }

    /// Largest night the simulator makes, samples per leg.
    static let maximumSamplesPerLeg = 10_000_000.0

    /// Checks the settings, throwing a usage error that names the bad setting.
    public func validate() throws(SimulationError) {
        func bad(_ name: String, _ found: String, _ expected: String) -> SimulationError {
            .invalidSetting(name: name, found: found, expected: expected)
        }
        guard durationH.isFinite, durationH >= 0.25, durationH <= 48 else {
            throw bad("hours", "\(durationH)", "a duration between 0.25 and 48 hours")
        }
        guard sampleRateHz.isFinite, sampleRateHz >= 10, sampleRateHz <= 200 else {
            throw bad("rate", "\(sampleRateHz)", "a sample rate between 10 and 200 Hz")
        }
        // Samples are held in memory (20 bytes per sample and leg): cap a night at 10 M samples per leg
        // (for example 24 h at 100 Hz is 8.6 M), about 400 MB for both legs.
        guard durationH * 3600 * sampleRateHz <= Self.maximumSamplesPerLeg else {
            throw bad(
                "hours x rate", "\(durationH) h at \(sampleRateHz) Hz (\(Int(durationH * 3600 * sampleRateHz)) samples per leg)",
                "at most \(Int(Self.maximumSamplesPerLeg)) samples per leg (e.g. 24 h at 100 Hz)")
        }
        guard effectiveNoiseG.isFinite, effectiveNoiseG >= 0, effectiveNoiseG <= 0.5 else {
            throw bad("noise", "\(effectiveNoiseG)", "a noise level between 0 and 0.5 g RMS")
        }
        guard rangeG.isFinite, rangeG >= 2, rangeG <= 16 else {
            throw bad("range", "\(rangeG)", "a measurement range between 2 and 16 g")
        }
        guard (8...16).contains(resolutionBits) else {
            throw bad("resolution", "\(resolutionBits)", "8 to 16 bits")
        }
        try conditions.validate()
        guard conditions.rightLegGapS == 0 || conditions.rightLegGapS <= 0.5 * durationH * 3600 else {
            throw bad("rightLegGapS", "\(conditions.rightLegGapS) s", "a gap of at most half the recording (\(0.5 * durationH * 3600) s)")
        }
        let d = effectiveDefects
        guard d.spikesPerHour >= 0, d.spikesPerHour <= 3600, d.gapCount >= 0, d.gapCount <= 100,
            d.gapDurationS.lowerBound > 0, d.clippingEventsPerHour >= 0, d.clippingEventsPerHour <= 60,
            abs(d.clockDriftPPM) <= 1000
        else {
            throw bad("defects", "\(d)", "non-negative defect rates (spikes <= 3600/h, gaps <= 100, drift <= 1000 ppm)")
        }
        guard d.timestampJitterS >= 0, d.timestampJitterS < 0.5 / sampleRateHz else {
            throw bad("jitter", "\(d.timestampJitterS) s", "a timestamp jitter below half a sample period (\(0.5 / sampleRateHz) s)")
        }
    }
}
