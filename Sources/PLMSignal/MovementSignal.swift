import Foundation
import PLMReaders

/// The two-channel movement signal of one valid segment of a recording (see
/// ``DetectionSettings``): the dynamic-acceleration envelope with its resting level, and the tilt
/// against the resting gravity direction.
///
/// Memory: the envelope holds one `Float` per sample of the segment (a third of the kept
/// samples); the tilt channel three `Float`s per tilt bin (40 ms) while it is built, one after;
/// the resting levels and baselines one value per 1-2 s bin. FFT workspace is one block.
struct MovementSignal {
    /// Rectified, smoothed deviation of the low-passed acceleration magnitude from its rolling
    /// median, g, one per sample of the segment.
    var envelope: [Float]
    /// Resting level of the envelope per level bin, g.
    var restingLevelG: [Double]
    /// Samples per level bin.
    var levelBinSamples: Int
    /// Tilt against the resting gravity direction per tilt bin, degrees.
    var tiltDegrees: [Float]
    /// Samples per tilt bin.
    var tiltBinSamples: Int
    /// Tilt of the gravity series' centred mean over `tiltAverageBins` bins against the same
    /// resting direction, degrees, one per tilt bin (see
    /// ``AdjacentRestReference/averagedTiltDegrees(gx:gy:gz:averageBins:referenceX:_:_:)``);
    /// empty unless asked for (and only with ``DetectionSettings/tiltAdjacentRest``).
    var averagedTiltDegrees: [Float] = []

    /// Number of samples.
    var count: Int { envelope.count }

    /// Builds the signal for samples `range` of `recording`.
    /// - Parameters:
    ///   - dynamicFilter: the low-pass of the magnitude (at the recording's rate).
    ///   - tiltFilter: the low-pass of the gravity direction (at the tilt-bin rate), or nil to
    ///     keep the bin means unfiltered.
    init(
        _ recording: AccelerationRecording, range: Range<Int>, settings: DetectionSettings,
        dynamicFilter: ZeroPhaseFilter, tiltFilter: ZeroPhaseFilter?, tiltBinSamples: Int,
        tiltSeriesNoiseG: Double = 0, tiltHoldLevelDegrees: Double = 1, tiltAverageBins: Int = 0
    ) {
        let rate = recording.sampleRateHz
        // One pass over the samples: the magnitude for the dynamic channel, and the robust bin
        // means of each axis for the tilt channel.
        var (envelope, gx, gy, gz) = Self.magnitudesAndTiltBinMeans(
            recording, range: range, tiltBinSamples: tiltBinSamples)
        envelope.withUnsafeMutableBufferPointer {
            Self.makeEnvelope(fromMagnitudes: $0, settings: settings, rateHz: rate, dynamicFilter: dynamicFilter)
        }
        self.envelope = envelope

        // Resting level of the envelope: rolling low quantile of level-bin means.
        let levelBin = max(1, Int((settings.levelBinS * rate).rounded()))
        levelBinSamples = levelBin
        let halfWindowBins = max(1, Int((settings.restingWindowS / settings.levelBinS / 2).rounded()))
        let levelMeans = envelope.withUnsafeBufferPointer { Self.binMeans($0, binSamples: levelBin) }
        restingLevelG = rollingQuantile(levelMeans, halfWindow: halfWindowBins, quantile: settings.restingQuantile)

        self.tiltBinSamples = tiltBinSamples
        let tilt = Self.tiltChannel(
            gx: &gx, gy: &gy, gz: &gz, rateHz: rate, settings: settings, tiltFilter: tiltFilter,
            tiltBinSamples: tiltBinSamples, seriesNoiseG: tiltSeriesNoiseG, holdLevelDegrees: tiltHoldLevelDegrees,
            averageBins: tiltAverageBins)
        tiltDegrees = tilt.tilt
        averagedTiltDegrees = tilt.averaged
    }

