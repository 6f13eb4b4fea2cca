import PLMCore
import PLMScoring

/// Scores the truth's movements, by default under the default rules (``PLMScoring/RuleSet/wasm2016``,
/// whose ``PLMScoring/RuleSet/defectExclusion`` is ``PLMScoring/DefectExclusion/noLegRecorded``).
///
/// Each leg's defects (every kind but spikes, which exclude nothing) are given to the scorer per
/// leg, as `plm analyze` gives the detector's, so the truth and the detector are scored by the
/// same rule through the same code (``PLMScoring/DefectTime``).
public enum ExpectedScoringCalculator {
    /// The default rules the truth is scored under.
    public static let rules = RuleSet.wasm2016

    /// The truth's expected scoring under `rules` (`plm simulate` writes it with the default; `plm
    /// bench` scores the truth again under the rules it scores the detector with).
    public static func score(_ truth: SimulationTruth, rules: RuleSet = ExpectedScoringCalculator.rules) -> ExpectedScoring {
        let window = truth.lights
        let plain = PLMScorer.score(input(truth, window: window), rules: rules)
        let whole = PLMScorer.score(input(truth, window: TimeSpan(startS: 0, endS: truth.durationS)), rules: rules)
        let staged = PLMScorer.score(input(truth, window: window, hypnogram: hypnogram(truth)), rules: rules)
        return ExpectedScoring(
            rules: rules.name, defectExclusion: rules.defectExclusion.rawValue, plmIndex: plain.indices.plmIndex, plmCount: plain.indices.plmCount,
            clmIndex: plain.indices.clmIndex, recordingPLMIndex: whole.indices.plmIndex, plmsIndex: staged.indices.plmsIndex, plmsCount: staged.indices.plmsCount,
            plmwIndex: staged.indices.plmwIndex, seriesCount: staged.indices.seriesCount,
            validHours: plain.indices.validHours, totalSleepHours: staged.indices.totalSleepHours)
    }

    /// The PLMS index of the truth with its sleep as hypnogram under `rules` (the simulator's band check).
    static func plmsIndex(_ truth: SimulationTruth, rules: RuleSet) -> Double? {
        PLMScorer.score(input(truth, window: truth.lights, hypnogram: hypnogram(truth)), rules: rules).indices.plmsIndex
    }

    /// The truth's movements over `window`, each leg's defects (every kind but spikes) given per leg.
    private static func input(_ truth: SimulationTruth, window: TimeSpan, hypnogram: Hypnogram? = nil) -> ScoringInput {
        var legDefects: [LegSide: [TimeSpan]] = [.left: [], .right: []]
        for defect in truth.defects where defect.kind != .spike {
            legDefects[defect.side, default: []].append(TimeSpan(startS: defect.startS, endS: defect.endS))
        }
        return ScoringInput(
            movements: truth.movements.map(\.legMovement), window: window, hypnogram: hypnogram, legDefectSpans: legDefects)
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
