/// Non-wear by van Hees et al. (PLoS ONE 2011, 2013), as GGIR applies it: in windows of 60 min
/// moved by 15 min, a window is non-wear when on at least 2 of the 3 axes the SD is below 13 mg
/// and the range below 50 mg. Every minute of a non-wear window is non-wear.
///
/// A sensor on a table shows only its noise; a still sleeper still turns, twitches and moves the
/// legs within an hour (a limitation: a sleeper lying fully still for an hour reads as non-wear,
/// and is then left out of scoring rather than scored wrongly).
public enum NonWearDetector {
    /// One flag per epoch: true when the minute lies in a non-wear window.
    public static func nonWearMinutes(_ epochs: [MinuteEpoch], rules: InBedRules = .standard) -> [Bool] {
        var flags = [Bool](repeating: false, count: epochs.count)
        let window = max(1, rules.nonWearWindowMinutes)
        let step = max(1, rules.nonWearStepMinutes)
        guard epochs.count >= window else { return flags }
        var start = 0
        while start + window <= epochs.count {
            if isNonWear(epochs[start..<(start + window)], rules: rules) {
                for k in start..<(start + window) { flags[k] = true }
            }
            start += step
        }
        // The last window ends at the last epoch so that the recording's tail is tested too.
        let last = epochs.count - window
        if last % step != 0, isNonWear(epochs[last..<epochs.count], rules: rules) {
            for k in last..<epochs.count { flags[k] = true }
        }
        return flags
    }

    /// The test on one window. A window needs samples in most of its minutes (a gap is not
    /// non-wear evidence: it is reported by the reader).
    static func isNonWear(_ window: ArraySlice<MinuteEpoch>, rules: InBedRules) -> Bool {
        let withData = window.filter(\.hasData)
        guard withData.count * 2 > window.count else { return false }
        let total = withData.dropFirst().reduce(withData[withData.startIndex]) { $0.merged(with: $1) }
        let sd = total.standardDeviation, range = total.range
        var still = 0
        if sd.x < rules.nonWearSDG && range.x < rules.nonWearRangeG { still += 1 }
        if sd.y < rules.nonWearSDG && range.y < rules.nonWearRangeG { still += 1 }
        if sd.z < rules.nonWearSDG && range.z < rules.nonWearRangeG { still += 1 }
        return still >= rules.nonWearStillAxes
    }
}
