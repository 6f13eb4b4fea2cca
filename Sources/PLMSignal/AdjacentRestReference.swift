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
        let offsetPerOnset = settings.onsetTiltDegrees > 0 ? settings.offsetTiltDegrees / settings.onsetTiltDegrees : 1
        let overshootMargin = holdLevelDegrees * offsetPerOnset * Double.pi / 180
        let movementBins = Int(maxInterruptionS * tiltRateHz), positionBins = Int(settings.shortHoldS * tiltRateHz)
        let otherPosition = holdLevelDegrees / 2 * Double.pi / 180
        let stillBins = positionStillBins(kept, sameLevel: otherPosition, maxGapBins: movementBins)
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
                    @inline(__always) func set(_ k: Int, _ reference: (Double, Double, Double), bins: Double = .infinity) {
                        rx[k] = reference.0
                        ry[k] = reference.1
                        rz[k] = reference.2
                        if averageBins > 1 { referenceBins[k] = bins }
                    }
                    guard let last = kept.last else {
                        for k in 0..<n { set(k, fallback(k)) }
                        return
                    }
                    // Rest by rest (they are disjoint and in order): the bins before it (before
                    // the first rest its start level; between two rests the nearer of the two
                    // levels), then its own sub-bins' levels.
                    var k = 0
                    for (r, rest) in kept.enumerated() {
                        let lower = max(k, min(n, rest.bins.lowerBound))
                        if r == 0 {
                            while k < lower {
                                set(k, rest.startLevel, bins: rest.levelBins(atSubBin: 0))
                                k += 1
                            }
                        } else {
                            let before = kept[r - 1].endLevel, after = rest.startLevel
                            let beforeBins = kept[r - 1].levelBins(atSubBin: kept[r - 1].levels.count - 1)
                            let afterBins = rest.levelBins(atSubBin: 0)
                            // A rise between two positions that overshoots the one it ends at is
                            // read against the position it left, up to its extreme.
                            let gap = kept[r - 1].bins.upperBound..<rest.bins.lowerBound
                            let betweenPositions = gap.count <= movementBins
                                && stillBins.before[r - 1] > positionBins && stillBins.after[r] > positionBins
                                && angle(before, after) >= otherPosition
                            let riseEnd = min(lower, betweenPositions
                                ? risePastRestAfterEnd(
                                    gx: gx, gy: gy, gz: gz, gap: gap, before: before, after: after,
                                    margin: overshootMargin)
                                : gap.lowerBound)
                            while k < riseEnd {
                                set(k, before, bins: beforeBins)
                                k += 1
                            }
                            // Both unit vectors, so the larger dot product is the smaller angle.
                            while k < lower {
                                let ux = Double(gx[k]), uy = Double(gy[k]), uz = Double(gz[k])
                                let dotBefore = ux * before.0 + uy * before.1 + uz * before.2
                                let dotAfter = ux * after.0 + uy * after.1 + uz * after.2
                                if dotBefore >= dotAfter {
                                    set(k, before, bins: beforeBins)
                                } else {
                                    set(k, after, bins: afterBins)
                                }
                                k += 1
                            }
                        }
                        // Inside the rest: sub-bin s holds bins lower + s * subBinBins ...
                        let upper = max(k, min(n, rest.bins.upperBound))
                        while k < upper {
                            let level = rest.level(atBin: k)
                            let levelBins = rest.levelBins(atSubBin: (k - rest.bins.lowerBound) / rest.subBinBins)
                            let subBinEnd = min(upper, k + rest.subBinBins - (k - rest.bins.lowerBound) % rest.subBinBins)
                            while k < subBinEnd {
                                set(k, level, bins: levelBins)
                                k += 1
                            }
                        }
                    }
                    let lastBins = last.levelBins(atSubBin: last.levels.count - 1)
                    while k < n {
                        set(k, last.endLevel, bins: lastBins)
                        k += 1
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

    /// `rests` without the held flexions (step 3 of the type's description).
    ///
    /// An *excursion* from a rest (the base) is a run of following rests at one held position (the
    /// first one's, within a quarter of the excursion's distance from the base), at least the tilt
    /// onset level away from the base, reached by a movement of at most ``maxInterruptionS`` and
    /// never nearer than half the onset level to the base in between, that ends
    /// with a return: a rest within half the excursion's smallest distance (and at least within
    /// half the onset level) of the base. Its rests are holds when the excursion lasts at most
    /// ``DetectionSettings/shortHoldS`` (a held flexion between a movement and the return, however
    /// deep), or at most ``DetectionSettings/maxHoldS`` and lies at least ``holdPeakFraction`` of
    /// the way out to the largest tilt of the movement that left the base: a flexion is held at
    /// its extreme, while a movement that leaves a lasting change of position (a partial return,
    /// 1-3 degrees after a 5-30 degree movement) rests well inside its excursion. A long movement
    /// whose hold is broken into several still runs by slow wiggles is one excursion. Where the
    /// signal leaves no rest before the first or after the last one (a valid run cut by a
    /// defect, the recording's ends), `edgeDirection` (the rolling median direction) stands in.
    /// A still run of at most ``DetectionSettings/shortHoldS`` reached from the base and left by a
    /// fall toward it that stops short of it (``isHeldBeforeFallTowardBase``) is a hold too, and
    /// the rest the leg fell to is the next base.
    static func withoutHolds(
        _ rests: [Rest], gx: [Float], gy: [Float], gz: [Float], holdLevelDegrees: Double, maxHoldBins: Int,
        shortHoldBins: Int, interruptionBins: Int, edgeDirection: (Int) -> (Double, Double, Double)
    ) -> [Rest] {
        guard !rests.isEmpty else { return rests }
        let level = holdLevelDegrees * Double.pi / 180
        var isHold = [Bool](repeating: false, count: rests.count)
        var i = -1  // the base rest; -1 stands for the signal's start
        while i < rests.count - 1 {
            let base = i >= 0 ? rests[i].endLevel : edgeDirection(rests[0].bins.lowerBound)
            let baseEnd = i >= 0 ? rests[i].bins.upperBound : 0
            var j = i + 1, minAway = Double.infinity, returned = false
            while true {
                let previousEnd = j == i + 1 ? baseEnd : rests[j - 1].bins.upperBound
                let returnLevel = max(level / 2, 0.5 * minAway)
                if j == rests.count {
                    // The signal ends during the excursion: its edge direction closes it.
                    returned = j > i + 1 && angle(edgeDirection(previousEnd), base) <= returnLevel
                    break
                }
                let r = rests[j]
                // The fall back to the base ends the excursion.
                if j > i + 1 && angle(r.startLevel, base) <= returnLevel {
                    // The leg stays away (a long movement's hold may stir for many seconds) until
                    // it comes back near the base, within the hold's span, and settles there
                    // within an LM's length.
                    var back = previousEnd
                    while back < r.bins.lowerBound,
                        angle((Double(gx[back]), Double(gy[back]), Double(gz[back])), base) > level / 2
                    {
                        back += 1
                    }
                    returned = back - rests[i + 1].bins.lowerBound <= maxHoldBins
                        && r.bins.lowerBound - back <= interruptionBins
                    break
                }
                if j == i + 1 {
                    // The movement that leaves the base (an LM's rise) is at most an LM long.
                    guard r.bins.lowerBound - previousEnd <= interruptionBins else { break }
                } else {
                    // Inside the excursion the leg may stir (a long movement's slow wiggles) but
                    // not come back to the base on the way.
                    var nearest = Double.infinity
                    for k in previousEnd..<r.bins.lowerBound {
                        nearest = min(nearest, angle((Double(gx[k]), Double(gy[k]), Double(gz[k])), base))
                    }
                    guard nearest >= level / 2 else { break }
                }
                let away = min(angle(r.startLevel, base), angle(r.endLevel, base))
                guard away >= level, r.bins.upperBound - rests[i + 1].bins.lowerBound <= maxHoldBins else { break }
                // One held position: a later still run of the excursion lies where the first did
                // (a train of LMs that each leave the leg somewhere else is not one hold).
                if j > i + 1 {
                    let held = rests[i + 1].endLevel
                    guard angle(r.startLevel, held) <= max(level / 2, 0.25 * minAway) else { break }
                }
                minAway = min(minAway, away)
                j += 1
            }
            if !returned && j == i + 2 && j < rests.count
                && isHeldBeforeFallTowardBase(
                    rests[i + 1], next: rests[j], base: base, level: level, shortHoldBins: shortHoldBins,
                    interruptionBins: interruptionBins)
            {
                // A partial return: the leg held still at its extreme and fell back toward the base
                // without reaching it. The hold belongs to the movement; the rest it fell to is
                // the next base.
                isHold[i + 1] = true
                i = j
                continue
            }
            guard returned else {
                i += 1
                continue
            }
            let first = i + 1, last = j - 1
            var hold = true
            if rests[last].bins.upperBound - rests[first].bins.lowerBound > shortHoldBins {
                var peak = 0.0
                for k in baseEnd..<rests[first].bins.lowerBound {
                    peak = max(peak, angle((Double(gx[k]), Double(gy[k]), Double(gz[k])), base))
                }
                hold = minAway >= holdPeakFraction * peak
            }
            if hold {
                for k in first...last { isHold[k] = true }
                i = j  // the rest the leg returned to is the next base
            } else {
                i += 1
            }
        }
        return rests.indices.filter { !isHold[$0] }.map { rests[$0] }
    }

    /// Whether `hold`, a still run away from `base` (by at least the onset level), is the held
    /// extreme of a movement that returns only part of the way (a lasting change of position):
    /// it lasts at most ``DetectionSettings/shortHoldS`` (the pause of a flexion at its extreme,
    /// shorter than the rests between the LMs of a dense train), and the leg leaves it within an
    /// LM's length by a fall toward the base, to a rest `next` nearer the base and at another
    /// level (at least half the onset level away, the level that tells two still runs apart in
    /// ``findRests``). Such a run is no position of the leg. As a rest of its own it read the
    /// hold as no tilt, so that a partial-return LM was found as its rise alone; and it became
    /// the base of the next excursion, so that a long rest after it at the level of a later
    /// movement's hold could be taken for a hold and fill a movement of tens of seconds.
    static func isHeldBeforeFallTowardBase(
        _ hold: Rest, next: Rest, base: (Double, Double, Double), level: Double, shortHoldBins: Int,
        interruptionBins: Int
    ) -> Bool {
        hold.bins.count <= shortHoldBins
            && next.bins.lowerBound - hold.bins.upperBound <= interruptionBins
            && angle(next.startLevel, base) < angle(hold.endLevel, base)
            && angle(next.startLevel, hold.endLevel) >= level / 2
    }

    /// The movement that leaves a rest for a hold, and the fall back to it, last at most this
    /// long, s: the longest leg movement of the scoring rules.
    static let maxInterruptionS = PublishedRules.maximumLegMovementDurationS

    /// A hold lies at least this fraction of the way out to the movement's largest tilt.
    static let holdPeakFraction = 0.6

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
