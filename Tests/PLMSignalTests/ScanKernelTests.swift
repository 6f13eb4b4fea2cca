import PLMReaders
import Testing
@testable import PLMSignal

/// The block kernels of the hysteresis scan and of the movement signal (issue 15, branch
/// dspeed3) against their plain per-sample definitions, bit for bit: the detector's output must
/// not change.
@Suite struct ScanKernelTests {
    private let levels = ScanLevels(
        onsetG: 0.02, offsetG: 0.015, noiseFactor: 4, offsetRatio: 0.75, onsetDegrees: 1, offsetDegrees: 0.75,
        tiltNoiseFactor: 50, tiltOffsetRatio: 0.75)

    /// The levels and flags as the scan computed them per sample before (written out here from
    /// the rule, not taken from ``ScanLevels``).
    private func plainFlags(dynamic: Double, tilt: Double, resting: Double) -> UInt8 {
        let onsetLevel = max(0.02, 4 * resting)
        let offsetLevel = onsetLevel == 0.02 ? 0.015 : onsetLevel * 0.75
        let tiltOnsetLevel = max(1.0, 50 * resting)
        let tiltOffsetLevel = tiltOnsetLevel == 1.0 ? 0.75 : tiltOnsetLevel * 0.75
        let above = dynamic >= onsetLevel || tilt >= tiltOnsetLevel
        let below = dynamic < offsetLevel && tilt < tiltOffsetLevel
        return (above ? 1 : 0) | (below ? 2 : 0)
    }

    /// Every count from 0 to 23 (full SIMD groups and tails), values on and around each level
    /// (resting levels at which the scaled level ties with its floor, dynamic values equal to a
    /// level), and NaN resting levels.
    @Test func levelsAndFlagsMatchThePlainRule() {
        var rng = SeededGenerator(seed: 5)
        let restingChoices: [Double] = [0, 0.005, 0.004, 0.02, 0.02 / 4, 1.0 / 50, 0.3, .nan, 1e-9, 0.0051]
        let dynamicChoices: [Double] = [0, 0.02, 0.015, 0.019_999, 0.08, 0.06, -0.01, 0.5]
        let tiltChoices: [Double] = [0, 1, 0.75, 0.749_9, 2, 15, 1.000_1]
        for count in 0..<24 {
            for _ in 0..<40 {
                let resting = (0..<count).map { _ in restingChoices[Int(rng.next() % UInt64(restingChoices.count))] }
                let envelope = (0..<count).map { j -> Float in
                    let r = resting[j].isNaN ? 0 : resting[j]
                    return Float(r + dynamicChoices[Int(rng.next() % UInt64(dynamicChoices.count))])
                }
                let tilt = (0..<count).map { _ in tiltChoices[Int(rng.next() % UInt64(tiltChoices.count))] }
                var dynamic = resting
                var dynamicFloat = [Float](repeating: 0, count: count), tiltFloat = [Float](repeating: 0, count: count)
                var flags = [UInt8](repeating: 9, count: count)
                envelope.withUnsafeBufferPointer { e in
                    tilt.withUnsafeBufferPointer { t in
                        dynamic.withUnsafeMutableBufferPointer { d in
                            dynamicFloat.withUnsafeMutableBufferPointer { df in
                                tiltFloat.withUnsafeMutableBufferPointer { tf in
                                    flags.withUnsafeMutableBufferPointer { f in
                                        guard count > 0 else { return }
                                        levels.evaluate(
                                            envelope: e.baseAddress!, restingInDynamicOut: d.baseAddress!,
                                            tilt: t.baseAddress!, dynamicFloat: df.baseAddress!,
                                            tiltFloat: tf.baseAddress!, flags: f.baseAddress!, count: count)
                                    }
                                }
                            }
                        }
                    }
                }
                for j in 0..<count {
                    let d = Double(envelope[j]) - resting[j]
                    #expect(dynamic[j].bitPattern == d.bitPattern)
                    #expect(dynamicFloat[j].bitPattern == Float(d).bitPattern)
                    #expect(tiltFloat[j].bitPattern == Float(tilt[j]).bitPattern)
                    #expect(flags[j] == plainFlags(dynamic: d, tilt: tilt[j], resting: resting[j]), "count \(count) j \(j)")
                }
            }
        }
    }

