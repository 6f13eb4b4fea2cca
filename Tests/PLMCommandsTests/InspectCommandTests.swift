import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// `plm inspect FILE --json`, run in process with standard output captured.
@Suite("plm inspect", .serialized)
struct InspectCommandTests {
    @Test("--json prints the inspection as JSON; samples == rows written")
    func inspectJSON() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("left.csv")
        let rows = 4321
        try GenericTestCSV(rows: rows).write(to: path)
        let (outcome, output) = try await StandardOutputCapture.shared.capture(in: folder) {
            await runPLM(["inspect", path, "--json"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        // The JSON object (anything another test might print around it is left out).
        let first = try #require(output.firstIndex(of: UInt8(ascii: "{")))
        let last = try #require(output.lastIndex(of: UInt8(ascii: "}")))
        let root = try #require(try JSONSerialization.jsonObject(with: output[first...last]) as? [String: Any])
        #expect(root["samples"] as? Int == rows)
        #expect(root["path"] as? String == path)
        #expect(root["layout"] as? String == "generic")
        #expect((root["sampleRateHz"] as? Double).map { abs($0 - 50) < 1e-9 } == true)
        // 4321 rows at 50 Hz: the last at 86.4 s, 23:01:26.400.
        #expect((root["start"] as? String)?.hasPrefix("2026-03-01T23:00:00") == true)
        #expect((root["end"] as? String)?.hasPrefix("2026-03-01T23:01:26.4") == true)
        #expect((root["durationS"] as? Double).map { abs($0 - 86.42) < 1e-6 } == true)
    }

    @Test("A missing file exits 66")
    func missing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(await runPLM(["inspect", folder.file("absent.csv"), "--json"]).exitCode == 66)
    }
}
