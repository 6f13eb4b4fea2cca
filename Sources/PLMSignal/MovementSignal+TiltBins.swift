extension MovementSignal {
    /// The robust mean of each tilt bin of `binSamples` samples of each axis (the last bin may be
    /// shorter): the mean without the bin's smallest and largest value, summed in `Double` in
    /// sample order; a bin of fewer than 3 samples keeps its plain `Float` mean.
    ///
    /// Speed: at 100 Hz (bins of 4 samples) four full bins go through at once, one bin per SIMD
    /// lane, with the same operations in the same order per lane as the scalar code (the sum
    /// starts at 0 and adds the bin's samples in order; the minimum and maximum take a sample when
    /// it is below / at or above, as `Swift.min` and `Swift.max` do), so the same values.
    ///
    /// With `magnitudes` (at least as long as the axes), the magnitude of every sample
    /// (``magnitudes(x:y:z:into:)``) is written there in the same pass, from the same loads.
    static func robustBinMeans(
        x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>, z: UnsafeBufferPointer<Float>,
        binSamples: Int,
        into gx: UnsafeMutableBufferPointer<Float>, _ gy: UnsafeMutableBufferPointer<Float>,
        _ gz: UnsafeMutableBufferPointer<Float>, magnitudes: UnsafeMutableBufferPointer<Float>? = nil
    ) {
        let n = min(x.count, y.count, z.count)
        let bins = min((n + binSamples - 1) / binSamples, gx.count, gy.count, gz.count)
        // One division for every full bin (the same value as per bin).
        let fullBinScale = 1 / Double(max(1, binSamples - 2))
        var b = 0
        let magnitudeBase = magnitudes.flatMap { $0.count >= n ? $0.baseAddress : nil }
        if binSamples == 4, let xp = x.baseAddress, let yp = y.baseAddress, let zp = z.baseAddress,
            let gxp = gx.baseAddress, let gyp = gy.baseAddress, let gzp = gz.baseAddress
        {
            b = robustMeansOfFourSampleBins(
                x: xp, y: yp, z: zp, fullBins: min(bins, n / 4), scale: fullBinScale, into: gxp, gyp, gzp,
                magnitudes: magnitudeBase)
        }
        if let op = magnitudeBase {
            // The samples the SIMD bins did not cover.
            let done = b * binSamples
            Self.magnitudes(
                x: UnsafeBufferPointer(rebasing: x[done..<n]), y: UnsafeBufferPointer(rebasing: y[done..<n]),
                z: UnsafeBufferPointer(rebasing: z[done..<n]), into: UnsafeMutableBufferPointer(start: op + done, count: n - done))
        }
        robustMeansBinByBin(
            x: x, y: y, z: z, count: n, bins: b..<bins, binSamples: binSamples, fullBinScale: fullBinScale,
            into: gx, gy, gz)
    }

    /// The SIMD path of ``robustBinMeans(x:y:z:binSamples:into:_:_:magnitudes:)`` for bins of 4
    /// samples: four full bins at a time from bin 0 while all four lie within `fullBins`, with the
    /// magnitude of each of their samples into `magnitudes` when given. Returns the number of
    /// bins done (a multiple of 4).
    @inline(__always)
    private static func robustMeansOfFourSampleBins(
        x xp: UnsafePointer<Float>, y yp: UnsafePointer<Float>, z zp: UnsafePointer<Float>, fullBins: Int,
        scale fullBinScale: Double, into gxp: UnsafeMutablePointer<Float>, _ gyp: UnsafeMutablePointer<Float>,
        _ gzp: UnsafeMutablePointer<Float>, magnitudes magnitudeBase: UnsafeMutablePointer<Float>?
    ) -> Int {
        var b = 0
        while b + 4 <= fullBins {
            let first = 4 * b
            let bx = loadFourBins(xp + first), by = loadFourBins(yp + first), bz = loadFourBins(zp + first)
            if let op = magnitudeBase {
                // The same operations in the same order as the scalar magnitude.
                @inline(__always) func magnitude(_ a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>) -> SIMD4<Float> {
                    (a * a + b * b + c * c).squareRoot()
                }
                let out = UnsafeMutableRawPointer(op + first)
                out.storeBytes(of: magnitude(bx.0, by.0, bz.0), as: SIMD4<Float>.self)
                out.storeBytes(of: magnitude(bx.1, by.1, bz.1), toByteOffset: 16, as: SIMD4<Float>.self)
                out.storeBytes(of: magnitude(bx.2, by.2, bz.2), toByteOffset: 32, as: SIMD4<Float>.self)
                out.storeBytes(of: magnitude(bx.3, by.3, bz.3), toByteOffset: 48, as: SIMD4<Float>.self)
            }
            let mx = robustMeansOfFourBins(bx, scale: fullBinScale)
            let my = robustMeansOfFourBins(by, scale: fullBinScale)
            let mz = robustMeansOfFourBins(bz, scale: fullBinScale)
            UnsafeMutableRawPointer(gxp + b).storeBytes(of: mx, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(gyp + b).storeBytes(of: my, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(gzp + b).storeBytes(of: mz, as: SIMD4<Float>.self)
            b += 4
        }
        return b
    }

    /// The scalar path of ``robustBinMeans(x:y:z:binSamples:into:_:_:magnitudes:)``: bins `bins`
    /// one at a time over the first `n` samples (every bin at rates other than 100 Hz, the last
    /// few at 100 Hz). `fullBinScale` is `1 / (binSamples - 2)`.
    private static func robustMeansBinByBin(
        x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>, z: UnsafeBufferPointer<Float>, count n: Int,
        bins: Range<Int>, binSamples: Int, fullBinScale: Double,
        into gx: UnsafeMutableBufferPointer<Float>, _ gy: UnsafeMutableBufferPointer<Float>,
        _ gz: UnsafeMutableBufferPointer<Float>
    ) {
        for b in bins {
            let lo = b * binSamples, hi = min(n, lo + binSamples)
            let count = hi - lo
            if count < 3 {
                // Too few samples to drop the extremes: plain mean.
                var sx: Float = 0, sy: Float = 0, sz: Float = 0
                for i in lo..<hi {
                    sx += x[i]
                    sy += y[i]
                    sz += z[i]
                }
                let scale = 1 / Float(count)
                gx[b] = sx * scale
                gy[b] = sy * scale
                gz[b] = sz * scale
                continue
            }
            var sx = 0.0, sy = 0.0, sz = 0.0
            var minX = Float.infinity, minY = Float.infinity, minZ = Float.infinity
            var maxX = -Float.infinity, maxY = -Float.infinity, maxZ = -Float.infinity
            for i in lo..<hi {
                let vx = x[i], vy = y[i], vz = z[i]
                sx += Double(vx)
                sy += Double(vy)
                sz += Double(vz)
                minX = min(minX, vx)
                minY = min(minY, vy)
                minZ = min(minZ, vz)
                maxX = max(maxX, vx)
                maxY = max(maxY, vy)
                maxZ = max(maxZ, vz)
            }
            let scale = count == binSamples ? fullBinScale : 1 / Double(count - 2)
            gx[b] = Float((sx - Double(minX) - Double(maxX)) * scale)
            gy[b] = Float((sy - Double(minY) - Double(maxY)) * scale)
            gz[b] = Float((sz - Double(minZ) - Double(maxZ)) * scale)
        }
    }

    /// The four 4-sample bins at `p[0 ..< 16]`, one per element.
    @inline(__always)
    private static func loadFourBins(_ p: UnsafePointer<Float>) -> (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>) {
        let raw = UnsafeRawPointer(p)
        return (
            raw.loadUnaligned(as: SIMD4<Float>.self), raw.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self),
            raw.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self),
            raw.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self)
        )
    }

    /// The robust means of four 4-sample bins, one bin per lane.
    @inline(__always)
    private static func robustMeansOfFourBins(
        _ bins: (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>), scale: Double
    ) -> SIMD4<Float> {
        let (bin0, bin1, bin2, bin3) = bins
        var sum = SIMD4<Double>(repeating: 0)
        var smallest = SIMD4<Float>(repeating: .infinity)
        var largest = SIMD4<Float>(repeating: -.infinity)
        for s in 0..<4 {
            // Sample s of each of the four bins.
            let v = SIMD4<Float>(bin0[s], bin1[s], bin2[s], bin3[s])
            sum += SIMD4<Double>(v)
            smallest.replace(with: v, where: v .< smallest)
            largest.replace(with: v, where: v .>= largest)
        }
        return SIMD4<Float>((sum - SIMD4<Double>(smallest) - SIMD4<Double>(largest)) * scale)
    }
}
