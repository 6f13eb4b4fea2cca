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
        let pass = legPass(recording, segments: segments)
        if partnerWindowsS != nil, pass.lowLevelSearch == nil { return nil }
        var lowLevelScans: LowLevelScans?
        let candidates = chunkedCandidates(
            recording, segments: segments, pass: pass, traceDynamic: &traceDynamic, traceTilt: &traceTilt,
            partnerWindowsS: partnerWindowsS ?? [], keep: keep, kept: &lowLevelScans)
        let bandLimitHz = pass.dynamicBand.slowestCornerHz
        let noiseRMSG = pass.sensorNoise.effectiveNoiseRMSG
        let (movements, rejected) = joinedAndClassified(
            candidates, sampleRanges: segments.sampleRanges, side: side, recording: recording,
            bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG, edgeRefinementMaxS: pass.edgeRefinementMaxS)
        kept = lowLevelScans.map {
            PartnerScans(
                lowLevel: $0, sampleRanges: segments.sampleRanges, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG,
                edgeRefinementMaxS: pass.edgeRefinementMaxS, sampleCount: recording.sampleCount)
        }
        return LegDetection(
            side: side, movements: movements, rejected: rejected, excludedSpans: segments.excludedSpans,
            validDurationS: segments.validDurationS,
            activityTrace: ActivityTrace(
                binWidthS: settings.activityTraceBinS, peakDynamicAccelerationG: traceDynamic,
                peakTiltDegrees: traceTilt),
            detectionLimit: segments.validDurationS > 0 ? pass.detectionLimit : nil)
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
            noiseRMSG: kept.noiseRMSG, edgeRefinementMaxS: kept.edgeRefinementMaxS)
        var again = detection
        again.movements = movements
        again.rejected = rejected
        return again
    }

    /// The candidates joined across short excluded stretches and holds, then classified
    /// (``classified(_:side:recording:bandLimitHz:noiseRMSG:edgeRefinementMaxS:)``): the stage both
    /// detections share.
    private func joinedAndClassified(
        _ candidates: [Candidate], sampleRanges: [Range<Int>], side: LegSide, recording: AccelerationRecording,
        bandLimitHz: Double, noiseRMSG: Double, edgeRefinementMaxS: Double
    ) -> (movements: [LegMovement], rejected: [RejectedMovement]) {
        var candidates = bridged(candidates, segments: sampleRanges, recording: recording)
        candidates = joinedAcrossHolds(candidates, recording: recording)
        return classified(
            candidates, side: side, recording: recording, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG,
            edgeRefinementMaxS: edgeRefinementMaxS)
    }

    /// The detection of a recording in which nothing can be measured.
    private func emptyDetection(side: LegSide) -> LegDetection {
        LegDetection(
            side: side, movements: [], rejected: [], excludedSpans: [], validDurationS: 0,
            activityTrace: ActivityTrace(binWidthS: settings.activityTraceBinS, peakDynamicAccelerationG: [], peakTiltDegrees: []))
    }

    /// What a detection keeps for the bilateral-partner search
    /// (``detect(_:side:again:kept:partnerWindowsS:)``): the low-level scans and the leg's
    /// constants the candidates' joins and classification use.
    struct PartnerScans: Sendable {
        var lowLevel: LowLevelScans
        var sampleRanges: [Range<Int>]
        var bandLimitHz: Double
        var noiseRMSG: Double
        var edgeRefinementMaxS: Double
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
