import Foundation
import PLMCore

/// The tilt of each moment against the resting direction of the still stretch next to it, the
/// way a scorer reads a movement against the quiet trace just before and after it.
///
/// A rolling median of 90 s (the reference used before) holds the leg's posture only while it
/// lasts longer than half the window: when the legs settle into a position for 20-40 s between
/// two movements that each change it by 1-3 degrees (a train of LMs leaving lasting changes),
/// neither the window before nor the one after holds that position, the tilt stays above its
/// level in between, and the whole train became one movement longer than 10 s. Here the
/// reference comes from the stretches in which the leg is still:
///
/// 1. *Stillness*: the change of the gravity series over ``DetectionSettings/stillnessLagS`` on
///    either side, `|g(k + lag) - g(k - lag)|`, below ``DetectionSettings/stillnessNoiseFactor``
///    times the series' noise (from ``SensorNoise``); runs of at least
///    ``DetectionSettings/minRestS`` are rests.
/// 2. *Rest levels*: inside a rest, a rolling median (``DetectionSettings/restLevelWindowS``)
///    of half-second means, cut at the rest's ends, so slow drift and a slipping strap are
///    followed while a slow small movement inside a long quiet stretch still shows.
/// 3. *Holds are not rests*: a still run shorter than an LM (10 s) whose level differs from both
///    neighbouring rests by the tilt onset level, while those two agree to within half of that, is
///    a held flexion (the leg came back), not a posture: it belongs to the movement.
/// 4. *Reference*: inside a rest its own level; between rests the nearer of the level at the end
///    of the rest before and at the start of the rest after, except for the rise of a movement
///    between two positions that overshoots the position it ends at: that is read against the
///    position it left up to its extreme (``risePastRestAfterEnd``). Where no rest lies on
///    either side within the signal built (minutes of continuous activity) the caller's
///    fallback direction.
enum AdjacentRestReference {
    /// One rest: bins `bins` of the tilt series and its level per half-second sub-bin.
    struct Rest {
        var bins: Range<Int>
        /// Per-axis level of each sub-bin of ``subBinBins`` bins, from the rest's first bin.
        var levels: [(Double, Double, Double)]
        var subBinBins: Int
        /// Half-width of the rolling median behind each sub-bin's level, sub-bins.
        var halfWindowSubBins = 0
        func level(atBin k: Int) -> (Double, Double, Double) {
            levels[min(levels.count - 1, max(0, (k - bins.lowerBound) / subBinBins))]
        }
        /// Tilt bins behind the level of sub-bin `b`, read as independent samples of a mean: the
        /// sub-bins in its rolling median's window (cut at the rest's ends) times their bins,
        /// times 2 / pi, the efficiency of a median against a mean. A 1-s rest's level is as noisy
        /// as a 1-s mean (2 / pi of one); a 30-s window's is 1/20 of it.
        func levelBins(atSubBin b: Int) -> Double {
            let lo = max(0, b - halfWindowSubBins), hi = min(levels.count - 1, b + halfWindowSubBins)
            return Double(min(bins.count, (hi - lo + 1) * subBinBins)) * 2 / Double.pi
        }
        var startLevel: (Double, Double, Double) { levels[0] }
        var endLevel: (Double, Double, Double) { levels[levels.count - 1] }
    }

