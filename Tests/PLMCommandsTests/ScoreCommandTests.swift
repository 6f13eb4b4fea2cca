import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// `plm score` parsed and run in process.
@Suite("plm score")
struct ScoreCommandTests {
    /// Five left 1-s LMs 20 s apart and one at 500 s; window 0-3600 s. WASM 2016: one series of 5
    /// (IMIs 20 s), PLM index 5/h. AASM: the same (IMIs 5-90 s), 5/h.
    private func writeEvents(_ folder: TemporaryFolder) throws -> String {
        let path = folder.file("events.csv")
        try "onset_s,offset_s,side\n0,1,L\n20,21,L\n40,41,L\n60,61,L\n80,81,L\n500,501,L\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func indices(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["indices"] as? [String: Any])
    }

    @Test("Scores an event list into a plm-report/1 JSON", arguments: ["wasm2016", "aasm"])
    func scoreEvents(rules: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let events = try writeEvents(folder)
        let json = folder.file("scored.json")
        let outcome = await runPLM([
            "score", events, "--rules", rules, "--lights-off", "0", "--lights-on", "3600", "--json", json, "--quiet",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let i = try indices(json)
        #expect(i["lmCount"] as? Int == 6)
        #expect(i["plmCount"] as? Int == 5)
        #expect(i["seriesCount"] as? Int == 1)
        #expect((i["plmIndex"] as? Double).map { abs($0 - 5) < 0.0005 } == true)
        #expect((i["timeInBedHours"] as? Double).map { abs($0 - 1) < 0.0005 } == true)
    }

    @Test("7-s IMIs: AASM scores 4 PLMs, WASM 2016 none")
    func rulesDiffer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let events = folder.file("short.csv")
        try "onset_s,offset_s,side\n0,1,L\n7,8,L\n14,15,L\n21,22,L\n".write(toFile: events, atomically: true, encoding: .utf8)
        var plms: [String: Int] = [:]
        for rules in ["wasm2016", "aasm"] {
            let json = folder.file("\(rules).json")
            let outcome = await runPLM(["score", events, "--rules", rules, "--lights-on", "3600", "--json", json, "--quiet"])
            #expect(outcome.exitCode == 0, "\(outcome.message)")
            plms[rules] = try indices(json)["plmCount"] as? Int
        }
        #expect(plms == ["wasm2016": 0, "aasm": 4])
    }

    @Test("A missing events file exits 66; a bad row 65")
    func errors() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(await runPLM(["score", folder.file("absent.csv"), "--quiet"]).exitCode == 66)
        let bad = folder.file("bad.csv")
        try "onset_s,offset_s,side\n0,1,L\n5,x,L\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(await runPLM(["score", bad, "--quiet"]).exitCode == 65)
    }

    /// The help names what `wasm2016-somas` reproduces, including SOMAS's three quirks (issue 17).
    @Test("--help says wasm2016-somas reproduces SOMAS, including its quirks")
    func helpStatesSomasBehaviours() {
        let help = ScoreCommand.helpMessage(columns: 2000)
        #expect(help.contains("wasm2016-somas: reproduces SOMAS (get_PLM_indices_WASM.m) including its quirks"))
        #expect(help.contains("durations are counted in inclusive 1 kHz samples (a 0.499 s movement is an LM"))
        #expect(help.contains("movements of one leg that touch, overlap or lie at most 1 ms apart are joined into one"))
        #expect(help.contains("the last LM of the night never joins a series"))
    }
}
