/// Recording defects the simulator can add on purpose, so that readers and detectors can be
/// tested on what real files carry (DOMAIN.md section 4).
public struct DefectSettings: Sendable, Hashable, Codable {
    /// Single-sample spikes per hour of recording, per leg (a random axis jumps to 2-8 g).
    public var spikesPerHour: Double
    /// Number of gaps per leg (rows missing from the file).
    public var gapCount: Int
    /// Range of gap durations, seconds.
    public var gapDurationS: ClosedRange<Double>
    /// Knocks of the sensor during wake per hour and leg, strong enough to clip at the range.
    public var clippingEventsPerHour: Double
    /// Written timestamps deviate from the sample instants by a uniform error of up to this
    /// much, seconds (Axivity-like irregular steps). Must stay below half a sample period.
    public var timestampJitterS: Double
    /// The sensor clock runs fast by this many parts per million: written time is
    /// `trueTime * (1 + ppm * 1e-6)`.
    public var clockDriftPPM: Double

    public init(
        spikesPerHour: Double = 0, gapCount: Int = 0, gapDurationS: ClosedRange<Double> = 20...120,
        clippingEventsPerHour: Double = 0, timestampJitterS: Double = 0, clockDriftPPM: Double = 0
    ) {
        self.spikesPerHour = spikesPerHour
        self.gapCount = gapCount
        self.gapDurationS = gapDurationS
        self.clippingEventsPerHour = clippingEventsPerHour
        self.timestampJitterS = timestampJitterS
        self.clockDriftPPM = clockDriftPPM
    }

    /// No defects at all.
    public static let none = DefectSettings()
}
