import PLMCore

/// The levels of the search for small movements on a noisy leg
/// (``DetectionSettings/tiltConfirmationWindowS``): a hysteresis over the tilt bins at the floor
/// levels, kept where the tilt of the gravity series' mean over the window confirms it.
struct LowLevelTiltSearch {
    /// Onset and offset levels of the tilt, degrees (the floors of the sample-level path).
    var onsetDegrees: Double
    var offsetDegrees: Double
    /// Tilt bins in the mean (odd, centred).
    var averageBins: Int
    /// The mean's tilt a movement must reach, degrees.
    var confirmationDegrees: Double
    /// Tilt bins below the offset level that end a movement.
    var quietBins: Int
    /// Samples of the shortest leg movement (``PLMCore/PublishedRules/minimumLegMovementDurationS``).
    var minSamples: Int
    /// The dynamic channel's onset floor on this leg, g: a sample-level movement whose dynamic
    /// peak reaches it was seen by the dynamic channel (a twitch, a knock), not only by the tilt.
    var dynamicOnsetG: Double
}

/// One movement of the low-level search, as ``SegmentScan/bursts`` holds them.
typealias ScanBurst = (burst: HysteresisDetector.Burst, crossing: Range<Int>, peakDynamicG: Double, peakTiltDegrees: Double)

extension LegMovementDetector {
    /// The low-level search for a leg, or nil when the leg's measured noise does not raise the
    /// tilt onset level above its floor (the sample-level path then already uses the floor) or
    /// the search is switched off.
    /// - Parameters:
    ///   - effectiveNoiseRMSG: the leg's noise per axis and sample, quantisation included (``SensorNoise``).
    ///   - tiltNoiseLevelDegrees: the sample-level tilt onset level the noise sets.
    func lowLevelTiltSearch(
        effectiveNoiseRMSG: Double, tiltNoiseLevelDegrees: Double, tiltRateHz: Double, tiltBinSamples: Int,
        dynamicNoiseLevelG: Double
    ) -> LowLevelTiltSearch? {
        guard settings.tiltConfirmationWindowS > 0, settings.tiltAdjacentRest, settings.tiltSeriesNoiseFactor > 0,
            tiltNoiseLevelDegrees > settings.onsetTiltDegrees, effectiveNoiseRMSG.isFinite, effectiveNoiseRMSG > 0
        else { return nil }
        let half = max(1, Int((settings.tiltConfirmationWindowS * tiltRateHz / 2).rounded()))
        let averageBins = 2 * half + 1
        // White noise averaged over N samples: RMS / sqrt(N) per axis, read as an angle (g as radians).
        let averagedNoiseDegrees =
            effectiveNoiseRMSG / Double(averageBins * max(1, tiltBinSamples)).squareRoot() * 180 / Double.pi
        return LowLevelTiltSearch(
            onsetDegrees: settings.onsetTiltDegrees, offsetDegrees: settings.offsetTiltDegrees,
            averageBins: averageBins, confirmationDegrees: settings.tiltSeriesNoiseFactor * averagedNoiseDegrees,
            quietBins: max(1, Int((settings.offsetQuietDurationS * tiltRateHz).rounded())),
            minSamples: Int((PublishedRules.minimumLegMovementDurationS * tiltRateHz).rounded()) * max(1, tiltBinSamples),
            dynamicOnsetG: max(settings.onsetThresholdG, dynamicNoiseLevelG))
    }

