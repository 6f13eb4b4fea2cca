import Foundation
import PLMFFT
import Testing
@testable import PLMSignal

@Suite struct SpectralFeaturesTests {
    /// A 3-degree, 2-s tilt in 10 mg noise: power far above the noise below 5 Hz, so a high
    /// peak-to-floor ratio, and a dominant frequency below 2 Hz.
    @Test func tiltHasSteepSpectrum() {
        let recording = constructedRecording(
            durationS: 6, noiseG: 0.010, movements: [ConstructedMovement(onsetS: 2, durationS: 2, amplitudeDegrees: 3)])
        let axes = [recording.x, recording.y, recording.z].map { a in (150..<450).map { Double(a[$0]) } }
        var workspaces: [Int: FFTWorkspace] = [:]
        let features = SpectralFeatures.measure(
            axes: axes, sampleRateHz: 100, movementBandHz: 5, impulsiveBandStartHz: 15, bandLimitHz: 15,
            workspaces: &workspaces)
        #expect(features.peakToFloorRatio > 30)
        #expect(features.dominantFrequencyHz < 2)
    }

    /// A single-sample spike in noise has a flat spectrum: ratio near 1 (below the default 4).
    @Test func spikeIsFlat() {
        let recording = constructedRecording(durationS: 6, noiseG: 0.004) { x, _, _ in x[300] = 2.5 }
        let axes = [recording.x, recording.y, recording.z].map { a in (250..<350).map { Double(a[$0]) } }
        var workspaces: [Int: FFTWorkspace] = [:]
        let features = SpectralFeatures.measure(
            axes: axes, sampleRateHz: 100, movementBandHz: 5, impulsiveBandStartHz: 15, bandLimitHz: 15,
            workspaces: &workspaces)
        #expect(features.peakToFloorRatio < DetectionSettings.default.minPeakToFloorRatio)
    }
}
