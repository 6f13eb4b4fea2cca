import Foundation
import PLMCore

/// The hard conditions of ``SimulationConditions``: varied LM shapes, trains, doublets, twitches
/// next to LMs, restless wake bursts, lasting rotations and the per-leg sensor conditions. All
/// draws come from the `variation` stream (sensor conditions from their own), never from the plan
/// stream, so a night without conditions is planned exactly as before.
extension NightPlanner {
    /// A series' IMI range when the series is drawn as a train, else nil.
    mutating func trainRange() -> ClosedRange<Double>? {
        variation.chance(settings.conditions.trainSeriesShare) ? settings.conditions.trainIMIS : nil
    }

    /// An LM's rotation varied by the conditions: made small, slow, multi-burst and/or left with
    /// a lasting rotation. The duration never changes.
    mutating func varied(_ kinematics: MovementKinematics) -> MovementKinematics {
        let c = settings.conditions
        let durationS = kinematics.durationS
        var amplitudeDegrees = kinematics.amplitudeRad * 180 / .pi
        // Always draw the same numbers per LM, so that one share does not shift another's draws.
        let small = variation.chance(c.smallLMShare)
        let smallDegrees = logUniform(c.smallLMRotationDegrees)
        let slow = variation.chance(c.slowLMShare)
        let riseS = variation.uniform(c.slowLMRiseS.lowerBound, c.slowLMRiseS.upperBound)
        let multiBurst = variation.chance(c.multiBurstShare)
        let lasting = variation.chance(c.lastingShiftShare)
        let lastingDegrees = variation.uniform(c.lastingShiftDegrees.lowerBound, c.lastingShiftDegrees.upperBound)
        if small { amplitudeDegrees = smallDegrees }
        var result: MovementKinematics
        if multiBurst, durationS >= 1.2 {
            result = bursts(durationS: durationS, amplitudeDegrees: amplitudeDegrees, leverM: kinematics.leverM)
        } else if slow {
            result = .rotation(durationS: durationS, amplitudeDegrees: amplitudeDegrees, leverM: kinematics.leverM, riseS: riseS)
        } else {
            result = .rotation(durationS: durationS, amplitudeDegrees: amplitudeDegrees, leverM: kinematics.leverM)
        }
        if lasting {
            // A partial return: the leg keeps part of the rotation, at most 80 % of the peak.
            result.residualRad = min(lastingDegrees, 0.8 * amplitudeDegrees) * .pi / 180
        }
        return result
    }

