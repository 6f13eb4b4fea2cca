import Foundation
import PLMFFT

/// Frequency-domain features of the acceleration over one candidate movement, used to tell leg
/// movements from spikes and vibration.
///
/// The three axes are used, not the magnitude: a leg movement that only rotates the sensor leaves
/// the magnitude at 1 g, but its axes carry the slow tilt, which puts most of their power below
/// 2 Hz.
struct SpectralFeatures: Equatable {
    /// Frequency of the largest power (summed over the axes, up to the band limit), Hz.
    var dominantFrequencyHz: Double
    /// Largest power in the movement band (up to its upper edge) over the mean power per bin at or
    /// above the impulsive band start (axes mean-removed, Hann-windowed, powers summed over the
    /// axes). White noise and a single-sample spike have a flat spectrum (ratio ~2-4, the peak of
    /// a few dozen chi-square bins); a leg movement puts its tilt and acceleration in a few bins
    /// below a few Hz (ratio in the tens to thousands).
    var peakToFloorRatio: Double
    /// Mean power per bin of the impulsive band over what the sensor's white noise alone puts
    /// there (`3 noise^2 sum(hann^2)`, three axes); infinity when the noise is not known. A spike
    /// lifts the whole band; a small leg movement in noise leaves it at ~1.
    var impulsiveExcess: Double = .infinity

    /// Computes the features of `axes` (g, evenly sampled at `sampleRateHz`).
    /// - Parameters:
    ///   - axes: one buffer per axis, all of the same length: the raw acceleration over the
    ///     candidate and some padding.
    ///   - sampleRateHz: sampling rate, Hz.
    ///   - movementBandHz: upper edge of the movement band (the low band of the ratio).
    ///   - impulsiveBandStartHz: where the impulsive (high) band starts.
    ///   - bandLimitHz: the dominant frequency is sought at or below this.
    /// - Returns: zeros when there are fewer than 4 samples.
    ///   - workspaces: FFT buffers by length, reused from one candidate to the next.
    /// - Complexity: O(m log m) for m samples (one FFT per axis, plan cached per power-of-two length).
    static func measure(
        axes: [[Double]], sampleRateHz: Double, movementBandHz: Double, impulsiveBandStartHz: Double,
        bandLimitHz: Double, noiseRMSG: Double = 0, workspaces: inout [Int: FFTWorkspace]
    ) -> SpectralFeatures {
        var windows: [Int: HannWindow] = [:]
        return measure(
            axes: axes, sampleRateHz: sampleRateHz, movementBandHz: movementBandHz,
            impulsiveBandStartHz: impulsiveBandStartHz, bandLimitHz: bandLimitHz, noiseRMSG: noiseRMSG,
            workspaces: &workspaces, windows: &windows)
    }

    /// The Hann window of one length and its energy (`sum(w^2)`), computed once per length and
    /// reused by every candidate of that length (the same values: a pure function of the length).
    struct HannWindow {
        let weights: [Double]
        let energy: Double

        init(length m: Int) {
            var weights = [Double](repeating: 0, count: m)
            for i in 0..<m { weights[i] = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(m - 1)) }
            self.weights = weights
            energy = weights.reduce(0) { $0 + $1 * $1 }
        }
    }

    /// ``measure(axes:sampleRateHz:movementBandHz:impulsiveBandStartHz:bandLimitHz:noiseRMSG:workspaces:)``
    /// with the Hann windows kept by length in `windows` from one candidate to the next.
    static func measure(
        axes: [[Double]], sampleRateHz: Double, movementBandHz: Double, impulsiveBandStartHz: Double,
        bandLimitHz: Double, noiseRMSG: Double = 0, workspaces: inout [Int: FFTWorkspace],
        windows: inout [Int: HannWindow]
    ) -> SpectralFeatures {
        let m = axes.first?.count ?? 0
        guard m >= 4, axes.allSatisfy({ $0.count == m }) else {
            return SpectralFeatures(dominantFrequencyHz: 0, peakToFloorRatio: 0)
        }
        var length = 64
        while length < m { length <<= 1 }
        let plan = FFTPlanner.shared.realPlan(length: length)
        let workspace = workspaces[length] ?? FFTWorkspace(length: length)
        workspaces[length] = workspace
        let real = workspace.real.baseAddress
        let spectrum = workspace.spectrum.baseAddress
        var power = [Double](repeating: 0, count: plan.binCount)
        let window = windows[m] ?? HannWindow(length: m)
        windows[m] = window
        let hann = window.weights
        for var axis in axes {
            Self.holdSingleSampleOutliers(&axis)
            let mean = axis.reduce(0, +) / Double(m)
            for i in 0..<m { real[i] = (axis[i] - mean) * hann[i] }
            for i in m..<length { real[i] = 0 }
            plan.forward(workspace)
            for k in 0..<plan.binCount {
                power[k] += spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1]
            }
        }
        let binHz = sampleRateHz / Double(length)
        var lowPeak = 0.0, high = 0.0, highBins = 0, bestPower = -1.0, bestHz = 0.0
        for k in 1..<plan.binCount {
            let f = Double(k) * binHz
            if f <= movementBandHz { lowPeak = max(lowPeak, power[k]) }
            if f >= impulsiveBandStartHz {
                high += power[k]
                highBins += 1
            }
            if f <= bandLimitHz && power[k] > bestPower {
                bestPower = power[k]
                bestHz = f
            }
        }
        let floor = highBins > 0 ? high / Double(highBins) : 0
        let ratio = floor > 0 ? lowPeak / floor : (lowPeak > 0 ? Double.infinity : 0)
        let windowEnergy = window.energy
        let noiseFloor = 3 * noiseRMSG * noiseRMSG * windowEnergy
        return SpectralFeatures(
            dominantFrequencyHz: bestHz, peakToFloorRatio: ratio,
            impulsiveExcess: noiseFloor > 0 ? floor / noiseFloor : .infinity)
    }

    /// Largest jump from both neighbours, g, for a sample to count as a single-sample outlier. A
    /// leg moves the acceleration by a few mg per sample at 100 Hz, and 10 mg RMS noise makes
    /// sample-to-sample differences of 14 mg RMS; a spike jumps by tenths of a g or more.
    static let outlierJumpG = 0.1

    /// Replaces each sample that jumps by more than ``outlierJumpG`` away from both neighbours,
    /// in the same direction, by their mean, so that one spike inside a leg movement does not
    /// flatten the movement's spectrum. Only the features see this; the data are untouched.
    /// - Complexity: O(m).
    static func holdSingleSampleOutliers<Value: BinaryFloatingPoint>(_ axis: inout [Value]) {
        let m = axis.count
        guard m >= 3 else { return }
        let jump = Value(outlierJumpG)
        for i in 1..<(m - 1) {
            let before = axis[i] - axis[i - 1], after = axis[i] - axis[i + 1]
            if abs(before) > jump && abs(after) > jump && (before > 0) == (after > 0) {
                axis[i] = (axis[i - 1] + axis[i + 1]) / 2
            }
        }
    }
}
