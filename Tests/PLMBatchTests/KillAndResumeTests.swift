import Foundation
import PLMKit
import Testing
@testable import PLMBatch

#if canImport(Glibc)
import Glibc
#endif

/// Kills a real `plm batch` process (the built executable, as a subprocess) in the middle of a
/// batch with SIGKILL and reruns it: every recording ends up in the database exactly once, nothing
/// finished before the kill is analysed again, and every report in the folder agrees with its row.
@Suite struct KillAndResumeTests {
    /// The `plm` executable built beside the test bundle (`swift test` builds every product).
    static func plmExecutable() -> String? {
        var candidates: [String] = []
        if let argument = CommandLine.arguments.first {
            var folder = BatchManifest.absolute(argument)
            for _ in 0..<4 {
                folder = (folder as NSString).deletingLastPathComponent
                candidates.append((folder as NSString).appendingPathComponent("plm"))
            }
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        candidates.append(packageRoot + "/.build/debug/plm")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.timeLimit(.minutes(3))) func killedBatchResumesWithoutLossOrDuplicates() async throws {
        let plm = try #require(Self.plmExecutable(), "the plm executable was not built beside the tests")
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let count = 6
        _ = try folder.write(shortRecordingCSV(minutes: 12, noiseSeed: 10), to: "data/left.csv")
        _ = try folder.write(shortRecordingCSV(minutes: 12, periodS: 29, noiseSeed: 50), to: "data/right.csv")
        // With lights (the recordings run 23:00-23:12), each recording is one night.
        var lines = "id,left,right,lights_off,lights_on\n"
        for k in 0..<count { lines += "r\(k),data/left.csv,data/right.csv,2026-01-15T23:00:30+01:00,2026-01-15T23:11:30+01:00\n" }
        let manifest = try folder.write(lines, to: "cohort.csv")
        let out = folder.file("out")

        // Start the batch one recording at a time and kill it once the first results are committed.
        let victim = Process()
        victim.executableURL = URL(fileURLWithPath: plm)
        victim.arguments = ["batch", manifest, "--out", out, "--jobs", "1", "--quiet"]
        victim.standardOutput = FileHandle.nullDevice
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        var finishedAtKill = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            finishedAtKill = resultFiles(out, count: count)
            if finishedAtKill >= 2 || !victim.isRunning { break }
            // A blocking sleep keeps this thread: after `Task.sleep` the loop needs a free thread
            // of the cooperative pool, which the other suites (option fuzzing) can hold for
            // seconds on a 2-core machine while the batch runs to its end.
            usleep(20_000)
        }
        let wasRunning = victim.isRunning
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        try #require(wasRunning, "the batch finished before it could be killed; make the recordings longer")
        finishedAtKill = resultFiles(out, count: count)
        #expect(finishedAtKill >= 2 && finishedAtKill < count)

        // Rerun to the end, in process.
        let summary = try await BatchRunner.run(try BatchManifest.read(path: manifest), options: BatchOptions(outputRoot: out, jobs: 2))
        #expect(summary.done == count)
        #expect(summary.failed == 0)
        #expect(summary.analysed == count - finishedAtKill)
        #expect(summary.unchanged == finishedAtKill)

        let database = try ResultsDatabase(path: out + "/plm.sqlite")
        let counts = try database.counts()
        #expect(counts.recordings == count)
        #expect(counts.nights == count)
        let nights = try database.nights()
        let idColumn = try #require(nights.columns.firstIndex(of: "recordingId"))
        let lmColumn = try #require(nights.columns.firstIndex(of: "lmCount"))
        #expect(nights.rows.map { String.fromDatabaseValue($0[idColumn]) ?? "" } == (0..<count).map { "r\($0)" })
        for row in nights.rows {
            let id = String.fromDatabaseValue(row[idColumn]) ?? ""
            let data = try #require(FileManager.default.contents(atPath: "\(out)/\(id)/report.json"), "\(id)")
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let indices = try #require(report["indices"] as? [String: Any])
            #expect(Int.fromDatabaseValue(row[lmColumn]) == indices["lmCount"] as? Int, "\(id)")
        }
        // No temporary file of an interrupted write is left anywhere in the batch folder.
        let leftovers = FileManager.default.enumerator(atPath: out)?.compactMap { $0 as? String }
            .filter { AtomicFileWriter.isTemporaryFileName(($0 as NSString).lastPathComponent) } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    private func resultFiles(_ out: String, count: Int) -> Int {
        (0..<count).filter { FileManager.default.fileExists(atPath: "\(out)/r\($0)/\(RecordingOutcome.fileName)") }.count
    }
}
