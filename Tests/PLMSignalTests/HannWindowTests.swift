import Foundation
import PLMFFT
import Testing
@testable import PLMSignal

/// The spectral features keep one Hann window per length (`SpectralFeatures.HannWindow`) instead
/// of recomputing it per candidate: the window must be the textbook one, and the features with
/// reused windows those with fresh ones.
@Suite struct HannWindowTests {
    /// `w[i] = sin^2(pi i / (m - 1))` (the same curve as `0.5 - 0.5 cos(2 pi i / (m - 1))`), and
    /// `sum(w^2) = 3 (m - 1) / 8` for m >= 4 (the mean of sin^4 over whole periods is 3/8).
    @Test(arguments: [4, 5, 64, 301, 1000])
    func windowIsTheTextbookHann(length m: Int) {
        let window = SpectralFeatures.HannWindow(length: m)
        #expect(window.weights.count == m)
        for i in 0..<m {
            let s = sin(Double.pi * Double(i) / Double(m - 1))
            #expect(abs(window.weights[i] - s * s) <= 1e-15)
        }
        #expect(abs(window.energy - 3 * Double(m - 1) / 8) <= 1e-12 * Double(m))
    }

    /// Candidates of repeated and new lengths measured with one window cache give, bit for bit,
    /// what each gives measured alone.
    @Test func reusedWindowsGiveTheSameFeatures() {
        let recording = constructedRecording(
            durationS: 20, noiseG: 0.008,
            movements: [
                ConstructedMovement(onsetS: 3, durationS: 1.5, amplitudeDegrees: 4),
                ConstructedMovement(onsetS: 11, durationS: 2, amplitudeDegrees: 2),
            ])
        var workspaces: [Int: FFTWorkspace] = [:]
        var windows: [Int: SpectralFeatures.HannWindow] = [:]
        for (start, length) in [(250, 300), (1050, 300), (900, 412), (200, 300), (1000, 412), (400, 77)] {
            let axes = [recording.x, recording.y, recording.z].map { a in (start..<(start + length)).map { Double(a[$0]) } }
            let cached = SpectralFeatures.measure(
                axes: axes, sampleRateHz: 100, movementBandHz: 5, impulsiveBandStartHz: 15, bandLimitHz: 15,
                noiseRMSG: 0.008, workspaces: &workspaces, windows: &windows)
            var freshWorkspaces: [Int: FFTWorkspace] = [:]
            let alone = SpectralFeatures.measure(
                axes: axes, sampleRateHz: 100, movementBandHz: 5, impulsiveBandStartHz: 15, bandLimitHz: 15,
                noiseRMSG: 0.008, workspaces: &freshWorkspaces)
            #expect(cached.dominantFrequencyHz.bitPattern == alone.dominantFrequencyHz.bitPattern)
            #expect(cached.peakToFloorRatio.bitPattern == alone.peakToFloorRatio.bitPattern)
            #expect(cached.impulsiveExcess.bitPattern == alone.impulsiveExcess.bitPattern)
        }
        #expect(windows.count == 3)
    }
}