    /// The tilt of every bin, degrees.
    /// - Parameters:
    ///   - gx, gy, gz: the low-passed gravity series (g), one value per tilt bin.
    ///   - tiltRateHz: bins per second.
    ///   - seriesNoiseG: the noise of one axis of the series, g RMS.
    ///   - holdLevelDegrees: the tilt onset level (for telling holds from rests).
    ///   - averageBins: when above 1, also the tilt of the series' centred mean over this many
    ///     bins (``averagedTiltDegrees(gx:gy:gz:averageBins:referenceX:_:_:)``) against the same
    ///     references, in the result's `averaged`; empty otherwise.
    ///   - fallback: the resting direction (unit vector) of a bin with no rest on either side.
    static func tiltDegrees(
        gx: [Float], gy: [Float], gz: [Float], tiltRateHz: Double, seriesNoiseG: Double,
        holdLevelDegrees: Double, settings: DetectionSettings, averageBins: Int = 0,
        fallback: (Int) -> (Double, Double, Double)
    ) -> (tilt: [Float], averaged: [Float]) {
        let n = gx.count
        guard n > 0 else { return ([], []) }
        let rests = findRests(
            gx: gx, gy: gy, gz: gz, tiltRateHz: tiltRateHz, seriesNoiseG: seriesNoiseG,
            sameLevelDegrees: holdLevelDegrees / 2, settings: settings)
        let kept = withoutHolds(
            rests, gx: gx, gy: gy, gz: gz, holdLevelDegrees: holdLevelDegrees,
            maxHoldBins: Int(settings.maxHoldS * tiltRateHz), shortHoldBins: Int(settings.shortHoldS * tiltRateHz),
            interruptionBins: Int(maxInterruptionS * tiltRateHz), edgeDirection: fallback)
        // The rise of a movement between two positions is read against the position it left up
        // to its extreme when it overshoots the position it ends at (``risePastRestAfterEnd``).
        let rise = RiseAgainstLeftPosition(
            kept, holdLevelDegrees: holdLevelDegrees, tiltRateHz: tiltRateHz, settings: settings)
        // The reference of every bin first, then the angles in one vectorised pass.
        var referenceX = [Double](repeating: 0, count: n)
        var referenceY = [Double](repeating: 0, count: n)
        var referenceZ = [Double](repeating: 0, count: n)
        // The tilt bins behind each bin's reference (``Rest/levelBins(atSubBin:)``; infinite for
        // the fallback's 90-s medians), for the noise of the averaged tilt.
        var referenceBins = [Double](repeating: .infinity, count: averageBins > 1 ? n : 0)
        referenceX.withUnsafeMutableBufferPointer { rx in
        referenceY.withUnsafeMutableBufferPointer { ry in
        referenceZ.withUnsafeMutableBufferPointer { rz in
        referenceBins.withUnsafeMutableBufferPointer { rb in
            guard let x = rx.baseAddress, let y = ry.baseAddress, let z = rz.baseAddress else { return }
            let references = ReferenceWriter(x: x, y: y, z: z, bins: averageBins > 1 ? rb.baseAddress : nil)
            fillReferences(
                references, count: n, rests: kept, gx: gx, gy: gy, gz: gz, rise: rise, fallback: fallback)
        }
        }
        }
        }
        let tilt = MovementSignal.anglesDegrees(gx: gx, gy: gy, gz: gz, toUnit: referenceX, referenceY, referenceZ)
        guard averageBins > 1 else { return (tilt, []) }
        return (
            tilt,
            averagedTiltDegrees(
                gx: gx, gy: gy, gz: gz, averageBins: averageBins, referenceX: referenceX, referenceY, referenceZ,
                referenceBins: referenceBins)
        )
    }

    /// Where ``tiltDegrees(gx:gy:gz:tiltRateHz:seriesNoiseG:holdLevelDegrees:settings:averageBins:fallback:)``
    /// writes each bin's reference: the unit direction per axis, and the tilt bins behind it
    /// (``Rest/levelBins(atSubBin:)``) when the averaged tilt is asked for (`bins` nil otherwise).
    struct ReferenceWriter {
        let x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, z: UnsafeMutablePointer<Double>
        let bins: UnsafeMutablePointer<Double>?

        /// Bin `k`'s reference is `reference`, from `levelBins` tilt bins (infinite: the fallback).
        @inline(__always)
        func set(_ k: Int, _ reference: (Double, Double, Double), bins levelBins: Double = .infinity) {
            x[k] = reference.0
            y[k] = reference.1
            z[k] = reference.2
            if let bins { bins[k] = levelBins }
        }
    }

