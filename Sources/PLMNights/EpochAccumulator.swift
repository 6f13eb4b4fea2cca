/// Builds one leg's per-minute epochs in a single pass over its samples, in blocks or one at a
/// time: memory is one ``MinuteEpoch`` per minute whatever the recording's length.
///
/// Times are seconds on the analysis time line (since the earliest first sample of all legs);
/// epoch `k` covers `[60 k, 60 (k + 1))`. Within each second the accumulator keeps the mean
/// vector and the magnitude's spread, from which it counts moving and walking-like seconds.
public struct EpochAccumulator: Sendable {
    public let rules: InBedRules
    /// The epochs so far; index = minute since the time line's start.
    public private(set) var epochs: [MinuteEpoch] = []

    private var second = Int.min
    private var secondCount = 0
    private var secondSum = (x: 0.0, y: 0.0, z: 0.0)
    private var magnitudeSum = 0.0
    private var magnitudeSquares = 0.0
    private var previousMean: (second: Int, x: Double, y: Double, z: Double)?

    public init(rules: InBedRules = .standard) {
        self.rules = rules
    }

    /// Adds one sample at `timeS` (non-decreasing; samples before the last one's second are
    /// ignored, and so are non-finite values: the reader reports them as defects).
    public mutating func add(timeS: Double, x: Double, y: Double, z: Double) {
        guard timeS.isFinite, timeS >= 0, timeS < 1e9, x.isFinite, y.isFinite, z.isFinite else { return }
        let s = Int(timeS.rounded(.down))
        guard s >= second else { return }
        if s != second { closeSecond(next: s) }
        let minute = s / 60
        while epochs.count <= minute { epochs.append(MinuteEpoch()) }
        epochs[minute].add(x: x, y: y, z: z)
        secondCount += 1
        secondSum.x += x
        secondSum.y += y
        secondSum.z += z
        let magnitude = (x * x + y * y + z * z).squareRoot()
        magnitudeSum += magnitude
        magnitudeSquares += magnitude * magnitude
    }

    /// Closes the last second; call once after the last sample.
    public mutating func finish() {
        closeSecond(next: Int.min)
    }

    private mutating func closeSecond(next: Int) {
        defer {
            second = next
            secondCount = 0
            secondSum = (0, 0, 0)
            magnitudeSum = 0
            magnitudeSquares = 0
        }
        // A second needs two samples for a spread (10 Hz gives 10).
        guard second != Int.min, secondCount >= 2 else { return }
        let n = Double(secondCount)
        let mean = (x: secondSum.x / n, y: secondSum.y / n, z: secondSum.z / n)
        let magnitudeMean = magnitudeSum / n
        let spread = max(0, magnitudeSquares / n - magnitudeMean * magnitudeMean).squareRoot()
        var moving = spread > rules.movingSecondSDG
        if let p = previousMean, p.second == second - 1 {
            let dx = mean.x - p.x, dy = mean.y - p.y, dz = mean.z - p.z
            if (dx * dx + dy * dy + dz * dz).squareRoot() > rules.movingSecondChangeG { moving = true }
        }
        let minute = second / 60
        if moving { epochs[minute].movingSeconds += 1 }
        if spread > rules.walkingSecondSDG { epochs[minute].walkingSeconds += 1 }
        previousMean = (second, mean.x, mean.y, mean.z)
    }
}
