import PLMCore
import PLMReaders

/// The contiguous runs of trustworthy samples of a recording, between the defects that exclude
/// time from scoring (gaps, idle or zero fill, clipping, bad timestamps, missing values).
///
/// Each run is filtered and searched on its own, so that no filter rings across a gap and no
/// movement is built from samples on both sides of a defect.
struct ValidSegments {
    /// Sample index ranges of the valid runs, in order, non-empty, non-overlapping.
    var sampleRanges: [Range<Int>]
    /// The excluded time, merged and clamped to the recording, seconds since the first sample.
    var excludedSpans: [TimeSpan]
    /// Recording duration minus the excluded time, seconds.
    var validDurationS: Double

    /// Splits `recording` at its excluding defects.
    ///
    /// A defect excludes the samples of its `sampleRange` and every sample whose time lies in
    /// its `span`; a defect that covers no sample (a gap) still separates the samples before
    /// it from those after it.
    /// - Complexity: O(d log n) for d defects and n samples, plus O(d log d) sorting.
    init(_ recording: AccelerationRecording) {
        let n = recording.sampleCount
        let duration = recording.durationS
        var cuts: [Range<Int>] = []
        var spans: [TimeSpan] = []
        for defect in recording.defects where defect.excludesFromScoring {
            spans.append(defect.span)
            let lo = Self.firstSample(atOrAfterS: defect.span.startS, in: recording)
            let hi = max(lo, Self.firstSample(atOrAfterS: defect.span.endS, in: recording))
            let fromSamples = defect.sampleRange.clamped(to: 0..<n)
            var cut = lo..<hi
            if !fromSamples.isEmpty {
                cut = cut.isEmpty
                    ? fromSamples
                    : min(cut.lowerBound, fromSamples.lowerBound)..<max(cut.upperBound, fromSamples.upperBound)
            }
            cuts.append(cut)
        }
        cuts.sort { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var ranges: [Range<Int>] = []
        var start = 0
        for cut in cuts {
            if cut.lowerBound > start { ranges.append(start..<cut.lowerBound) }
            start = max(start, cut.upperBound)
        }
        if start < n { ranges.append(start..<n) }
        sampleRanges = ranges
        let whole = TimeSpan(startS: 0, endS: duration)
        excludedSpans = spans.compactMap { $0.clamped(to: whole) }.mergedUnion()
        validDurationS = max(0, duration - excludedSpans.reduce(0) { $0 + $1.durationS })
    }

    /// Whether `times` never decreases (and holds no NaN): then the first sample at or after a
    /// time moves forward with the time, and ``firstSample(atOrAfterS:in:searchingFrom:)`` may
    /// start where the previous, earlier time's search ended. A reader leaves times out of order
    /// only under a `.nonMonotonicTime` or `.duplicateTime` defect.
    /// - Complexity: O(n), four pairs at a time without a branch, in blocks.
    static func isAscending(_ times: [Double]) -> Bool {
        times.withUnsafeBufferPointer { t in
            guard t.count > 1 else { return true }
            guard let base = t.baseAddress else { return true }
            let pairs = t.count - 1  // t[i] <= t[i + 1] for i in 0 ..< pairs
            var i = 0
            while i < pairs {
                let end = min(pairs, i + 4096)
                var inOrder = SIMDMask<SIMD4<Int64>>(repeating: true)
                while i + 4 <= end {
                    let a = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
                    let b = UnsafeRawPointer(base + i + 1).loadUnaligned(as: SIMD4<Double>.self)
                    inOrder .&= a .<= b
                    i += 4
                }
                while i < end {
                    if !(t[i] <= t[i + 1]) { return false }
                    i += 1
                }
                if !all(inOrder) { return false }
            }
            return true
        }
    }

    /// ``firstSample(atOrAfterS:in:)`` for a time no earlier than one whose first sample was
    /// `hint`, when the times are ascending (``isAscending(_:)``): a galloping search forward from
    /// `hint` (after one look at `hint + expectedStep`, where a regular clock puts it), which gives
    /// the same index as the binary search over the whole recording (the first sample at or after
    /// a time is unique in ascending times) at a few probes near `hint`.
    /// Without ascending times it is the binary search itself.
    static func firstSample(
        atOrAfterS timeS: Double, in recording: AccelerationRecording, searchingFrom hint: Int, timesAscending: Bool,
        expectedStep: Int = 0
    ) -> Int {
        let n = recording.sampleCount
        guard timesAscending, hint >= 0, hint <= n, let times = recording.sampleTimesS, times.count == n else {
            return firstSample(atOrAfterS: timeS, in: recording)
        }
        return times.withUnsafeBufferPointer { t in
            // Where a regular clock puts it: one look, usually one cache line.
            let guess = hint + expectedStep
            if expectedStep > 0, guess > 0, guess < n, t[guess - 1] < timeS, t[guess] >= timeS { return guess }
            // Every sample before `lo` is earlier than timeS; `hi` is at or after it (or n).
            var lo = hint, hi = hint, step = 1
            while hi < n && t[hi] < timeS {
                lo = hi + 1
                hi = min(n, hi + step)
                step <<= 1
            }
            while lo < hi {
                let mid = (lo + hi) >> 1
                if t[mid] < timeS { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// Index of the first sample whose time is at or after `timeS` (sample count when none).
    static func firstSample(atOrAfterS timeS: Double, in recording: AccelerationRecording) -> Int {
        let n = recording.sampleCount
        guard let times = recording.sampleTimesS, times.count == n else {
            guard recording.sampleRateHz > 0, timeS.isFinite else { return timeS > 0 ? n : 0 }
            let index = (timeS * recording.sampleRateHz - 1e-9).rounded(.up)
            return Int(min(max(index, 0), Double(n)))
        }
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo + hi) >> 1
            if times[mid] < timeS { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