    /// The magnitude of every sample of `range` (to become the envelope) and the robust means of
    /// each axis per tilt bin of `tiltBinSamples` samples (``robustBinMeans(x:y:z:binSamples:into:_:_:magnitudes:)``),
    /// both from one pass over the samples.
    private static func magnitudesAndTiltBinMeans(
        _ recording: AccelerationRecording, range: Range<Int>, tiltBinSamples: Int
    ) -> (magnitudes: [Float], gx: [Float], gy: [Float], gz: [Float]) {
        let n = range.count
        let a = range.lowerBound
        let tiltBins = (n + tiltBinSamples - 1) / tiltBinSamples
        // Every element of these is written below before it is read (no zero-fill pass).
        var magnitudes = [Float](unsafeUninitializedCapacity: n) { _, count in count = n }
        var gx = [Float](unsafeUninitializedCapacity: tiltBins) { _, count in count = tiltBins }
        var gy = [Float](unsafeUninitializedCapacity: tiltBins) { _, count in count = tiltBins }
        var gz = [Float](unsafeUninitializedCapacity: tiltBins) { _, count in count = tiltBins }
        recording.x.withUnsafeBufferPointer { xs in
            recording.y.withUnsafeBufferPointer { ys in
                recording.z.withUnsafeBufferPointer { zs in
                    magnitudes.withUnsafeMutableBufferPointer { magnitude in
                    gx.withUnsafeMutableBufferPointer { gx in
                    gy.withUnsafeMutableBufferPointer { gy in
                    gz.withUnsafeMutableBufferPointer { gz in
                        robustBinMeans(
                            x: UnsafeBufferPointer(rebasing: xs[a..<(a + n)]),
                            y: UnsafeBufferPointer(rebasing: ys[a..<(a + n)]),
                            z: UnsafeBufferPointer(rebasing: zs[a..<(a + n)]), binSamples: tiltBinSamples,
                            into: gx, gy, gz, magnitudes: magnitude)
                    }
                    }
                    }
                    }
                }
            }
        }
        return (magnitudes, gx, gy, gz)
    }

    /// Dynamic channel, in place over the magnitudes: low-pass the magnitude, take away its rolling
    /// median (a rank filter removes gravity and drift without the seconds-long ringing a linear
    /// high-pass shows after a strong short knock), rectify, and smooth when asked to.
    private static func makeEnvelope(
        fromMagnitudes buffer: UnsafeMutableBufferPointer<Float>, settings: DetectionSettings, rateHz rate: Double,
        dynamicFilter: ZeroPhaseFilter
    ) {
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        let baselineBin = max(1, Int((settings.baselineBinS * rate).rounded()))
        let baselineHalfWindow = max(1, Int((settings.baselineWindowS / settings.baselineBinS / 2).rounded()))
        // The median is taken over bin means (``DetectionSettings/baselineBinS``, 2 s) of the
        // raw magnitude: a low-pass at 10 Hz or more does not change a 2-s mean, and this lets
        // the subtraction and the rectification happen as the filter stores its output.
        let magnitudeBaseline = rollingQuantile(
            binMeans(UnsafeBufferPointer(buffer), binSamples: baselineBin), halfWindow: baselineHalfWindow,
            quantile: 0.5)
        var cursor = InterpolationCursor(magnitudeBaseline, binSamples: baselineBin)
        // The baseline of one stored block (stores are at most a block long).
        var baselineValues = [Double](repeating: 0, count: dynamicFilter.blockLength)
        baselineValues.withUnsafeMutableBufferPointer { scratch in
            guard let baseline = scratch.baseAddress else { return }
            dynamicFilter.apply(
                count: n,
                load: { start, values in
                    guard let out = values.baseAddress else { return }
                    ZeroPhaseFilter.widen(base + start, into: out, count: values.count)
                },
                store: { start, values in
                    // Stores arrive in order and contiguous, so the cursor walks sample by
                    // sample: first the baseline of the block, then one vectorisable pass.
                    let count = min(values.count, scratch.count)
                    cursor.fill(baseline, count: count)
                    guard let filtered = values.baseAddress else { return }
                    let out = base + start
                    rectifiedDifference(filtered, minus: baseline, into: out, count: count)
                })
        }
        let half = Int((settings.envelopeSmoothingS * rate / 2).rounded())
        if half > 0 { rectifyAndSmooth(buffer, halfWidth: half) }
    }

    /// The smallest number of samples that is a whole number of every bin the signal uses
    /// (magnitude baseline, resting level, tilt bins and tilt baseline bins), so that a signal
    /// built from a sample that is a multiple of it away from the run's start has the same bins.
    static func binGrid(settings: DetectionSettings, rateHz: Double, tiltBinSamples: Int) -> Int {
        let baselineBin = max(1, Int((settings.baselineBinS * rateHz).rounded()))
        let levelBin = max(1, Int((settings.levelBinS * rateHz).rounded()))
        let tiltRate = rateHz / Double(tiltBinSamples)
        let perLevel = max(1, Int((settings.baselineBinS * tiltRate).rounded()))
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        func lcm(_ a: Int, _ b: Int) -> Int { a / gcd(a, b) * b }
        return lcm(lcm(baselineBin, levelBin), perLevel * tiltBinSamples)
    }

