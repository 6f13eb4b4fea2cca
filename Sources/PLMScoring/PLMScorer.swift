import PLMCore

/// Scores leg movements under a rule set: candidate LMs, PLM series, indices and distributions.
///
/// Pure and deterministic: the same input and rules give the same result, with no I/O.
public enum PLMScorer {
    /// Scores one night.
    ///
    /// Steps: select the movements that start in the window outside excluded time and outside their
    /// own leg's defect time (``DefectTime``, ``RuleSet/defectExclusion``); join touching
    /// movements of one leg when the rules do (``RuleSet/sameLegJoining``); set aside those
    /// shorter than the LM minimum (and, when the rules ignore them, the long ones); combine the
    /// legs into bilateral LMs; classify CLMs; attach sleep state, respiratory and arousal
    /// association; find series (and again without respiratory CLMs); count.
    ///
    /// - Parameters:
    ///   - input: the movements and their context.
    ///   - rules: the rule set (see ``RuleSet/allProfiles``).
    /// - Returns: every scored movement, the series, indices, distributions and severity.
    /// - Complexity: O(n log n + n (r + a)) for n movements, r respiratory events and a arousals.
    public static func score(_ input: ScoringInput, rules: RuleSet) -> ScoringResult {
        let window = input.window
        let defectTime = DefectTime(input, rules: rules)
        let excluded = defectTime.excluded

        // 1. Select movements, join touching ones of one leg when the rules do, and set aside the
        //    ones that are not leg movements under the rules.
        let selection = _selectLegMovements(input, rules: rules, defectTime: defectTime)

        // 2. Bilateral grouping and CLM classification.
        let groups = _BilateralGrouper.group(selection.components, rules: rules)
        let movements: [CandidateMovement] = groups.map { _classify($0, rules: rules, input: input) }

        // 3. Time order: LMs in grouping order, set-aside movements by onset after LMs of equal onset.
        var ordered = _merged(movements, selection.notMovements)

        // 4. Series detection with every movement the rules let in.
        let entering: [Int] = ordered.indices.filter { k in
            let c = ordered[k]
            guard c.isLegMovement else { return false }
            if rules.wakeMovementHandling == .removedBeforeSeries && c.inSleep == false { return false }
            if rules.respiratoryHandling == .removedBeforeSeries && c.isRespiratory { return false }
            return true
        }
        func seriesItem(_ k: Int) -> _SeriesItem {
            _SeriesItem(movement: k, onsetS: ordered[k].onsetS, isCandidate: ordered[k].isCandidate)
        }
        let items = entering.map(seriesItem)
        let main = _SeriesDetector.detect(items, rules: rules, excluded: excluded)
        let series = _markSeries(main, entering: entering, in: &ordered, rules: rules)

        // 5. Series again without respiratory CLMs (WASM non-respiratory PLM index).
        switch rules.respiratoryHandling {
        case .removedBeforeSeries:
            for k in ordered.indices { ordered[k].isPeriodicNonRespiratory = ordered[k].isPeriodic }
        case .seriesWithAllThenRerunWithout:
            let kept = entering.filter { !(ordered[$0].isCandidate && ordered[$0].isRespiratory) }
            let rerun = _SeriesDetector.detect(kept.map(seriesItem), rules: rules, excluded: excluded)
            for run in rerun.runs { for p in run { ordered[kept[p]].isPeriodicNonRespiratory = true } }
        }

        let indices = _PLMCounter.indices(
            ordered, series: series, mainItems: items, mainIMIs: main.imis, input: input, excluded: excluded,
            leftComponents: selection.leftCount, rightComponents: selection.rightCount)
        let distributions = _PLMCounter.distributions(ordered, window: window)
        let severity = indices.plmIndex.flatMap { SeverityBand.icsd1(plmIndex: $0) }
        return ScoringResult(
            rules: rules, candidates: ordered, series: series, indices: indices, distributions: distributions,
            severity: severity, sameLegContacts: selection.sameLegContacts, defectTime: defectTime)
    }