    /// `Swift.max` folded over the values in order, against the SIMD maximum: the same bits,
    /// also when the maximum is +0 or -0 (which of equal zeros wins depends on the order), with
    /// NaN, infinities and ties.
    @Test func runningMaxMatchesSequentialMax() {
        var rng = SeededGenerator(seed: 9)
        let choices: [Float] = [0, -0.0, 1, -1, 2.5, .nan, -.infinity, .infinity, 1e-30, -3]
        for count in 0..<40 {
            for _ in 0..<60 {
                let values = (0..<count).map { _ in choices[Int(rng.next() % UInt64(choices.count))] }
                for start: Float in [-.infinity, 0, -0.0, 1, -5] {
                    var sequential = start
                    for v in values { sequential = max(sequential, v) }
                    let fast = values.withUnsafeBufferPointer { b -> Float in
                        guard let p = b.baseAddress else { return ScanLevels.runningMax(start, [start], count: 0) }
                        return ScanLevels.runningMax(start, p, count: count)
                    }
                    #expect(fast.bitPattern == sequential.bitPattern, "\(values) from \(start)")
                }
            }
        }
    }

    /// ``InterpolationCursor/fill(_:count:)`` gives what as many calls of `next()` give, and
    /// leaves the cursor where they leave it (bins of 1-200 samples, series of 0-3 and 50 bins,
    /// after a skip, past both ends).
    @Test func cursorFillMatchesNext() {
        var rng = SeededGenerator(seed: 4)
        for binSamples in [1, 2, 7, 100, 200] {
            for bins in [0, 1, 2, 3, 50] {
                let series = (0..<bins).map { _ in Double(rng.next() % 1000) / 37 }
                for skip in [0, 13, 950] {
                    var plain = InterpolationCursor(series, binSamples: binSamples)
                    var fast = plain
                    plain.skip(skip)
                    fast.skip(skip)
                    for run in [0, 1, 5, 511, 3000] {
                        let expected = (0..<run).map { _ in plain.next() }
                        var got = [Double](repeating: .nan, count: run)
                        got.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { fast.fill(p, count: run) } }
                        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "bin \(binSamples) bins \(bins)")
                    }
                    #expect(fast.next().bitPattern == plain.next().bitPattern)
                }
            }
        }
    }

    /// Bin means four bins per SIMD lane against the definition: the bin's values summed in
    /// `Double` from 0 in order, divided by their count (short last bins, bins of 1-200).
    @Test func binMeansMatchTheDefinition() {
        var rng = SeededGenerator(seed: 12)
        for binSamples in [1, 2, 3, 4, 50, 100, 200] {
            for n in [0, 1, binSamples - 1, binSamples, 4 * binSamples, 4 * binSamples + 1, 9 * binSamples + 3, 2_000] {
                guard n >= 0 else { continue }
                let values = (0..<n).map { _ in Float(Int(rng.next() % 20_001) - 10_000) / 997 }
                let fast = values.withUnsafeBufferPointer { MovementSignal.binMeans($0, binSamples: binSamples) }
                var expected: [Double] = []
                var lo = 0
                while lo < n {
                    let hi = min(n, lo + binSamples)
                    var sum = 0.0
                    for i in lo..<hi { sum += Double(values[i]) }
                    expected.append(sum / Double(hi - lo))
                    lo = hi
                }
                #expect(fast.map(\.bitPattern) == expected.map(\.bitPattern), "bin \(binSamples) n \(n)")
            }
        }
    }
    /// The sensor-noise measurement reads the three axes in one pass; the differences must come
    /// out in the order of the plain axis-by-axis passes (the trimmed mean square and the
    /// quantization step sum them in array order), so the same noise and step, bit for bit: on a
    /// coarse grid with repeats (many zero first differences), several valid runs (one too short
    /// to measure) and a stride above 1.
    @Test func sensorNoiseMatchesAxisByAxisPasses() {
        var rng = SeededGenerator(seed: 21)
        let n = 250_000
        let axes = (0..<3).map { a in
            (0..<n).map { i -> Float in
                Float(Int(rng.next() % 9) - 4) / 64 + (a == 2 ? 1 : 0) + Float(i % 1000) / 8192
            }
        }
        let recording = AccelerationRecording(
            path: "noise", layout: .generic, start: nil, declaredRateHz: 100, sampleRateHz: 100,
            x: axes[0], y: axes[1], z: axes[2], sampleTimesS: nil, defects: [])
        let ranges = [0..<120_000, 120_010..<120_012, 130_000..<n]
        let measured = SensorNoise.measure(recording, validRanges: ranges)
        // The plain definition: axis by axis, run by run, every stride-th sample.
        let total = ranges.reduce(0) { $0 + $1.count }
        let stride = max(1, total / SensorNoise.maxSamples)
        #expect(stride > 1)
        var second: [Float] = [], first: [Float] = []
        for axis in axes {
            for range in ranges where range.count >= 3 {
                var i = range.lowerBound + 1
                while i < range.upperBound - 1 {
                    let a = axis[i - 1], b = axis[i], c = axis[i + 1]
                    second.append(abs(c - 2 * b + a))
                    if abs(c - b) > 0 { first.append(abs(c - b)) }
                    i += stride
                }
            }
        }
        let noise = SensorNoise.trimmedRMS(&second) / 6.0.squareRoot()
        let step = SensorNoise.quantizationStep(&first)
        #expect(measured.noiseRMSG.bitPattern == noise.bitPattern)
        #expect(measured.quantizationStepG.bitPattern == step.bitPattern)
        #expect(measured.noiseRMSG > 0)
    }
    /// The conversions and the rectified difference of the filters' loads and stores, four at a
    /// time, against the scalar expressions (values that round, NaN, infinities, signed zeros,
    /// Float overflow), bit for bit, for every count up to 13.
    @Test func conversionsMatchScalarExpressions() {
        let doubles: [Double] = [
            0, -0.0, 1.000_000_1, -3.3, .nan, .infinity, -.infinity, 1e300, .leastNormalMagnitude / 1024, 0.1, 16_777_217, 2.5e-8, -7,
        ]
        let floats: [Float] = doubles.map { Float($0) } + [Float.leastNonzeroMagnitude]
        for count in 0...13 {
            let a = Array(doubles.prefix(count)), b = Array(doubles.reversed().prefix(count))
            let f = Array(floats.prefix(count))
            var widened = [Double](repeating: 42, count: count)
            var narrowed = [Float](repeating: 42, count: count), rectified = narrowed
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    f.withUnsafeBufferPointer { fp in
                        widened.withUnsafeMutableBufferPointer { w in
                            narrowed.withUnsafeMutableBufferPointer { n in
                                rectified.withUnsafeMutableBufferPointer { r in
                                    guard count > 0 else { return }
                                    ZeroPhaseFilter.widen(fp.baseAddress!, into: w.baseAddress!, count: count)
                                    ZeroPhaseFilter.narrow(ap.baseAddress!, into: n.baseAddress!, count: count)
                                    MovementSignal.rectifiedDifference(
                                        ap.baseAddress!, minus: bp.baseAddress!, into: r.baseAddress!, count: count)
                                }
                            }
                        }
                    }
                }
            }
            #expect(widened.map(\.bitPattern) == f.map { Double($0).bitPattern })
            #expect(narrowed.map(\.bitPattern) == a.map { Float($0).bitPattern })
            #expect(rectified.map(\.bitPattern) == (0..<count).map { Float(abs(a[$0] - b[$0])).bitPattern })
        }
    }
}
