import Foundation
import Testing

@testable import PLMScoring

@Suite("Rule set profiles")
struct RuleSetProfileTests {
    @Test("Profiles by name, in order, each with a description")
    func names() {
        #expect(RuleSet.allProfiles.map(\.name) == ["wasm2016", "wasm2016-luna", "wasm2016-somas", "aasm"])
        for p in RuleSet.allProfiles {
            #expect(RuleSet.profile(named: p.name) == p)
            #expect(p.profileDescription.hasPrefix(p.name))
        }
        #expect(RuleSet.profile(named: "wasm") == nil)
    }

    /// What differs from the default is exactly what docs/scoring-rules.md says differs.
    @Test("Differences between profiles")
    func differences() {
        #expect(RuleSet.wasm2016Luna.differences(from: .wasm2016) == ["shortIMICandidateMayStartSeries", "imiArithmetic"])
        #expect(
            RuleSet.wasm2016Somas.differences(from: .wasm2016)
                == ["durationCounting", "sameLegJoining", "imiMaximumInclusive", "imiReference", "lastMovementMayJoinSeries"])
        #expect(RuleSet.aasm.settings.count == RuleSet.wasm2016.settings.count)
        #expect(RuleSet.wasm2016.settings.first { $0.name == "imiMinimumS" }?.value == "10")
        #expect(RuleSet.wasm2016.settings.first { $0.name == "respiratoryWindow" }?.value == "wasmAroundEventEnd")
    }

    @Test("A rule set survives a JSON round trip", arguments: RuleSet.allProfiles)
    func codable(rules: RuleSet) throws {
        let data = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode(RuleSet.self, from: data) == rules)
    }

    @Test("Help text lists every profile")
    func helpText() {
        let text = RuleSet.profilesHelpText
        for p in RuleSet.allProfiles { #expect(text.contains(p.name + ":") || text.contains(p.name + " (default)")) }
    }
}
