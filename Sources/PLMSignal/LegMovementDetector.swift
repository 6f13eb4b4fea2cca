import Foundation
import PLMCore
import PLMFFT
import PLMReaders

/// Finds the leg movements of one leg in its ankle acceleration.
///
/// For each contiguous run of valid samples (between excluding defects) it builds the two-channel
/// movement signal (``MovementSignal``: the low-passed magnitude's deviation from its rolling
/// median, against its resting level, and the tilt against the resting gravity direction), runs
/// the EMG hysteresis rule (``HysteresisDetector``), joins movements across excluded stretches no
/// longer than ``DetectionSettings/maxBridgedDefectS`` and across holds the signal cannot see
/// (``DetectionSettings/maxHoldGapS``), trims the filters' spread off short strong
/// candidates, and rejects candidates whose spectrum is flat (spikes) or too high (vibration).
/// See `docs/detection.md`.
///
/// The detector holds only its settings: it is a value that several tasks may use at once, e.g.
/// one per leg.
public struct LegMovementDetector: Sendable {
    /// The settings in use.
    public let settings: DetectionSettings
    /// Threads that build the chunks' movement signals (the caller's among them), 1-16: by
    /// default the machine's active cores. The result does not depend on it (see
    /// ``OrderedPrefetch``); 1 measures the detector on one core.
    public let buildThreads: Int