    /// Step 1 of ``score(_:rules:)``: the movements that start in the window outside excluded
    /// and defect time, joined per leg when the rules do; those that are leg movements under
    /// the rules become components (with the count per leg), the others are set aside with the
    /// reason.
    private static func _selectLegMovements(_ input: ScoringInput, rules: RuleSet, defectTime: DefectTime) -> _Selection {
        let window = input.window
        let exact = TimeArithmetic.exactMicroseconds
        var selected: [(index: Int, onsetS: Double, offsetS: Double, side: LegSide)] = []
        selected.reserveCapacity(input.movements.count)
        for (index, m) in input.movements.enumerated() {
            guard m.onsetS.isFinite, m.offsetS.isFinite else { continue }
            guard m.onsetS >= window.startS, m.onsetS < window.endS else { continue }
            guard defectTime.admits(side: m.side, onsetS: m.onsetS) else { continue }
            selected.append((index, m.onsetS, max(m.offsetS, m.onsetS), m.side))
        }
        let (legRuns, sameLegContacts) = _SameLegJoiner.join(selected, joining: rules.sameLegJoining)
        var selection = _Selection(sameLegContacts: sameLegContacts)
        for run in legRuns {
            let durationS = exact.difference(run.offsetS, run.onsetS)
            let countedS = rules.durationCounting.durationS(onsetS: run.onsetS, offsetS: run.offsetS)
            var reason: CandidateExclusion?
            if countedS < rules.minimumMovementDurationS {
                reason = .shorterThanMinimum
            } else if rules.exceedsDurationLimit(countedS, rules.maximumMonolateralCandidateDurationS),
                rules.longMovementHandling == .ignored
            {
                reason = .longerThanMaximumIgnored
            }
            if let reason {
                let stage = input.hypnogram?.stage(at: run.onsetS)
                selection.notMovements.append(
                    CandidateMovement(
                        side: run.side == .left ? .left : .right, onsetS: run.onsetS, offsetS: run.offsetS,
                        durationS: durationS, componentIndices: run.indices, isLegMovement: false, isCandidate: false,
                        exclusionReason: reason, inSleep: stage?.isSleep, sleepStage: stage))
                continue
            }
            if run.side == .left { selection.leftCount += 1 } else { selection.rightCount += 1 }
            selection.components.append(
                _Component(
                    indices: run.indices, side: run.side, onsetS: run.onsetS, offsetS: run.offsetS,
                    durationS: durationS, countedDurationS: countedS))
        }
        return selection
    }

    /// What step 1 selects.
    private struct _Selection {
        var sameLegContacts: SameLegContacts
        var components: [_Component] = []
        var notMovements: [CandidateMovement] = []
        var leftCount = 0, rightCount = 0
    }

    /// Step 4 of ``score(_:rules:)``: marks the movements that entered series detection (their
    /// IMI, short IMIs) and the members of each series, and returns the series.
    private static func _markSeries(
        _ main: _SeriesOutcome, entering: [Int], in ordered: inout [CandidateMovement], rules: RuleSet
    ) -> [PLMSeries] {
        var series: [PLMSeries] = []
        for (p, k) in entering.enumerated() {
            ordered[k].enteredSeriesDetection = true
            ordered[k].imiS = main.imis[p]
            if let imi = main.imis[p], imi < rules.imiMinimumS { ordered[k].isShortIMI = true }
        }
        for (n, run) in main.runs.enumerated() {
            let members = run.map { entering[$0] }
            for k in members {
                ordered[k].isPeriodic = true
                ordered[k].seriesNumber = n + 1
            }
            let imis = run.dropFirst().compactMap { main.imis[$0] }
            series.append(
                PLMSeries(
                    number: n + 1, startS: ordered[members[0]].onsetS, endS: ordered[members[members.count - 1]].offsetS,
                    count: members.count, medianIMIS: _median(imis) ?? 0, candidateIndices: members))
        }
        return series
    }

