import PLMCore

/// Periodic leg movements in quiet wake at the transition to sleep
/// (``SimulationConditions/sleepTransitionPLMWShare``).
extension NightPlanner {
    /// Places a PLM series at the end of a share of the wake spans that are followed by sleep
    /// (every span but the last, which runs to the end of the recording) and returns the wake
    /// spans without the quiet stretches that hold them, for the irregular wake activity.
    /// Draws from the conditions stream only, so the night's other movements keep their draws.
    mutating func placeSleepTransitionPLMW(in wake: [TimeSpan]) -> [TimeSpan] {
        let share = settings.conditions.sleepTransitionPLMWShare
        guard share > 0 else { return wake }
        var active = wake
        for k in wake.indices.dropLast() where variation.chance(share) {
            let span = wake[k]
            // Quiet wake after the series: 2-8 s before sleep begins; at least 60 s of the span
            // stay active wake before the series.
            let endGapS = roundedToMillisecond(variation.uniform(2, 8))
            let count = variation.integer(settings.conditions.sleepTransitionPLMWCount)
            var imis: [Double] = []
            let range = settings.conditions.sleepTransitionPLMWIMIS
            for _ in 0..<(count - 1) { imis.append(roundedToMillisecond(variation.uniform(range.lowerBound, range.upperBound))) }
            let room = span.durationS - 60 - endGapS - 10
            while imis.count >= 3, imis.reduce(0, +) > room { imis.removeLast() }
            guard imis.count >= 3 else { continue }
            let start = roundedToMillisecond(span.endS - endGapS - 10 - imis.reduce(0, +))
            let side: LegSide = variation.chance(0.5) ? .left : .right
            let bilateral = variation.chance(parameters.bilateralSeriesShare)
            var onset = start
            for j in 0...imis.count {
                let nextIMI = j < imis.count ? imis[j] : 10
                // Wake LMs last longer than sleep LMs (Michaud 2001: many 5-10 s): median 3 s.
                let duration = roundedToMillisecond(
                    min(nextIMI - 1, 9.5, max(0.6, variation.logNormal(median: 3, logSD: 0.5))))
                add(PlannedMovement(side: side, onsetS: onset, kind: .lm, kinematics: transitionLMKinematics(durationS: duration)))
                if bilateral {
                    add(PlannedMovement(
                        side: side.opposite, onsetS: roundedToMillisecond(onset + variation.uniform(0, 0.4)), kind: .lm,
                        kinematics: transitionLMKinematics(durationS: duration)))
                }
                if j < imis.count { onset = roundedToMillisecond(onset + imis[j]) }
            }
            // Keep isolated sleep LMs out of reach of the series (they are placed after it).
            sleepLMSpans.append(TimeSpan(startS: start, endS: onset + 10))
            active[k] = TimeSpan(startS: span.startS, endS: max(span.startS, start - 5))
        }
        return active
    }

    /// An LM of the given duration with the usual amplitudes, drawn from the conditions stream.
    mutating func transitionLMKinematics(durationS: Double) -> MovementKinematics {
        let amplitude = min(30, max(3, variation.logNormal(median: 10, logSD: 0.6)))
        return MovementKinematics.rotation(durationS: durationS, amplitudeDegrees: amplitude, leverM: variation.uniform(0.35, 0.45))
    }
}
