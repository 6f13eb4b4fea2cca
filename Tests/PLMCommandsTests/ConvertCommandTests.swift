import Foundation
import PLMKit
import PLMTestSupport
import Testing

@testable import PLMCommands

/// `plm convert FILE --out OUT.csv[.gz]`, run in process.
@Suite("plm convert", .serialized)
struct ConvertCommandTests {
    /// `../shared/corpus` beside the repository, when it exists.
    static var corpus: String? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = repo.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test("A generic CSV converts to rows that read back as the same samples, byte-identical on a second run")
    func roundTrip() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = folder.file("left.csv")
        try GenericTestCSV(rows: 1500).write(to: input)
        let out = folder.file("out.csv.gz"), again = folder.file("again.csv.gz")
        for path in [out, again] {
            let outcome = await runPLM(["convert", input, "--out", path])
            #expect(outcome.exitCode == 0, "\(outcome.message)")
        }
        #expect(FileManager.default.contents(atPath: out) == FileManager.default.contents(atPath: again))
        let original = try RecordingReader.read(path: input)
        let converted = try RecordingReader.read(path: out)
        #expect(converted.sampleCount == original.sampleCount)
        for i in 0..<original.sampleCount {
            #expect(abs(Double(converted.x[i]) - Double(original.x[i])) <= 5e-7 + 1e-7)
            #expect(abs(converted.timeS(ofSample: i) - original.timeS(ofSample: i)) <= 0.0005 + 1e-9)
        }
        #expect(converted.start?.utcOffsetS == 3600)  // the input's +01:00 kept
    }

    @Test("Missing values stay empty fields: nothing is filled")
    func missingValuesStayEmpty() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = folder.file("gaps.csv")
        var text = "timestamp,x,y,z\n"
        for i in 0..<40 { text += "2026-03-01T23:00:\(String(format: "%02d", i / 10)).\(i % 10)00Z,0.1,\(i == 7 ? "" : "0.2"),0.97\n" }
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let out = folder.file("out.csv")
        #expect(await runPLM(["convert", input, "--out", out]).exitCode == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines[8] == "2026-03-01T23:00:00.700+00:00,0.100000,,0.970000")
    }

    @Test("The output may not replace the input (exit 65); a missing input exits 66")
    func refusals() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = folder.file("left.csv")
        try GenericTestCSV(rows: 100).write(to: input)
        let before = FileManager.default.contents(atPath: input)
        #expect(await runPLM(["convert", input, "--out", input]).exitCode == 65)
        #expect(FileManager.default.contents(atPath: input) == before)
        #expect(await runPLM(["convert", folder.file("absent.cwa"), "--out", folder.file("o.csv")]).exitCode == 66)
    }

    @Test("A .gt3x with idle sleep: its rows are absent, not filled", .enabled(if: corpus != nil))
    func idleSleepRowsAreAbsent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("ism.csv")
        let outcome = await runPLM(["convert", try #require(Self.corpus) + "/pygt3x/ISM_Enabled.gt3x", "--out", out])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        // pygt3x reads 2190 samples from the records (9000 rows with its idle-sleep fill).
        #expect(lines.count == 1 + 2190)
        #expect(lines[1] == "2021-03-19T15:57:00.000-05:00,0.019531,0.015625,1.035156")
    }

    @Test("plm analyze reads a GENEActiv .bin: its body location reaches the report's recording block", .enabled(if: corpus != nil))
    func binaryLocationReachesTheReport() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let json = folder.file("report.json")
        let input = try #require(Self.corpus) + "/geneactiv_reader/left_ankle_example.bin"
        let outcome = await runPLM(["analyze", "--left", input, "--json", json, "--quiet"])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let data = try #require(FileManager.default.contents(atPath: json))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let legs = try #require((root["recording"] as? [String: Any])?["legs"] as? [[String: Any]])
        #expect(legs.first?["layout"] as? String == "geneactiv-bin")
        #expect((legs.first?["metadata"] as? [String: Any])?["location"] as? String == "left ankle")
        let defects = legs.first?["defects"] as? [[String: Any]] ?? []
        #expect(defects.contains { $0["kind"] as? String == "corruptBlock" })  // the truncated tail
    }
}
