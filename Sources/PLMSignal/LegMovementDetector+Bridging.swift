import PLMReaders

extension LegMovementDetector {
    /// Joins or settles movements cut by the boundaries between segments.
    ///
    /// Across an excluded stretch of at most ``DetectionSettings/maxBridgedDefectS``: a movement
    /// open at the end of one segment and one open at the start of the next become one; a cut
    /// side facing a quiet neighbour takes the boundary as its onset or offset. At the recording's
    /// own first and last sample nothing was excluded, so the edge is taken as onset or offset.
    /// Whatever stays cut is rejected by the caller.
    func bridged(
        _ candidates: [Candidate], segments: [Range<Int>], recording: AccelerationRecording
    ) -> [Candidate] {
        guard !candidates.isEmpty else { return [] }
        let n = recording.sampleCount
        let period = 1 / recording.sampleRateHz
        func bridgeable(after segment: Int) -> Bool {
            guard segment + 1 < segments.count else { return false }
            let endS = recording.timeS(ofSample: segments[segment].upperBound - 1) + period
            let startS = recording.timeS(ofSample: segments[segment + 1].lowerBound)
            return startS - endS <= settings.maxBridgedDefectS + 1e-9
        }
        var out: [Candidate] = []
        for var candidate in candidates {
            let segment = segments[candidate.segmentIndex]
            if candidate.startsCut && segment.lowerBound == 0 { candidate.startsCut = false }
            if candidate.endsCut && segment.upperBound == n { candidate.endsCut = false }
            if candidate.startsCut, candidate.segmentIndex > 0, bridgeable(after: candidate.segmentIndex - 1) {
                if let last = out.last, last.endsCut, last.segmentIndex == candidate.segmentIndex - 1 {
                    out[out.count - 1].samples = last.samples.lowerBound..<candidate.samples.upperBound
                    out[out.count - 1].crossing = last.crossing.lowerBound..<candidate.crossing.upperBound
                    out[out.count - 1].endsCut = candidate.endsCut
                    out[out.count - 1].segmentIndex = candidate.segmentIndex
                    out[out.count - 1].peakDynamicG = max(last.peakDynamicG, candidate.peakDynamicG)
                    out[out.count - 1].peakTiltDegrees = max(last.peakTiltDegrees, candidate.peakTiltDegrees)
                    continue
                }
                candidate.startsCut = false
            }
            if let last = out.last, last.endsCut, last.segmentIndex < candidate.segmentIndex,
                bridgeable(after: last.segmentIndex)
            {
                // The previous movement ran into a short defect and the next segment started quiet.
                out[out.count - 1].endsCut = false
            }
            out.append(candidate)
        }
        if let last = out.last, last.endsCut, bridgeable(after: last.segmentIndex) {
            out[out.count - 1].endsCut = false
        }
        return out
    }
}
