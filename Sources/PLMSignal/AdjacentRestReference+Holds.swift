extension AdjacentRestReference {
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
        let search = HoldSearch(
            rests: rests, gx: gx, gy: gy, gz: gz, level: holdLevelDegrees * Double.pi / 180,
            maxHoldBins: maxHoldBins, shortHoldBins: shortHoldBins, interruptionBins: interruptionBins)
        var isHold = [Bool](repeating: false, count: rests.count)
        var i = -1  // the base rest; -1 stands for the signal's start
        while i < rests.count - 1 {
            let base = i >= 0 ? rests[i].endLevel : edgeDirection(rests[0].bins.lowerBound)
            let baseEnd = i >= 0 ? rests[i].bins.upperBound : 0
            let excursion = search.excursion(fromBase: i, base: base, baseEnd: baseEnd, edgeDirection: edgeDirection)
            let j = excursion.end
            if !excursion.returned && j == i + 2 && j < rests.count
                && isHeldBeforeFallTowardBase(
                    rests[i + 1], next: rests[j], base: base, level: search.level, shortHoldBins: shortHoldBins,
                    interruptionBins: interruptionBins)
            {
                // A partial return: the leg held still at its extreme and fell back toward the base
                // without reaching it. The hold belongs to the movement; the rest it fell to is
                // the next base.
                isHold[i + 1] = true
                i = j
                continue
            }
            guard excursion.returned,
                search.isHeld(first: i + 1, last: j - 1, base: base, baseEnd: baseEnd, minAway: excursion.minAway)
            else {
                i += 1
                continue
            }
            for k in (i + 1)...(j - 1) { isHold[k] = true }
            i = j  // the rest the leg returned to is the next base
        }
        return rests.indices.filter { !isHold[$0] }.map { rests[$0] }
    }

    /// The search for held flexions of ``withoutHolds``: the rests, the gravity series (one value
    /// per tilt bin) and the levels and spans that tell a hold.
    struct HoldSearch {
        let rests: [Rest]
        let gx: [Float], gy: [Float], gz: [Float]
        /// The tilt onset level, radians.
        let level: Double
        let maxHoldBins: Int, shortHoldBins: Int, interruptionBins: Int

        /// The excursion from base rest `i` (-1: the signal's start) at direction `base`, ending
        /// at bin `baseEnd`: `end` is the first rest after it (the one the leg returned to, the
        /// first that does not belong to it, or the rest count), `minAway` its smallest distance
        /// from the base (radians), and `returned` whether it ends with a return to the base.
        func excursion(
            fromBase i: Int, base: (Double, Double, Double), baseEnd: Int,
            edgeDirection: (Int) -> (Double, Double, Double)
        ) -> (end: Int, minAway: Double, returned: Bool) {
            var j = i + 1, minAway = Double.infinity
            while true {
                let previousEnd = j == i + 1 ? baseEnd : rests[j - 1].bins.upperBound
                let returnLevel = max(level / 2, 0.5 * minAway)
                if j == rests.count {
                    // The signal ends during the excursion: its edge direction closes it.
                    let returned = j > i + 1 && angle(edgeDirection(previousEnd), base) <= returnLevel
                    return (j, minAway, returned)
                }
                let r = rests[j]
                // The fall back to the base ends the excursion.
                if j > i + 1 && angle(r.startLevel, base) <= returnLevel {
                    let returned = settlesBack(
                        from: previousEnd, at: r, excursionStart: rests[i + 1].bins.lowerBound, base: base)
                    return (j, minAway, returned)
                }
                guard reaches(r, from: previousEnd, leavingBase: j == i + 1, base: base) else {
                    return (j, minAway, false)
                }
                let away = min(angle(r.startLevel, base), angle(r.endLevel, base))
                guard away >= level, r.bins.upperBound - rests[i + 1].bins.lowerBound <= maxHoldBins else {
                    return (j, minAway, false)
                }
                // One held position: a later still run of the excursion lies where the first did
                // (a train of LMs that each leave the leg somewhere else is not one hold).
                if j > i + 1 {
                    let held = rests[i + 1].endLevel
                    guard angle(r.startLevel, held) <= max(level / 2, 0.25 * minAway) else {
                        return (j, minAway, false)
                    }
                }
                minAway = min(minAway, away)
                j += 1
            }
        }

        /// Whether the leg, away from `base` from bin `previousEnd`, comes back near it within the
        /// hold's span (the excursion's first rest starts at `excursionStart`) and settles at
        /// `rest` within an LM's length. It stays away meanwhile: a long movement's hold may stir
        /// for many seconds.
        private func settlesBack(
            from previousEnd: Int, at rest: Rest, excursionStart: Int, base: (Double, Double, Double)
        ) -> Bool {
            var back = previousEnd
            while back < rest.bins.lowerBound, angle(atBin: back, base) > level / 2 {
                back += 1
            }
            return back - excursionStart <= maxHoldBins && rest.bins.lowerBound - back <= interruptionBins
        }

        /// Whether the leg gets from bin `previousEnd` to `rest` as an excursion may: the movement
        /// that leaves the base (`leavingBase`, an LM's rise) is at most an LM long; inside the
        /// excursion the leg may stir (a long movement's slow wiggles) but not come back to the
        /// base on the way.
        private func reaches(
            _ rest: Rest, from previousEnd: Int, leavingBase: Bool, base: (Double, Double, Double)
        ) -> Bool {
            if leavingBase { return rest.bins.lowerBound - previousEnd <= interruptionBins }
            var nearest = Double.infinity
            for k in previousEnd..<rest.bins.lowerBound {
                nearest = min(nearest, angle(atBin: k, base))
            }
            return nearest >= level / 2
        }

        /// Whether the returned excursion of rests `first ... last` from `base` (left at bin
        /// `baseEnd`, `minAway` its smallest distance from it) is a hold: it lasts at most
        /// ``DetectionSettings/shortHoldS``, or lies at least ``holdPeakFraction`` of the way out to
        /// the largest tilt of the movement that left the base.
        func isHeld(first: Int, last: Int, base: (Double, Double, Double), baseEnd: Int, minAway: Double) -> Bool {
            guard rests[last].bins.upperBound - rests[first].bins.lowerBound > shortHoldBins else { return true }
            var peak = 0.0
            for k in baseEnd..<rests[first].bins.lowerBound {
                peak = max(peak, angle(atBin: k, base))
            }
            return minAway >= AdjacentRestReference.holdPeakFraction * peak
        }

        /// The angle of the gravity series at bin `k` to `direction`, radians.
        @inline(__always)
        private func angle(atBin k: Int, _ direction: (Double, Double, Double)) -> Double {
            AdjacentRestReference.angle((Double(gx[k]), Double(gy[k]), Double(gz[k])), direction)
        }

        @inline(__always)
        private func angle(_ u: (Double, Double, Double), _ v: (Double, Double, Double)) -> Double {
            AdjacentRestReference.angle(u, v)
        }
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

    /// A hold lies at least this fraction of the way out to the movement's largest tilt.
    static let holdPeakFraction = 0.6
}
