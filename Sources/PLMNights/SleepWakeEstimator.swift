import PLMCore

/// Sleep and wake within one in-bed period, minute by minute, from the ankle's movement.
///
/// The rule has the shape of Cole-Kripke (1992): a minute is wake when a weighted sum of the
/// activity of minutes -4...+2 reaches a threshold (``InBedRules/sleepWakeWeights``,
/// ``InBedRules/sleepWakeScale``). The activity is the minute's moving seconds **not explained
/// by PLM series** (``UnexplainedActivity``, leg by leg): periodic leg movements are what PLMS look like, so a minute moving only
/// within a scored PLM series does not count as wake; irregular movement does. Only series that are
/// periodic among the movements around them explain (``LocalPeriodicity``). Sleep onset is
/// the first run of at least ``InBedRules/sleepRunMinutes`` sleep minutes, the final awakening
/// the end of the last such run.
///
/// What it cannot do: quiet wake (lying still awake) reads as sleep, as with every actigraphy
/// rule (Cole-Kripke and Sadeh have poor specificity for wake on the wrist already), and PLMs
/// in wake that form a series read as sleep. No ankle rule has been validated against PSG.
public struct SleepWakeEstimator: Sendable {
    public var rules: InBedRules

    public init(rules: InBedRules = .standard) {
        self.rules = rules
    }

    /// The estimate for one in-bed period.
    public struct Estimate: Sendable, Hashable {
        /// One flag per minute of the period: asleep.
        public var asleep: [Bool]
        /// Minute index (from the period's start) of sleep onset, nil when no sleep run was found.
        public var sleepOnsetMinute: Int?
        /// Minute index of the final awakening (the first minute after the last sleep run).
        public var finalAwakeningMinute: Int?
        /// Sleep minutes between onset and final awakening.
        public var totalSleepMinutes: Int
        /// Wake minutes between onset and final awakening.
        public var wakeAfterSleepOnsetMinutes: Int
        /// Total sleep time over the period's length (0...1).
        public var sleepEfficiency: Double

        /// The sleep minutes as time spans, given the period's start, seconds.
        public func sleepSpans(periodStartS: Double) -> [TimeSpan] {
            InBedDetector.runs(of: asleep).map {
                TimeSpan(
                    startS: periodStartS + Double($0.lowerBound) * InBedRules.epochLengthS,
                    endS: periodStartS + Double($0.upperBound) * InBedRules.epochLengthS)
            }
        }
    }

    /// Scores the minutes of a period.
    /// - Parameter activity: per minute of the period, moving seconds not explained by PLM series
    ///   (unknown minutes, e.g. excluded for defects, as 0: they are excluded from scoring anyway).
    public func estimate(activity: [Double]) -> Estimate {
        let n = activity.count
        var sleepFlags = [Bool](repeating: false, count: n)
        for k in 0..<n {
            sleepFlags[k] = readsAsSleep(minute: k, minuteCount: n) { activity[$0] }
        }
        let runs = InBedDetector.runs(of: sleepFlags).filter { $0.count >= rules.sleepRunMinutes }
        guard let first = runs.first, let last = runs.last else {
            return Estimate(
                asleep: [Bool](repeating: false, count: n), sleepOnsetMinute: nil, finalAwakeningMinute: nil,
                totalSleepMinutes: 0, wakeAfterSleepOnsetMinutes: 0, sleepEfficiency: 0)
        }
        var asleep = [Bool](repeating: false, count: n)
        for k in first.lowerBound..<last.upperBound { asleep[k] = sleepFlags[k] }
        let total = asleep.filter { $0 }.count
        return Estimate(
            asleep: asleep, sleepOnsetMinute: first.lowerBound, finalAwakeningMinute: last.upperBound,
            totalSleepMinutes: total, wakeAfterSleepOnsetMinutes: last.upperBound - first.lowerBound - total,
            sleepEfficiency: n > 0 ? Double(total) / Double(n) : 0)
    }
}

extension SleepWakeEstimator {
    /// Whether minute `k` reads as sleep by the epoch rule: the weighted activity of minutes
    /// k-4...k+2 (``InBedRules/sleepWakeWeights``; minutes outside `0..<minuteCount` count 0)
    /// times ``InBedRules/sleepWakeScale`` is below 1.
    /// - Parameter activity: the activity of minute `i`, for `i` in `0..<minuteCount`.
    public func readsAsSleep(minute k: Int, minuteCount n: Int, activity: (Int) -> Double) -> Bool {
        let lead = 4  // weights cover minutes -4...+2
        var d = 0.0
        for (j, w) in rules.sleepWakeWeights.enumerated() {
            let index = k + j - lead
            if index >= 0, index < n { d += w * activity(index) }
        }
        return d * rules.sleepWakeScale < 1
    }
}

extension SleepWakeEstimator.Estimate {
    /// An estimate from given per-minute flags (a scored hypnogram reduced to minutes): onset
    /// at the first sleep minute, final awakening after the last one.
    public init(asleep: [Bool]) {
        self.asleep = asleep
        let first = asleep.firstIndex(of: true)
        let last = asleep.lastIndex(of: true)
        sleepOnsetMinute = first
        finalAwakeningMinute = last.map { $0 + 1 }
        let total = asleep.filter { $0 }.count
        totalSleepMinutes = total
        if let first, let last { wakeAfterSleepOnsetMinutes = last + 1 - first - total } else { wakeAfterSleepOnsetMinutes = 0 }
        sleepEfficiency = asleep.isEmpty ? 0 : Double(total) / Double(asleep.count)
    }
}
