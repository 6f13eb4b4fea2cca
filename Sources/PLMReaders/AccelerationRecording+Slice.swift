import PLMCore

extension AccelerationRecording {
    /// The index of the first sample at or after `timeS` (seconds since the first sample);
    /// `sampleCount` when none is. Binary search on the sample times (non-decreasing except under
    /// time defects, where the search still lands on one of the samples concerned).
    public func firstSample(atOrAfter timeS: Double) -> Int {
        guard let times = sampleTimesS else {
            let index = (timeS * sampleRateHz).rounded(.up)
            guard index.isFinite else { return timeS > 0 ? sampleCount : 0 }
            return Int(min(Double(sampleCount), max(0, index)))
        }
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < timeS { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The samples in `[startS, endS)` (seconds since the first sample) as a recording of their
    /// own: its first sample is the first one in the span, its clock starts there, its defects are
    /// the ones overlapping the span, clipped and moved to its time line. Nothing is resampled.
    public func slice(fromS startS: Double, toS endS: Double) -> AccelerationRecording {
        let first = firstSample(atOrAfter: startS)
        let end = max(first, firstSample(atOrAfter: endS))
        let t0 = first < sampleCount ? timeS(ofSample: first) : max(0, startS)
        let t1 = end < sampleCount ? timeS(ofSample: end) : durationS
        var slice = AccelerationRecording(
            path: path, layout: layout, start: start?.adding(seconds: t0), declaredRateHz: declaredRateHz,
            sampleRateHz: sampleRateHz, x: Array(x[first..<end]), y: Array(y[first..<end]), z: Array(z[first..<end]),
            sampleTimesS: sampleTimesS.map { times in times[first..<end].map { $0 - t0 } },
            defects: [], metadata: metadata)
        slice.layoutReason = layoutReason
        slice.measuredRateHz = measuredRateHz
        slice.defects = Self.defects(defects, inSamples: first..<end, t0: t0, t1: t1) { timeS(ofSample: $0) }
        return slice
    }

    /// `defects` as seen by the samples `samples` of their file, whose times run from `t0` to `t1`
    /// (seconds since the file's first sample): the ones overlapping, clipped, their sample ranges and
    /// spans moved so that the first sample is 0. `timeOfSample` gives the time of a sample inside
    /// `samples` (file index). Shared by ``slice(fromS:toS:)`` and the streaming reader's windows.
    static func defects(
        _ defects: [RecordingDefect], inSamples samples: Range<Int>, t0: Double, t1: Double,
        timeOfSample: (Int) -> Double
    ) -> [RecordingDefect] {
        let first = samples.lowerBound
        let window = TimeSpan(startS: t0, endS: t1)
        return defects.compactMap { defect -> RecordingDefect? in
            var moved = defect
            if defect.sampleRange.isEmpty {
                // A gap: no samples, only time.
                guard let span = defect.span.clamped(to: window) else { return nil }
                moved.span = span
                moved.sampleRange = 0..<0
            } else {
                let inside = defect.sampleRange.clamped(to: samples)
                guard !inside.isEmpty else { return nil }
                moved.span = defect.span.clamped(to: window)
                    ?? TimeSpan(startS: timeOfSample(inside.lowerBound), endS: timeOfSample(inside.upperBound - 1))
                moved.sampleRange = (inside.lowerBound - first)..<(inside.upperBound - first)
                moved.sampleCount = inside.count
            }
            moved.span = TimeSpan(startS: moved.span.startS - t0, endS: moved.span.endS - t0)
            return moved
        }
    }
}