    /// Log-uniform in a positive range.
    private mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        let lo = Foundation.log(max(1e-6, range.lowerBound)), hi = Foundation.log(max(1e-6, range.upperBound))
        return Foundation.exp(variation.uniform(lo, hi))
    }

    /// 2 bursts (3 when the LM lasts 2.5 s or more, in 40 % of them) separated by 0.1-0.4 s, the
    /// first of the given amplitude, the others 50-100 % of it; together exactly `durationS` long.
    private mutating func bursts(durationS: Double, amplitudeDegrees: Double, leverM: Double) -> MovementKinematics {
        let count = durationS >= 2.5 && variation.chance(0.4) ? 3 : 2
        let gaps = (1..<count).map { _ in variation.uniform(0.1, 0.4) }
        let weights = (0..<count).map { _ in variation.uniform(0.6, 1.4) }
        let active = durationS - gaps.reduce(0, +)
        let total = weights.reduce(0, +)
        let lengths = weights.map { active * $0 / total }
        var main = MovementKinematics.rotation(durationS: lengths[0], amplitudeDegrees: amplitudeDegrees, leverM: leverM)
        var start = lengths[0]
        for k in 1..<count {
            start += gaps[k - 1]
            let part = MovementKinematics.rotation(
                durationS: k == count - 1 ? durationS - start : lengths[k],
                amplitudeDegrees: amplitudeDegrees * variation.uniform(0.5, 1), leverM: leverM)
            main.extraBursts.append(
                .init(startS: start, amplitudeRad: part.amplitudeRad, riseS: part.riseS, holdS: part.holdS, fallS: part.fallS))
            start += lengths[k]
        }
        return main
    }

    /// Doublets (a second, short LM 0.6-2.5 s after an LM's offset) and twitches 0.2-1.5 s before
    /// or after LMs, on the same leg, where the leg is free.
    mutating func placeNeighbours(in sleep: [TimeSpan]) {
        let c = settings.conditions
        let lms = movements.filter { $0.kind == .lm }
        for m in lms {
            let doublet = variation.chance(c.doubletShare)
            let doubletGapS = roundedToMillisecond(variation.uniform(0.6, 2.5))
            let doubletS = roundedToMillisecond(variation.uniform(0.6, 2))
            let twitch = variation.chance(c.adjacentTwitchShare)
            let twitchBefore = variation.chance(0.5)
            let twitchS = roundedToMillisecond(variation.uniform(0.1, 0.45))
            let twitchGapS = roundedToMillisecond(variation.uniform(0.2, 1.5))
            if doublet {
                let onset = roundedToMillisecond(m.offsetS + doubletGapS)
                let span = TimeSpan(startS: onset, endS: onset + doubletS)
                if isFree(m.side, span, padS: 0.5), sleep.contains(where: { $0.startS <= onset && span.endS < $0.endS }) {
                    let amplitude = min(30, max(3, variation.logNormal(median: 8, logSD: 0.5)))
                    var kin = MovementKinematics.rotation(durationS: doubletS, amplitudeDegrees: amplitude, leverM: m.kinematics.leverM)
                    if c.variesLMs { kin = varied(kin) }
                    add(PlannedMovement(side: m.side, onsetS: onset, kind: .lm, kinematics: kin), countsInSleepLMs: true)
                }
            }
            if twitch {
                let onset = roundedToMillisecond(twitchBefore ? m.onsetS - twitchGapS - twitchS : m.offsetS + twitchGapS)
                let span = TimeSpan(startS: onset, endS: onset + twitchS)
                if isFree(m.side, span, padS: 0.1) {
                    let kin = MovementKinematics.rotation(
                        durationS: twitchS, amplitudeDegrees: variation.uniform(2, 8), leverM: m.kinematics.leverM)
                    add(PlannedMovement(side: m.side, onsetS: onset, kind: .twitch, kinematics: kin))
                }
            }
        }
    }

    /// Restless bursts in wake: 3-20 s of vigorous activity (a ±10-60° swing with 0.3-1.5 g of
    /// wiggles at 1-5 Hz), at `wakeBurstsPerHour` per hour of wake and leg (Poisson).
    mutating func placeWakeBursts(in wake: [TimeSpan]) {
        let meanGapS = 3600 / settings.conditions.wakeBurstsPerHour
        for span in wake {
            for side in LegSide.allCases {
                var t = span.startS + variation.exponential(mean: meanGapS)
                while t < span.endS - 25 {
                    let onset = roundedToMillisecond(t)
                    let duration = roundedToMillisecond(variation.uniform(3, 20))
                    let sign = variation.chance(0.5) ? 1.0 : -1.0
                    var kin = MovementKinematics.rotation(
                        durationS: duration, amplitudeDegrees: sign * variation.uniform(10, 60), leverM: variation.uniform(0.3, 0.5))
                    kin.wiggles = Self.randomWiggles(count: 3, amplitudeG: 0.3...1.5, frequencyHz: 1...5, rng: &variation)
                    if isFree(side, TimeSpan(startS: onset, endS: onset + duration), padS: 1) {
                        add(PlannedMovement(side: side, onsetS: onset, kind: .wakeActivity, kinematics: kin))
                    }
                    t = onset + duration + max(2, variation.exponential(mean: meanGapS))
                }
            }
        }
    }

    /// Per leg, the lasting rotation steps: each LM with a residual adds it at its offset, each
    /// posture shift resets the leg to its new posture (0) at its offset. Movements must be sorted.
    func planLastingRotations() -> [[LastingRotation]] {
        guard settings.conditions.lastingShiftShare > 0 else { return [[], []] }
        var steps: [[LastingRotation]] = [[], []]
        var current = [0.0, 0.0]
        for m in movements {
            let k = m.side.index
            if m.kind == .postureShift, current[k] != 0 {
                current[k] = 0
                steps[k].append(LastingRotation(startS: m.offsetS, rad: 0))
            } else if m.kinematics.residualRad != 0 {
                current[k] += m.kinematics.residualRad
                steps[k].append(LastingRotation(startS: m.offsetS, rad: current[k]))
            }
        }
        return steps
    }

    /// Per leg: thermal drift coefficients (each axis a magnitude in the range and a random sign)
    /// and the strap's slip over the night (a magnitude in the range and a random direction).
    func planLegSensors() -> [LegSensorConditions] {
        let c = settings.conditions
        guard c.hasThermalDrift || c.hasStrapSlip else { return [.none, .none] }
        var r = SimulationRandom(seed: settings.seed, stream: SimulationStream.sensorConditions.rawValue)
        return LegSide.allCases.map { _ in
            func coefficient() -> Double {
                let magnitude = r.uniform(c.thermalDriftMgPerC.lowerBound, c.thermalDriftMgPerC.upperBound) / 1000
                return r.chance(0.5) ? magnitude : -magnitude
            }
            let drift = c.hasThermalDrift ? Vector3(coefficient(), coefficient(), coefficient()) : Vector3(0, 0, 0)
            var slip = 0.0
            if c.hasStrapSlip {
                let degrees = r.uniform(c.strapSlipDegrees.lowerBound, c.strapSlipDegrees.upperBound)
                slip = (r.chance(0.5) ? degrees : -degrees) * .pi / 180
            }
            return LegSensorConditions(thermalDriftGPerC: drift, strapSlipRad: slip)
        }
    }
}
