extension MovementSignal {
    /// Tilt channel: the robust bin means of each axis (`gx`, `gy`, `gz`, one value per tilt bin),
    /// low-passed, against a resting gravity direction, degrees per tilt bin; the averaged tilt
    /// too when asked for (empty otherwise). The series are changed in place (held outliers, the
    /// low-pass; the tilt is written over `gx`, one array less to allocate).
    static func tiltChannel(
        gx: inout [Float], gy: inout [Float], gz: inout [Float], rateHz rate: Double, settings: DetectionSettings,
        tiltFilter: ZeroPhaseFilter?, tiltBinSamples: Int, seriesNoiseG: Double, holdLevelDegrees: Double,
        averageBins: Int
    ) -> (tilt: [Float], averaged: [Float]) {
        smoothGravitySeries(&gx, &gy, &gz, tiltFilter: tiltFilter, tiltBinSamples: tiltBinSamples)
        let tiltRate = rate / Double(tiltBinSamples)
        let perLevel = max(1, Int((settings.baselineBinS * tiltRate).rounded()))
        let tiltHalfWindow = max(1, Int((settings.baselineWindowS / (Double(perLevel) / tiltRate) / 2).rounded()))
        let mx = binned(gx, binSamples: perLevel), my = binned(gy, binSamples: perLevel)
        let mz = binned(gz, binSamples: perLevel)
        if settings.tiltAdjacentRest {
            // The resting direction of the still stretch next to each bin; the centred rolling
            // median direction (computed only when asked for) where no still stretch is on one side.
            var medians = RollingMedianDirection(x: mx, y: my, z: mz, halfWindow: tiltHalfWindow)
            return AdjacentRestReference.tiltDegrees(
                gx: gx, gy: gy, gz: gz, tiltRateHz: tiltRate, seriesNoiseG: seriesNoiseG,
                holdLevelDegrees: holdLevelDegrees, settings: settings, averageBins: averageBins
            ) { k in medians.direction(atBin: k / perLevel) }
        }
        if settings.tiltBaselineOneSided {
            oneSidedTiltDegrees(
                overwriting: &gx, gy: gy, gz: gz, binMeans: mx, my, mz, halfWindow: tiltHalfWindow,
                perLevel: perLevel)
        } else {
            centredTiltDegrees(
                overwriting: &gx, gy: gy, gz: gz, binMeans: mx, my, mz, halfWindow: tiltHalfWindow,
                perLevel: perLevel)
        }
        return (gx, [])
    }

    /// Holds single-sample spikes of one- and two-sample bins, then low-passes each axis (when
    /// `tiltFilter` is given), in place.
    private static func smoothGravitySeries(
        _ gx: inout [Float], _ gy: inout [Float], _ gz: inout [Float], tiltFilter: ZeroPhaseFilter?,
        tiltBinSamples: Int
    ) {
        if tiltBinSamples < 3 {
            // Bins of one or two samples cannot drop their extremes (below 75 Hz): a single-sample
            // spike (a jump of more than 0.1 g from both neighbours, the same rule as the
            // spectral features') is held at its neighbours' mean, or the low-pass would spread
            // it into a tilt bump of a second.
            SpectralFeatures.holdSingleSampleOutliers(&gx)
            SpectralFeatures.holdSingleSampleOutliers(&gy)
            SpectralFeatures.holdSingleSampleOutliers(&gz)
        }
        if let tiltFilter {
            gx.withUnsafeMutableBufferPointer { tiltFilter.apply(inPlace: $0) }
            gy.withUnsafeMutableBufferPointer { tiltFilter.apply(inPlace: $0) }
            gz.withUnsafeMutableBufferPointer { tiltFilter.apply(inPlace: $0) }
        }
    }

    /// Means of `binSamples` tilt bins of one axis (the resting direction's bins).
    private static func binned(_ g: [Float], binSamples: Int) -> [Double] {
        g.withUnsafeBufferPointer { binMeans($0, binSamples: binSamples) }
    }

    /// Unit resting directions, in place (interpolating between unit vectors stays within 1e-4 of
    /// unit length for the few degrees the baseline moves per bin).
    private static func normalise(_ bx: inout [Double], _ by: inout [Double], _ bz: inout [Double]) {
        for b in bx.indices {
            let norm = (bx[b] * bx[b] + by[b] * by[b] + bz[b] * bz[b]).squareRoot()
            if norm > 0 {
                bx[b] /= norm
                by[b] /= norm
                bz[b] /= norm
            }
        }
    }

