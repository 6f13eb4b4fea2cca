import PLMCore

/// Posture shifts, isolated LMs, long movements and twitches in sleep.
extension NightPlanner {
    mutating func placeSleepPostureShifts(in sleep: [TimeSpan]) {
        let tstH = sleep.reduce(0) { $0 + $1.durationS } / 3600
        let count = poisson(mean: parameters.postureShiftsPerSleepHour * tstH)
        var shiftSpans: [TimeSpan] = []
        for _ in 0..<count {
            let length = roundedToMillisecond(min(60, max(5, rng.logNormal(median: 15, logSD: 0.6))))
            for _ in 0..<200 {
                guard let t = randomTime(in: sleep, marginS: 5, lengthS: length + 1) else { break }
                let span = TimeSpan(startS: t, endS: t + length + 1)
                let padded = TimeSpan(startS: span.startS - 20, endS: span.endS + 20)
                let far = TimeSpan(startS: span.startS - 300, endS: span.endS + 300)
                guard !seriesSpans.contains(where: { $0.overlaps(padded) }),
                    !shiftSpans.contains(where: { $0.overlaps(far) }),
                    isFree(.left, span, padS: 5), isFree(.right, span, padS: 5)
                else { continue }
                shiftSpans.append(span)
                addPostureShift(at: t, lengthS: length, inSleep: true)
                break
            }
        }
    }

    /// A posture shift on both legs, the second leg starting up to 1 s later.
    mutating func addPostureShift(at t: Double, lengthS: Double, inSleep: Bool) {
        let group = newGroup()
        let lead: LegSide = rng.chance(0.5) ? .left : .right
        for side in [lead, lead.opposite] {
            let onset = side == lead ? t : roundedToMillisecond(t + rng.uniform(0, 1))
            let length = roundedToMillisecond(lengthS * rng.uniform(0.9, 1.0))
            var kin = MovementKinematics(amplitudeRad: 0, riseS: 0, holdS: length, fallS: 0, leverM: 0)
            kin.wiggles = randomWiggles(count: 4, amplitudeG: 0.03...0.2, frequencyHz: 0.3...3)
            add(PlannedMovement(side: side, onsetS: onset, kind: .postureShift, kinematics: kin, bilateralGroup: group), countsInSleepLMs: inSleep)
        }
    }

    mutating func randomWiggles(count: Int, amplitudeG: ClosedRange<Double>, frequencyHz: ClosedRange<Double>) -> [MovementKinematics.Wiggle] {
        Self.randomWiggles(count: count, amplitudeG: amplitudeG, frequencyHz: frequencyHz, rng: &rng)
    }

    /// Wiggles drawn from `rng`: random unit directions, amplitudes, frequencies and phases.
    static func randomWiggles(
        count: Int, amplitudeG: ClosedRange<Double>, frequencyHz: ClosedRange<Double>, rng: inout SimulationRandom
    ) -> [MovementKinematics.Wiggle] {
        (0..<count).map { _ in
            var d = Vector3(rng.normal(), rng.normal(), rng.normal())
            let n = d.length
            d = n > 0 ? d * (1 / n) : Vector3(0, 0, 1)
            return MovementKinematics.Wiggle(
                amplitudeG: rng.uniform(amplitudeG.lowerBound, amplitudeG.upperBound),
                frequencyHz: rng.uniform(frequencyHz.lowerBound, frequencyHz.upperBound),
                phase: rng.uniform(0, 2 * .pi), direction: d)
        }
    }

    mutating func placeIsolatedLMs(in sleep: [TimeSpan]) {
        let tstH = sleep.reduce(0) { $0 + $1.durationS } / 3600
        let count = poisson(mean: parameters.isolatedLMsPerHour * tstH)
        let c = Self.isolationClearanceS
        for _ in 0..<count {
            let duration = lmDurationS()
            for _ in 0..<200 {
                guard let t = randomTime(in: sleep, marginS: c, lengthS: duration + 0.4) else { break }
                let span = TimeSpan(startS: t, endS: t + duration + 0.4)
                let padded = TimeSpan(startS: span.startS - c, endS: span.endS + c)
                guard !seriesSpans.contains(where: { $0.overlaps(padded) }),
                    !sleepLMSpans.contains(where: { $0.overlaps(padded) }),
                    isFree(.left, span, padS: 3), isFree(.right, span, padS: 3)
                else { continue }
                let side: LegSide = rng.chance(0.5) ? .left : .right
                if rng.chance(0.3) {
                    let group = newGroup()
                    add(PlannedMovement(side: side, onsetS: t, kind: .lm, kinematics: lmKinematics(durationS: duration), bilateralGroup: group), countsInSleepLMs: true)
                    let delay = roundedToMillisecond(rng.uniform(0, 0.4))
                    let second = roundedToMillisecond(max(0.6, min(9.5, duration * rng.uniform(0.8, 1.2))))
                    add(PlannedMovement(side: side.opposite, onsetS: t + delay, kind: .lm, kinematics: lmKinematics(durationS: second), bilateralGroup: group), countsInSleepLMs: true)
                } else {
                    add(PlannedMovement(side: side, onsetS: t, kind: .lm, kinematics: lmKinematics(durationS: duration)), countsInSleepLMs: true)
                }
                break
            }
        }
    }

    mutating func placeLongMovements(in sleep: [TimeSpan]) {
        let tstH = sleep.reduce(0) { $0 + $1.durationS } / 3600
        let count = poisson(mean: parameters.longMovementsPerHour * tstH)
        for _ in 0..<count {
            let duration = roundedToMillisecond(rng.uniform(10.5, 40))
            for _ in 0..<200 {
                guard let t = randomTime(in: sleep, marginS: 5, lengthS: duration) else { break }
                let span = TimeSpan(startS: t, endS: t + duration)
                let padded = TimeSpan(startS: span.startS - 20, endS: span.endS + 20)
                let side: LegSide = rng.chance(0.5) ? .left : .right
                guard !seriesSpans.contains(where: { $0.overlaps(padded) }), isFree(side, span, padS: 5) else { continue }
                var kin = MovementKinematics.rotation(durationS: duration, amplitudeDegrees: rng.uniform(5, 30), leverM: rng.uniform(0.35, 0.45))
                kin.wiggles = randomWiggles(count: 2, amplitudeG: 0.005...0.03, frequencyHz: 0.2...2)
                add(PlannedMovement(side: side, onsetS: t, kind: .long, kinematics: kin), countsInSleepLMs: true)
                break
            }
        }
    }

    mutating func placeTwitches(in sleep: [TimeSpan]) {
        let tstH = sleep.reduce(0) { $0 + $1.durationS } / 3600
        let count = poisson(mean: parameters.twitchesPerHour * tstH)
        for _ in 0..<count {
            let duration = roundedToMillisecond(rng.uniform(0.1, 0.45))
            for _ in 0..<50 {
                guard let t = randomTime(in: sleep, marginS: 2, lengthS: duration) else { break }
                let side: LegSide = rng.chance(0.5) ? .left : .right
                guard isFree(side, TimeSpan(startS: t, endS: t + duration), padS: 3) else { continue }
                let kin = MovementKinematics.rotation(durationS: duration, amplitudeDegrees: rng.uniform(2, 8), leverM: rng.uniform(0.35, 0.45))
                add(PlannedMovement(side: side, onsetS: t, kind: .twitch, kinematics: kin))
                break
            }
        }
    }
}
