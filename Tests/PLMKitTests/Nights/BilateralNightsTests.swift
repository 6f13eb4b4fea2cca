import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// The bilateral-partner search (``LegMovementDetector/withBilateralPartners(_:)``, branch
/// `bilat6`) on the detected-nights path (``LegSource/forEachNight(_:spans:alignment:detector:probe:body:)``)
/// as on the one-night path (``NightAnalyzer/readAndDetect(_:progress:)``).
@Suite("Bilateral partners on the nights path")
struct BilateralNightsTests {
    /// One hour of `plm simulate --condition hard-8bit` (8-bit +-4 g, 20 Hz, 9 mg; seed 517, the
    /// accuracy floor's night) as files, scored once with lights off/on at the recording's ends and
    /// once as a diary night over the same window (its slices, widened by the night margin, are the
    /// whole files): the partner search adds movements on this night, and both paths give the same
    /// movements.
    @Test("An 8-bit night: the diary night's movements are the one-night analysis's, partners included")
    func partnersOnBothPaths() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let night = try NightSimulator.simulate(
            SimulationSettings(profile: .moderate, condition: .hard8Bit, durationH: 1, seed: 517))
        let written = try NightWriter.write(night, toDirectory: folder.file("night"), layout: .generic, units: .g)
        let legs: [AnalysisRequest.LegInput] = [
            .init(side: .left, path: written.leftPath), .init(side: .right, path: written.rightPath),
        ]
        let recordings = try legs.map { try RecordingReader.read(path: $0.path) }
        let start = try #require(recordings[0].start)
        #expect(recordings.allSatisfy { $0.start == start })
        let endS = recordings.map(\.durationS).max() ?? 0
        let lightsOff = start.iso8601, lightsOn = start.adding(seconds: endS).iso8601

        // The search matters on this night: some leg's detection gains movements.
        let detector = LegMovementDetector(settings: DetectionSettings())
        let alone = zip(legs, recordings).map { detector.detect($1, side: $0.side) }
        let both = detector.withBilateralPartners(
            zip(recordings, alone).map { BilateralLeg(recording: $0, detection: $1, offsetS: 0) })
        #expect(zip(alone, both).contains { $0.movements != $1.movements }, "the partner search found nothing")

        let one = try await NightAnalyzer.analyze(AnalysisRequest(legs: legs, lightsOff: lightsOff, lightsOn: lightsOn))
        let diary = folder.file("diary.csv")
        try "night,lights_off,lights_on\nn,\(lightsOff),\(lightsOn)\n"
            .write(toFile: diary, atomically: true, encoding: .utf8)
        let nights = try RecordingAnalyzer.analyzeFiles(
            RecordingAnalysisRequest(night: AnalysisRequest(legs: legs), diaryPath: diary))
        let multi = try #require(nights.nights.first?.analysis.report)
        #expect(nights.nights.count == 1)
        func movements(_ report: PLMReport) -> [String] {
            report.candidateMovements.map { "\($0.side) \($0.onsetS) \($0.offsetS) \($0.componentCount)" }
        }
        #expect(abs(multi.analysisWindow.startS - one.report.analysisWindow.startS) < 1e-6)
        #expect(abs(multi.analysisWindow.endS - one.report.analysisWindow.endS) < 1e-6)
        #expect(movements(multi) == movements(one.report))
        // Both are the legs' detections with the partners.
        #expect(multi.candidateMovements.map(\.componentCount).reduce(0, +) == both.flatMap(\.movements).count)
    }
}
