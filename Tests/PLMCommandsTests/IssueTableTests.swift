import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// The rows of issue 12's table that run through the command line: each once crashed or
/// misbehaved; each must now end with a sysexits status and a message.
@Suite("Hardening: the issue 12 table, command rows", .serialized)
struct IssueTableCommandTests {
    @Test("plm score --lights-off=-1e23 --lights-on 200: a usage error naming the option, no trap")
    func farWindowStart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let events = folder.file("events.csv")
        try "onset_s,offset_s,side\n10,11,L\n30,31,L\n50,51,L\n70,71,L\n".write(toFile: events, atomically: true, encoding: .utf8)
        let outcome = await runPLM(["score", events, "--lights-off=-1e23", "--lights-on", "200", "--quiet"])
        #expect(outcome.exitCode == 64, "\(outcome.message)")
        #expect(outcome.message.contains("--lights-off"), "\(outcome.message)")
        #expect(outcome.message.contains("-1e+23"), "\(outcome.message)")
    }

    @Test("plm evaluate with \"plmIndex\": 1e19 in the report: exit 65 naming the key, no trap")
    func hugeReportIndex() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truth = folder.file("ref.csv")
        try "onset_s,offset_s,side\n10,11,L\n30,31,L\n".write(toFile: truth, atomically: true, encoding: .utf8)
        let report = folder.file("r.json")
        try """
            {"schema": "plm-report/1", "legMovements": [{"side": "left", "onsetS": 10, "offsetS": 11}],
             "indices": {"plmIndex": 1e19}}
            """.write(toFile: report, atomically: true, encoding: .utf8)
        let outcome = await runPLM(["evaluate", "--truth", truth, "--report", report])
        #expect(outcome.exitCode == 65, "\(outcome.message)")
        #expect(outcome.message.contains("indices.plmIndex"), "\(outcome.message)")
        #expect(outcome.message.contains(report), "\(outcome.message)")
    }

    @Test("plm inspect --units g of a 0.07 g file: read, with a warning carrying the magnitude")
    func explicitUnitsWin() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("ax6-excerpt.csv")
        // 2 s at 100 Hz, magnitude sqrt(0.03^2 + 0.02^2 + 0.06^2) = 0.07 g exactly.
        var text = "time,x,y,z\n"
        for k in 0..<200 {
            let ms = k * 10
            text += "2026-01-01T00:00:\(ms / 1000 < 10 ? "0" : "")\(ms / 1000).\(String(format: "%03d", ms % 1000)),0.03,0.02,0.06\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = await runPLM(["inspect", path, "--json"])
        #expect(refused.exitCode == 65, "without --units the gravity check still refuses: \(refused.message)")
        let (outcome, output) = try await StandardOutputCapture.shared.capture(in: folder) {
            await runPLM(["inspect", path, "--units", "g"])
        }
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let shown = String(decoding: output, as: UTF8.self)
        #expect(shown.contains("unitWarning"), "\(shown)")
        #expect(shown.contains("0.07 g"), "\(shown)")
    }
}
