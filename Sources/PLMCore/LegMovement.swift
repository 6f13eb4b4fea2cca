/// One leg movement (LM) found on one leg: the accelerometer counterpart of an EMG burst
/// scored from onset to offset.
///
/// The detector keeps every movement whatever its length; the scorer decides which are
/// candidate LMs. Times are seconds since the recording start.
public struct LegMovement: Sendable, Hashable, Codable {
    /// The leg the sensor was on.
    public var side: LegSide
    /// Onset, seconds since the recording start.
    public var onsetS: Double
    /// Offset, seconds since the recording start (the start of the quiet period that ended it).
    public var offsetS: Double
    /// Largest dynamic acceleration during the movement, in g (0 when unknown, e.g. imported events).
    public var peakAccelerationG: Double
    /// Largest change of the sensor's tilt against gravity during the movement, in degrees
    /// (0 when unknown).
    public var tiltChangeDegrees: Double

    public init(
        side: LegSide, onsetS: Double, offsetS: Double,
        peakAccelerationG: Double = 0, tiltChangeDegrees: Double = 0
    ) {
        self.side = side
        self.onsetS = onsetS
        self.offsetS = offsetS
        self.peakAccelerationG = peakAccelerationG
        self.tiltChangeDegrees = tiltChangeDegrees
    }

    /// Offset minus onset, seconds.
    public var durationS: Double { offsetS - onsetS }

    /// The movement's time span.
    public var span: TimeSpan { TimeSpan(startS: onsetS, endS: offsetS) }

    /// Whether the movement is shorter than the minimum LM duration of the standards
    /// (``PublishedRules/minimumLegMovementDurationS``). Such movements are kept and flagged.
    public var isShorterThanMinimumLM: Bool {
        durationS < PublishedRules.minimumLegMovementDurationS
    }

    /// The time order every stage lists movements in: by onset, then left before right, then by
    /// offset, so that equal onsets never depend on the order the inputs came in.
    public static func precedes(_ a: LegMovement, _ b: LegMovement) -> Bool {
        (a.onsetS, a.side.rawValue, a.offsetS) < (b.onsetS, b.side.rawValue, b.offsetS)
    }
}