    /// The tilt against the centred rolling median direction of the baseline bin means
    /// (`mx`, `my`, `mz`, `perLevel` tilt bins each), degrees, written over `gx`.
    private static func centredTiltDegrees(
        overwriting gx: inout [Float], gy: [Float], gz: [Float], binMeans mx: [Double], _ my: [Double],
        _ mz: [Double], halfWindow: Int, perLevel: Int
    ) {
        var bx = rollingQuantile(mx, halfWindow: halfWindow, quantile: 0.5)
        var by = rollingQuantile(my, halfWindow: halfWindow, quantile: 0.5)
        var bz = rollingQuantile(mz, halfWindow: halfWindow, quantile: 0.5)
        normalise(&bx, &by, &bz)
        var cursorX = InterpolationCursor(bx, binSamples: perLevel)
        var cursorY = InterpolationCursor(by, binSamples: perLevel)
        var cursorZ = InterpolationCursor(bz, binSamples: perLevel)
        let radiansToDegrees = 180 / Double.pi
        let tiltBins = gx.count
        gx.withUnsafeMutableBufferPointer { gx in
            gy.withUnsafeBufferPointer { gy in
                gz.withUnsafeBufferPointer { gz in
                    for k in 0..<tiltBins {
                        let ux = Double(gx[k]), uy = Double(gy[k]), uz = Double(gz[k])
                        let vx = cursorX.next(), vy = cursorY.next(), vz = cursorZ.next()
                        gx[k] = Float(angleRadians(ux, uy, uz, toUnit: vx, vy, vz) * radiansToDegrees)
                    }
                }
            }
        }
    }

    /// The tilt against two resting directions, degrees, written over `gx`: the median of the
    /// window (``DetectionSettings/baselineWindowS``) ending and of the window starting at each
    /// bin; the tilt is the angle to the nearer one. After a posture shift the following window
    /// holds the new posture at once, where a centred median would take until most of its window
    /// had it (with wake activity around, tens of seconds during which every later movement ran
    /// into one).
    private static func oneSidedTiltDegrees(
        overwriting gx: inout [Float], gy: [Float], gz: [Float], binMeans mx: [Double], _ my: [Double],
        _ mz: [Double], halfWindow quarter: Int, perLevel: Int
    ) {
        // The median of the window ending at bin b is the centred median at b - quarter, the
        // one of the window starting there the centred median at b + quarter: one rolling
        // median per axis serves both.
        let cx = rollingQuantile(mx, halfWindow: quarter, quantile: 0.5)
        let cy = rollingQuantile(my, halfWindow: quarter, quantile: 0.5)
        let cz = rollingQuantile(mz, halfWindow: quarter, quantile: 0.5)
        var px = shifted(cx, by: -quarter), py = shifted(cy, by: -quarter), pz = shifted(cz, by: -quarter)
        var fx = shifted(cx, by: quarter), fy = shifted(cy, by: quarter), fz = shifted(cz, by: quarter)
        normalise(&px, &py, &pz)
        normalise(&fx, &fy, &fz)
        var cpx = InterpolationCursor(px, binSamples: perLevel), cpy = InterpolationCursor(py, binSamples: perLevel)
        var cpz = InterpolationCursor(pz, binSamples: perLevel)
        var cfx = InterpolationCursor(fx, binSamples: perLevel), cfy = InterpolationCursor(fy, binSamples: perLevel)
        var cfz = InterpolationCursor(fz, binSamples: perLevel)
        let radiansToDegrees = 180 / Double.pi
        let tiltBins = gx.count
        gx.withUnsafeMutableBufferPointer { gx in
            gy.withUnsafeBufferPointer { gy in
                gz.withUnsafeBufferPointer { gz in
                    for k in 0..<tiltBins {
                        let ux = Double(gx[k]), uy = Double(gy[k]), uz = Double(gz[k])
                        let px = cpx.next(), py = cpy.next(), pz = cpz.next()
                        let fx = cfx.next(), fy = cfy.next(), fz = cfz.next()
                        // Both directions are unit vectors, so the nearer one has the larger
                        // dot product with the sample: one angle to compute, not two.
                        let beforeIsNearer = ux * px + uy * py + uz * pz >= ux * fx + uy * fy + uz * fz
                        let angle =
                            beforeIsNearer
                            ? angleRadians(ux, uy, uz, toUnit: px, py, pz)
                            : angleRadians(ux, uy, uz, toUnit: fx, fy, fz)
                        gx[k] = Float(angle * radiansToDegrees)
                    }
                }
            }
        }
    }

    /// `centred` moved by `shift` bins, held at its ends.
    private static func shifted(_ centred: [Double], by shift: Int) -> [Double] {
        let n = centred.count
        return (0..<n).map { centred[min(max($0 + shift, 0), n - 1)] }
    }
}
