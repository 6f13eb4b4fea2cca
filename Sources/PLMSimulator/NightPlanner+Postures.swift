import PLMCore

/// Lying postures and the recording defects (gaps, spikes).
extension NightPlanner {
    mutating func randomPosture(category: Int) -> Posture {
        let roll: Double
        switch category {
        case 0: roll = rng.normal(mean: 0, sd: 8)
        case 1: roll = rng.normal(mean: 65, sd: 8)
        case 2: roll = rng.normal(mean: -65, sd: 8)
        default: roll = rng.normal(mean: 180, sd: 10)
        }
        return Posture(rollDegrees: roll + rng.normal(mean: 0, sd: 4), pitchDegrees: rng.uniform(-5, 15))
    }

    mutating func randomCategory(excluding current: Int?) -> Int {
        while true {
            let u = rng.unit()
            let c = u < 0.45 ? 0 : u < 0.68 ? 1 : u < 0.9 ? 2 : 3
            if c != current { return c }
        }
    }

    mutating func planPostures() -> [[PosturePhase]] {
        var category = randomCategory(excluding: nil)
        var phases: [[PosturePhase]] = [[], []]
        for side in LegSide.allCases {
            phases[side.index].append(PosturePhase(startS: 0, posture: randomPosture(category: category), rollDriftDegreesPerS: rng.normal(mean: 0, sd: 0.5) / 3600))
        }
        var lastGroup: Int?
        for i in movements.indices where movements[i].kind == .postureShift {
            let m = movements[i]
            if m.bilateralGroup != lastGroup {
                category = randomCategory(excluding: category)
                lastGroup = m.bilateralGroup
            }
            let posture = randomPosture(category: category)
            movements[i].postureAfter = posture
            phases[m.side.index].append(PosturePhase(startS: m.offsetS, posture: posture, rollDriftDegreesPerS: rng.normal(mean: 0, sd: 0.5) / 3600))
        }
        return phases
    }

    func planDefects(
        durationS: Double, rng: inout SimulationRandom, defects: inout [SimulatedDefect],
        spikes: inout [[(index: Int, axis: Int, valueG: Double)]]
    ) {
        let d = settings.effectiveDefects
        let rate = settings.sampleRateHz
        let sampleCount = Int((durationS * rate).rounded(.down))
        for side in LegSide.allCases {
            var gaps: [TimeSpan] = []
            for _ in 0..<d.gapCount {
                for _ in 0..<100 {
                    let length = roundedToMillisecond(rng.uniform(d.gapDurationS.lowerBound, d.gapDurationS.upperBound))
                    guard durationS - 120 - length > 60 else { break }
                    let start = roundedToMillisecond(rng.uniform(60, durationS - 60 - length))
                    let span = TimeSpan(startS: start, endS: start + length)
                    if !gaps.contains(where: { $0.overlaps(TimeSpan(startS: span.startS - 10, endS: span.endS + 10)) }) {
                        gaps.append(span)
                        break
                    }
                }
            }
            if side == .right, settings.conditions.rightLegGapS > 0, let gap = rightLegGap(durationS: durationS, avoiding: gaps) {
                gaps.append(gap)
            }
            for g in gaps.sorted() { defects.append(SimulatedDefect(side: side, kind: .gap, startS: g.startS, endS: g.endS)) }
            let spikeCount = Int((d.spikesPerHour * durationS / 3600).rounded())
            var list: [(index: Int, axis: Int, valueG: Double)] = []
            for _ in 0..<spikeCount where sampleCount > 2 {
                let index = rng.integer(1...(sampleCount - 2))
                let value = (rng.chance(0.5) ? 1.0 : -1.0) * rng.uniform(2, 8)
                let axis = rng.integer(0...2)
                // A spike inside a gap would never be written: leave it out of the truth too.
                let t = Double(index) / rate
                if gaps.contains(where: { $0.startS <= t && t < $0.endS }) { continue }
                list.append((index, axis, value))
            }
            list.sort { $0.index < $1.index }
            spikes[side.index] = list
            for s in list {
                let t = Double(s.index) / rate
                defects.append(SimulatedDefect(side: side, kind: .spike, startS: t, endS: t + 1 / rate))
            }
        }
        for m in movements where m.kind == .knock {
            defects.append(SimulatedDefect(side: m.side, kind: .clipping, startS: m.onsetS, endS: m.offsetS))
        }
        defects.sort { ($0.startS, $0.side.index) < ($1.startS, $1.side.index) }
    }

    /// The right leg's own gap (``SimulationConditions/rightLegGapS``), starting between 10 % and
    /// 90 % of the night, at least 10 s from the leg's other gaps; drawn from its own stream.
    func rightLegGap(durationS: Double, avoiding gaps: [TimeSpan]) -> TimeSpan? {
        var r = SimulationRandom(seed: settings.seed, stream: SimulationStream.rightLegGap.rawValue)
        let length = roundedToMillisecond(settings.conditions.rightLegGapS)
        guard 0.9 * durationS - length > 0.1 * durationS else { return nil }
        for _ in 0..<100 {
            let start = roundedToMillisecond(r.uniform(0.1 * durationS, 0.9 * durationS - length))
            let span = TimeSpan(startS: start, endS: start + length)
            if !gaps.contains(where: { $0.overlaps(TimeSpan(startS: span.startS - 10, endS: span.endS + 10)) }) { return span }
        }
        return nil
    }
}
