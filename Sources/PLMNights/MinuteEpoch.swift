/// One leg's acceleration summarised over one minute: what in-bed, non-wear and sleep/wake
/// detection need, and nothing else (a week is 10,080 epochs per leg).
///
/// Sums rather than means are stored so that epochs combine exactly into the 60-min windows of
/// the non-wear rule.
public struct MinuteEpoch: Sendable, Hashable {
    /// Samples counted (samples inside defects the reader excludes from scoring are left out).
    public var sampleCount = 0
    /// Per-axis sum of the samples, g.
    public var sum = (x: 0.0, y: 0.0, z: 0.0)
    /// Per-axis sum of squared samples, g^2.
    public var sumOfSquares = (x: 0.0, y: 0.0, z: 0.0)
    /// Per-axis smallest and largest sample, g.
    public var minimum = (x: Double.infinity, y: Double.infinity, z: Double.infinity)
    public var maximum = (x: -Double.infinity, y: -Double.infinity, z: -Double.infinity)
    /// Seconds of the minute in which the leg moved (see ``InBedRules/movingSecondChangeG``).
    public var movingSeconds = 0
    /// Seconds of the minute with walking-like acceleration (see ``InBedRules/walkingSecondSDG``).
    public var walkingSeconds = 0

    public init() {}

    public static func == (a: MinuteEpoch, b: MinuteEpoch) -> Bool {
        a.sampleCount == b.sampleCount && a.sum == b.sum && a.sumOfSquares == b.sumOfSquares
            && a.minimum == b.minimum && a.maximum == b.maximum && a.movingSeconds == b.movingSeconds
            && a.walkingSeconds == b.walkingSeconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sampleCount)
        hasher.combine(sum.x)
        hasher.combine(movingSeconds)
    }

    /// Whether the epoch has any counted sample.
    public var hasData: Bool { sampleCount > 0 }

    /// Mean acceleration (the gravity direction when the leg is still), g; nil without samples.
    public var mean: (x: Double, y: Double, z: Double)? {
        guard sampleCount > 0 else { return nil }
        let n = Double(sampleCount)
        return (sum.x / n, sum.y / n, sum.z / n)
    }

    /// Adds one sample (g) to the sums and extremes; moving and walking seconds are counted by
    /// ``EpochAccumulator``.
    @inlinable
    public mutating func add(x: Double, y: Double, z: Double) {
        sampleCount += 1
        sum.x += x
        sum.y += y
        sum.z += z
        sumOfSquares.x += x * x
        sumOfSquares.y += y * y
        sumOfSquares.z += z * z
        minimum = (min(minimum.x, x), min(minimum.y, y), min(minimum.z, z))
        maximum = (max(maximum.x, x), max(maximum.y, y), max(maximum.z, z))
    }

    /// This epoch and `other` together (for the non-wear windows).
    public func merged(with other: MinuteEpoch) -> MinuteEpoch {
        var m = self
        m.sampleCount += other.sampleCount
        m.sum = (sum.x + other.sum.x, sum.y + other.sum.y, sum.z + other.sum.z)
        m.sumOfSquares = (
            sumOfSquares.x + other.sumOfSquares.x, sumOfSquares.y + other.sumOfSquares.y,
            sumOfSquares.z + other.sumOfSquares.z
        )
        m.minimum = (min(minimum.x, other.minimum.x), min(minimum.y, other.minimum.y), min(minimum.z, other.minimum.z))
        m.maximum = (max(maximum.x, other.maximum.x), max(maximum.y, other.maximum.y), max(maximum.z, other.maximum.z))
        m.movingSeconds += other.movingSeconds
        m.walkingSeconds += other.walkingSeconds
        return m
    }

    /// Per-axis standard deviation (population), g; zeros without samples.
    public var standardDeviation: (x: Double, y: Double, z: Double) {
        guard sampleCount > 0 else { return (0, 0, 0) }
        let n = Double(sampleCount)
        func sd(_ s: Double, _ q: Double) -> Double { max(0, q / n - (s / n) * (s / n)).squareRoot() }
        return (sd(sum.x, sumOfSquares.x), sd(sum.y, sumOfSquares.y), sd(sum.z, sumOfSquares.z))
    }

    /// Per-axis range (largest minus smallest sample), g; zeros without samples.
    public var range: (x: Double, y: Double, z: Double) {
        guard sampleCount > 0 else { return (0, 0, 0) }
        return (maximum.x - minimum.x, maximum.y - minimum.y, maximum.z - minimum.z)
    }
}
