import Testing
@testable import PLMSignal

/// The detection kernels of the fourth speed pass (issue 15, branch dspeed4) against their plain
/// definitions, bit for bit: the detector's output must not change.
@Suite struct DetectionKernelTests {
    /// The chain the interpolation cursor runs, written out: `a + difference * (p - binStart)`,
    /// then `p += step`, while `p < end` and fewer than `limit` were written.
    private func chain(
        limit: Int, position: Double, step: Double, end: Double, a: Double, difference: Double, binStart: Double
    ) -> (values: [Double], position: Double) {
        var p = position, values: [Double] = []
        repeat {
            values.append(a + difference * (p - binStart))
            p += step
        } while values.count < limit && p < end
        return (values, p)
    }

    private func interval(
        limit: Int, position: Double, step: Double, end: Double, a: Double, difference: Double, binStart: Double
    ) -> (values: [Double], position: Double) {
        var out = [Double](repeating: .nan, count: limit)
        var p = position
        let written = out.withUnsafeMutableBufferPointer {
            InterpolationCursor<Double>.fillInterval(
                $0.baseAddress!, limit: limit, position: &p, step: step, end: end, a: a, difference: difference,
                binStart: binStart)
        }
        return (Array(out[0..<written]), p)
    }

    /// Positions computed as `position + i * s` give the chain's bits: bins of 1-300 samples,
    /// intervals from 1 to 2^40 (every binade's ulp), starts anywhere in the interval, limits
    /// that cut the interval, steps that round halfway between two multiples of the ulp (where
    /// the rounding depends on the position: the chain must be kept), steps below the ulp, and
    /// values with infinities and signed zeros.
    @Test func intervalPositionsMatchTheChain() {
        var rng = SeededGenerator(seed: 41)
        var steps = (1...300).map { 1 / Double($0) }
        // Steps exactly halfway between two multiples of the ulp of [1, 2) and of [1024, 2048).
        steps += [1.5 * 0x1p-52, 2.5 * 0x1p-52, (1_048_576 + 0.5) * 0x1p-52, (12_345 + 0.5) * 0x1p-42, 0x1p-60]
        let binStarts: [Double] = [1, 2, 3, 7, 255, 1023, 1024, 4095, 65_536, 0x1p40 - 1]
        let values: [(Double, Double)] = [(0.25, 1.5), (-3, 0.001), (0, -0.0), (-0.0, 0), (1e300, 1e300), (.infinity, -1)]
        for step in steps {
            for binStart in binStarts {
                let end = binStart + 1
                for _ in 0..<4 {
                    // A start in the interval, on its grid (as the chain leaves it).
                    let position = min(binStart + Double(rng.next() % 1000) / 1000, end.nextDown)
                    let (a, difference) = values[Int(rng.next() % UInt64(values.count))]
                    for limit in [1, 2, 3, 5, 17, 5_000] {
                        let expected = chain(
                            limit: limit, position: position, step: step, end: end, a: a, difference: difference,
                            binStart: binStart)
                        let got = interval(
                            limit: limit, position: position, step: step, end: end, a: a, difference: difference,
                            binStart: binStart)
                        #expect(got.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "step \(step) bin \(binStart)")
                        #expect(got.position.bitPattern == expected.position.bitPattern, "step \(step) bin \(binStart)")
                    }
                }
            }
        }
    }

    /// The cursor's fill against as many `next()` calls over long series whose positions cross
    /// many binades (up to 3000 bins: positions past 2048), for the detector's bins (100 and 200
    /// samples) and others, after skips that leave the position off the bins' grid.
    @Test func cursorFillMatchesNextOverLongSeries() {
        var rng = SeededGenerator(seed: 43)
        for (binSamples, bins) in [(200, 3000), (100, 2500), (3, 5000), (13, 1100), (1, 4100), (50, 1030)] {
            let series = (0..<bins).map { _ in Double(Int(rng.next() % 2001) - 1000) / 997 }
            for skip in [0, 1, 777] {
                var plain = InterpolationCursor(series, binSamples: binSamples)
                var fast = plain
                plain.skip(skip)
                fast.skip(skip)
                var remaining = bins * binSamples + 300
                while remaining > 0 {
                    let run = min(remaining, [512, 1, 4093, 6][Int(rng.next() % 4)])
                    let expected = (0..<run).map { _ in plain.next() }
                    var got = [Double](repeating: .nan, count: run)
                    got.withUnsafeMutableBufferPointer { fast.fill($0.baseAddress!, count: run) }
                    #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "bin \(binSamples) skip \(skip)")
                    remaining -= run
                }
                #expect(fast.next().bitPattern == plain.next().bitPattern)
            }
        }
    }

    /// `cap` against `Swift.min(value, limit)` per value: NaN values and limits, +-0 both ways,
    /// infinities, subnormals, every count from 0 to 11.
    @Test func capMatchesSwiftMin() {
        let choices: [Double] = [
            0, -0.0, 1, -1, 0.5, .infinity, -.infinity, .nan, Double.leastNonzeroMagnitude, -Double.leastNormalMagnitude / 8,
        ]
        var rng = SeededGenerator(seed: 47)
        for limit in choices {
            for count in 0..<12 {
                for _ in 0..<20 {
                    let values = (0..<count).map { _ in choices[Int(rng.next() % UInt64(choices.count))] }
                    var got = values
                    got.withUnsafeMutableBufferPointer { ScanLevels.cap($0.baseAddress!, at: limit, count: count) }
                    let expected = values.map { Swift.min($0, limit) }
                    #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "limit \(limit)")
                }
            }
        }
    }

