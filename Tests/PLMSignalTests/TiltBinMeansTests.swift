import Foundation
import PLMTestSupport
import Testing
@testable import PLMSignal

/// The tilt channel's robust bin means (`MovementSignal.robustBinMeans`, four 4-sample bins at a
/// time at 100 Hz) against the plain definition: per bin, the Double sum of its samples in order
/// less its smallest and largest sample, over the count less two; the plain Float mean for bins
/// of one or two samples. Bit for bit, so that the detector's output cannot change.
@Suite struct TiltBinMeansTests {
    static func plain(_ values: [Float], binSamples: Int) -> [Float] {
        stride(from: 0, to: values.count, by: binSamples).map { lo in
            let bin = Array(values[lo..<min(values.count, lo + binSamples)])
            if bin.count < 3 {
                return bin.reduce(Float(0), +) * (1 / Float(bin.count))
            }
            let sum = bin.reduce(0.0) { $0 + Double($1) }
            let scale = bin.count == binSamples ? 1 / Double(binSamples - 2) : 1 / Double(bin.count - 2)
            return Float((sum - Double(bin.min()!) - Double(bin.max()!)) * scale)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 8])
    func equalsThePlainDefinition(binSamples: Int) {
        var g = SplitMix64(state: UInt64(binSamples) &* 977)
        for n in [0, 1, 3, 4, 15, 16, 17, 63, 64, 65, 1001, 4096 + 7] {
            // Values on a coarse grid (ties and repeats, as a 10-bit sensor gives), some -0.
            let axes = (0..<3).map { _ in
                (0..<n).map { _ -> Float in
                    let v = Float(Int.random(in: -40...40, using: &g)) / 32
                    return v == 0 && Bool.random(using: &g) ? -0.0 : v
                }
            }
            let bins = (n + binSamples - 1) / binSamples
            // Without and with the magnitudes of the same pass.
            for withMagnitudes in [false, true] {
                var gx = [Float](repeating: .nan, count: bins), gy = gx, gz = gx
                var magnitudes = [Float](repeating: .nan, count: n)
                axes[0].withUnsafeBufferPointer { x in
                    axes[1].withUnsafeBufferPointer { y in
                        axes[2].withUnsafeBufferPointer { z in
                            gx.withUnsafeMutableBufferPointer { gx in
                                gy.withUnsafeMutableBufferPointer { gy in
                                    gz.withUnsafeMutableBufferPointer { gz in
                                        magnitudes.withUnsafeMutableBufferPointer { m in
                                            MovementSignal.robustBinMeans(
                                                x: x, y: y, z: z, binSamples: binSamples, into: gx, gy, gz,
                                                magnitudes: withMagnitudes ? m : nil)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                for (got, axis) in zip([gx, gy, gz], axes) {
                    let want = Self.plain(axis, binSamples: binSamples)
                    #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "n \(n), bins of \(binSamples)")
                }
                if withMagnitudes {
                    // sqrt(x^2 + y^2 + z^2) of each sample in Float, summed left to right.
                    let want = (0..<n).map { i -> Float in
                        let x = axes[0][i], y = axes[1][i], z = axes[2][i]
                        return (x * x + y * y + z * z).squareRoot()
                    }
                    #expect(magnitudes.map(\.bitPattern) == want.map(\.bitPattern), "n \(n), bins of \(binSamples)")
                }
            }
        }
    }
}
