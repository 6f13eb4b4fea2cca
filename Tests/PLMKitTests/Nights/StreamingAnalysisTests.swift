import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// The multi-night analysis of files streamed in chunks (never read whole) against the same files
/// read whole (the reference), and the proof that what it holds at once is bounded by the nights.
@Suite("Recording analyzer, streamed files")
struct StreamingAnalysisTests {
    /// Two 3.25-h nights with days between, written as generic CSV.gz at 20 Hz (8.75 h per leg).
    static func writeRecording(in folder: TemporaryFolder) throws -> (WrittenNight, SimulatedMultiDay) {
        let settings = MultiDaySettings(
            segments: [
                .day(hours: 0.75), .night(hours: 3.25, profile: .moderate), .day(hours: 1),
                .night(hours: 3.25, profile: .mild), .day(hours: 0.5),
            ], sampleRateHz: 20, seed: 8)
        let sim = try MultiDaySimulator.simulate(settings)
        return (try MultiDayWriter.write(sim, toDirectory: folder.file("sim"), layout: .generic, gzip: true), sim)
    }

    @Test("Streamed = read whole: the same summary and night reports, byte for byte; samples held at once bounded by the nights")
    func streamedEqualsWholeAndIsBounded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (written, _) = try Self.writeRecording(in: folder)
        let request = RecordingAnalysisRequest(
            night: AnalysisRequest(legs: [.init(side: .left, path: written.leftPath), .init(side: .right, path: written.rightPath)]))

        let probe = SampleHoldingProbe()
        let streamed = try StreamedVersusWhole.expectStreamedEqualsWhole(request, probe: probe)
        #expect(streamed.summary.nights.count == 2)
        // Held at once: bounded by the nights (8.75 h per leg, the longest night 3.5 h or so).
        StreamedVersusWhole.expectHeldSamplesBounded(streamed, probe: probe, sampleRateHz: 20)
    }

    @Test("Epochs along the survey are kept only when they hold: a leg with a zero-fill run gets its own epoch pass; streamed = read whole")
    func epochsAlongTheSurveyOnlyWhenNothingIsExcluded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let settings = MultiDaySettings(
            segments: [.day(hours: 0.5), .night(hours: 3.25, profile: .mild), .day(hours: 0.5)], sampleRateHz: 20, seed: 4)
        let written = try MultiDayWriter.write(
            try MultiDaySimulator.simulate(settings), toDirectory: folder.file("sim"), layout: .generic)
        // 200 rows of 0,0,0 in the left leg's night (a zero fill: excluded from scoring, and from the epochs).
        var lines = try String(contentsOfFile: written.leftPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for k in 60_000..<60_200 {
            let time = lines[k].split(separator: ",")[0]
            lines[k] = "\(time),0,0,0"
        }
        try lines.joined(separator: "\n").write(toFile: written.leftPath, atomically: true, encoding: .utf8)

        let request = RecordingAnalysisRequest(
            night: AnalysisRequest(legs: [.init(side: .left, path: written.leftPath), .init(side: .right, path: written.rightPath)]))
        let offsets = try #require(LegSource.plannedOffsets(request.night.legs, options: ReadOptions()))
        let left = try LegSource.open(request.night.legs[0], options: ReadOptions(), epochOffsetS: offsets[.left])
        let right = try LegSource.open(request.night.legs[1], options: ReadOptions(), epochOffsetS: offsets[.right])
        #expect(left.facts.defects.map(\.kind) == [.zeroFill])
        #expect(left.surveyEpochs == nil)
        #expect(right.facts.defects.isEmpty)
        #expect(right.surveyEpochs != nil)

        let streamed = try StreamedVersusWhole.expectStreamedEqualsWhole(request)
        #expect(streamed.summary.nights.count == 1)
    }
}