    /// The reading of a rise between two positions against the position it left, up to its
    /// extreme, when it overshoots the one it ends at (``risePastRestAfterEnd``): the rests it
    /// applies between and the levels it uses.
    struct RiseAgainstLeftPosition {
        /// The longest gap between two rests that holds one movement's rise, tilt bins.
        var movementBins: Int
        /// A rest is a position when the leg lay still there longer than this, tilt bins
        /// (``DetectionSettings/shortHoldS``).
        var positionBins: Int
        /// The least angle between two positions (half the tilt onset level), radians.
        var otherPosition: Double
        /// How far past the position it ends at a rise overshoots at least, radians.
        var overshootMargin: Double
        /// How long the leg lay still at each rest's position (``positionStillBins``).
        var stillBins: (before: [Int], after: [Int])

        init(_ rests: [Rest], holdLevelDegrees: Double, tiltRateHz: Double, settings: DetectionSettings) {
            let offsetPerOnset =
                settings.onsetTiltDegrees > 0 ? settings.offsetTiltDegrees / settings.onsetTiltDegrees : 1
            overshootMargin = holdLevelDegrees * offsetPerOnset * Double.pi / 180
            movementBins = Int(AdjacentRestReference.maxInterruptionS * tiltRateHz)
            positionBins = Int(settings.shortHoldS * tiltRateHz)
            otherPosition = holdLevelDegrees / 2 * Double.pi / 180
            stillBins = AdjacentRestReference.positionStillBins(
                rests, sameLevel: otherPosition, maxGapBins: movementBins)
        }

        /// The end (exclusive bin) of the stretch after rest `r - 1` read against it alone: the
        /// rise's end between two positions, the gap's start otherwise (at most `lower`).
        func end(
            afterRest r: Int, of rests: [Rest], lower: Int, gx: [Float], gy: [Float], gz: [Float]
        ) -> Int {
            let before = rests[r - 1].endLevel, after = rests[r].startLevel
            let gap = rests[r - 1].bins.upperBound..<rests[r].bins.lowerBound
            let betweenPositions = gap.count <= movementBins
                && stillBins.before[r - 1] > positionBins && stillBins.after[r] > positionBins
                && AdjacentRestReference.angle(before, after) >= otherPosition
            return min(lower, betweenPositions
                ? AdjacentRestReference.risePastRestAfterEnd(
                    gx: gx, gy: gy, gz: gz, gap: gap, before: before, after: after, margin: overshootMargin)
                : gap.lowerBound)
        }
    }

    /// Step 4 of the type's description for bins `0 ..< n`, rest by rest (they are disjoint and in
    /// order): the bins before it (before the first rest its start level; between two rests the
    /// nearer of the two levels, ``fillBetween``), then its own sub-bins' levels; after the last
    /// rest its end level. With no rest, `fallback` everywhere.
    private static func fillReferences(
        _ references: ReferenceWriter, count n: Int, rests: [Rest], gx: [Float], gy: [Float], gz: [Float],
        rise: RiseAgainstLeftPosition, fallback: (Int) -> (Double, Double, Double)
    ) {
        guard let last = rests.last else {
            for k in 0..<n { references.set(k, fallback(k)) }
            return
        }
        var k = 0
        for (r, rest) in rests.enumerated() {
            let lower = max(k, min(n, rest.bins.lowerBound))
            if r == 0 {
                let startBins = rest.levelBins(atSubBin: 0)
                while k < lower {
                    references.set(k, rest.startLevel, bins: startBins)
                    k += 1
                }
            } else {
                let riseEnd = rise.end(afterRest: r, of: rests, lower: lower, gx: gx, gy: gy, gz: gz)
                fillBetween(
                    references, &k, riseEnd: riseEnd, lower: lower, before: rests[r - 1], after: rest,
                    gx: gx, gy: gy, gz: gz)
            }
            let upper = max(k, min(n, rest.bins.upperBound))
            fillInside(references, &k, rest: rest, upper: upper)
        }
        let lastBins = last.levelBins(atSubBin: last.levels.count - 1)
        while k < n {
            references.set(k, last.endLevel, bins: lastBins)
            k += 1
        }
    }