    /// Merges the LMs (already in order) with the set-aside movements, by onset; an LM comes first
    /// at equal onsets.
    private static func _merged(_ movements: [CandidateMovement], _ others: [CandidateMovement]) -> [CandidateMovement] {
        let others = others.sorted {
            ($0.onsetS, $0.componentIndices.first ?? 0) < ($1.onsetS, $1.componentIndices.first ?? 0)
        }
        var ordered: [CandidateMovement] = []
        ordered.reserveCapacity(movements.count + others.count)
        var i = 0, j = 0
        while i < movements.count || j < others.count {
            if j >= others.count || (i < movements.count && movements[i].onsetS <= others[j].onsetS) {
                ordered.append(movements[i])
                i += 1
            } else {
                ordered.append(others[j])
                j += 1
            }
        }
        return ordered
    }

    /// Builds the scored movement of one group: side, span, CLM decision, sleep state, associations.
    private static func _classify(_ group: _Group, rules: RuleSet, input: ScoringInput) -> CandidateMovement {
        let onsetS = group.onsetS, offsetS = group.offsetS
        let durationS = TimeArithmetic.exactMicroseconds.difference(offsetS, onsetS)
        let countedS = rules.durationCounting.durationS(onsetS: onsetS, offsetS: offsetS)
        let hasLeft = group.components.contains { $0.side == .left }
        let hasRight = group.components.contains { $0.side == .right }
        let side: CandidateSide = hasLeft && hasRight ? .bilateral : (hasLeft ? .left : .right)
        let longest = group.components.map(\.countedDurationS).max() ?? 0
        var reason: CandidateExclusion?
        let longComponent = rules.exceedsDurationLimit(longest, rules.maximumMonolateralCandidateDurationS)
        if group.components.count == 1 {
            if longComponent { reason = .longerThanMaximum }
        } else if longComponent {
            reason = .containsLongComponent
        } else if group.components.count > rules.maximumBilateralComponents {
            reason = .tooManyComponents
        } else if rules.exceedsDurationLimit(countedS, rules.maximumBilateralCandidateDurationS) {
            reason = .bilateralTooLong
        }
        let span = TimeSpan(startS: onsetS, endS: offsetS)
        return CandidateMovement(
            side: side, onsetS: onsetS, offsetS: offsetS, durationS: durationS,
            componentIndices: group.components.flatMap(\.indices).sorted(), isLegMovement: true,
            isCandidate: reason == nil, exclusionReason: reason,
            isRespiratory: _isRespiratory(span, input.respiratoryEvents, rules.respiratoryWindow),
            isArousalAssociated: _isArousalAssociated(span, input.arousals, maximumGapS: rules.arousalMaximumGapS),
            inSleep: input.hypnogram?.stage(at: onsetS)?.isSleep, sleepStage: input.hypnogram?.stage(at: onsetS))
    }

    /// Whether any part of the movement lies in the respiratory window of an event (closed intervals).
    static func _isRespiratory(_ lm: TimeSpan, _ events: [TimeSpan], _ window: RespiratoryWindow) -> Bool {
        for e in events {
            let lo: Double, hi: Double
            switch window {
            case .wasmAroundEventEnd: (lo, hi) = (e.endS - window.beforeS, e.endS + window.afterS)
            case .aasmAroundEvent: (lo, hi) = (e.startS - window.beforeS, e.endS + window.afterS)
            }
            if lm.startS <= hi && lm.endS >= lo { return true }
        }
        return false
    }

    /// Whether an arousal overlaps the movement or lies less than `maximumGapS` from it, either order.
    static func _isArousalAssociated(_ lm: TimeSpan, _ arousals: [TimeSpan], maximumGapS: Double) -> Bool {
        let exact = TimeArithmetic.exactMicroseconds
        return arousals.contains { a in
            exact.difference(a.startS, lm.endS) < maximumGapS && exact.difference(lm.startS, a.endS) < maximumGapS
        }
    }

    /// Whether `t` lies in one of the sorted, merged spans.
    static func _contains(_ spans: [TimeSpan], _ t: Double) -> Bool {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].endS <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < spans.count && spans[lo].startS <= t
    }
}

/// Median of a list (mean of the middle two for an even count), nil when empty.
func _median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let s = values.sorted()
    let n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}
