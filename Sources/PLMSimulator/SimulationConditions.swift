import Foundation

/// Hard conditions the simulator can add to any profile: small, slow and clustered movements,
/// lasting position changes, restless wake, thermal drift of the sensor's offset and a slipping
/// strap (issue 11: nights from other generators showed these and the detector lost on them).
///
/// Every default is "off" (``none``): a night without conditions is exactly the night the
/// simulator made before they existed, byte for byte. The variations draw from their own random
/// stream (``SimulationStream/conditions``), so switching a condition on keeps the night's plan
/// (series, isolated LMs, wake) and changes only what the condition is about, except trains, which
/// change the IMIs of the series they apply to, and doublets and twitches next to LMs, which add
/// movements.
public struct SimulationConditions: Sendable, Hashable, Codable {
    // MARK: Shape of leg movements

    /// Share of LMs (series, isolated and doublets) made small: rotation drawn log-uniformly in
    /// ``smallLMRotationDegrees`` instead of the usual 3-30° (median 10°). Default 0.
    public var smallLMShare: Double
    /// Rotation of a small LM, degrees. Default 1.5-5° (about 25-90 mg of peak deviation on a
    /// supine leg: the "small LMs" of issue 11, 20-100 mg, 1.5-5°).
    public var smallLMRotationDegrees: ClosedRange<Double>
    /// Share of LMs with a slow rise: rise time drawn uniformly in ``slowLMRiseS`` (capped at 60 %
    /// of the duration) instead of 30 % of the duration (0.2-1.5 s). Default 0.
    public var slowLMShare: Double
    /// Rise time of a slow LM, seconds. Default 0.5-2 s (issue 11: "rise over 0.5-2 s").
    public var slowLMRiseS: ClosedRange<Double>
    /// Share of LMs that do not return fully (a partial return): the leg keeps a rotation drawn
    /// in ``lastingShiftDegrees`` (at most 80 % of the LM's peak, in its direction) until the next
    /// posture shift. Default 0.
    public var lastingShiftShare: Double
    /// Lasting rotation after a partial return, degrees. Default 1-3° (issue 11).
    public var lastingShiftDegrees: ClosedRange<Double>
    /// Share of LMs of at least 1.2 s made of 2-3 bursts separated by 0.1-0.4 s (less than the
    /// 0.5 s that would end an LM, so one LM). Default 0.
    public var multiBurstShare: Double

    // MARK: Patterns of movements

    /// Share of PLM series made a train: mean IMI drawn in ``trainIMIS`` and every IMI kept in it.
    /// Default 0.
    public var trainSeriesShare: Double
    /// IMIs of a train, seconds. Default 10.5-15 s (issue 11: trains of LMs 10-15 s apart; kept
    /// above the 10 s lower IMI bound of WASM 2016 so that they score).
    public var trainIMIS: ClosedRange<Double>
    /// Share of series that are bilateral, replacing the profile's 35 %; nil keeps the profile's.
    public var bilateralSeriesShare: Double?
    /// Share of LMs in sleep followed by a second, short LM (0.6-2 s) starting 0.6-2.5 s after
    /// their offset: a doublet. Default 0.
    public var doubletShare: Double
    /// Share of LMs in sleep with a twitch (0.1-0.45 s) 0.2-1.5 s before or after them. Default 0.
    public var adjacentTwitchShare: Double
    /// Bursts of vigorous activity per hour of wake and leg (3-20 s, 0.3-1.5 g of linear
    /// acceleration at 1-5 Hz and a ±10-60° swing: enough to clip at ±2 g). Default 0.
    public var wakeBurstsPerHour: Double
    /// Share of the wake spans followed by sleep (the sleep latency and each awakening) that end
    /// in quiet wake holding a series of periodic leg movements: PLMs in wake at the transition
    /// to sleep. In RLS and PLM disorder, PLMs are most frequent at the transition from wake to
    /// sleep and in light sleep (Pollmächer & Schulz, Sleep 1993;16:572-577: PLM in wakefulness
    /// in 12 of 13 patients; PLMs per hour of recording above PLMs per hour of sleep), and the
    /// leg movements of relaxed wake are periodic with a modal IMI of 11-12 s and often last
    /// 5-10 s (suggested immobilisation test: Montplaisir et al., Mov Disord 1998;13:324-329;
    /// Michaud et al., Sleep Med 2001;2:317-321). The quiet stretch holds no other wake activity.
    /// Default 0 (off).
    public var sleepTransitionPLMWShare: Double
    /// IMIs of those series, seconds. Default 10.5-15 s (the SIT's modal 11-12 s, kept above the
    /// 10 s lower IMI bound of WASM 2016 so that they score, like ``trainIMIS``).
    public var sleepTransitionPLMWIMIS: ClosedRange<Double>
    /// Movements per series (at least 4 to form a series). Default 4-12 (own choice; the series
    /// is shortened when the wake span is too short for it).
    public var sleepTransitionPLMWCount: ClosedRange<Int>