    /// The bins from `k` to `lower` between rests `before` and `after`: up to `riseEnd` the level
    /// `before` ends at (a rise read against the position it left), then the nearer of the two
    /// levels. Leaves `k` at `lower`.
    @inline(__always)
    private static func fillBetween(
        _ references: ReferenceWriter, _ k: inout Int, riseEnd: Int, lower: Int, before previous: Rest,
        after rest: Rest, gx: [Float], gy: [Float], gz: [Float]
    ) {
        let before = previous.endLevel, after = rest.startLevel
        let beforeBins = previous.levelBins(atSubBin: previous.levels.count - 1)
        let afterBins = rest.levelBins(atSubBin: 0)
        while k < riseEnd {
            references.set(k, before, bins: beforeBins)
            k += 1
        }
        // Both unit vectors, so the larger dot product is the smaller angle.
        while k < lower {
            let ux = Double(gx[k]), uy = Double(gy[k]), uz = Double(gz[k])
            let dotBefore = ux * before.0 + uy * before.1 + uz * before.2
            let dotAfter = ux * after.0 + uy * after.1 + uz * after.2
            if dotBefore >= dotAfter {
                references.set(k, before, bins: beforeBins)
            } else {
                references.set(k, after, bins: afterBins)
            }
            k += 1
        }
    }

    /// The bins from `k` to `upper` inside `rest`: each its sub-bin's level (sub-bin s holds bins
    /// `rest.bins.lowerBound + s * subBinBins ...`). Leaves `k` at `upper`.
    @inline(__always)
    private static func fillInside(_ references: ReferenceWriter, _ k: inout Int, rest: Rest, upper: Int) {
        while k < upper {
            let level = rest.level(atBin: k)
            let levelBins = rest.levelBins(atSubBin: (k - rest.bins.lowerBound) / rest.subBinBins)
            let subBinEnd = min(upper, k + rest.subBinBins - (k - rest.bins.lowerBound) % rest.subBinBins)
            while k < subBinEnd {
                references.set(k, level, bins: levelBins)
                k += 1
            }
        }
    }

    /// The angle, degrees, between the centred mean of the gravity series over `averageBins` bins
    /// (fewer at the series' ends, where the window is cut) and each bin's reference direction,
    /// scaled to the noise of the mean alone: divided by `sqrt(1 + m / referenceBins[k])` for a
    /// mean of m bins, because the reference's own noise adds to the mean's (variances add; a
    /// short rest's level is a short mean). A reference of infinitely many bins, or no
    /// `referenceBins`, leaves the angle as it is.
    ///
    /// Averaging the vector before taking the angle takes the noise down by the square root of
    /// the samples averaged; averaging the angles would not, because an angle of noise is never
    /// negative (its mean is 1.25 RMS). Each window is summed on its own, in `Double` and in
    /// order, so a bin's value does not depend on where the series (a processing chunk) begins.
    static func averagedTiltDegrees(
        gx: [Float], gy: [Float], gz: [Float], averageBins: Int, referenceX: [Double], _ referenceY: [Double],
        _ referenceZ: [Double], referenceBins: [Double] = []
    ) -> [Float] {
        let n = min(gx.count, gy.count, gz.count, referenceX.count, referenceY.count, referenceZ.count)
        guard n > 0 else { return [] }
        let half = max(0, averageBins / 2)
        let toDegrees = 180 / Double.pi
        return [Float](unsafeUninitializedCapacity: n) { out, written in
            for k in 0..<n {
                let lo = max(0, k - half), hi = min(n, k + half + 1)
                var ux = 0.0, uy = 0.0, uz = 0.0
                for i in lo..<hi {
                    ux += Double(gx[i])
                    uy += Double(gy[i])
                    uz += Double(gz[i])
                }
                // The angle does not depend on the vector's length: no division by the count.
                let angle = MovementSignal.angleRadians(ux, uy, uz, toUnit: referenceX[k], referenceY[k], referenceZ[k])
                let scale = k < referenceBins.count && referenceBins[k] > 0
                    ? (1 + Double(hi - lo) / referenceBins[k]).squareRoot() : 1
                out[k] = Float(angle / scale * toDegrees)
            }
            written = n
        }
    }