    /// The filter's spectrum product two bins at a time against the per-bin loop: odd and even
    /// bin counts, NaN, infinities, +-0 and subnormal parts and gains.
    @Test func spectrumProductMatchesPerBinLoop() {
        let choices: [Double] = [0, -0.0, 1.5, -2.25, .infinity, -.infinity, .nan, 1e-310, -3e-320, 1e300]
        var rng = SeededGenerator(seed: 53)
        for bins in 0..<10 {
            for _ in 0..<30 {
                let spectrum = (0..<(2 * bins)).map { _ in choices[Int(rng.next() % UInt64(choices.count))] }
                let gains = (0..<bins).map { _ in choices[Int(rng.next() % UInt64(choices.count))] }
                var expected = spectrum
                for k in 0..<bins {
                    expected[2 * k] *= gains[k]
                    expected[2 * k + 1] *= gains[k]
                }
                var got = spectrum + [7]  // one value past the end, which must stay
                got.withUnsafeMutableBufferPointer { out in
                    gains.withUnsafeBufferPointer { ZeroPhaseFilter.multiply(out.baseAddress!, by: $0) }
                }
                #expect(got.last == 7)
                #expect(got.dropLast().map(\.bitPattern) == expected.map(\.bitPattern))
            }
        }
    }

    /// One window's quantile from one sort against the rolling pass: the same bits wherever it
    /// is not a zero; nil where it is (its sign depends on the pass's history). Data with heavy
    /// ties, signed zeros and non-finite values.
    @Test(arguments: [0.0, 0.3, 0.5, 1.0])
    func pointQuantileMatchesRollingPass(quantile: Double) {
        var rng = SeededGenerator(seed: 59)
        let pool: [Double] = [0, -0.0, 1, -1, 2.5, 1e-310, .nan, .infinity, -7, 3]
        let values = (0..<400).map { i -> Double in
            i % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : Double(Int(rng.next() % 9) - 4) / 3
        }
        var zeros = 0
        for h in [0, 1, 5, 22, 30, 450] {
            let rolling = rollingQuantile(values, halfWindow: h, quantile: quantile)
            for c in values.indices {
                let point = rollingQuantile(values, at: c, halfWindow: h, quantile: quantile)
                if rolling[c] == 0 {
                    #expect(point == nil, "h \(h) centre \(c)")
                    zeros += 1
                } else {
                    #expect(point?.bitPattern == rolling[c].bitPattern, "h \(h) centre \(c)")
                }
            }
        }
        #expect(zeros > 0)  // the zero case was exercised
        #expect(rollingQuantile(values, at: -1, halfWindow: 3, quantile: quantile) == nil)
        #expect(rollingQuantile(values, at: 400, halfWindow: 3, quantile: quantile) == nil)
    }

    /// The fallback direction against what the detector computed before (the three rolling
    /// medians over the whole series, then the unit vector of bin `b`), written out here: bins
    /// asked for in any order and repeatedly, past both ends, more than ``maxPointBins`` of them,
    /// and series whose medians are zero (which take the rolling pass).
    @Test func fallbackDirectionMatchesRollingMedians() {
        var rng = SeededGenerator(seed: 61)
        for (n, withZeros) in [(0, false), (1, false), (40, false), (600, false), (600, true), (90, true)] {
            func axis() -> [Double] {
                (0..<n).map { _ in
                    withZeros && rng.next() % 2 == 0
                        ? (rng.next() % 2 == 0 ? 0 : -0.0) : Double(Int(rng.next() % 2001) - 1000) / 1000
                }
            }
            let x = axis(), y = axis(), z = axis()
            let h = 22
            let mx = rollingQuantile(x, halfWindow: h, quantile: 0.5)
            let my = rollingQuantile(y, halfWindow: h, quantile: 0.5)
            let mz = rollingQuantile(z, halfWindow: h, quantile: 0.5)
            func expected(_ bin: Int) -> (Double, Double, Double) {
                guard n > 0 else { return (0, 0, 1) }
                let b = min(max(bin, 0), n - 1)
                let norm = (mx[b] * mx[b] + my[b] * my[b] + mz[b] * mz[b]).squareRoot()
                return norm > 0 ? (mx[b] / norm, my[b] / norm, mz[b] / norm) : (0, 0, 1)
            }
            var direction = RollingMedianDirection(x: x, y: y, z: z, halfWindow: h)
            var asked = [-5, 0, n - 1, n + 3, 7, 7, 0]
            asked += (0..<80).map { _ in Int(rng.next() % UInt64(max(1, n))) }
            for bin in asked {
                let got = direction.direction(atBin: bin), want = expected(bin)
                #expect(got.0.bitPattern == want.0.bitPattern && got.1.bitPattern == want.1.bitPattern
                    && got.2.bitPattern == want.2.bitPattern, "n \(n) bin \(bin)")
            }
        }
    }
}
