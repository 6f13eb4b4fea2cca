/// Named hard conditions (`plm simulate --condition NAME`): a set of ``SimulationConditions``
/// and a sensor, each covering what issue 11 found detectors losing on.
///
/// The sensor values are defaults: options given explicitly (rate, noise, range, bits) win (for
/// `two-devices` they set the left leg's sensor).
public enum SimulationCondition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Half of the LMs small (1.5-5°), a third slow (rise 0.5-2 s), a fifth leaving a lasting
    /// 1-3° change; 12-bit ±8 g at 25 Hz with 6 mg noise.
    case smallSlow = "small-slow"
    /// Trains: 60 % of series with IMIs of 10.5-15 s, 60 % of series bilateral, a quarter of LMs
    /// with a lasting 1-3° change, twitches next to 20 % of LMs, 10 % doublets, 15 % multi-burst;
    /// 12-bit ±8 g at 25 Hz with 4 mg noise.
    case trains
    /// A cheap sensor: 8-bit over ±4 g (31.25 mg steps) at 20 Hz with 8 mg noise.
    case coarse8Bit = "coarse-8bit"
    /// 10-bit over ±2 g (3.9 mg steps) at 25 Hz with 7 mg noise and 12 restless wake bursts per
    /// hour of wake, which clip at ±2 g.
    case coarse10BitClipped = "coarse-10bit-clipped"
    /// Thermal drift of the offset (1-2 mg/°C per axis, the sensor warming by 4 °C with a 40 min
    /// time constant) and the strap slipping 10-25° round the shank over the night; 12-bit ±8 g
    /// at 50 Hz with 3 mg noise.
    case driftSlip = "drift-slip"
    /// Everything together on a 10-bit ±2 g sensor at 25 Hz with 8 mg noise (issue 11's "harder
    /// nights"): half of the LMs small, a third slow, multi-burst LMs, doublets, twitches next to
    /// LMs, trains, lasting changes, restless wake bursts, thermal drift, strap slip, clipping.
    case hard
    /// The same movements as `hard` on an 8-bit ±4 g sensor at 20 Hz with 9 mg noise.
    case hard8Bit = "hard-8bit"
    /// Two devices on one night: the left leg 10-bit ±2 g with 8 mg noise, the right leg 8-bit
    /// ±4 g with 9 mg noise (both at 25 Hz), a 20 min gap on the right leg only, and half of the
    /// LMs small, so that each leg's own noise and resolution decide what it can see.
    case twoDevices = "two-devices"

    /// The sensor a condition implies.
    public struct Sensor: Sendable, Hashable {
        public var sampleRateHz: Double
        public var noiseG: Double
        public var rangeG: Double
        public var resolutionBits: Int
    }

    public var sensor: Sensor {
        switch self {
        case .smallSlow: Sensor(sampleRateHz: 25, noiseG: 0.006, rangeG: 8, resolutionBits: 12)
        case .trains: Sensor(sampleRateHz: 25, noiseG: 0.004, rangeG: 8, resolutionBits: 12)
        case .coarse8Bit: Sensor(sampleRateHz: 20, noiseG: 0.008, rangeG: 4, resolutionBits: 8)
        case .coarse10BitClipped: Sensor(sampleRateHz: 25, noiseG: 0.007, rangeG: 2, resolutionBits: 10)
        case .driftSlip: Sensor(sampleRateHz: 50, noiseG: 0.003, rangeG: 8, resolutionBits: 12)
        case .hard: Sensor(sampleRateHz: 25, noiseG: 0.008, rangeG: 2, resolutionBits: 10)
        case .hard8Bit: Sensor(sampleRateHz: 20, noiseG: 0.009, rangeG: 4, resolutionBits: 8)
        case .twoDevices: Sensor(sampleRateHz: 25, noiseG: 0.008, rangeG: 2, resolutionBits: 10)
        }
    }

    public var conditions: SimulationConditions {
        switch self {
        case .smallSlow:
            SimulationConditions(smallLMShare: 0.5, slowLMShare: 0.33, lastingShiftShare: 0.2)
        case .trains:
            SimulationConditions(
                lastingShiftShare: 0.25, multiBurstShare: 0.15, trainSeriesShare: 0.6, bilateralSeriesShare: 0.6,
                doubletShare: 0.1, adjacentTwitchShare: 0.2)
        case .coarse8Bit:
            SimulationConditions()
        case .coarse10BitClipped:
            SimulationConditions(wakeBurstsPerHour: 12)
        case .driftSlip:
            SimulationConditions(thermalDriftMgPerC: 1...2, strapSlipDegrees: 10...25)
        case .hard, .hard8Bit:
            SimulationConditions(
                smallLMShare: 0.5, slowLMShare: 0.33, lastingShiftShare: 0.2, multiBurstShare: 0.15,
                trainSeriesShare: 0.3, bilateralSeriesShare: 0.45, doubletShare: 0.1, adjacentTwitchShare: 0.15,
                wakeBurstsPerHour: 12, thermalDriftMgPerC: 1...2, strapSlipDegrees: 10...25)
        case .twoDevices:
            SimulationConditions(
                smallLMShare: 0.5, rightLegSensor: .init(noiseG: 0.009, rangeG: 4, resolutionBits: 8), rightLegGapS: 1200)
        }
    }
}
