import PLMCore

/// Which PLM series are periodic **where they occur**: the periodicity index of Ferri et al.
/// (Sleep 2006;29:759-769) over the leg movements around each series.
///
/// The scoring rules make a series of any four leg movements 10-90 s apart, and irregular
/// movement in wake makes such series by chance. PLMS in RLS are strongly periodic (periodicity
/// index 0.86 +- 0.10, Shin et al., J Clin Sleep Med 2016;12:1089-1097), while leg movements in wake
/// have one interval peak near 4 s and little periodicity (Ferri et al., Sleep Med 2012;13:529-535).
/// A chance series in wake sits among short intervals; a PLMS series among its own periodic ones
/// (or among none, in quiet sleep). So the index of the movements from ``InBedRules/localPeriodicityMarginS``
/// before a series to as long after it tells the two apart.
public enum LocalPeriodicity {
    /// One scored leg movement.
    public struct Movement: Sendable, Hashable {
        /// Onset, seconds (any time line, the same for all).
        public var onsetS: Double
        /// Whether it is a candidate leg movement: an interval is measured only between two
        /// candidates, so a non-candidate breaks the runs (as in series detection).
        public var isCandidate: Bool
        /// The number of its PLM series, nil when not periodic.
        public var seriesNumber: Int?
        public init(onsetS: Double, isCandidate: Bool, seriesNumber: Int?) {
            self.onsetS = onsetS
            self.isCandidate = isCandidate
            self.seriesNumber = seriesNumber
        }
    }

    /// Per movement (in onset order), whether the interval from the movement before it is
    /// measurable (both candidates) and whether it is periodic (10-90 s, in a run of at least 3
    /// such consecutive intervals; ``PublishedRules/periodicityIMIMinimumS``).
    static func intervalFlags(_ sorted: [Movement]) -> (measurable: [Bool], periodic: [Bool]) {
        var measurable = [Bool](repeating: false, count: sorted.count)
        var periodic = [Bool](repeating: false, count: sorted.count)
        var run: [Int] = []
        func close() {
            if run.count >= PublishedRules.periodicityMinimumRun { for k in run { periodic[k] = true } }
            run.removeAll(keepingCapacity: true)
        }
        for k in sorted.indices {
            guard k > 0, sorted[k].isCandidate, sorted[k - 1].isCandidate else {
                close()
                continue
            }
            measurable[k] = true
            let imi = sorted[k].onsetS - sorted[k - 1].onsetS
            if imi >= PublishedRules.periodicityIMIMinimumS && imi <= PublishedRules.periodicityIMIMaximumS {
                run.append(k)
            } else {
                close()
            }
        }
        close()
        return (measurable, periodic)
    }

    /// The periodicity index of the measurable intervals of the movements whose onsets lie from
    /// `marginS` before each series' first movement to `marginS` after its last (an interval
    /// belongs to the movement it ends at), per series number.
    public static func seriesIndices(_ movements: [Movement], marginS: Double) -> [Int: Double] {
        let sorted = movements.sorted { $0.onsetS < $1.onsetS }
        let flags = intervalFlags(sorted)
        // Prefix counts: measurable and periodic intervals among the first k movements.
        var measurableBefore = [0], periodicBefore = [0]
        for k in sorted.indices {
            measurableBefore.append(measurableBefore[k] + (flags.measurable[k] ? 1 : 0))
            periodicBefore.append(periodicBefore[k] + (flags.periodic[k] ? 1 : 0))
        }
        var extent: [Int: (first: Double, last: Double)] = [:]
        for m in sorted {
            guard let number = m.seriesNumber else { continue }
            let old = extent[number] ?? (m.onsetS, m.onsetS)
            extent[number] = (min(old.first, m.onsetS), max(old.last, m.onsetS))
        }
        let onsets = sorted.map(\.onsetS)
        var result: [Int: Double] = [:]
        for (number, span) in extent {
            let lower = firstIndex(in: onsets, notBelow: span.first - marginS)
            let upper = firstIndex(in: onsets, above: span.last + marginS)
            let measurable = measurableBefore[upper] - measurableBefore[lower]
            let periodic = periodicBefore[upper] - periodicBefore[lower]
            result[number] = measurable > 0 ? Double(periodic) / Double(measurable) : 0
        }
        return result
    }

    /// The numbers of the series whose local periodicity index (``seriesIndices(_:marginS:)``)
    /// is at least `minimumIndex`.
    public static func periodicSeries(_ movements: [Movement], marginS: Double, minimumIndex: Double) -> Set<Int> {
        Set(seriesIndices(movements, marginS: marginS).filter { $0.value >= minimumIndex }.map(\.key))
    }

    /// First index whose value is >= `x` (values ascending).
    private static func firstIndex(in values: [Double], notBelow x: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < x { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// First index whose value is > `x` (values ascending).
    private static func firstIndex(in values: [Double], above x: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
