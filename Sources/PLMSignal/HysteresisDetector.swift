/// The EMG scoring rule as a streaming state machine over the samples of one valid segment.
///
/// Fed, sample by sample, whether the movement signal is at or above the onset level and
/// whether it is below the offset level. A movement starts at the onset-level crossing (moved
/// back to just after the last sample below the offset level, by at most `maxBacktrackSamples`)
/// and ends at the first sample of a run of at least `quietSamples` samples below the offset
/// level (AASM 2007 / WASM 2016: offset at the start of >= 0.5 s at the offset level).
struct HysteresisDetector {
    /// One movement, as sample indices within the segment: `[onset, offset)`.
    struct Burst: Equatable {
        var samples: Range<Int>
        /// No sample below the offset level was seen before the onset in this segment: the
        /// movement may have begun before the segment did.
        var startsAtSegmentStart: Bool
        /// The segment ended before a full quiet run confirmed the offset.
        var endsAtSegmentEnd: Bool
    }

    /// Quiet samples in a row that end a movement (>= 1).
    let quietSamples: Int
    /// Largest move of the onset back from the onset-level crossing, samples (>= 0).
    let maxBacktrackSamples: Int

    private(set) var isActive = false
    private var onset = 0
    private var quietStart = -1
    private var lastQuiet = -1
    private var onsetUnseen = false

    init(quietSamples: Int, maxBacktrackSamples: Int) {
        self.quietSamples = max(1, quietSamples)
        self.maxBacktrackSamples = max(0, maxBacktrackSamples)
    }

    /// Feeds sample `index` (indices must increase by one from 0).
    /// - Parameters:
    ///   - aboveOnset: the signal is at or above the onset level.
    ///   - belowOffset: the signal is below the offset level.
    /// - Returns: the movement that this sample completes, if any.
    @inline(__always)
    mutating func step(_ index: Int, aboveOnset: Bool, belowOffset: Bool) -> Burst? {
        if !isActive {
            if aboveOnset {
                isActive = true
                quietStart = -1
                onsetUnseen = lastQuiet < 0
                onset = max(lastQuiet + 1, index - maxBacktrackSamples)
            } else if belowOffset {
                lastQuiet = index
            }
            return nil
        }
        if belowOffset {
            if quietStart < 0 { quietStart = index }
            if index - quietStart + 1 >= quietSamples {
                isActive = false
                lastQuiet = index
                let burst = Burst(
                    samples: onset..<quietStart, startsAtSegmentStart: onsetUnseen, endsAtSegmentEnd: false)
                quietStart = -1
                return burst
            }
        } else {
            quietStart = -1
        }
        return nil
    }

    /// Feeds samples up to `index` none of which is at or above the onset level while no
    /// movement is open, the last of them below the offset level at `lastBelowOffset` (nil when
    /// none is): what ``step(_:aboveOnset:belowOffset:)`` does for each of them (it only
    /// remembers the last quiet sample then).
    @inline(__always)
    mutating func skipInactive(lastBelowOffset: Int?) {
        guard !isActive, let index = lastBelowOffset else { return }
        lastQuiet = index
    }

    /// Ends the segment after `count` samples.
    /// - Returns: the movement still open, ending at the start of its unfinished quiet run or
    ///   at the segment's end, flagged ``Burst/endsAtSegmentEnd``.
    mutating func finish(count: Int) -> Burst? {
        guard isActive else { return nil }
        isActive = false
        let end = quietStart >= 0 ? quietStart : count
        return Burst(samples: onset..<max(end, onset + 1), startsAtSegmentStart: onsetUnseen, endsAtSegmentEnd: true)
    }
}
