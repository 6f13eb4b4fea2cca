import PLMCore
import PLMReaders

extension LegMovementDetector {
    /// Trims the edges of a short, strong candidate to where the raw acceleration leaves and
    /// rejoins its resting vector.
    ///
    /// The zero-phase filters spread a movement by their impulse response, and the spread grows
    /// with the amplitude: a 0.15-s, 4-g knock stays above 20 mg for about 0.2 s on each side
    /// after filtering, which makes it look like a 0.5-s movement. For a candidate shorter than
    /// `maxDurationS` (``LegPass/edgeRefinementMaxS``) whose raw deviation from the resting
    /// vector (the mean of the 0.5 s ending 0.1 s before the onset) peaks above
    /// ``DetectionSettings/edgeRefinementPeakFactor`` times the edge level, the onset moves
    /// forward to the first sample and the offset back to just after the last sample whose raw
    /// deviation reaches the edge level: `max(2 * onsetThresholdG, 4 * RMS deviation at rest)`.
    /// Edges only move inwards.
    func refineEdges(_ candidate: inout Candidate, recording: AccelerationRecording, maxDurationS: Double) {
        let rate = recording.sampleRateHz
        // Judged and trimmed on the level crossings: the move to the ramps' feet (which a
        // spike's spread through the tilt low-pass also gets) is undone when this applies.
        let samples = candidate.crossing
        guard Double(samples.count) < maxDurationS * rate else { return }
        let segment = candidate.segmentRange
        let preEnd = samples.lowerBound - Int((0.1 * rate).rounded())
        let preStart = max(segment.lowerBound, preEnd - Int((0.5 * rate).rounded()))
        guard preEnd - preStart >= 5 else { return }
        var bx = 0.0, by = 0.0, bz = 0.0
        for i in preStart..<preEnd {
            bx += Double(recording.x[i])
            by += Double(recording.y[i])
            bz += Double(recording.z[i])
        }
        let count = Double(preEnd - preStart)
        bx /= count
        by /= count
        bz /= count
        func deviation(_ i: Int) -> Double {
            let dx = Double(recording.x[i]) - bx, dy = Double(recording.y[i]) - by, dz = Double(recording.z[i]) - bz
            return (dx * dx + dy * dy + dz * dz).squareRoot()
        }
        var restSquares = 0.0
        for i in preStart..<preEnd { restSquares += deviation(i) * deviation(i) }
        let level = max(2 * settings.onsetThresholdG, 4 * (restSquares / count).squareRoot())
        var peak = 0.0
        for i in samples { peak = max(peak, deviation(i)) }
        guard peak >= settings.edgeRefinementPeakFactor * level else { return }
        guard let first = samples.first(where: { deviation($0) >= level }),
            let last = samples.last(where: { deviation($0) >= level })
        else { return }
        // What the core leaves of the crossing is the filters' spread of it, unless a stretch as
        // long as an LM lies on one side: that may be a movement of its own (a weak LM beside a
        // strong twitch), which trimming would lose.
        let minimumLM = Int((PublishedRules.minimumLegMovementDurationS * rate).rounded())
        guard first - samples.lowerBound < minimumLM, samples.upperBound - (last + 1) < minimumLM else { return }
        candidate.samples = first..<(last + 1)
    }
}