    /// Angle between `u` (any length) and the unit vector `v`, radians; 0 when `u` is zero.
    ///
    /// With `|u x v|^2 = |u|^2 sin^2(theta)`, one square root and one division give `sin(theta)`;
    /// below 30 degrees the angle is its arcsine series (error below 1e-4 rad), beyond it `atan2`.
    @inline(__always)
    static func angleRadians(
        _ ux: Double, _ uy: Double, _ uz: Double, toUnit vx: Double, _ vy: Double, _ vz: Double
    ) -> Double {
        let dot = ux * vx + uy * vy + uz * vz
        let cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx
        let cross2 = cx * cx + cy * cy + cz * cz
        let u2 = ux * ux + uy * uy + uz * uz
        guard u2 > 0 else { return 0 }
        if dot > 0 && cross2 < 0.25 * u2 {
            let s2 = cross2 / u2
            // asin(s) = s (1 + s^2/6 + 3 s^4/40 + 5 s^6/112 + ...), s <= 1/2
            return s2.squareRoot() * (1 + s2 * (1.0 / 6 + s2 * (3.0 / 40 + s2 * (5.0 / 112))))
        }
        return atan2(cross2.squareRoot(), dot)
    }

    /// `out[i] = sqrt(x[i]^2 + y[i]^2 + z[i]^2)` in `Float`, eight samples at a time (the same
    /// operations in the same order per sample as the scalar expression, so the same values).
    static func magnitudes(
        x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>, z: UnsafeBufferPointer<Float>,
        into out: UnsafeMutableBufferPointer<Float>
    ) {
        let n = min(x.count, y.count, z.count, out.count)
        guard n > 0, let xp = x.baseAddress, let yp = y.baseAddress, let zp = z.baseAddress,
            let op = out.baseAddress
        else { return }
        var i = 0
        while i + 8 <= n {
            let vx = UnsafeRawPointer(xp + i).loadUnaligned(as: SIMD8<Float>.self)
            let vy = UnsafeRawPointer(yp + i).loadUnaligned(as: SIMD8<Float>.self)
            let vz = UnsafeRawPointer(zp + i).loadUnaligned(as: SIMD8<Float>.self)
            let m = (vx * vx + vy * vy + vz * vz).squareRoot()
            UnsafeMutableRawPointer(op + i).storeBytes(of: m, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            let vx = xp[i], vy = yp[i], vz = zp[i]
            op[i] = (vx * vx + vy * vy + vz * vz).squareRoot()
            i += 1
        }
    }

    /// `angleRadians(u[k], toUnit: v[k])` in degrees, as `Float`, for every k: four at a time
    /// where all four take the arcsine series (the same operations in the same order per lane,
    /// so the same values), the rest one by one.
    static func anglesDegrees(
        gx: [Float], gy: [Float], gz: [Float], toUnit vx: [Double], _ vy: [Double], _ vz: [Double]
    ) -> [Float] {
        let n = min(gx.count, gy.count, gz.count, vx.count, vy.count, vz.count)
        let toDegrees = 180 / Double.pi
        return [Float](unsafeUninitializedCapacity: n) { out, written in
            gx.withUnsafeBufferPointer { gx in
            gy.withUnsafeBufferPointer { gy in
            gz.withUnsafeBufferPointer { gz in
            vx.withUnsafeBufferPointer { vx in
            vy.withUnsafeBufferPointer { vy in
            vz.withUnsafeBufferPointer { vz in
                @inline(__always) func one(_ k: Int) -> Float {
                    Float(
                        angleRadians(Double(gx[k]), Double(gy[k]), Double(gz[k]), toUnit: vx[k], vy[k], vz[k])
                            * toDegrees)
                }
                guard n > 0, let gxp = gx.baseAddress, let gyp = gy.baseAddress, let gzp = gz.baseAddress,
                    let vxp = vx.baseAddress, let vyp = vy.baseAddress, let vzp = vz.baseAddress,
                    let op = out.baseAddress
                else { return }
                var k = 0
                while k + 4 <= n {
                    let ux = SIMD4<Double>(UnsafeRawPointer(gxp + k).loadUnaligned(as: SIMD4<Float>.self))
                    let uy = SIMD4<Double>(UnsafeRawPointer(gyp + k).loadUnaligned(as: SIMD4<Float>.self))
                    let uz = SIMD4<Double>(UnsafeRawPointer(gzp + k).loadUnaligned(as: SIMD4<Float>.self))
                    let wx = UnsafeRawPointer(vxp + k).loadUnaligned(as: SIMD4<Double>.self)
                    let wy = UnsafeRawPointer(vyp + k).loadUnaligned(as: SIMD4<Double>.self)
                    let wz = UnsafeRawPointer(vzp + k).loadUnaligned(as: SIMD4<Double>.self)
                    let dot = ux * wx + uy * wy + uz * wz
                    let cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx
                    let cross2 = cx * cx + cy * cy + cz * cz
                    let u2 = ux * ux + uy * uy + uz * uz
                    let series = (u2 .> 0) .& (dot .> 0) .& (cross2 .< 0.25 * u2)
                    let s2 = cross2 / u2
                    let third: SIMD4<Double> = 3.0 / 40 + s2 * (5.0 / 112)
                    let angle = s2.squareRoot() * (1 + s2 * (1.0 / 6 + s2 * third))
                    let degrees = SIMD4<Float>(angle * toDegrees)
                    UnsafeMutableRawPointer(op + k).storeBytes(of: degrees, as: SIMD4<Float>.self)
                    if !all(series) {
                        for lane in 0..<4 where !series[lane] { op[k + lane] = one(k + lane) }
                    }
                    k += 4
                }
                while k < n {
                    op[k] = one(k)
                    k += 1
                }
            }
            }
            }
            }
            }
            }
            written = n
        }
    }

    /// `out[i] = Float(abs(a[i] - b[i]))` for `i < count`, four at a time (the absolute value
    /// clears the sign bit, as `abs` does; the same operations per lane, so the same values).
    static func rectifiedDifference(
        _ a: UnsafePointer<Double>, minus b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Float>, count: Int
    ) {
        let magnitudeBits = SIMD4<UInt64>(repeating: ~(1 << 63))
        var i = 0
        while i + 4 <= count {
            let d = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
                - UnsafeRawPointer(b + i).loadUnaligned(as: SIMD4<Double>.self)
            let magnitude = unsafeBitCast(unsafeBitCast(d, to: SIMD4<UInt64>.self) & magnitudeBits, to: SIMD4<Double>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD4<Float>(magnitude), as: SIMD4<Float>.self)
            i += 4
        }
        while i < count {
            out[i] = Float(abs(a[i] - b[i]))
            i += 1
        }
    }

    /// Mean of each run of `binSamples` values (the last bin may be shorter): the values summed
    /// in `Double` in order from 0, divided by their count.
    ///
    /// Speed: one bin's sum is a chain of dependent additions; four full bins go through at once,
    /// one bin per SIMD lane, with the same additions in the same order per lane (so the same
    /// values), which takes the chain's latency off the critical path.
    static func binMeans(_ values: UnsafeBufferPointer<Float>, binSamples: Int) -> [Double] {
        let n = values.count
        let bins = (n + binSamples - 1) / binSamples
        var means = [Double](repeating: 0, count: bins)
        var first = 0
        if binSamples > 1, let p = values.baseAddress {
            let fullBins = n / binSamples
            let divisor = SIMD4<Double>(repeating: Double(binSamples))
            means.withUnsafeMutableBufferPointer { out in
                guard let o = out.baseAddress else { return }
                while first + 4 <= fullBins {
                    let p0 = p + first * binSamples, p1 = p0 + binSamples, p2 = p1 + binSamples, p3 = p2 + binSamples
                    var sum = SIMD4<Double>(repeating: 0)
                    var i = 0
                    while i + 4 <= binSamples {
                        // Four samples of each bin, transposed: sample i + s of the four bins.
                        let v0 = UnsafeRawPointer(p0 + i).loadUnaligned(as: SIMD4<Float>.self)
                        let v1 = UnsafeRawPointer(p1 + i).loadUnaligned(as: SIMD4<Float>.self)
                        let v2 = UnsafeRawPointer(p2 + i).loadUnaligned(as: SIMD4<Float>.self)
                        let v3 = UnsafeRawPointer(p3 + i).loadUnaligned(as: SIMD4<Float>.self)
                        sum += SIMD4<Double>(SIMD4<Float>(v0[0], v1[0], v2[0], v3[0]))
                        sum += SIMD4<Double>(SIMD4<Float>(v0[1], v1[1], v2[1], v3[1]))
                        sum += SIMD4<Double>(SIMD4<Float>(v0[2], v1[2], v2[2], v3[2]))
                        sum += SIMD4<Double>(SIMD4<Float>(v0[3], v1[3], v2[3], v3[3]))
                        i += 4
                    }
                    while i < binSamples {
                        sum += SIMD4<Double>(Double(p0[i]), Double(p1[i]), Double(p2[i]), Double(p3[i]))
                        i += 1
                    }
                    UnsafeMutableRawPointer(o + first).storeBytes(of: sum / divisor, as: SIMD4<Double>.self)
                    first += 4
                }
            }
        }
        for b in first..<bins {
            let lo = b * binSamples, hi = min(n, lo + binSamples)
            var sum = 0.0
            for i in lo..<hi { sum += Double(values[i]) }
            means[b] = sum / Double(hi - lo)
        }
        return means
    }

    /// Replaces each sample by the mean of the absolute values within `halfWidth` samples of it
    /// (the window is cut at the ends), in place.
    /// - Complexity: O(n) with a running sum; O(halfWidth) extra memory.
    static func rectifyAndSmooth(_ x: UnsafeMutableBufferPointer<Float>, halfWidth h: Int) {
        let n = x.count
        guard n > 0 else { return }
        guard h > 0 else {
            for i in 0..<n { x[i] = abs(x[i]) }
            return
        }
        let ringSize = h + 1
        var ring = [Double](repeating: 0, count: ringSize)
        var sum = 0.0
        var count = 0
        for j in 0...min(h, n - 1) {
            sum += Double(abs(x[j]))
            count += 1
        }
        // ring[slot] holds |x| of the sample the window will drop next once full: sample i is
        // written at slot i mod (h + 1), and i - h sits in the slot after i's.
        var slot = 0
        ring.withUnsafeMutableBufferPointer { ring in
            for i in 0..<n {
                ring[slot] = Double(abs(x[i]))
                slot += 1
                if slot == ringSize { slot = 0 }
                x[i] = Float(max(0, sum) / Double(count))
                if i + h + 1 < n {
                    sum += Double(abs(x[i + h + 1]))
                    count += 1
                }
                if i - h >= 0 {
                    sum -= ring[slot]
                    count -= 1
                }
            }
        }
    }
}

/// Walks a per-bin series sample by sample, interpolating linearly between bin centres
/// (`binSamples` samples per bin; the value is held before the first and after the last centre).
/// No division per sample.
struct InterpolationCursor<Value: BinaryFloatingPoint> {
    private let values: [Value]
    private let step: Double
    private var position: Double

