import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// `plm analyze` parsed and run in process: outputs, exit codes and messages.
@Suite("plm analyze")
struct AnalyzeCommandTests {
    @Test("--whole-recording --out DIR writes report.json, report.html and events.csv; exit 0")
    func outputFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let left = folder.file("left.csv"), right = folder.file("right.csv")
        try GenericTestCSV(seed: 1).write(to: left)
        try GenericTestCSV(movementOnsetsS: [45, 75], seed: 2).write(to: right)
        let out = folder.file("report")
        let outcome = await runPLM(["analyze", "--left", left, "--right", right, "--out", out, "--whole-recording", "--quiet"])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        for name in ["report.json", "report.html", "events.csv"] {
            #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(name)), "\(name) missing")
        }
        let data = try #require(FileManager.default.contents(atPath: (out as NSString).appendingPathComponent("report.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["schema"] as? String == "plm-report/1")
        let recording = try #require(root["recording"] as? [String: Any])
        let legs = try #require(recording["legs"] as? [[String: Any]])
        #expect(legs.compactMap { $0["path"] as? String } == [left, right])
        #expect(legs.compactMap { $0["samples"] as? Int } == [6000, 6000])
        // Three 2-s tilts on the left, two on the right, none within 0.5 s of another.
        let movements = try #require(root["legMovements"] as? [[String: Any]])
        #expect(movements.filter { $0["side"] as? String == "left" }.count == 3)
        #expect(movements.filter { $0["side"] as? String == "right" }.count == 2)
    }

    @Test("--json, --html and --events write where they are told")
    func separateOutputs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let left = folder.file("left.csv")
        try GenericTestCSV().write(to: left)
        let json = folder.file("a.json"), html = folder.file("b.html"), events = folder.file("c.csv")
        let outcome = await runPLM(["analyze", "--left", left, "--json", json, "--html", html, "--events", events, "--whole-recording", "--quiet"])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        for path in [json, html, events] { #expect(FileManager.default.fileExists(atPath: path)) }
    }

    @Test("--defect-exclusion reaches the report's settings; the default is noLegRecorded")
    func defectExclusionOption() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let left = folder.file("left.csv")
        try GenericTestCSV().write(to: left)
        for (arguments, expected) in [([String](), "noLegRecorded"), (["--defect-exclusion", "anyLegDefective"], "anyLegDefective")] {
            let json = folder.file("\(expected).json")
            let outcome = await runPLM(["analyze", "--left", left, "--json", json, "--whole-recording", "--quiet"] + arguments)
            #expect(outcome.exitCode == 0, "\(outcome.message)")
            let data = try #require(FileManager.default.contents(atPath: json))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let settings = try #require(root["settings"] as? [String: Any])
            #expect(settings["rules.defectExclusion"] as? String == expected)
        }
    }

    @Test("A missing input file exits 66")
    func missingInput() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await runPLM(["analyze", "--left", folder.file("absent.csv"), "--quiet"])
        #expect(outcome.exitCode == 66)
    }

    @Test("A malformed value exits 65")
    func malformedInput() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("left.csv")
        var lines = GenericTestCSV(rows: 3000).lines
        try #require(lines.count > 52)
        #expect(lines[51].hasPrefix("2026-03-01T23:00:01.000+01:00,"))
        lines[51] = "2026-03-01T23:00:01.000+01:00,0.01,abc,0.98"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = await runPLM(["analyze", "--left", path, "--quiet"])
        #expect(outcome.exitCode == 65)
    }

    @Test("A lights window that is empty or outside the recording exits 64")
    func lightsErrors() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let left = folder.file("left.csv")
        try GenericTestCSV().write(to: left)
        // The file runs 23:00:00 to 23:02:00 (+01:00).
        let empty = await runPLM([
            "analyze", "--left", left, "--lights-off", "2026-03-01T23:01:00+01:00", "--lights-on", "2026-03-01T23:00:30+01:00", "--quiet",
        ])
        #expect(empty.exitCode == 64)
        let outside = await runPLM([
            "analyze", "--left", left, "--lights-off", "2026-03-02T01:00", "--lights-on", "2026-03-02T02:00", "--quiet",
        ])
        #expect(outside.exitCode == 64)
    }

    /// (arguments, text the message must contain): each a usage error, exit 64.
    static let usageErrors: [([String], String)] = [
        (["analyze", "--left", "x.csv", "--format", "nope"], "--format"),
        (["analyze", "--left", "x.csv", "--rules", "nope"], "--rules"),
        (["analyze", "--left", "x.csv", "--defect-exclusion", "never"], "--defect-exclusion"),
        (["bench", "--defect-exclusion", "any"], "--defect-exclusion"),
        (["analyze", "--left", "x.csv", "--units", "furlongs"], "--units"),
        (["analyze", "--left", "x.csv", "--frobnicate"], "--frobnicate"),
        (["analyze", "--quiet"], "--left"),
        (["analyze", "--left"], "--left"),
        (["score", "e.csv", "--rules", "nope"], "--rules"),
        (["score", "e.csv", "--lights-off", "20", "--lights-on", "10"], "--lights-on"),
        (["inspect", "x.csv", "--format", "nope"], "--format"),
        (["nosuchcommand"], "nosuchcommand"),
    ]

    @Test("Bad options are usage errors (64) whose message names the option", arguments: usageErrors)
    func usageError(arguments: [String], mentions: String) async {
        let outcome = await runPLM(arguments)
        #expect(outcome.exitCode == 64)
        #expect(outcome.message.contains(mentions), "message: \(outcome.message)")
    }
}
