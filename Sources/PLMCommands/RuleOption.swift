import ArgumentParser
import PLMKit

/// `--rules NAME` and `--defect-exclusion RULE`: the scoring rule profile and what a defect of one
/// leg takes out of scoring, shared by `plm analyze`, `plm score` and `plm bench`.
struct RuleOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Scoring rules: \(RuleSet.allProfiles.map(\.name).joined(separator: ", ")) (default wasm2016). See the list under `plm score --help`.",
        valueName: "name"))
    var rules: String = RuleSet.wasm2016.name

    @Option(help: ArgumentHelp(
        "What a defect of one leg (gap, clipping, not recording) takes out of scoring in a two-leg recording: "
            + "\(DefectExclusion.noLegRecorded.rawValue) (default: only time in which no leg recorded valid data is "
            + "excluded; the other leg's movements are scored there) or \(DefectExclusion.anyLegDefective.rawValue) "
            + "(the time is excluded for both legs, PLMKit's rule before). See docs/scoring-rules.md.",
        valueName: "rule"))
    var defectExclusion: String = DefectExclusion.noLegRecorded.rawValue

    /// The rule set with its defect exclusion, or a usage error listing the choices.
    func ruleSet() throws -> RuleSet {
        guard var rules = RuleSet.profile(named: rules) else {
            throw ValidationError(
                "--rules \"\(self.rules)\": expected one of \(RuleSet.allProfiles.map(\.name).joined(separator: ", "))")
        }
        guard let exclusion = DefectExclusion(rawValue: defectExclusion) else {
            throw ValidationError(
                "--defect-exclusion \"\(defectExclusion)\": expected one of "
                    + DefectExclusion.allCases.map(\.rawValue).joined(separator: ", "))
        }
        rules.defectExclusion = exclusion
        return rules
    }
}

extension RuleOption {
    func validate() throws { _ = try ruleSet() }
}
