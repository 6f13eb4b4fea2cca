import Foundation
import PLMTestSupport
import Testing

@testable import PLMCommands

/// `plm simulate --condition` and `plm evaluate --json` over an existing file, run in process.
@Suite("plm simulate and evaluate", .serialized)
struct SimulateEvaluateCommandTests {
    @Test("An unknown --condition exits 64 naming the option")
    func unknownCondition() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await runPLM(["simulate", "--condition", "slippery", "--hours", "0.25", "--out", folder.file("n")])
        #expect(outcome.exitCode == 64)
        #expect(outcome.message.contains("--condition") && outcome.message.contains("coarse-8bit"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("n")))
    }

    /// The condition sets the sensor (coarse-8bit: 20 Hz, 8 mg, ±4 g, 8 bits); an explicit --bits wins.
    @Test("--condition sets the sensor, explicit options win")
    func conditionSetsTheSensor() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let night = folder.file("night")
        let (outcome, _) = try await StandardOutputCapture.shared.capture(in: folder) {
            await runPLM(["simulate", "--profile", "mild", "--condition", "coarse-8bit", "--bits", "10", "--hours", "0.25", "--seed", "3", "--out", night])
        }
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let data = try #require(FileManager.default.contents(atPath: folder.file("night/truth.json")))
        let truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let settings = try #require(truth["settings"] as? [String: Any])
        #expect(settings["condition"] as? String == "coarse-8bit")
        #expect(settings["sampleRateHz"] as? Double == 20 && settings["noiseG"] as? Double == 0.008)
        #expect(settings["rangeG"] as? Double == 4 && settings["resolutionBits"] as? Int == 10)
        let movements = try #require(truth["movements"] as? [[String: Any]])
        #expect(!movements.isEmpty && movements.allSatisfy { $0["peakDeviationMg"] is Double })
    }

    /// Writing the evaluation JSON twice to the same path succeeds (it failed with exit 74 when the
    /// file existed).
    @Test("plm evaluate --json overwrites an existing file")
    func evaluateOverwritesJSON() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "onset_s,offset_s,side,kind,peak_deviation_mg\n10,12,L,lm,30\n20,22,R,wake,\n"
            .write(toFile: folder.file("reference.csv"), atomically: true, encoding: .utf8)
        try """
            {"schema": "plm-report/1", "indices": {"plmIndex": 0},
             "legMovements": [{"side": "left", "onsetS": 10, "offsetS": 12}]}
            """.write(toFile: folder.file("report.json"), atomically: true, encoding: .utf8)
        let json = folder.file("eval.json")
        try "stale".write(toFile: json, atomically: true, encoding: .utf8)
        let arguments = ["evaluate", "--truth", folder.file("reference.csv"), "--report", folder.file("report.json"), "--json", json]
        for _ in 0..<2 {
            let (outcome, printed) = try await StandardOutputCapture.shared.capture(in: folder) { await runPLM(arguments) }
            #expect(outcome.exitCode == 0, "\(outcome.message)")
            #expect(String(decoding: printed, as: UTF8.self).contains("sens 0-40 mg"))
        }
        let written = String(decoding: FileManager.default.contents(atPath: json) ?? Data(), as: UTF8.self)
        #expect(written.hasPrefix("{") && written.contains("\"pooledByPeakDeviation\""))
    }
}