    // MARK: Sensor

    /// Thermal coefficient of the offset, mg per °C, per axis: each axis of each leg draws its
    /// magnitude uniformly in this range and a random sign. Default 0...0 (off); issue 11: 1-2.
    public var thermalDriftMgPerC: ClosedRange<Double>
    /// Rise of the sensor's temperature over the night, °C: T(t) = T0 + rise (1 - exp(-t / tau))
    /// (the sensor warming up on the skin under the blanket). Default 4 °C.
    public var temperatureRiseC: Double
    /// Time constant tau of that warming, seconds. Default 2400 s (40 min).
    public var temperatureTimeConstantS: Double
    /// Total rotation of the strap round the shank over the night, degrees: each leg draws its
    /// amount uniformly in this range and a random direction, and the sensor turns about the
    /// shank's long axis linearly in time from the first to the last sample. Default 0...0 (off);
    /// issue 11: 10-25°.
    public var strapSlipDegrees: ClosedRange<Double>
    /// The right leg's sensor when it is another device than the left's (noise, range, bits; the
    /// rate is the night's); nil: both legs carry the settings' sensor. Default nil.
    public var rightLegSensor: LegSensor?
    /// A gap of this length on the right leg only, seconds (the sensor taken off or a lost
    /// connection), at a random time between 10 % and 90 % of the night; 0: none. Default 0.
    public var rightLegGapS: Double

    /// One leg's sensor: white noise per axis (g RMS), range (±g) and converter bits.
    public struct LegSensor: Sendable, Hashable, Codable {
        public var noiseG: Double
        public var rangeG: Double
        public var resolutionBits: Int

        public init(noiseG: Double, rangeG: Double, resolutionBits: Int) {
            self.noiseG = noiseG
            self.rangeG = rangeG
            self.resolutionBits = resolutionBits
        }

        /// Quantisation step, g: `2 * rangeG` over `2^resolutionBits` levels.
        public var quantumG: Double { 2 * rangeG / Double(1 << resolutionBits) }
    }

    public init(
        smallLMShare: Double = 0, smallLMRotationDegrees: ClosedRange<Double> = 1.5...5,
        slowLMShare: Double = 0, slowLMRiseS: ClosedRange<Double> = 0.5...2,
        lastingShiftShare: Double = 0, lastingShiftDegrees: ClosedRange<Double> = 1...3,
        multiBurstShare: Double = 0, trainSeriesShare: Double = 0, trainIMIS: ClosedRange<Double> = 10.5...15,
        bilateralSeriesShare: Double? = nil, doubletShare: Double = 0, adjacentTwitchShare: Double = 0,
        wakeBurstsPerHour: Double = 0, sleepTransitionPLMWShare: Double = 0,
        sleepTransitionPLMWIMIS: ClosedRange<Double> = 10.5...15, sleepTransitionPLMWCount: ClosedRange<Int> = 4...12,
        thermalDriftMgPerC: ClosedRange<Double> = 0...0,
        temperatureRiseC: Double = 4, temperatureTimeConstantS: Double = 2400,
        strapSlipDegrees: ClosedRange<Double> = 0...0, rightLegSensor: LegSensor? = nil, rightLegGapS: Double = 0
    ) {
        self.smallLMShare = smallLMShare
        self.smallLMRotationDegrees = smallLMRotationDegrees
        self.slowLMShare = slowLMShare
        self.slowLMRiseS = slowLMRiseS
        self.lastingShiftShare = lastingShiftShare
        self.lastingShiftDegrees = lastingShiftDegrees
        self.multiBurstShare = multiBurstShare
        self.trainSeriesShare = trainSeriesShare
        self.trainIMIS = trainIMIS
        self.bilateralSeriesShare = bilateralSeriesShare
        self.doubletShare = doubletShare
        self.adjacentTwitchShare = adjacentTwitchShare
        self.wakeBurstsPerHour = wakeBurstsPerHour
        self.sleepTransitionPLMWShare = sleepTransitionPLMWShare
        self.sleepTransitionPLMWIMIS = sleepTransitionPLMWIMIS
        self.sleepTransitionPLMWCount = sleepTransitionPLMWCount
        self.thermalDriftMgPerC = thermalDriftMgPerC
        self.temperatureRiseC = temperatureRiseC
        self.temperatureTimeConstantS = temperatureTimeConstantS
        self.strapSlipDegrees = strapSlipDegrees
        self.rightLegSensor = rightLegSensor
        self.rightLegGapS = rightLegGapS
    }

