import Foundation
import Testing

@testable import PLMCommands
import PLMTestSupport

/// `plm bench` failures, parsed and run in process (nothing is written to standard output).
@Suite("plm bench")
struct BenchCommandTests {
    @Test("A missing folder exits 66")
    func missingFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await runPLM(["bench", folder.file("absent"), "--out", folder.file("out")])
        #expect(outcome.exitCode == 66)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out/bench.json")))
    }

    @Test("A folder without nights exits 65")
    func folderWithoutNights() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let empty = folder.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try "x\n".write(toFile: (empty as NSString).appendingPathComponent("left.csv"), atomically: true, encoding: .utf8)
        let outcome = await runPLM(["bench", empty, "--out", folder.file("out")])
        #expect(outcome.exitCode == 65)
    }

    @Test("An unknown rule profile exits 64")
    func badRules() async {
        let outcome = await runPLM(["bench", "/nonexistent", "--rules", "nope"])
        #expect(outcome.exitCode == 64)
        #expect(outcome.message.contains("--rules"))
    }
}