    /// The end (exclusive bin) of the rise of a movement from the rest before a gap past the level
    /// of the rest after it: the bin, inside the gap's first stretch farther from `before` than
    /// `after` is by more than `margin`, at which the leg is farthest from `before` (the
    /// movement's extreme), plus one; the gap's start when the leg never goes that far.
    ///
    /// Between two rests the tilt is read against the nearer one. A movement that leaves a lasting
    /// change of position (the leg rises from A to its extreme and falls back to B, between A and
    /// the extreme) passes B's level on its rise, where B is the nearer rest: the tilt dipped to
    /// zero there, halfway up the rise, and a small LM was found late (from where it passed B by
    /// the onset level) or not at all. A scorer reads a movement's onset against the quiet before
    /// it and its offset against the quiet after it: here the rise up to the extreme is read
    /// against A, the fall after it against the nearer rest as before, so offsets do not move.
    /// The caller applies this only between two positions (the leg still at each for more than
    /// ``DetectionSettings/shortHoldS``, ``positionStillBins``; pauses inside a movement are
    /// shorter) at most an LM apart (a gap longer than that holds more than one movement's rise)
    /// that differ by at least half the tilt onset level (the level that tells two still runs
    /// apart in ``findRests``: two rests closer than that are one position, the leg passes no
    /// other one, and the nearer rest's level differs from the one left only by how each rest's
    /// level was estimated). `margin` is the tilt offset level: a smaller overshoot is the
    /// settling into B, and it could not hold a movement open against B either.
    static func risePastRestAfterEnd(
        gx: [Float], gy: [Float], gz: [Float], gap: Range<Int>, before: (Double, Double, Double),
        after: (Double, Double, Double), margin: Double
    ) -> Int {
        let beyond = angle(before, after) + margin
        var extreme = -1, extremeAngle = beyond
        for k in gap {
            let away = angle((Double(gx[k]), Double(gy[k]), Double(gz[k])), before)
            if away > extremeAngle {
                extreme = k
                extremeAngle = away
            } else if extreme >= 0 && away <= beyond {
                break  // the first excursion beyond the rest after is over
            }
        }
        return extreme >= 0 ? extreme + 1 : gap.lowerBound
    }

    /// How long the leg lay still at the position of each rest: the rest's bins plus those of the
    /// rests before it (`before`) or after it (`after`) at the same level (within `sameLevel` of
    /// their neighbour) with at most `maxGapBins` between neighbours. A position is broken into
    /// several rests by a full-return movement, or by noise that crosses the stillness level
    /// for more than ``DetectionSettings/minRestS``; it is still one position of the leg.
    static func positionStillBins(
        _ rests: [Rest], sameLevel: Double, maxGapBins: Int
    ) -> (before: [Int], after: [Int]) {
        var before = rests.map(\.bins.count), after = before
        guard rests.count > 1 else { return (before, after) }
        func samePosition(_ i: Int) -> Bool {  // rests i and i + 1
            rests[i + 1].bins.lowerBound - rests[i].bins.upperBound <= maxGapBins
                && angle(rests[i].endLevel, rests[i + 1].startLevel) < sameLevel
        }
        for i in 1..<rests.count where samePosition(i - 1) { before[i] += before[i - 1] }
        for i in stride(from: rests.count - 2, through: 0, by: -1) where samePosition(i) { after[i] += after[i + 1] }
        return (before, after)
    }

