import PLMCore
import PLMScoring

/// Scores the truth's movements under the default rules (``PLMScoring/RuleSet/wasm2016``).
enum ExpectedScoringCalculator {
    /// The default rules the truth is scored under.
    static let rules = RuleSet.wasm2016

    static func score(_ truth: SimulationTruth) -> ExpectedScoring {
        let movements = truth.movements.map(\.legMovement)
        let excluded = truth.defects.filter { $0.kind != .spike }.map { TimeSpan(startS: $0.startS, endS: $0.endS) }
        let window = truth.lights
        let plain = PLMScorer.score(ScoringInput(movements: movements, window: window, excludedSpans: excluded), rules: rules)
        let whole = PLMScorer.score(
            ScoringInput(movements: movements, window: TimeSpan(startS: 0, endS: truth.durationS), excludedSpans: excluded),
            rules: rules)
        let staged = PLMScorer.score(
            ScoringInput(movements: movements, window: window, excludedSpans: excluded, hypnogram: hypnogram(truth)),
            rules: rules)
        return ExpectedScoring(
            rules: rules.name, plmIndex: plain.indices.plmIndex, plmCount: plain.indices.plmCount,
            clmIndex: plain.indices.clmIndex, recordingPLMIndex: whole.indices.plmIndex, plmsIndex: staged.indices.plmsIndex, plmsCount: staged.indices.plmsCount,
            plmwIndex: staged.indices.plmwIndex, seriesCount: staged.indices.seriesCount,
            validHours: plain.indices.validHours, totalSleepHours: staged.indices.totalSleepHours)
    }

    /// The truth's sleep as 30-s epochs (sleep as N2: the simulator does not model stages).
    static func hypnogram(_ truth: SimulationTruth) -> Hypnogram {
        let epoch = NightPlanner.epochS
        let count = Int((truth.durationS / epoch).rounded(.up))
        var stages = [SleepStage](repeating: .wake, count: count)
        for k in 0..<count {
            let mid = (Double(k) + 0.5) * epoch
            if truth.sleepSpans.contains(where: { $0.startS <= mid && mid < $0.endS }) { stages[k] = .n2 }
        }
        return Hypnogram(startS: 0, epochLengthS: epoch, stages: stages)
    }
}
