import ArgumentParser
import PLMKit

/// `--rules NAME`: the scoring rule profile, shared by `plm analyze` and `plm score`.
struct RuleOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Scoring rules: \(RuleSet.allProfiles.map(\.name).joined(separator: ", ")) (default wasm2016). See the list under `plm score --help`.",
        valueName: "name"))
    var rules: String = RuleSet.wasm2016.name

    /// The rule set, or a usage error listing the profiles.
    func ruleSet() throws -> RuleSet {
        guard let rules = RuleSet.profile(named: rules) else {
            throw ValidationError(
                "--rules \"\(self.rules)\": expected one of \(RuleSet.allProfiles.map(\.name).joined(separator: ", "))")
        }
        return rules
    }
}

extension RuleOption {
    func validate() throws { _ = try ruleSet() }
}
