import Foundation
import PLMTestSupport
import Testing

@testable import PLMCommands

/// `plm batch`: argument parsing, usage errors, and one small batch through the command.
@Suite("plm batch", .serialized)
struct BatchCommandTests {
    @Test("the manifest form is the default subcommand; run, collect and export parse")
    func parsing() throws {
        let start = try PLMCommand.parseAsRoot(["batch", "cohort.csv", "--out", "results", "--jobs", "3", "--retry-failed"])
        let parsed = try #require(start as? BatchStartCommand)
        #expect(parsed.input == "cohort.csv")
        #expect(parsed.running.jobs == 3)
        #expect(parsed.running.retryFailed)
        let shard = try #require(try PLMCommand.parseAsRoot(["batch", "run", "m.csv", "--out", "o", "--shard", "2", "--of", "5"]) as? BatchRunCommand)
        #expect(shard.shard == 2 && shard.of == 5)
        #expect(try PLMCommand.parseAsRoot(["batch", "collect", "o"]) is BatchCollectCommand)
        #expect(try PLMCommand.parseAsRoot(["batch", "export", "o", "--csv", "n.csv"]) is BatchExportCommand)
    }

    @Test("usage errors exit 64")
    func usageErrors() async {
        #expect(await runPLM(["batch", "m.csv", "--out", "o", "--partition", "short"]).exitCode == 64)
        #expect(await runPLM(["batch", "run", "m.csv", "--out", "o", "--shard", "5", "--of", "5"]).exitCode == 64)
        #expect(await runPLM(["batch", "m.csv", "--out", "o", "--jobs", "0"]).exitCode == 64)
    }

    @Test("a batch with a failed recording exits 65; export writes one row per done night")
    func smallBatch() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try GenericTestCSV(rows: 6000).write(to: folder.file("left.csv"))
        // The recording runs 23:00:00-23:02:00: with lights it is one night.
        try "id,left,lights_off,lights_on\ngood,left.csv,2026-03-01T23:00:05+01:00,2026-03-01T23:01:55+01:00\nbad,absent.csv,,\n".write(toFile: folder.file("m.csv"), atomically: true, encoding: .utf8)
        let out = folder.file("out")
        let (outcome, _) = try await StandardOutputCapture.shared.capture(in: folder) {
            await runPLM(["batch", folder.file("m.csv"), "--out", out, "--quiet"])
        }
        #expect(outcome.exitCode == 65)
        #expect(FileManager.default.fileExists(atPath: out + "/good/report.json"))
        let (exported, _) = try await StandardOutputCapture.shared.capture(in: folder) {
            await runPLM(["batch", "export", out, "--csv", folder.file("nights.csv")])
        }
        #expect(exported.exitCode == 0, "\(exported.message)")
        let csv = try String(contentsOfFile: folder.file("nights.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("good,1,2026-03-01,lights,2026-03-01T23:00:05") == true, "\(lines.last ?? "")")
        #expect(await runPLM(["batch", "export", folder.file("nowhere"), "--csv", folder.file("x.csv")]).exitCode == 66)
    }
}