    /// Runs the low-level search over the tilt bins of samples `core` (absolute) of `signal`
    /// (built from `signalStart`), carrying its state over chunks in `state`, and keeps the
    /// movements whose averaged tilt reaches the confirmation level, extended to their ramps'
    /// feet like the sample-level ones (``extendedToRampFeet``).
    ///
    /// Chunks and the signal start lie on whole tilt bins of the valid run (whole multiples of
    /// ``MovementSignal/binGrid(settings:rateHz:tiltBinSamples:)`` from its start), so bin b of
    /// the run is bin `b - (signalStart - runStart) / tiltBinSamples` of the signal.
    func scanLowLevel(
        _ signal: MovementSignal, signalStart: Int, core: Range<Int>, state: inout SegmentScan,
        search: LowLevelTiltSearch, rateHz: Double, footLevelDegrees: Float
    ) {
        guard var detector = state.lowDetector, !core.isEmpty,
            signal.averagedTiltDegrees.count == signal.tiltDegrees.count
        else { return }
        let binSamples = signal.tiltBinSamples
        let runStart = state.segment.lowerBound, runCount = state.segment.count
        let firstBin = (core.lowerBound - runStart) / binSamples
        let endBin = (core.upperBound - runStart + binSamples - 1) / binSamples
        let signalBinOffset = (signalStart - runStart) / binSamples
        var peakTilt = state.lowPeakTiltDegrees, peakAveraged = state.lowPeakAveragedDegrees
        var peakDynamic = state.lowPeakDynamicG
        signal.tiltDegrees.withUnsafeBufferPointer { tilts in
            signal.averagedTiltDegrees.withUnsafeBufferPointer { averaged in
                for b in firstBin..<endBin {
                    let k = b - signalBinOffset
                    guard k >= 0, k < tilts.count else { continue }
                    let tilt = Double(tilts[k])
                    let wasActive = detector.isActive
                    if let crossing = detector.step(
                        b, aboveOnset: tilt >= search.onsetDegrees, belowOffset: tilt < search.offsetDegrees),
                        peakAveraged >= search.confirmationDegrees
                    {
                        let samples =
                            (crossing.samples.lowerBound * binSamples)..<min(runCount, crossing.samples.upperBound * binSamples)
                        var burst = crossing
                        burst.samples = extendedToRampFeet(
                            samples, tilts: tilts, binOffset: runStart - signalStart, tiltBinSamples: binSamples,
                            notBefore: state.lowBursts.last?.burst.samples.upperBound ?? 0, rateHz: rateHz,
                            footLevelDegrees: footLevelDegrees)
                        // The search is for leg movements: a shorter stretch is left to the
                        // sample-level path (noise, or a twitch's tilt).
                        if burst.samples.count >= search.minSamples {
                            state.lowBursts.append((burst, samples, peakDynamic, peakTilt))
                        }
                    }
                    if detector.isActive {
                        if !wasActive {
                            peakTilt = 0
                            peakAveraged = 0
                            peakDynamic = 0
                        }
                        peakTilt = max(peakTilt, tilt)
                        peakAveraged = max(peakAveraged, Double(averaged[k]))
                        peakDynamic = max(peakDynamic, Self.peakDynamicG(signal, bin: k))
                    }
                }
            }
        }
        state.lowDetector = detector
        state.lowPeakTiltDegrees = peakTilt
        state.lowPeakAveragedDegrees = peakAveraged
        state.lowPeakDynamicG = peakDynamic
    }

    /// The largest dynamic value (envelope over its resting level bin, g) of the samples of tilt bin `k`.
    private static func peakDynamicG(_ signal: MovementSignal, bin k: Int) -> Double {
        let lower = k * signal.tiltBinSamples, upper = min(signal.envelope.count, lower + signal.tiltBinSamples)
        var peak = -Double.infinity
        guard lower < upper, signal.levelBinSamples > 0, !signal.restingLevelG.isEmpty else { return 0 }
        for j in lower..<upper {
            let resting = signal.restingLevelG[min(signal.restingLevelG.count - 1, j / signal.levelBinSamples)]
            peak = max(peak, Double(signal.envelope[j]) - resting)
        }
        return peak
    }

    /// `bursts` (sample-level movements of one valid run, in order) with the confirmed low-level
    /// movements `low` added: each where it overlaps no sample-level movement, or only ones
    /// shorter than `minSamples` whose dynamic peak stays below `dynamicOnsetG` (a small LM's
    /// tilt crossing the raised level for a moment, found as a blip), which it replaces. Where it
    /// overlaps a longer movement, or a short one the dynamic channel saw (a twitch, whose tilt
    /// the low-pass spreads), that one stands.
    static func withLowLevelBursts(
        _ bursts: [ScanBurst], low: [ScanBurst], minSamples: Int, dynamicOnsetG: Double
    ) -> [ScanBurst] {
        guard !low.isEmpty else { return bursts }
        var result = bursts
        var added = false
        for candidate in low {
            let range = candidate.burst.samples
            let overlapping = result.indices.filter { result[$0].burst.samples.overlaps(range) }
            guard
                overlapping.allSatisfy({
                    result[$0].burst.samples.count < minSamples && result[$0].peakDynamicG < dynamicOnsetG
                })
            else { continue }
            for index in overlapping.reversed() { result.remove(at: index) }
            result.append(candidate)
            added = true
        }
        if added {
            result.sort { $0.burst.samples.lowerBound < $1.burst.samples.lowerBound }
        }
        return result
    }
}
