import PLMCore

/// Finds the in-bed periods, naps, lying-awake stretches and non-wear of a recording from its
/// per-minute epochs (one array per leg, all on the same time line).
///
/// The method, an ankle adaptation of van Hees' HDCZA (Sci Rep 2018), in four steps:
/// 1. **Non-wear** per leg by van Hees 2011/2013 (``NonWearDetector``). A minute in which no leg
///    is worn is never part of a period. A leg not worn while the other is (a strap come loose in
///    the night, one sensor left on a table) leaves the period to the worn leg: posture and
///    activity are read from the worn legs only, and scoring treats the unworn leg's time as that
///    leg's defect (``RestPeriods/nonWearByLeg``), as a gap in its file.
/// 2. **Upright direction** per leg: the mean gravity direction of walking epochs (the sensor's
///    mounting is unknown; walking is upright). A minute is **lying** when every worn leg with an
///    upright direction has its gravity direction at least ``InBedRules/lyingTiltDegrees`` from it
///    (the shank near horizontal). A leg that never walked has no upright and does not vote;
///    without walking on any leg, every worn minute counts as lying.
/// 3. **Lying runs** (upright interruptions up to ``InBedRules/bridgeUprightMinutes`` bridged)
///    with at least ``InBedRules/minimumRestMinutes`` of **rest** (runs of quiet minutes of at
///    least ``InBedRules/restBoutMinutes``) are in-bed candidates; the others are lying awake
///    (legs up on a sofa: the shank lies as in bed, but the leg keeps moving).
/// 4. Candidates less than ``InBedRules/mergeGapMinutes`` apart (no non-wear between) merge; a
///    period of at least ``InBedRules/nightMinimumHours`` is a night, a shorter one a nap.
public struct InBedDetector: Sendable {
    public var rules: InBedRules

    public init(rules: InBedRules = .standard) {
        self.rules = rules
    }

    /// Per-minute classification of the legs' epochs (exposed for the overview plot and tests).
    public struct MinuteStates: Sendable {
        public var hasData: [Bool]
        /// No leg with data in the minute is worn: the recording is not worn.
        public var nonWear: [Bool]
        /// Per leg (in the order given), whether that leg is not worn; false where it has no data.
        public var nonWearByLeg: [[Bool]]
        /// Whether every worn leg lies.
        public var lying: [Bool]
        /// Largest moving-second count over the worn legs.
        public var movingSeconds: [Int]
        public var uprightFound: Bool
        public var count: Int { hasData.count }

        /// Whether at least one leg is not worn in the minute (what the summary reports as
        /// non-wear).
        public var nonWearOnAnyLeg: [Bool] {
            (0..<count).map { k in nonWearByLeg.contains { k < $0.count && $0[k] } }
        }
    }

    /// The periods of the recording.
    public func detect(legs: [[MinuteEpoch]]) -> RestPeriods {
        let states = minuteStates(legs: legs)
        let minute = InBedRules.epochLengthS
        func span(_ r: Range<Int>) -> TimeSpan { TimeSpan(startS: Double(r.lowerBound) * minute, endS: Double(r.upperBound) * minute) }

        let worn = (0..<states.count).map { states.hasData[$0] && !states.nonWear[$0] }
        let lyingMinutes = (0..<states.count).map { worn[$0] && states.lying[$0] }
        let runs = Self.bridged(Self.runs(of: lyingMinutes), maxGap: rules.bridgeUprightMinutes) { gap in
            gap.allSatisfy { worn[$0] }
        }
        var candidates: [(range: Range<Int>, rest: Int)] = []
        var lyingAwake: [TimeSpan] = []
        for run in runs {
            let rest = restMinutes(in: run, states: states)
            if rest >= rules.minimumRestMinutes { candidates.append((run, rest)) } else { lyingAwake.append(span(run)) }
        }
        // Merge candidates close together (a night-time trip to the bathroom) unless the sensor was off.
        var merged: [(range: Range<Int>, rest: Int)] = []
        for candidate in candidates {
            if let last = merged.last, candidate.range.lowerBound - last.range.upperBound <= rules.mergeGapMinutes,
                (last.range.upperBound..<candidate.range.lowerBound).allSatisfy({ !states.nonWear[$0] })
            {
                merged[merged.count - 1] = (last.range.lowerBound..<candidate.range.upperBound, last.rest + candidate.rest)
            } else {
                merged.append(candidate)
            }
        }
        let nightMinutes = Int((rules.nightMinimumHours * 60).rounded(.up))
        let periods = merged.map { RestPeriods.Period(span: span($0.range), restMinutes: $0.rest) }
        return RestPeriods(
            nights: zip(merged, periods).filter { $0.0.range.count >= nightMinutes }.map(\.1),
            naps: zip(merged, periods).filter { $0.0.range.count < nightMinutes }.map(\.1),
            lyingAwake: lyingAwake,
            nonWear: Self.runs(of: states.nonWearOnAnyLeg).map(span),
            noLegWorn: Self.runs(of: states.nonWear).map(span),
            nonWearByLeg: states.nonWearByLeg.map { Self.runs(of: $0).map(span) },
            uprightFound: states.uprightFound)
    }