    /// No condition: the profile's night as it always was.
    public static let none = SimulationConditions()

    /// Whether any LM is varied (shape drawn from the conditions stream).
    var variesLMs: Bool { smallLMShare > 0 || slowLMShare > 0 || lastingShiftShare > 0 || multiBurstShare > 0 }
    /// Whether movements are added next to LMs.
    var addsNeighbours: Bool { doubletShare > 0 || adjacentTwitchShare > 0 }
    /// Whether the offset drifts with temperature.
    var hasThermalDrift: Bool { thermalDriftMgPerC.upperBound > 0 && temperatureRiseC != 0 }
    /// Whether the strap slips.
    var hasStrapSlip: Bool { strapSlipDegrees.upperBound > 0 }

    /// The temperature change since the first sample at `t`, °C.
    @inline(__always)
    func temperatureChangeC(at t: Double) -> Double {
        temperatureRiseC * (1 - Foundation.exp(-t / temperatureTimeConstantS))
    }

    /// Checks the conditions, naming the first bad one.
    func validate() throws(SimulationError) {
        func bad(_ name: String, _ found: String, _ expected: String) -> SimulationError {
            .invalidSetting(name: name, found: found, expected: expected)
        }
        let shares: [(String, Double)] = [
            ("smallLMShare", smallLMShare), ("slowLMShare", slowLMShare), ("lastingShiftShare", lastingShiftShare),
            ("multiBurstShare", multiBurstShare), ("trainSeriesShare", trainSeriesShare),
            ("bilateralSeriesShare", bilateralSeriesShare ?? 0), ("doubletShare", doubletShare),
            ("adjacentTwitchShare", adjacentTwitchShare), ("sleepTransitionPLMWShare", sleepTransitionPLMWShare),
        ]
        for (name, value) in shares where !(value.isFinite && value >= 0 && value <= 1) {
            throw bad(name, "\(value)", "a share between 0 and 1")
        }
        func inside(_ name: String, _ r: ClosedRange<Double>, _ limits: ClosedRange<Double>) throws(SimulationError) {
            guard r.lowerBound.isFinite, r.upperBound.isFinite, limits.contains(r.lowerBound), limits.contains(r.upperBound) else {
                throw bad(name, "\(r.lowerBound)...\(r.upperBound)", "a range within \(limits.lowerBound)...\(limits.upperBound)")
            }
        }
        try inside("smallLMRotationDegrees", smallLMRotationDegrees, 0.1...30)
        try inside("slowLMRiseS", slowLMRiseS, 0.05...5)
        try inside("lastingShiftDegrees", lastingShiftDegrees, 0...20)
        try inside("trainIMIS", trainIMIS, 5...90)
        try inside("sleepTransitionPLMWIMIS", sleepTransitionPLMWIMIS, 5...90)
        guard sleepTransitionPLMWCount.lowerBound >= 4, sleepTransitionPLMWCount.upperBound <= 100 else {
            throw bad(
                "sleepTransitionPLMWCount", "\(sleepTransitionPLMWCount.lowerBound)...\(sleepTransitionPLMWCount.upperBound)",
                "4 to 100 movements per series")
        }
        try inside("thermalDriftMgPerC", thermalDriftMgPerC, 0...50)
        try inside("strapSlipDegrees", strapSlipDegrees, 0...90)
        guard wakeBurstsPerHour.isFinite, wakeBurstsPerHour >= 0, wakeBurstsPerHour <= 120 else {
            throw bad("wakeBurstsPerHour", "\(wakeBurstsPerHour)", "0 to 120 bursts per hour of wake")
        }
        guard temperatureRiseC.isFinite, abs(temperatureRiseC) <= 20 else {
            throw bad("temperatureRiseC", "\(temperatureRiseC)", "a temperature change within ±20 °C")
        }
        if let r = rightLegSensor {
            guard r.noiseG.isFinite, r.noiseG >= 0, r.noiseG <= 0.5, r.rangeG.isFinite, r.rangeG >= 2, r.rangeG <= 16,
                (8...16).contains(r.resolutionBits)
            else {
                throw bad("rightLegSensor", "\(r)", "noise 0-0.5 g, range 2-16 g and 8-16 bits")
            }
        }
        guard rightLegGapS.isFinite, rightLegGapS >= 0, rightLegGapS <= 4 * 3600 else {
            throw bad("rightLegGapS", "\(rightLegGapS)", "a gap of 0 to 14400 s")
        }
        guard temperatureTimeConstantS.isFinite, temperatureTimeConstantS > 0 else {
            throw bad("temperatureTimeConstantS", "\(temperatureTimeConstantS)", "a positive time constant in seconds")
        }
    }
}
