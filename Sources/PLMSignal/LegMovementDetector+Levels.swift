import PLMCore
import PLMReaders

/// A leg's constants for the chunked pass of ``LegMovementDetector``: its filters, and the levels
/// derived from its measured noise and resolution (made once per leg by
/// ``LegMovementDetector/legPass(_:segments:)``, where each is explained).
struct LegPass: Sendable {
    /// The sensor's own noise and resolution, measured once per leg.
    var sensorNoise: SensorNoise
    /// The dynamic channel's low-pass response (its slowest corner is the band limit of the
    /// candidates' spectral features).
    var dynamicBand: ButterworthResponse
    /// The dynamic channel's low-pass; nil when `dynamicBand` cannot be realised (a rate whose
    /// corner underflows), and then the leg has no candidates.
    var dynamicFilter: ZeroPhaseFilter?
    /// The gravity series' low-pass corner, Hz (``LegMovementDetector/tiltCornerHz(_:tiltBinSamples:tiltRateHz:)``).
    var tiltCornerHz: Double
    var tiltFilter: ZeroPhaseFilter?
    var tiltBinSamples: Int
    var tiltSeriesNoiseG: Double
    var tiltOnsetFloorDegrees: Double
    var tiltNoisePerRestingG: Double
    var tiltNoiseLevelDegrees: Double
    var dynamicNoiseLevelG: Double
    var tiltSeriesNoiseDegrees: Double
    var maxRestingG: Double
    var lowLevelSearch: LowLevelTiltSearch?
    var lowFootLevelDegrees: Float
    /// Candidates shorter than this have their edges re-measured on the raw acceleration when
    /// strong, s (``edgeRefinementMaxS(tiltCornerHz:tiltRateHz:)``).
    var edgeRefinementMaxS: Double
    /// The tilt low-pass's undershoot, when the feet are kept above it (``tiltRinging(_:cornerHz:tiltRateHz:)``).
    var tiltRinging: TiltRinging

    /// The leg's detection limit, reported with its detection.
    var detectionLimit: DetectionLimit {
        DetectionLimit(
            sensorNoise: sensorNoise, tiltCornerHz: tiltCornerHz, tiltOnsetDegrees: tiltOnsetFloorDegrees,
            seriesNoiseDegrees: tiltSeriesNoiseDegrees)
    }
}

extension LegMovementDetector {
    /// The filters and levels of `recording`'s chunked pass, from the sensor's own noise and
    /// resolution measured over the valid runs of `segments` (a recording with a finite positive
    /// rate and axes of equal length).
    ///
    /// The gravity series is smoothed only as much as that noise needs (``tiltCornerHz(_:tiltBinSamples:tiltRateHz:)``),
    /// and its noise sets the stillness level and a tilt onset level that serve a quiet 12-bit and
    /// a coarse 8-bit sensor alike; where the noise holds that level above its floor, small
    /// movements are also sought at the floor (``lowLevelTiltSearch(effectiveNoiseRMSG:tiltNoiseLevelDegrees:tiltRateHz:tiltBinSamples:dynamicNoiseLevelG:)``).
    func legPass(_ recording: AccelerationRecording, segments: ValidSegments) -> LegPass {
        let rate = recording.sampleRateHz
        let nyquist = rate / 2
        let dynamicBand = ButterworthResponse(
            band: .lowPass(cutoffHz: min(settings.dynamicLowPassHz, 0.8 * nyquist)),
            order: settings.dynamicLowPassOrder, sampleRateHz: rate)
        let tiltBinSamples = max(1, Int((rate / settings.tiltRateHz).rounded()))
        let tiltRate = rate / Double(tiltBinSamples)
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
        // The magnitude's noise is the sensor's along gravity through the dynamic low-pass.
        let dynamicSeriesNoiseG = Self.seriesNoiseG(sensorNoise, binSamples: 1, lowPass: dynamicBand)
        let dynamicNoiseLevelG = settings.dynamicSeriesNoiseFactor * dynamicSeriesNoiseG
        return LegPass(
            sensorNoise: sensorNoise, dynamicBand: dynamicBand, dynamicFilter: ZeroPhaseFilter(response: dynamicBand),
            tiltCornerHz: tiltCornerHz, tiltFilter: tiltFilter, tiltBinSamples: tiltBinSamples,
            tiltSeriesNoiseG: tiltSeriesNoiseG,
            // The tilt onset level where the resting level does not raise it further.
            tiltOnsetFloorDegrees: max(settings.onsetTiltDegrees, tiltNoiseLevelDegrees),
            // The tilt's noise against the dynamic channel's: both are the sensor noise through a
            // low-pass (averaging in tilt bins and the lower bin rate cancel), so their RMS go as
            // the square roots of the two corners (8 against 20 Hz at 50 Hz and above, 8 against
            // 12 Hz at 30 Hz).
            tiltNoisePerRestingG: (tiltCornerHz / min(settings.dynamicLowPassHz, 0.8 * nyquist)).squareRoot(),
            tiltNoiseLevelDegrees: tiltNoiseLevelDegrees, dynamicNoiseLevelG: dynamicNoiseLevelG,
            tiltSeriesNoiseDegrees: tiltSeriesNoiseDegrees,
            // The resting level is read as noise up to what the measured noise explains.
            maxRestingG: settings.maxRestingNoiseRatio > 0 ? settings.maxRestingNoiseRatio * dynamicSeriesNoiseG : .infinity,
            // Small movements sought at the floor are confirmed on the averaged tilt
            // (``DetectionSettings/tiltConfirmationWindowS``).
            lowLevelSearch: tiltFilter == nil
                ? nil
                : lowLevelTiltSearch(
                    effectiveNoiseRMSG: sensorNoise.effectiveNoiseRMSG, tiltNoiseLevelDegrees: tiltNoiseLevelDegrees,
                    tiltRateHz: tiltRate, tiltBinSamples: tiltBinSamples, dynamicNoiseLevelG: dynamicNoiseLevelG),
            lowFootLevelDegrees: Float(max(settings.footNoiseFactor * tiltSeriesNoiseDegrees, settings.minFootDegrees)),
            edgeRefinementMaxS: edgeRefinementMaxS(tiltCornerHz: tiltCornerHz, tiltRateHz: tiltRate),
            tiltRinging: tiltRinging(tiltFilter, cornerHz: tiltCornerHz, tiltRateHz: tiltRate))
    }

