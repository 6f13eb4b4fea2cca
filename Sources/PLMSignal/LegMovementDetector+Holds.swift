import PLMReaders

extension LegMovementDetector {
    /// Joins two candidates separated by a short quiet stretch in which the leg was held away
    /// from its resting orientation: the rise and the fall of one movement whose hold the
    /// movement signal cannot see.
    ///
    /// A dorsiflexion held for a second or more has no linear acceleration during the hold, and on
    /// a leg lying on its side the hold may tilt gravity by only 0.1-0.5 degree, below the tilt
    /// levels; the hysteresis then ends the movement after the rise and starts a new one at the
    /// fall. Averaged over the quiet stretch the raw acceleration still shows the held
    /// orientation: the two are joined when the quiet stretch lasts at most
    /// ``DetectionSettings/maxHoldGapS``, the joined movement at most
    /// ``DetectionSettings/maxHoldJoinedDurationS``, and the mean direction of the gravity
    /// vector in the quiet stretch differs from the resting direction before the first and after
    /// the second candidate by more than ``DetectionSettings/holdNoiseFactor`` standard errors
    /// (and at least ``DetectionSettings/minHoldDegrees``), while those two agree with each
    /// other to within half that difference (the leg came back: not a posture change).
    func joinedAcrossHolds(_ candidates: [Candidate], recording: AccelerationRecording) -> [Candidate] {
        guard settings.maxHoldGapS > 0, candidates.count > 1 else { return candidates }
        let rate = recording.sampleRateHz
        let maxGap = Int((settings.maxHoldGapS * rate).rounded())
        let maxJoined = Int((settings.maxHoldJoinedDurationS * rate).rounded())
        let guardSamples = max(1, Int((0.1 * rate).rounded()))
        let restSamples = max(5, Int((0.5 * rate).rounded()))
        var out: [Candidate] = []
        out.reserveCapacity(candidates.count)
        for candidate in candidates {
            if let last = out.last, !last.startsCut, !last.endsCut, !candidate.startsCut, !candidate.endsCut,
                last.segmentIndex == candidate.segmentIndex,
                candidate.samples.lowerBound - last.samples.upperBound <= maxGap,
                candidate.samples.upperBound - last.samples.lowerBound <= maxJoined,
                isHeld(
                    between: last, and: candidate, recording: recording, guardSamples: guardSamples,
                    restSamples: restSamples)
            {
                out[out.count - 1].samples = last.samples.lowerBound..<candidate.samples.upperBound
                    out[out.count - 1].crossing = last.crossing.lowerBound..<candidate.crossing.upperBound
                out[out.count - 1].peakDynamicG = max(last.peakDynamicG, candidate.peakDynamicG)
                out[out.count - 1].peakTiltDegrees = max(last.peakTiltDegrees, candidate.peakTiltDegrees)
                continue
            }
            out.append(candidate)
        }
        return out
    }

    /// Whether the mean orientation in the quiet stretch between `first` and `second` is held
    /// away from the resting orientation before `first` and after `second` (see
    /// ``joinedAcrossHolds(_:recording:)``).
    private func isHeld(
        between first: Candidate, and second: Candidate, recording: AccelerationRecording, guardSamples: Int,
        restSamples: Int
    ) -> Bool {
        let segment = first.segmentRange
        // Each window is empty (and the pair not joined) when it would leave the valid run.
        func window(_ lo: Int, _ hi: Int) -> Range<Int> {
            let lo = max(lo, segment.lowerBound), hi = min(hi, segment.upperBound)
            return lo < hi ? lo..<hi : lo..<lo
        }
        let gap = window(first.samples.upperBound + guardSamples, second.samples.lowerBound - guardSamples)
        let beforeEnd = first.samples.lowerBound - guardSamples
        let before = window(beforeEnd - restSamples, beforeEnd)
        let afterStart = second.samples.upperBound + guardSamples
        let after = window(afterStart, afterStart + restSamples)
        guard gap.count >= 5, before.count >= 5, after.count >= 5 else { return false }
        /// Mean vector and the per-axis variance of the samples around it.
        func mean(_ range: Range<Int>) -> (x: Double, y: Double, z: Double, variance: Double) {
            var sx = 0.0, sy = 0.0, sz = 0.0, ss = 0.0
            for i in range {
                let x = Double(recording.x[i]), y = Double(recording.y[i]), z = Double(recording.z[i])
                sx += x
                sy += y
                sz += z
                ss += x * x + y * y + z * z
            }
            let n = Double(range.count)
            let mx = sx / n, my = sy / n, mz = sz / n
            return (mx, my, mz, max(0, ss / n - (mx * mx + my * my + mz * mz)) / 3)
        }
        func angle(_ a: (x: Double, y: Double, z: Double, variance: Double), _ b: (x: Double, y: Double, z: Double, variance: Double)) -> Double {
            let nb = (b.x * b.x + b.y * b.y + b.z * b.z).squareRoot()
            guard nb > 0 else { return 0 }
            return MovementSignal.angleRadians(a.x, a.y, a.z, toUnit: b.x / nb, b.y / nb, b.z / nb) * 180 / Double.pi
        }
        let held = mean(gap), rest0 = mean(before), rest1 = mean(after)
        let g = max(1e-6, (held.x * held.x + held.y * held.y + held.z * held.z).squareRoot())
        // Standard error of the direction difference (degrees), from the noise of the rest windows.
        let noiseVariance = min(rest0.variance, rest1.variance)
        func standardError(_ n1: Int, _ n2: Int) -> Double {
            (noiseVariance * (1 / Double(n1) + 1 / Double(n2))).squareRoot() / g * 180 / Double.pi
        }
        let toBefore = angle(held, rest0), toAfter = angle(held, rest1)
        let level0 = max(settings.minHoldDegrees, settings.holdNoiseFactor * standardError(gap.count, before.count))
        let level1 = max(settings.minHoldDegrees, settings.holdNoiseFactor * standardError(gap.count, after.count))
        guard toBefore >= level0, toAfter >= level1, angle(rest0, rest1) <= 0.5 * min(toBefore, toAfter) else {
            return false
        }
        // A hold is still: the two halves of the quiet stretch agree to within half its offset.
        // (The slow tail of one movement and the start of the next, below the tilt levels, are
        // not: they move towards and away from rest.)
        let middle = gap.lowerBound + gap.count / 2
        guard middle - gap.lowerBound >= 5, gap.upperBound - middle >= 5 else { return false }
        return angle(mean(gap.lowerBound..<middle), mean(middle..<gap.upperBound)) <= 0.5 * min(toBefore, toAfter)
    }
}