    /// - Parameters:
    ///   - settings: the settings; a value outside its meaningful range (a negative or zero
    ///     width, a NaN, a quantile outside [0, 1]) is replaced by its default.
    ///   - buildThreads: threads for the chunks' signals, clamped to 1-16; nil for the machine's
    ///     active cores.
    public init(settings: DetectionSettings = .default, buildThreads: Int? = nil) {
        self.settings = settings.sanitized()
        self.buildThreads = min(16, max(1, buildThreads ?? ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Detects the movements of `recording`, the sensor on leg `side`.
    ///
    /// A recording a reader would not hand over (no finite positive rate, axes of different
    /// lengths, a non-finite last time) yields an empty detection with no valid time. Valid runs
    /// too short to hold a movement simply yield none.
    /// - Complexity: O(n log b) for n samples and FFT block b. Memory besides the recording and the
    ///   outputs: one chunk (``DetectionSettings/processingChunkS`` plus margins) at ~1.75 `Float`s
    ///   per sample, independent of the recording's length.
    public func detect(_ recording: AccelerationRecording, side: LegSide) -> LegDetection {
        detect(recording, side: side, partnerWindowsS: nil) ?? emptyDetection(side: side)
    }

    /// ``detect(_:side:)``, with the low-level search also confirming inside `partnerWindowsS`
    /// (this leg's time line, disjoint and in order; ``DetectionSettings/bilateralPartnerMarginS``).
    /// With windows given, nil when the leg has no low-level search (its detection would be the
    /// same); never nil without them.
    func detect(_ recording: AccelerationRecording, side: LegSide, partnerWindowsS: [TimeSpan]?) -> LegDetection? {
        var kept: PartnerScans?
        return detect(recording, side: side, partnerWindowsS: partnerWindowsS, keep: false, kept: &kept)
    }

    /// ``detect(_:side:partnerWindowsS:)``; with `keep`, `kept` is set to what
    /// ``detect(_:side:again:partnerWindowsS:)`` needs to give the detection with partner windows
    /// without scanning the leg again (nil when the leg has no low-level search).
    func detect(
        _ recording: AccelerationRecording, side: LegSide, partnerWindowsS: [TimeSpan]?, keep: Bool,
        kept: inout PartnerScans?
    ) -> LegDetection? {
        let rate = recording.sampleRateHz
        let n = recording.sampleCount
        guard rate.isFinite, rate > 0, rate < 1_000_000, recording.y.count == n, recording.z.count == n,
            recording.sampleTimesS.map({ $0.count == n && ($0.last ?? 0).isFinite }) ?? true
        else {
            // Not a recording a reader hands over (no rate, axes of different lengths): nothing
            // can be measured in it.
            return emptyDetection(side: side)
        }
        let segments = ValidSegments(recording)
        // At most ~3 years of 1-s bins: a duration beyond that is not a night (and not an Int).
        let traceBins = Int(min(max((recording.durationS / settings.activityTraceBinS).rounded(.up), 0), 1e8))
        var traceDynamic = [Float](repeating: 0, count: traceBins)
        var traceTilt = [Float](repeating: 0, count: traceBins)
        var candidates: [Candidate] = []

        let nyquist = rate / 2
        let dynamicBand = ButterworthResponse(
            band: .lowPass(cutoffHz: min(settings.dynamicLowPassHz, 0.8 * nyquist)),
            order: settings.dynamicLowPassOrder, sampleRateHz: rate)
        let tiltBinSamples = max(1, Int((rate / settings.tiltRateHz).rounded()))
        let tiltRate = rate / Double(tiltBinSamples)
        // The sensor's own noise and resolution, measured once per leg. The gravity series is
        // smoothed only as much as that noise needs (``tiltCornerHz``), and its noise sets the
        // stillness level and a tilt onset level that serve a quiet 12-bit and a coarse 8-bit
        // sensor alike.
        let sensorNoise = SensorNoise.measure(recording, validRanges: segments.sampleRanges)
        let tiltCornerHz = settings.tiltLowPassHz <= 0
            ? tiltRate / 2
            : tiltCornerHz(sensorNoise, tiltBinSamples: tiltBinSamples, tiltRateHz: tiltRate)
        let tiltResponse = ButterworthResponse(
            band: .lowPass(cutoffHz: tiltCornerHz), order: settings.tiltLowPassOrder, sampleRateHz: tiltRate)
        let tiltFilter = settings.tiltLowPassHz <= 0 ? nil : ZeroPhaseFilter(response: tiltResponse)
        let tiltSeriesNoiseG = Self.seriesNoiseG(
            sensorNoise, binSamples: tiltBinSamples, lowPass: tiltFilter == nil ? nil : tiltResponse)
        let tiltSeriesNoiseDegrees = tiltSeriesNoiseG * 180 / Double.pi
        let tiltNoiseLevelDegrees = settings.tiltSeriesNoiseFactor * tiltSeriesNoiseDegrees
        // The tilt onset level where the resting level does not raise it further.
        let tiltOnsetFloorDegrees = max(settings.onsetTiltDegrees, tiltNoiseLevelDegrees)
        // The magnitude's noise is the sensor's along gravity through the dynamic low-pass.
        let dynamicSeriesNoiseG = Self.seriesNoiseG(sensorNoise, binSamples: 1, lowPass: dynamicBand)
        let dynamicNoiseLevelG = settings.dynamicSeriesNoiseFactor * dynamicSeriesNoiseG
        // The resting level is read as noise up to what the measured noise explains.
        let maxRestingG = settings.maxRestingNoiseRatio > 0 ? settings.maxRestingNoiseRatio * dynamicSeriesNoiseG : .infinity
        // The tilt's noise against the dynamic channel's: both are the sensor noise through a
        // low-pass (averaging in tilt bins and the lower bin rate cancel), so their RMS go as the
        // square roots of the two corners (8 against 20 Hz at 50 Hz and above, 8 against 12 Hz
        // at 30 Hz).
        let tiltNoisePerRestingG = (tiltCornerHz / min(settings.dynamicLowPassHz, 0.8 * nyquist)).squareRoot()
        // Where the noise holds the tilt onset level above its floor, small movements are also
        // sought at the floor and confirmed on the averaged tilt (``DetectionSettings/tiltConfirmationWindowS``).
        let lowLevelSearch = tiltFilter == nil
            ? nil
            : lowLevelTiltSearch(
                effectiveNoiseRMSG: sensorNoise.effectiveNoiseRMSG, tiltNoiseLevelDegrees: tiltNoiseLevelDegrees,
                tiltRateHz: tiltRate, tiltBinSamples: tiltBinSamples, dynamicNoiseLevelG: dynamicNoiseLevelG)
        let lowFootLevelDegrees = Float(max(settings.footNoiseFactor * tiltSeriesNoiseDegrees, settings.minFootDegrees))
        if partnerWindowsS != nil, lowLevelSearch == nil { return nil }

        var lowLevelScans: LowLevelScans?
        if let dynamicFilter = ZeroPhaseFilter(response: dynamicBand) {
            let pass = LegPass(
                dynamicFilter: dynamicFilter, tiltFilter: tiltFilter, tiltBinSamples: tiltBinSamples,
                tiltSeriesNoiseG: tiltSeriesNoiseG, tiltOnsetFloorDegrees: tiltOnsetFloorDegrees,
                tiltNoisePerRestingG: tiltNoisePerRestingG, tiltNoiseLevelDegrees: tiltNoiseLevelDegrees,
                dynamicNoiseLevelG: dynamicNoiseLevelG, tiltSeriesNoiseDegrees: tiltSeriesNoiseDegrees,
                maxRestingG: maxRestingG, lowLevelSearch: lowLevelSearch,
                lowFootLevelDegrees: lowFootLevelDegrees)
            candidates = chunkedCandidates(
                recording, segments: segments, pass: pass, traceDynamic: &traceDynamic, traceTilt: &traceTilt,
                partnerWindowsS: partnerWindowsS ?? [], keep: keep, kept: &lowLevelScans)
        }
        let (movements, rejected) = joinedAndClassified(
            candidates, sampleRanges: segments.sampleRanges, side: side, recording: recording,
            bandLimitHz: dynamicBand.slowestCornerHz, noiseRMSG: sensorNoise.effectiveNoiseRMSG)
        kept = lowLevelScans.map {
            PartnerScans(
                lowLevel: $0, sampleRanges: segments.sampleRanges, bandLimitHz: dynamicBand.slowestCornerHz,
                noiseRMSG: sensorNoise.effectiveNoiseRMSG, sampleCount: recording.sampleCount)
        }
        return LegDetection(
            side: side, movements: movements, rejected: rejected, excludedSpans: segments.excludedSpans,
            validDurationS: segments.validDurationS,
            activityTrace: ActivityTrace(
                binWidthS: settings.activityTraceBinS, peakDynamicAccelerationG: traceDynamic,
                peakTiltDegrees: traceTilt),
            detectionLimit: segments.validDurationS > 0
                ? DetectionLimit(
                    sensorNoise: sensorNoise, tiltCornerHz: tiltCornerHz,
                    tiltOnsetDegrees: tiltOnsetFloorDegrees, seriesNoiseDegrees: tiltSeriesNoiseDegrees)
                : nil)
    }

    /// `detection` (this detector's of `recording`, made with `kept` kept) with the low-level
    /// search also confirming inside `partnerWindowsS`: the same as
    /// ``detect(_:side:partnerWindowsS:)``, without scanning the leg again (only the confirmation,
    /// the joins and the classification are redone; the valid time, trace and detection limit do
    /// not depend on the windows).
    func detect(
        _ recording: AccelerationRecording, side: LegSide, again detection: LegDetection, kept: PartnerScans,
        partnerWindowsS: [TimeSpan]
    ) -> LegDetection {
        let (movements, rejected) = joinedAndClassified(
            lowLevelCandidates(kept.lowLevel, recording: recording, partnerWindowsS: partnerWindowsS),
            sampleRanges: kept.sampleRanges, side: side, recording: recording, bandLimitHz: kept.bandLimitHz,
            noiseRMSG: kept.noiseRMSG)
        var again = detection
        again.movements = movements
        again.rejected = rejected
        return again
    }

    /// The candidates joined across short excluded stretches and holds, then classified
    /// (``classified(_:side:recording:bandLimitHz:noiseRMSG:)``): the stage both detections share.
    private func joinedAndClassified(
        _ candidates: [Candidate], sampleRanges: [Range<Int>], side: LegSide, recording: AccelerationRecording,
        bandLimitHz: Double, noiseRMSG: Double
    ) -> (movements: [LegMovement], rejected: [RejectedMovement]) {
        var candidates = bridged(candidates, segments: sampleRanges, recording: recording)
        candidates = joinedAcrossHolds(candidates, recording: recording)
        return classified(candidates, side: side, recording: recording, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG)
    }

    /// The detection of a recording in which nothing can be measured.
    private func emptyDetection(side: LegSide) -> LegDetection {
        LegDetection(
            side: side, movements: [], rejected: [], excludedSpans: [], validDurationS: 0,
            activityTrace: ActivityTrace(binWidthS: settings.activityTraceBinS, peakDynamicAccelerationG: [], peakTiltDegrees: []))
    }

    /// The low-pass corner of the gravity series for a sensor with this noise, Hz:
    /// ``DetectionSettings/tiltLowPassHz`` (at most 0.8 x the series' Nyquist frequency) when
    /// the tilt noise level there (``DetectionSettings/tiltSeriesNoiseFactor`` x the series'
    /// noise as an angle) is below the tilt onset floor; otherwise lower, in proportion to the
    /// square of the ratio (white noise power goes with the corner), so that the level comes down
    /// to the floor, but not below ``DetectionSettings/minTiltLowPassHz``. A leg movement's tilt
    /// (0.5-10 s, rises of 0.2-2 s) lies below 2 Hz; what a lower corner costs is timing of fast
    /// movements, which the dynamic channel keeps.
    func tiltCornerHz(_ noise: SensorNoise, tiltBinSamples: Int, tiltRateHz: Double) -> Double {
        let maxCorner = min(settings.tiltLowPassHz, 0.8 * tiltRateHz / 2)
        let response = ButterworthResponse(
            band: .lowPass(cutoffHz: maxCorner), order: settings.tiltLowPassOrder, sampleRateHz: tiltRateHz)
        let level = settings.tiltSeriesNoiseFactor
            * Self.seriesNoiseG(noise, binSamples: tiltBinSamples, lowPass: response) * 180 / Double.pi
        guard level > settings.onsetTiltDegrees, settings.onsetTiltDegrees > 0 else { return maxCorner }
        let ratio = settings.onsetTiltDegrees / level
        return min(maxCorner, max(min(settings.minTiltLowPassHz, maxCorner), maxCorner * ratio * ratio))
    }

    /// The noise of one axis of the gravity series, g RMS: the sensor's (effective) noise averaged
    /// over a tilt bin and passed through the tilt low-pass, whose zero-phase power response is
    /// `|H(f)|^4` (white noise keeps the band-average of that share of its power).
    static func seriesNoiseG(
        _ noise: SensorNoise, binSamples: Int, lowPass: ButterworthResponse?
    ) -> Double {
        var powerGain = 1.0
        if let response = lowPass {
            let nyquist = response.sampleRateHz / 2
            let steps = 2000
            var sum = 0.0
            for k in 0..<steps {
                let h2 = response.squaredMagnitude(atHz: nyquist * (Double(k) + 0.5) / Double(steps))
                sum += h2 * h2
            }
            powerGain = sum / Double(steps)
        }
        return noise.effectiveNoiseRMSG / Double(max(1, binSamples)).squareRoot() * powerGain.squareRoot()
    }

    /// What a detection keeps for the bilateral-partner search
    /// (``detect(_:side:again:kept:partnerWindowsS:)``): the low-level scans and the leg's
    /// constants the candidates' joins and classification use.
    struct PartnerScans: Sendable {
        var lowLevel: LowLevelScans
        var sampleRanges: [Range<Int>]
        var bandLimitHz: Double
        var noiseRMSG: Double
        /// The samples of the recording detected (a check that the same recording is given again).
        var sampleCount: Int
    }

    /// A candidate of at most this many samples after edge refinement is a spike, not a movement.
    static let maxSpikeSamples = 2

    /// A movement found in one segment, in absolute sample indices.
    struct Candidate {
        var samples: Range<Int>
        /// The samples between the level crossings, before the edges moved to the ramps' feet.
        var crossing: Range<Int>
        var segmentIndex: Int
        /// The valid run the candidate was found in.
        var segmentRange: Range<Int>
        var startsCut: Bool
        var endsCut: Bool
        var peakDynamicG: Double
        var peakTiltDegrees: Double
    }
}
