import PLMCore

/// PLM series: how many PLMs, series lengths and IMIs, and packing the series into sleep.
extension NightPlanner {
    struct SeriesDraft {
        var imis: [Double]
        var pattern: Int  // 0 left, 1 right, 2 alternating, 3 bilateral
        var lengthS: Double { imis.reduce(0, +) + 10 }
    }

    mutating func placeSeries(in sleep: [TimeSpan]) {
        let tstH = sleep.reduce(0) { $0 + $1.durationS } / 3600
        var remaining = Int((parameters.targetPLMSIndex * tstH).rounded())
        var drafts: [SeriesDraft] = []
        while remaining >= 4 {
            var length = Int(rng.logNormal(median: parameters.seriesLengthMedian, logSD: 0.8).rounded())
            length = min(parameters.seriesLengthMax, max(4, length))
            length = min(length, remaining)
            if remaining - length < 4, remaining <= parameters.seriesLengthMax { length = remaining }
            remaining -= length
            var meanIMI = rng.uniform(parameters.seriesMeanIMIS.lowerBound, parameters.seriesMeanIMIS.upperBound)
            // A train (SimulationConditions.trainSeriesShare): mean IMI and every IMI in the train range.
            let train = settings.conditions.trainSeriesShare > 0 ? trainRange() : nil
            if let train { meanIMI = variation.uniform(train.lowerBound, train.upperBound) }
            var imis: [Double] = []
            for _ in 0..<(length - 1) {
                var imi =
                    rng.chance(parameters.shortIMIProbability)
                    ? rng.uniform(5, 9.5) : min(80, max(10.5, rng.normal(mean: meanIMI, sd: 0.15 * meanIMI)))
                if let train { imi = min(train.upperBound, max(train.lowerBound, imi)) }
                imis.append(roundedToMillisecond(imi))
            }
            let u = rng.unit()
            let pattern =
                u < parameters.bilateralSeriesShare
                ? 3 : u < parameters.bilateralSeriesShare + parameters.alternatingSeriesShare ? 2 : rng.integer(0...1)
            drafts.append(SeriesDraft(imis: imis, pattern: pattern))
        }
        guard !drafts.isEmpty else { return }
        // Pack the series into sleep, keeping 100 s from the edges of sleep and between series.
        // Each series goes into a random window (weighted by its free room) that can take it,
        // after a random share of the slack; a series no window can take is split.
        let pad = 100.0
        let windows = sleep.compactMap { s -> TimeSpan? in
            s.durationS > 2 * pad + 60 ? TimeSpan(startS: s.startS + pad, endS: s.endS - pad) : nil
        }
        guard !windows.isEmpty else { return }
        var cursors = windows.map(\.startS)
        let free = windows.reduce(0) { $0 + $1.durationS }
        let need = drafts.reduce(0) { $0 + $1.lengthS + pad }
        let slackPerSeries = max(0, free - need) / Double(drafts.count)
        var queue = drafts
        var seriesID = 0
        while !queue.isEmpty {
            var draft = queue.removeFirst()
            let room = windows.indices.map { windows[$0].endS - cursors[$0] }
            var fitting = windows.indices.filter { room[$0] >= draft.lengthS }
            if fitting.isEmpty {
                // Split: as much as fits into the roomiest window, the rest back into the queue.
                guard let w = windows.indices.max(by: { room[$0] < room[$1] }) else { break }
                var head: [Double] = []
                while head.count < draft.imis.count, head.reduce(0, +) + draft.imis[head.count] + 10 <= room[w] {
                    head.append(draft.imis[head.count])
                }
                guard head.count >= 3 else { break }
                let tail = Array(draft.imis[(head.count + 1)...])
                if tail.count >= 3 { queue.append(SeriesDraft(imis: tail, pattern: draft.pattern)) }
                draft.imis = head
                fitting = [w]
            }
            let total = fitting.reduce(0) { $0 + room[$1] }
            var x = rng.uniform(0, total)
            var chosen = fitting[fitting.count - 1]
            for w in fitting {
                if x < room[w] {
                    chosen = w
                    break
                }
                x -= room[w]
            }
            let gap = rng.uniform(0, min(room[chosen] - draft.lengthS, 2 * slackPerSeries))
            let start = roundedToMillisecond(cursors[chosen] + gap)
            seriesID += 1
            emitSeries(draft, start: start, id: seriesID)
            cursors[chosen] = start + draft.lengthS + pad
        }
    }

    mutating func emitSeries(_ draft: SeriesDraft, start: Double, id: Int) {
        var onset = start
        var alternatingSide: LegSide = rng.chance(0.5) ? .left : .right
        let count = draft.imis.count + 1
        for k in 0..<count {
            let nextIMI = k < draft.imis.count ? draft.imis[k] : 20
            var duration = min(lmDurationS(), roundedToMillisecond(nextIMI - 1.0))
            duration = max(0.6, duration)
            switch draft.pattern {
            case 0, 1:
                let side: LegSide = draft.pattern == 0 ? .left : .right
                add(PlannedMovement(side: side, onsetS: onset, kind: .lm, kinematics: lmKinematics(durationS: duration), seriesID: id), countsInSleepLMs: true)
            case 2:
                add(PlannedMovement(side: alternatingSide, onsetS: onset, kind: .lm, kinematics: lmKinematics(durationS: duration), seriesID: id), countsInSleepLMs: true)
                alternatingSide = alternatingSide.opposite
            default:
                let group = newGroup()
                let lead: LegSide = rng.chance(0.5) ? .left : .right
                add(PlannedMovement(side: lead, onsetS: onset, kind: .lm, kinematics: lmKinematics(durationS: duration), seriesID: id, bilateralGroup: group), countsInSleepLMs: true)
                let delay = roundedToMillisecond(rng.uniform(0, 0.4))
                let second = max(0.6, min(roundedToMillisecond(duration * rng.uniform(0.8, 1.2)), roundedToMillisecond(nextIMI - 1.5 - delay)))
                add(PlannedMovement(side: lead.opposite, onsetS: onset + delay, kind: .lm, kinematics: lmKinematics(durationS: second), seriesID: id, bilateralGroup: group), countsInSleepLMs: true)
            }
            if k < draft.imis.count { onset = roundedToMillisecond(onset + draft.imis[k]) }
        }
        seriesSpans.append(TimeSpan(startS: start, endS: onset + 10))
    }
}
