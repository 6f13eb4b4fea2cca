import PLMCore
import PLMFFT
import PLMReaders

/// The last stage of a leg's detection: each candidate's edges re-measured on the raw data, its
/// spectrum measured, and the spike, vibration and cut-by-excluded-time rules applied.
extension LegMovementDetector {
    /// What became of one candidate.
    enum Verdict: Sendable {
        case movement(LegMovement)
        case rejected(RejectedMovement)
    }

    /// Candidates classified together, one task of ``OrderedPrefetch``: about 1 ms of work, so
    /// that the threads' hand-overs cost nothing next to it.
    static let classificationBatch = 32

    /// The candidates' movements and rejections, each in the candidates' order. Batches of
    /// candidates are classified on ``buildThreads`` threads; each candidate's verdict depends on
    /// it alone, so the result does not depend on the threads.
    /// `edgeRefinementMaxS` is the leg's ``LegPass/edgeRefinementMaxS``.
    func classified(
        _ candidates: [Candidate], side: LegSide, recording: AccelerationRecording, bandLimitHz: Double,
        noiseRMSG: Double, edgeRefinementMaxS: Double
    ) -> (movements: [LegMovement], rejected: [RejectedMovement]) {
        let batch = Self.classificationBatch
        let verdicts = OrderedPrefetch(
            count: (candidates.count + batch - 1) / batch, helperThreads: buildThreads - 1, window: 2 * buildThreads
        ) { b in
            var workspaces: [Int: FFTWorkspace] = [:]
            var windows: [Int: SpectralFeatures.HannWindow] = [:]
            return candidates[(b * batch)..<min(candidates.count, (b + 1) * batch)].map { candidate in
                verdict(
                    candidate, side: side, recording: recording, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG,
                    edgeRefinementMaxS: edgeRefinementMaxS, workspaces: &workspaces, windows: &windows)
            }
        }
        defer { verdicts.finish() }
        var movements: [LegMovement] = []
        var rejected: [RejectedMovement] = []
        while let batchVerdicts = verdicts.next() {
            for verdict in batchVerdicts {
                switch verdict {
                case .movement(let movement): movements.append(movement)
                case .rejected(let rejection): rejected.append(rejection)
                }
            }
        }
        return (movements, rejected)
    }

    /// One candidate's verdict. `workspaces` and `windows` are the caller's FFT buffers and
    /// windows by length, reused from one candidate to the next.
    func verdict(
        _ candidate: Candidate, side: LegSide, recording: AccelerationRecording, bandLimitHz: Double,
        noiseRMSG: Double, edgeRefinementMaxS: Double, workspaces: inout [Int: FFTWorkspace],
        windows: inout [Int: SpectralFeatures.HannWindow]
    ) -> Verdict {
        var candidate = candidate
        if !candidate.startsCut && !candidate.endsCut {
            refineEdges(&candidate, recording: recording, maxDurationS: edgeRefinementMaxS)
        }
        let movement = makeMovement(candidate, side: side, recording: recording)
        if candidate.startsCut || candidate.endsCut {
            return .rejected(
                RejectedMovement(
                    movement: movement, reason: .cutByExcludedTime, dominantFrequencyHz: 0, peakToFloorRatio: 0))
        }
        let features = spectralFeatures(
            candidate, recording: recording, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG,
            workspaces: &workspaces, windows: &windows)
        var reason: RejectedMovement.Reason?
        if candidate.samples.count <= Self.maxSpikeSamples {
            // What remains after the edges were re-measured on the raw data is one or two
            // samples: no limb moves that fast (a twitch lasts 0.1 s or more).
            reason = .spike
        } else if features.peakToFloorRatio < settings.minPeakToFloorRatio
            && features.impulsiveExcess >= settings.spikeNoiseExcess
        {
            reason = .spike
        } else if features.dominantFrequencyHz > settings.maxDominantFrequencyHz {
            reason = .vibration
        }
        guard let reason else { return .movement(movement) }
        return .rejected(
            RejectedMovement(
                movement: movement, reason: reason, dominantFrequencyHz: features.dominantFrequencyHz,
                peakToFloorRatio: features.peakToFloorRatio))
    }

    func makeMovement(_ candidate: Candidate, side: LegSide, recording: AccelerationRecording) -> LegMovement {
        let onsetS = recording.timeS(ofSample: candidate.samples.lowerBound)
        let offsetS =
            candidate.samples.upperBound < recording.sampleCount
            ? recording.timeS(ofSample: candidate.samples.upperBound)
            : recording.durationS
        return LegMovement(
            side: side, onsetS: onsetS, offsetS: offsetS, peakAccelerationG: max(0, candidate.peakDynamicG),
            tiltChangeDegrees: candidate.peakTiltDegrees)
    }

    func spectralFeatures(
        _ candidate: Candidate, recording: AccelerationRecording, bandLimitHz: Double, noiseRMSG: Double,
        workspaces: inout [Int: FFTWorkspace], windows: inout [Int: SpectralFeatures.HannWindow]
    ) -> SpectralFeatures {
        let pad = Int((settings.featurePaddingS * recording.sampleRateHz).rounded())
        let lo = max(0, candidate.samples.lowerBound - pad)
        let hi = min(recording.sampleCount, candidate.samples.upperBound + pad)
        // Each axis widened to Double in one vectorised pass (exact conversions).
        let axes = [recording.x, recording.y, recording.z].map { axis in
            axis.withUnsafeBufferPointer { source in
                [Double](unsafeUninitializedCapacity: hi - lo) { out, count in
                    if let from = source.baseAddress, let to = out.baseAddress {
                        ZeroPhaseFilter.widen(from + lo, into: to, count: hi - lo)
                    }
                    count = hi - lo
                }
            }
        }
        // At low rates (30 Hz: Nyquist 15 Hz) the bands move down so that both stay inside the
        // spectrum: the impulsive band starts at 60 % of Nyquist at the latest, the movement band
        // ends at half of that.
        let nyquist = recording.sampleRateHz / 2
        let impulsiveStartHz = min(settings.impulsiveBandStartHz, 0.6 * nyquist)
        return SpectralFeatures.measure(
            axes: axes, sampleRateHz: recording.sampleRateHz,
            movementBandHz: min(settings.movementBandHz, impulsiveStartHz / 2),
            impulsiveBandStartHz: impulsiveStartHz,
            bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG, workspaces: &workspaces, windows: &windows)
    }
}