    init(_ values: [Value], binSamples: Int) {
        self.values = values
        step = 1 / Double(binSamples)
        position = -Double(binSamples - 1) / 2 * step
    }

    /// Moves on by `count` samples without reading them.
    mutating func skip(_ count: Int) { position += step * Double(count) }

    /// The value at the next sample (the first call gives sample 0).
    @inline(__always)
    mutating func next() -> Double {
        let p = position
        position += step
        return values.withUnsafeBufferPointer { Self.value(atPosition: p, in: $0) }
    }

    /// The values of the next `count` samples, into `out[0 ..< count]`: the same values as
    /// `count` calls of ``next()`` (the position advances by the same additions), with the bins
    /// read through one buffer pointer for the whole run.
    mutating func fill(_ out: UnsafeMutablePointer<Double>, count: Int) {
        let start = position, step = self.step
        // The position is a local of the closure (a captured variable would go through memory
        // at every step of the chain of additions).
        position = values.withUnsafeBufferPointer { bins in
            var p = start
            var j = 0
            let last = bins.count - 1
            while j < count {
                guard p > 0, last >= 1, step > 0 else {
                    out[j] = Self.value(atPosition: p, in: bins)
                    p += step
                    j += 1
                    continue
                }
                let k = Int(p)
                guard k < last else {
                    out[j] = Self.value(atPosition: p, in: bins)
                    p += step
                    j += 1
                    continue
                }
                // Inside bin interval k (k <= p < k + 1, so Int(p) stays k): its two values
                // once, then per sample the same arithmetic as ``value(atPosition:in:)``.
                let kd = Double(k), end = kd + 1
                let a = Double(bins[k])
                let difference = Double(bins[k + 1]) - a
                j += Self.fillInterval(
                    out + j, limit: count - j, position: &p, step: step, end: end, a: a, difference: difference,
                    binStart: kd)
            }
            return p
        }
    }