    /// How long a candidate may be and still have its edges re-measured on the raw acceleration
    /// (``DetectionSettings/edgeRefinementMaxDurationS`` at the full tilt corner), s: the minimum
    /// LM plus the spread that setting allows beyond it, times the full corner over the leg's
    /// (a low-pass spreads a short movement over a time that goes as one over its corner). At
    /// 2 Hz a strong 0.48-s twitch was spread over 1.1 s and counted as an LM.
    func edgeRefinementMaxS(tiltCornerHz: Double, tiltRateHz: Double) -> Double {
        let fullCorner = fullTiltCornerHz(tiltRateHz: tiltRateHz)
        let minimum = PublishedRules.minimumLegMovementDurationS
        let spread = max(0, settings.edgeRefinementMaxDurationS - minimum)
        guard tiltCornerHz > 0, tiltCornerHz < fullCorner else { return settings.edgeRefinementMaxDurationS }
        return minimum + spread * fullCorner / tiltCornerHz
    }

    /// The undershoot a movement's feet are kept above (``DetectionSettings/footAboveFilterRinging``):
    /// the tilt low-pass's when its corner was lowered for the leg's noise
    /// (``tiltCornerHz(_:tiltBinSamples:tiltRateHz:)``), none otherwise. At the full corner
    /// (8 Hz) the undershoot lies within 0.1 s (two bins) of the ramp, and walking through it
    /// costs less than stopping above its 8 % of the height: on the project's 8-Hz nights and
    /// the other generator's 12-bit nights the share of 40-300 mg LMs with their duration within
    /// 0.3 s fell by 0.01-0.05 when a foot at 8 % of the peak applied there too.
    func tiltRinging(_ filter: ZeroPhaseFilter?, cornerHz: Double, tiltRateHz: Double) -> TiltRinging {
        guard settings.footAboveFilterRinging, let filter, cornerHz < fullTiltCornerHz(tiltRateHz: tiltRateHz)
        else { return .none }
        let undershoot = filter.stepUndershoot
        return TiltRinging(
            share: Float(undershoot.deepest), areaBins: Float(undershoot.areaSamples), reachBins: undershoot.reachSamples)
    }

    /// The tilt low-pass's corner on a quiet leg, Hz: ``DetectionSettings/tiltLowPassHz``, at most
    /// 0.8 x the tilt series' Nyquist frequency. A leg's corner below it was lowered for its noise.
    func fullTiltCornerHz(tiltRateHz: Double) -> Double {
        min(settings.tiltLowPassHz, 0.8 * tiltRateHz / 2)
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
        let maxCorner = fullTiltCornerHz(tiltRateHz: tiltRateHz)
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
}
