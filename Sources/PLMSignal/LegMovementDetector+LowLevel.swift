import Foundation
import PLMCore

/// The levels of the search for small movements on a noisy leg
/// (``DetectionSettings/tiltConfirmationWindowS``): a hysteresis over the tilt bins at the floor
/// levels, kept where the tilt of the gravity series' mean over the window confirms it.
struct LowLevelTiltSearch: Sendable {
    /// Onset and offset levels of the tilt, degrees (the floors of the sample-level path).
    var onsetDegrees: Double
    var offsetDegrees: Double
    /// Tilt bins in the mean (odd, centred).
    var averageBins: Int
    /// The mean's tilt a movement must reach at least, degrees: the Gaussian model's level
    /// (``DetectionSettings/tiltSeriesNoiseFactor`` times the mean's noise). The level used is the
    /// larger of this and the one measured on the leg's own still time (``MeasuredTailLevel``).
    var confirmationDegrees: Double
    /// The mean's noise in the Gaussian model, degrees (per axis, read as an angle).
    var averagedNoiseDegrees: Double
    /// The probability per bin that the Gaussian model's level stands for: the averaged tilt is
    /// the angle of a 2-D Gaussian deviation (Rayleigh), passing f times its scale with
    /// probability exp(-f^2 / 2). The measured level is set for the same probability.
    var tailProbability: Double
    /// Still bins needed to measure the level: ``minimumStillWindows`` windows. With fewer,
    /// nothing is confirmed.
    var minStillBins: Int
    /// Averaging windows of still time a measured tail level needs (``MeasuredTailLevel``): 1000,
    /// so that about 10 independent windows lie above the measured 0.99 quantile. Shared by the
    /// averaged tilt and the energy of the acceleration vector.
    static let minimumStillWindows = 1000
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
            averagedNoiseDegrees: averagedNoiseDegrees,
            tailProbability: exp(-settings.tiltSeriesNoiseFactor * settings.tiltSeriesNoiseFactor / 2),
            minStillBins: LowLevelTiltSearch.minimumStillWindows * averageBins,
            quietBins: max(1, Int((settings.offsetQuietDurationS * tiltRateHz).rounded())),
            minSamples: Int((PublishedRules.minimumLegMovementDurationS * tiltRateHz).rounded()) * max(1, tiltBinSamples),
            dynamicOnsetG: max(settings.onsetThresholdG, dynamicNoiseLevelG))
    }

    /// Runs the low-level search over the tilt bins of samples `core` (absolute) of `signal`
    /// (built from `signalStart`), carrying its state over chunks in `state`: keeps every
    /// movement of at least ``LowLevelTiltSearch/minSamples``, extended to its ramps' feet like
    /// the sample-level ones (``extendedToRampFeet``), with the peak of its averaged tilt, and the
    /// averaged tilt of every bin, for ``confirmationDegrees(_:search:)`` to confirm them once
    /// the whole leg is scanned.
    ///
    /// Chunks and the signal start lie on whole tilt bins of the valid run (whole multiples of
    /// ``MovementSignal/binGrid(settings:rateHz:tiltBinSamples:)`` from its start), so bin b of
    /// the run is bin `b - (signalStart - runStart) / tiltBinSamples` of the signal.
    func scanLowLevel(
        _ signal: MovementSignal, signalStart: Int, core: Range<Int>, state: inout SegmentScan,
        search: LowLevelTiltSearch, rateHz: Double, footLevelDegrees: Float, tiltRinging: TiltRinging = .none
    ) {
        let binSamples = max(1, signal.tiltBinSamples)
        let runStart = state.segment.lowerBound, runCount = state.segment.count
        let firstBin = (core.lowerBound - runStart) / binSamples
        let endBin = (core.upperBound - runStart + binSamples - 1) / binSamples
        guard var detector = state.lowDetector, !core.isEmpty,
            signal.averagedTiltDegrees.count == signal.tiltDegrees.count
        else {
            // No averaged tilt here: the bins keep their places, unmeasured.
            if state.lowDetector != nil, firstBin < endBin {
                state.lowAveragedDegrees.append(contentsOf: repeatElement(.nan, count: endBin - firstBin))
            }
            return
        }
        let signalBinOffset = (signalStart - runStart) / binSamples
        var peakTilt = state.lowPeakTiltDegrees, peakAveraged = state.lowPeakAveragedDegrees
        var peakDynamic = state.lowPeakDynamicG
        signal.tiltDegrees.withUnsafeBufferPointer { tilts in
            signal.averagedTiltDegrees.withUnsafeBufferPointer { averaged in
                for b in firstBin..<endBin {
                    let k = b - signalBinOffset
                    guard k >= 0, k < tilts.count else {
                        state.lowAveragedDegrees.append(.nan)
                        continue
                    }
                    state.lowAveragedDegrees.append(averaged[k])
                    let tilt = Double(tilts[k])
                    let wasActive = detector.isActive
                    if let crossing = detector.step(
                        b, aboveOnset: tilt >= search.onsetDegrees, belowOffset: tilt < search.offsetDegrees)
                    {
                        let samples =
                            (crossing.samples.lowerBound * binSamples)..<min(runCount, crossing.samples.upperBound * binSamples)
                        var burst = crossing
                        burst.samples = extendedToRampFeet(
                            samples, tilts: tilts, binOffset: runStart - signalStart, tiltBinSamples: binSamples,
                            notBefore: state.lowBursts.last?.burst.samples.upperBound ?? 0, rateHz: rateHz,
                            footLevelDegrees: footLevelDegrees, ringing: tiltRinging)
                        // The search is for leg movements: a shorter stretch is left to the
                        // sample-level path (noise, or a twitch's tilt).
                        if burst.samples.count >= search.minSamples {
                            state.lowBursts.append((burst, samples, peakDynamic, peakTilt))
                            state.lowPeakAveragedByBurst.append(peakAveraged)
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

extension LegMovementDetector {
    /// The confirmation level of the low-level search on one leg, degrees: the larger of the
    /// Gaussian model's (``LowLevelTiltSearch/confirmationDegrees``) and the level the leg's own
    /// averaged tilt passes with the model's probability (``MeasuredTailLevel``) over its still
    /// time: every bin outside the sample-level movements of at least 0.5 s, widened by half the
    /// averaging window on each side (the mean spreads a movement that far); then measured once
    /// more with the low-level movements that level confirms left out too ("still time" = time
    /// without any movement found). Shorter sample-level stretches are noise or twitches and stay
    /// in. Infinite (nothing confirmed) when the still time is shorter than
    /// ``LowLevelTiltSearch/minStillBins``.
    /// - Parameter scans: the leg's valid runs, scanned (their sample-level movements complete).
    func confirmationDegrees(_ scans: [SegmentScan], search: LowLevelTiltSearch, tiltBinSamples: Int) -> Double {
        confirmation(scans, search: search, tiltBinSamples: tiltBinSamples).degrees
    }

    /// ``confirmationDegrees(_:search:tiltBinSamples:)`` with the still values it was read from
    /// last (empty when there were too few).
    func confirmation(
        _ scans: [SegmentScan], search: LowLevelTiltSearch, tiltBinSamples: Int
    ) -> (degrees: Double, still: [Float]) {
        let first = stillValues(scans, search: search, tiltBinSamples: tiltBinSamples, confirmedAt: .infinity)
        guard
            let measured = MeasuredTailLevel.level(
                values: first, exceedanceProbability: search.tailProbability, minValues: search.minStillBins)
        else { return (.infinity, []) }
        let level = max(search.confirmationDegrees, measured)
        let second = stillValues(scans, search: search, tiltBinSamples: tiltBinSamples, confirmedAt: level)
        guard
            let again = MeasuredTailLevel.level(
                values: second, exceedanceProbability: search.tailProbability, minValues: search.minStillBins)
        else { return (level, first) }
        return (max(search.confirmationDegrees, again), second)
    }

    /// The level of the partner windows (``DetectionSettings/bilateralPartnerMarginS``),
    /// degrees: the whole-night design expects p T false confirmations over the T still bins
    /// (p = ``LowLevelTiltSearch/tailProbability``); over the S bins searched the same count is
    /// kept with p_w = p T / S per bin, at most ``DetectionSettings/maxPartnerWindowProbability``
    /// (so the level stays in the fitted tail above the 0.99 quantile), read from the same still
    /// values, and never below the Gaussian model's level at p_w. Infinite when nothing is
    /// searched or too little still time was measured.
    static func partnerWindowDegrees(still: [Float], searchedBins: Int, search: LowLevelTiltSearch) -> Double {
        let stillCount = still.reduce(0) { $1.isNaN ? $0 : $0 + 1 }
        guard searchedBins > 0, stillCount > 0 else { return .infinity }
        let probability = min(
            DetectionSettings.maxPartnerWindowProbability,
            search.tailProbability * Double(stillCount) / Double(searchedBins))
        guard
            let measured = MeasuredTailLevel.level(
                values: still, exceedanceProbability: probability, minValues: search.minStillBins)
        else { return .infinity }
        return max(measured, (-2 * log(probability)).squareRoot() * search.averagedNoiseDegrees)
    }

    /// The measured level (``MeasuredTailLevel``) of the leg's averaged tilt outside its
    /// sample-level movements of at least 0.5 s and its low-level movements whose peak averaged
    /// tilt reaches `confirmedAt`, each widened by half the averaging window; nil when too little
    /// time remains.
    private func stillValues(
        _ scans: [SegmentScan], search: LowLevelTiltSearch, tiltBinSamples: Int, confirmedAt: Double
    ) -> [Float] {
        let half = search.averageBins / 2
        let binSamples = max(1, tiltBinSamples)
        var still: [Float] = []
        for scan in scans {
            var keep = [Bool](repeating: true, count: scan.lowAveragedDegrees.count)
            func leaveOut(_ samples: Range<Int>) {
                let lower = max(0, samples.lowerBound / binSamples - half)
                let upper = min(keep.count, (samples.upperBound + binSamples - 1) / binSamples + half)
                if lower < upper { for b in lower..<upper { keep[b] = false } }
            }
            for movement in scan.bursts where movement.burst.samples.count >= search.minSamples {
                leaveOut(movement.burst.samples)
            }
            for (movement, peak) in zip(scan.lowBursts, scan.lowPeakAveragedByBurst) where peak >= confirmedAt {
                leaveOut(movement.burst.samples)
            }
            for (b, value) in scan.lowAveragedDegrees.enumerated() where keep[b] { still.append(value) }
        }
        return still
    }
}
