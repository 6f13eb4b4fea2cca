import Foundation
import PLMReaders

/// The noise floor and resolution of one leg's sensor, measured from its own samples.
///
/// The detector derives its tilt and stillness levels from these, so that the same defaults
/// serve a 12-bit 100 Hz sensor with 2 mg of noise and an 8-bit 20 Hz sensor whose 31 mg steps
/// are larger than its noise. Both are reported per leg (`quality` in the report).
public struct SensorNoise: Sendable, Hashable, Codable {
    /// White-noise level per axis, g RMS, from the second differences of the samples (the
    /// largest 5 % left out, so that knocks and fast movements do not count; see ``measure``).
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
    /// `s sqrt(6)`; a smooth movement of a few hertz adds little to it at 20 Hz and above, and the
    /// largest 5 % (knocks, fast movements) are left out (``trimmedRMS``). The three axes are
    /// pooled. A median would be more robust, but reads 0 on a coarse converter whose samples
    /// mostly repeat (8-bit over +-4 g with 8 mg of noise) and 1.5 times too much where they flick
    /// between two steps; the mean square counts the rounding noise as it is. Quantization: the smallest positive difference between neighbouring values of an
    /// axis, kept when at least 90 % of the non-zero differences are whole multiples of it (within
    /// a tenth of a step): the values then lie on a grid.
    public static func measure(_ recording: AccelerationRecording, validRanges: [Range<Int>]) -> SensorNoise {
        let total = validRanges.reduce(0) { $0 + $1.count }
        guard total >= 3 else { return SensorNoise(noiseRMSG: 0, quantizationStepG: 0) }
        let stride = max(1, total / maxSamples)
        // Samples i = lower + 1, lower + 1 + stride, ... below upper - 1 of each run, per axis.
        var perAxis = 0
        for range in validRanges where range.count >= 3 {
            perAxis += (range.count - 2 + stride - 1) / stride
        }
        let capacity = 3 * perAxis
        var positive = 0
        // Filled in place (no append per sample), axis by axis in the order the samples are
        // visited, as three passes over the axes would fill them; the three axes are read in one
        // pass (three streams of strided reads in flight instead of one). Axis a's second
        // differences go to a * perAxis + visit; its positive first differences to a block of
        // their own at a * perAxis, closed up behind the x axis's after the pass.
        var differences: [Float] = []
        var secondDifferences = [Float](unsafeUninitializedCapacity: capacity) { second, secondCount in
            differences = [Float](unsafeUninitializedCapacity: capacity) { first, firstCount in
                guard let secondBase = second.baseAddress, let firstBase = first.baseAddress else { return }
                var visit = 0
                var positives = (0, 0, 0)
                recording.x.withUnsafeBufferPointer { x in
                recording.y.withUnsafeBufferPointer { y in
                recording.z.withUnsafeBufferPointer { z in
                    @inline(__always) func differences(
                        _ values: UnsafeBufferPointer<Float>, _ i: Int, axis: Int, positives: inout Int
                    ) {
                        let a = values[i - 1], b = values[i], c = values[i + 1]
                        secondBase[axis * perAxis + visit] = abs(c - 2 * b + a)
                        let d = abs(c - b)
                        if d > 0 {
                            firstBase[axis * perAxis + positives] = d
                            positives += 1
                        }
                    }
                    for range in validRanges where range.count >= 3 {
                        var i = range.lowerBound + 1
                        while i < range.upperBound - 1 {
                            differences(x, i, axis: 0, positives: &positives.0)
                            differences(y, i, axis: 1, positives: &positives.1)
                            differences(z, i, axis: 2, positives: &positives.2)
                            visit += 1
                            i += stride
                        }
                    }
                }
                }
                }
                // Close up the y and z blocks behind x's (a memmove each: the regions may overlap).
                UnsafeMutableRawPointer(firstBase + positives.0).copyMemory(
                    from: firstBase + perAxis, byteCount: positives.1 * MemoryLayout<Float>.stride)
                UnsafeMutableRawPointer(firstBase + positives.0 + positives.1).copyMemory(
                    from: firstBase + 2 * perAxis, byteCount: positives.2 * MemoryLayout<Float>.stride)
                positive = positives.0 + positives.1 + positives.2
                firstCount = positive
            }
            secondCount = capacity
        }
        return SensorNoise(
            noiseRMSG: trimmedRMS(&secondDifferences) / 6.0.squareRoot(), quantizationStepG: quantizationStep(&differences))
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
        let smallest = differences[k]
        guard smallest > 0 else { return 0 }
        // The step is the mean of the differences in the smallest cluster (within 1.5 times the
        // smallest): a file with fewer decimals than the step needs rounds it (31.25 mg written
        // as 0.031 or 0.032 g), and the mean recovers it.
        var clusterSum = 0.0, clusterCount = 0
        for d in differences where d <= 1.5 * smallest {
            clusterSum += Double(d)
            clusterCount += 1
        }
        let step = clusterSum / Double(max(1, clusterCount))
        var onGrid = 0
        for d in differences {
            let multiple = Double(d) / step
            if abs(multiple - multiple.rounded()) <= 0.1 { onGrid += 1 }
        }
        return Double(onGrid) >= 0.9 * Double(differences.count) ? step : 0
    }

    /// The RMS of a zero-mean normal variable estimated from the 95 % of `values` (absolute
    /// values, reordered) nearest zero: the mean square below the 95 % quantile of |x| is 0.7589
    /// of the variance (`1 - 2 z phi(z) / 0.95` with z = 1.96), and is divided by that.
    static func trimmedRMS(_ values: inout [Float]) -> Double {
        guard !values.isEmpty else { return 0 }
        let k = min(values.count - 1, values.count * 95 / 100)
        values.withUnsafeMutableBufferPointer { select(kth: k, in: $0) }
        let limit = values[k]
        var sum = 0.0, count = 0
        for v in values where v <= limit {
            sum += Double(v) * Double(v)
            count += 1
        }
        return count > 0 ? (sum / Double(count) / 0.758_9).squareRoot() : 0
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
