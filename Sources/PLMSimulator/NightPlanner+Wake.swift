import PLMCore

/// Irregular activity and knocks while awake.
extension NightPlanner {
    mutating func placeWakeActivity(in wake: [TimeSpan]) {
        for (k, span) in wake.enumerated() {
            // Settling into or out of bed: a posture shift early in most wake spans.
            let shiftLength = roundedToMillisecond(min(60, max(5, rng.logNormal(median: 20, logSD: 0.5))))
            if (k == 0 || k == wake.count - 1 || rng.chance(0.5)), span.durationS > shiftLength + 60 {
                let t = roundedToMillisecond(span.startS + rng.uniform(5, 30))
                addPostureShift(at: t, lengthS: shiftLength, inSleep: false)
            }
            for side in LegSide.allCases {
                let meanGapS = 60 / parameters.wakeMovementsPerMinute
                var t = span.startS + rng.exponential(mean: meanGapS)
                while t < span.endS - 2 {
                    let duration = min(40, max(0.2, rng.logNormal(median: 2.5, logSD: 0.9)))
                    let onset = roundedToMillisecond(t)
                    let offset = roundedToMillisecond(min(t + duration, span.endS - 1))
                    let item = TimeSpan(startS: onset, endS: offset)
                    if offset - onset >= 0.1, isFree(side, item, padS: 0.6) {
                        let sign = rng.chance(0.5) ? 1.0 : -1.0
                        var kin = MovementKinematics.rotation(
                            durationS: offset - onset, amplitudeDegrees: sign * rng.uniform(3, 40), leverM: rng.uniform(0.3, 0.5))
                        if rng.chance(0.5) {
                            kin.wiggles = randomWiggles(count: 3, amplitudeG: 0.01...0.12, frequencyHz: 0.3...4)
                        }
                        add(PlannedMovement(side: side, onsetS: onset, kind: .wakeActivity, kinematics: kin))
                    }
                    t = offset + max(1, rng.exponential(mean: meanGapS))
                }
            }
        }
    }

    mutating func placeKnocks(in wake: [TimeSpan], rng defectRNG: inout SimulationRandom) {
        let rate = settings.effectiveDefects.clippingEventsPerHour
        guard rate > 0 else { return }
        let wakeH = wake.reduce(0) { $0 + $1.durationS } / 3600
        for side in LegSide.allCases {
            let count = max(1, Int((rate * max(wakeH, settings.durationH * 0.25)).rounded()))
            for _ in 0..<count {
                for _ in 0..<200 {
                    let duration = roundedToMillisecond(defectRNG.uniform(0.1, 0.3))
                    let spanIndex = defectRNG.integer(0...(wake.count - 1))
                    let w = wake[spanIndex]
                    guard w.durationS > 10 else { continue }
                    let t = roundedToMillisecond(defectRNG.uniform(w.startS + 2, w.endS - 2 - duration))
                    guard isFree(side, TimeSpan(startS: t, endS: t + duration), padS: 1) else { continue }
                    var kin = MovementKinematics(amplitudeRad: 0, riseS: 0, holdS: duration, fallS: 0, leverM: 0)
                    var direction = Vector3(0, 0, 0)
                    switch defectRNG.integer(0...2) {
                    case 0: direction.x = 1
                    case 1: direction.y = 1
                    default: direction.z = 1
                    }
                    kin.knock = .init(
                        amplitudeG: settings.rangeG * defectRNG.uniform(1.3, 1.8), frequencyHz: 0, phase: 0,
                        direction: direction)
                    add(PlannedMovement(side: side, onsetS: t, kind: .knock, kinematics: kin))
                    break
                }
            }
        }
    }
}