    /// `out[i] = a + difference * (p_i - binStart)` for the positions `p_0 = position`,
    /// `p_(i+1) = p_i + step` (rounded, as ``next()`` adds), while `p_i < end` and `i < limit`
    /// (at least one: `position < end`); `position` is left at the position after the last one
    /// written. Returns the number written.
    ///
    /// Speed: the additions are one chain of dependent operations (4 cycles a sample), so the
    /// positions are computed without it where that gives the same bits. For `position >= 1`, the
    /// interval `[binStart, end)` lies in one binade `[2^e, 2^(e+1))`, where every double is a
    /// multiple of `u = position.ulp`. The exact sum `p + step` of such a `p` rounds to the
    /// nearest multiple of `u`, which is `p + s` with `s` the multiple of `u` nearest `step`,
    /// the same for every `p` unless `step` lies exactly halfway between two multiples (then the
    /// tie goes to the even one, which depends on `p`). So with no tie, `s = (position + step) -
    /// position` (exact) and `p_i = position + i * s`, both operations exact (multiples of `u`
    /// below `2^(e+1)`): the same values as the chain, four lanes at a time. Where the argument
    /// does not hold (below 1, a tie, `step < u`), the chain itself.
    @inline(__always)
    static func fillInterval(
        _ out: UnsafeMutablePointer<Double>, limit: Int, position: inout Double, step: Double, end: Double,
        a: Double, difference: Double, binStart: Double
    ) -> Int {
        let p0 = position
        let u = p0.ulp
        let s = (p0 + step) - p0
        guard p0 >= 1, step >= u, s > 0, abs(step - s) != u / 2, limit > 0 else {
            var p = p0, j = 0
            repeat {
                out[j] = a + difference * (p - binStart)
                p += step
                j += 1
            } while j < limit && p < end
            position = p
            return j
        }
        // The number of positions below end, m: estimated, then made exact (p0 + i * s is exact
        // below end and rounds monotonically above it). Only min(m, limit) matters, so an
        // estimate well past the limit stands for it.
        let estimate = (end - p0) / s
        var m = limit
        if estimate < Double(limit) + 2 {
            m = max(1, Int(estimate) + 1)
            while m > 1 && p0 + Double(m - 1) * s >= end { m -= 1 }
            while p0 + Double(m) * s < end { m += 1 }
        }
        let written = min(m, limit)
        var i = 0
        if written >= 4 {
            // Lane l holds p0 + (i + l) s; each step adds 4 s, exact while below end (every
            // value a lane takes inside the loop is a position below end).
            var p = SIMD4<Double>(repeating: p0) + SIMD4<Double>(0, 1, 2, 3) * SIMD4<Double>(repeating: s)
            let fourSteps = SIMD4<Double>(repeating: 4 * s)
            let first = SIMD4<Double>(repeating: binStart), base = SIMD4<Double>(repeating: a)
            let slope = SIMD4<Double>(repeating: difference)
            while i + 4 <= written {
                UnsafeMutableRawPointer(out + i).storeBytes(of: base + slope * (p - first), as: SIMD4<Double>.self)
                p += fourSteps
                i += 4
            }
        }
        while i < written {
            out[i] = a + difference * ((p0 + Double(i) * s) - binStart)
            i += 1
        }
        // The position after the last one written, by the chain's own addition.
        position = (p0 + Double(written - 1) * s) + step
        return written
    }

    /// The interpolated value at `p` bins past the first bin's centre.
    @inline(__always)
    private static func value(atPosition p: Double, in values: UnsafeBufferPointer<Value>) -> Double {
        let count = values.count
        if count < 2 { return count == 1 ? Double(values[0]) : 0 }
        if p <= 0 { return Double(values[0]) }
        let k = Int(p)
        if k >= count - 1 { return Double(values[count - 1]) }
        let frac = p - Double(k)
        let a = Double(values[k])
        return a + (Double(values[k + 1]) - a) * frac
    }
}