    /// Minutes of rest in a run: quiet minutes in runs of at least ``InBedRules/restBoutMinutes``.
    func restMinutes(in run: Range<Int>, states: MinuteStates) -> Int {
        let quiet = run.map { states.movingSeconds[$0] <= rules.quietEpochMaxMovingSeconds }
        return Self.runs(of: quiet).filter { $0.count >= rules.restBoutMinutes }.reduce(0) { $0 + $1.count }
    }

    /// Combines the legs minute by minute.
    public func minuteStates(legs: [[MinuteEpoch]]) -> MinuteStates {
        let count = legs.map(\.count).max() ?? 0
        let nonWearPerLeg = legs.map { NonWearDetector.nonWearMinutes($0, rules: rules) }
        let uprights = legs.map { UprightDirection.estimate($0, rules: rules) }
        // Posture comes from every leg with an upright direction of its own; a leg that never
        // walked (its sensor on a table all day) has none and does not vote.
        let uprightFound = uprights.contains { $0 != nil }
        var states = MinuteStates(
            hasData: [Bool](repeating: false, count: count), nonWear: [Bool](repeating: false, count: count),
            nonWearByLeg: legs.map { [Bool](repeating: false, count: $0.count) },
            lying: [Bool](repeating: true, count: count), movingSeconds: [Int](repeating: 0, count: count),
            uprightFound: uprightFound)
        var worn = [Bool](repeating: false, count: count)
        for (leg, epochs) in legs.enumerated() {
            for k in epochs.indices where epochs[k].hasData {
                states.hasData[k] = true
                // A leg not worn says nothing of posture or activity (a sensor on a table lies still).
                guard !nonWearPerLeg[leg][k] else {
                    states.nonWearByLeg[leg][k] = true
                    continue
                }
                worn[k] = true
                states.movingSeconds[k] = max(states.movingSeconds[k], epochs[k].movingSeconds)
                if let up = uprights[leg], let tilt = up.tiltDegrees(of: epochs[k]),
                    tilt < rules.lyingTiltDegrees
                {
                    states.lying[k] = false
                }
            }
        }
        for k in 0..<count { states.nonWear[k] = states.hasData[k] && !worn[k] }
        return states
    }

    /// Maximal runs of `true`.
    static func runs(of flags: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (k, flag) in flags.enumerated() {
            if flag, start == nil { start = k }
            if !flag, let s = start {
                result.append(s..<k)
                start = nil
            }
        }
        if let s = start { result.append(s..<flags.count) }
        return result
    }

    /// Joins runs separated by at most `maxGap` minutes when `gapAllowed` accepts the gap.
    static func bridged(_ runs: [Range<Int>], maxGap: Int, gapAllowed: (Range<Int>) -> Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for run in runs {
            if let last = result.last, run.lowerBound - last.upperBound <= maxGap,
                gapAllowed(last.upperBound..<run.lowerBound)
            {
                result[result.count - 1] = last.lowerBound..<run.upperBound
            } else {
                result.append(run)
            }
        }
        return result
    }
}
