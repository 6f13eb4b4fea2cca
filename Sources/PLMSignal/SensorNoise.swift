import Foundation
import PLMReaders

/// The noise floor and resolution of one leg's sensor, measured from its own samples.
///
/// The detector derives its tilt and stillness levels from these, so that the same defaults
/// serve a 12-bit 100 Hz sensor with 2 mg of noise and an 8-bit 20 Hz sensor whose 31 mg steps
/// are larger than its noise. Both are reported per leg (`quality` in the report).
public struct SensorNoise: Sendable, Hashable, Codable {
    /// White-noise level per axis, g RMS, from the second differences of the samples (robust:
    /// the median absolute second difference, which movements a few seconds long do not move).
    public var noiseRMSG: Double
    /// The quantization step of the samples, g: the smallest difference between two values of
    /// one axis that most differences are a whole multiple of; 0 when the values are finer than
    /// the noise (no step could be seen).
    public var quantizationStepG: Double
    /// The noise to plan levels with, g RMS per axis: the larger of ``noiseRMSG`` and the
    /// rounding noise of the quantization (step / sqrt(12)). A coarse converter with a quiet
    /// sensor moves in whole steps now and then, which the second differences rarely see.
    public var effectiveNoiseRMSG: Double {
        max(noiseRMSG, quantizationStepG / 12.0.squareRoot())
    }

    public init(noiseRMSG: Double, quantizationStepG: Double) {
        self.noiseRMSG = noiseRMSG
        self.quantizationStepG = quantizationStepG
    }

    /// Measures `recording` over its valid runs (at most ``maxSamples`` samples, spread evenly
    /// over the recording, so a week costs what a night does).
    ///
    /// Noise: for white noise of RMS s, the second difference `x[i+1] - 2 x[i] + x[i-1]` has RMS
    /// `s sqrt(6)`, and the median of its absolute value is 0.6745 of that (Gaussian); a smooth
    /// movement of a few hertz adds almost nothing to it at 20 Hz and above. The three axes are
    /// pooled. Quantization: the smallest positive difference between neighbouring values of an
    /// axis, kept when at least 90 % of the non-zero differences are whole multiples of it (within
    /// 2 %): the values then lie on a grid.
    public static func measure(_ recording: AccelerationRecording, validRanges: [Range<Int>]) -> SensorNoise {
        var secondDifferences: [Float] = []
        var differences: [Float] = []
        let total = validRanges.reduce(0) { $0 + $1.count }
        guard total >= 3 else { return SensorNoise(noiseRMSG: 0, quantizationStepG: 0) }
        let stride = max(1, total / maxSamples)
        secondDifferences.reserveCapacity(min(total, maxSamples) * 3 + 3)
        differences.reserveCapacity(min(total, maxSamples) * 3 + 3)
        for axis in [recording.x, recording.y, recording.z] {
            axis.withUnsafeBufferPointer { values in
                for range in validRanges where range.count >= 3 {
                    var i = range.lowerBound + 1
                    while i < range.upperBound - 1 {
                        let a = values[i - 1], b = values[i], c = values[i + 1]
                        secondDifferences.append(abs(c - 2 * b + a))
                        let d = abs(c - b)
                        if d > 0 { differences.append(d) }
                        i += stride
                    }
                }
            }
        }
        let medianSecond = Double(median(&secondDifferences))
        let noise = medianSecond / 0.674_49 / 6.0.squareRoot()
        return SensorNoise(noiseRMSG: noise, quantizationStepG: quantizationStep(&differences))
    }

    /// At most this many samples per axis enter the measurement.
    static let maxSamples = 100_000

    /// The grid step of the positive differences, or 0 when they do not lie on one.
    static func quantizationStep(_ differences: inout [Float]) -> Double {
        guard differences.count >= 100 else { return 0 }
        // The smallest difference that is not a parsing artefact: the 0.1 % quantile (a few
        // differences may be smaller when a file mixes decimals).
        let k = differences.count / 1000
        differences.withUnsafeMutableBufferPointer { select(kth: k, in: $0) }
        let step = Double(differences[k])
        guard step > 0 else { return 0 }
        var onGrid = 0
        for d in differences {
            let multiple = Double(d) / step
            if abs(multiple - multiple.rounded()) <= 0.02 * max(1, multiple.rounded()) { onGrid += 1 }
        }
        return Double(onGrid) >= 0.9 * Double(differences.count) ? step : 0
    }

    /// The median of `values` (reordered), 0 when empty.
    static func median(_ values: inout [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let k = values.count / 2
        values.withUnsafeMutableBufferPointer { select(kth: k, in: $0) }
        return values[k]
    }

    /// Quickselect: puts the k-th smallest value at index k. O(n) on average; the pivot is the
    /// median of three, so already sorted input is no worst case.
    static func select(kth k: Int, in a: UnsafeMutableBufferPointer<Float>) {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            var x = a[lo], y = a[mid], z = a[hi]
            if x > y { swap(&x, &y) }
            if y > z { swap(&y, &z) }
            if x > y { swap(&x, &y) }
            let pivot = y
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