    /// The still runs of at least ``DetectionSettings/minRestS`` with their levels.
    static func findRests(
        gx: [Float], gy: [Float], gz: [Float], tiltRateHz: Double, seriesNoiseG: Double,
        sameLevelDegrees: Double, settings: DetectionSettings
    ) -> [Rest] {
        let n = gx.count
        let lag = max(1, Int((settings.stillnessLagS * tiltRateHz).rounded()))
        let level = max(settings.stillnessNoiseFactor * seriesNoiseG, settings.minStillnessChangeG)
        let level2 = Float(level * level)
        let minBins = max(1, Int((settings.minRestS * tiltRateHz).rounded()))
        let subBin = max(1, Int((0.5 * tiltRateHz).rounded()))
        // Still runs of at least minBins.
        var runs: [Range<Int>] = []
        var runStart = -1
        gx.withUnsafeBufferPointer { x in
            gy.withUnsafeBufferPointer { y in
                gz.withUnsafeBufferPointer { z in
                    for k in 0..<n {
                        let a = max(0, k - lag), b = min(n - 1, k + lag)
                        let dx = x[b] - x[a], dy = y[b] - y[a], dz = z[b] - z[a]
                        if dx * dx + dy * dy + dz * dz < level2 {
                            if runStart < 0 { runStart = k }
                        } else if runStart >= 0 {
                            if k - runStart >= minBins { runs.append(runStart..<k) }
                            runStart = -1
                        }
                    }
                }
            }
        }
        if runStart >= 0 && n - runStart >= minBins { runs.append(runStart..<n) }
        // Two runs at the same level (within half the tilt onset level) with at most minBins of
        // movement between them are one rest: a brief stir of a still leg, or noise crossing the
        // stillness level in a hold, does not end a position.
        func mean(_ bins: Range<Int>) -> (Double, Double, Double) {
            var sx = 0.0, sy = 0.0, sz = 0.0
            for i in bins {
                sx += Double(gx[i])
                sy += Double(gy[i])
                sz += Double(gz[i])
            }
            let c = Double(max(1, bins.count))
            return (sx / c, sy / c, sz / c)
        }
        let sameLevel = sameLevelDegrees * Double.pi / 180
        var merged: [Range<Int>] = []
        for run in runs {
            if let last = merged.last, run.lowerBound - last.upperBound <= minBins,
                angle(mean(max(last.lowerBound, last.upperBound - subBin)..<last.upperBound),
                      mean(run.lowerBound..<min(run.upperBound, run.lowerBound + subBin))) < sameLevel
            {
                merged[merged.count - 1] = last.lowerBound..<run.upperBound
            } else {
                merged.append(run)
            }
        }
        let halfWindow = max(0, Int((settings.restLevelWindowS / 2 / 0.5).rounded()))
        return merged.map { bins in
            let subBins = (bins.count + subBin - 1) / subBin
            // Sub-bin means (the same sums as the plain loop: ``MovementSignal/binMeans``).
            func means(_ g: [Float]) -> [Double] {
                g.withUnsafeBufferPointer { MovementSignal.binMeans(UnsafeBufferPointer(rebasing: $0[bins]), binSamples: subBin) }
            }
            let mx = rollingQuantile(means(gx), halfWindow: halfWindow, quantile: 0.5)
            let my = rollingQuantile(means(gy), halfWindow: halfWindow, quantile: 0.5)
            let mz = rollingQuantile(means(gz), halfWindow: halfWindow, quantile: 0.5)
            // Unit directions: the tilt is an angle, and one square root per sub-bin here saves
            // one per tilt bin below.
            let levels = (0..<subBins).map { b -> (Double, Double, Double) in
                let norm = (mx[b] * mx[b] + my[b] * my[b] + mz[b] * mz[b]).squareRoot()
                return norm > 0 ? (mx[b] / norm, my[b] / norm, mz[b] / norm) : (0, 0, 1)
            }
            return Rest(bins: bins, levels: levels, subBinBins: subBin, halfWindowSubBins: halfWindow)
        }
    }

    /// The movement that leaves a rest for a hold, and the fall back to it, last at most this
    /// long, s: the longest leg movement of the scoring rules.
    static let maxInterruptionS = PublishedRules.maximumLegMovementDurationS

    /// Angle between two vectors of any non-zero length, radians (0 when one is zero).
    @inline(__always)
    static func angle(_ u: (Double, Double, Double), _ v: (Double, Double, Double)) -> Double {
        let dot = u.0 * v.0 + u.1 * v.1 + u.2 * v.2
        let cx = u.1 * v.2 - u.2 * v.1, cy = u.2 * v.0 - u.0 * v.2, cz = u.0 * v.1 - u.1 * v.0
        let cross = (cx * cx + cy * cy + cz * cz).squareRoot()
        guard dot != 0 || cross != 0 else { return 0 }
        return atan2(cross, dot)
    }
}
