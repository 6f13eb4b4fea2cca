import Foundation
import Testing

@testable import PLMKit
import PLMTestSupport

/// What NightAnalyzer throws for requests and files it cannot use: the message names the file
/// (and line and column), and the error carries its sysexits status.
@Suite("NightAnalyzer errors")
struct AnalysisErrorTests {
    @Test("A missing input file: exit 66, the message names the path")
    func missingFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.file("no-such-night/left.csv")
        await #expect {
            _ = try await NightAnalyzer.analyze(AnalysisRequest(legs: [.init(side: .left, path: missing)]))
        } throws: { error in
            guard let e = error as? any PipelineError else { return false }
            return e.exitStatus.rawValue == 66 && e.description.contains(missing)
        }
    }

    @Test("The first failing leg in request order is reported, whichever finishes first")
    func firstFailingLeg() async throws {
        let night = try TwoLegTestNight()
        defer { night.folder.remove() }
        let missing = night.folder.file("missing-right.csv")
        await #expect {
            _ = try await NightAnalyzer.analyze(
                AnalysisRequest(legs: [.init(side: .left, path: night.leftPath), .init(side: .right, path: missing)]))
        } throws: { error in
            (error as? any PipelineError)?.description.contains(missing) == true
        }
    }

    /// Line 1 is the header, line k holds the sample at (k - 2) / 50 s: line 52 is 23:00:01.000.
    @Test("A malformed value: exit 65, the message names file, line 52 and column 3")
    func malformedRow() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("left.csv")
        var lines = SyntheticAnkleCSV(durationS: 60, seed: 5).csv().split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        try #require(lines.count > 52)
        #expect(lines[51].hasPrefix("2026-03-01T23:00:01.000+01:00,"))
        lines[51] = "2026-03-01T23:00:01.000+01:00,0.01,abc,0.98"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        await #expect {
            _ = try await NightAnalyzer.analyze(AnalysisRequest(legs: [.init(side: .left, path: path)]))
        } throws: { error in
            guard let e = error as? ReadError else { return false }
            return e.exitStatus.rawValue == 65 && e.line == 52 && e.column == 3
                && e.description.contains("\(path):52:3") && e.description.contains("abc")
        }
    }

    @Test("No leg, or two files for one leg: usage errors (64)")
    func badLegLists() async throws {
        await #expect {
            _ = try await NightAnalyzer.analyze(AnalysisRequest(legs: []))
        } throws: { error in
            (error as? AnalysisError)?.exitStatus.rawValue == 64
        }
        await #expect {
            _ = try await NightAnalyzer.analyze(
                AnalysisRequest(legs: [.init(side: .left, path: "/a.csv"), .init(side: .left, path: "/b.csv")]))
        } throws: { error in
            guard let e = error as? AnalysisError else { return false }
            return e.exitStatus.rawValue == 64 && e.description.contains("one file per leg")
        }
    }
}
