import PLMTestSupport
import Testing

@testable import PLMKit

/// The checks shared by the streamed-analysis tests: the streamed multi-night analysis of files
/// against the same files read whole (the reference), and the bound on what it holds at once.
enum StreamedVersusWhole {
    /// Analyses `request` streamed (with `probe`) and from the files read whole, expects the
    /// summary and every night's report to be byte-identical, and returns the streamed result.
    static func expectStreamedEqualsWhole(
        _ request: RecordingAnalysisRequest, probe: SampleHoldingProbe? = nil
    ) throws -> RecordingAnalysis {
        let streamed = try RecordingAnalyzer.analyzeFiles(request, probe: probe)
        let whole = try RecordingAnalyzer.analyze(
            request,
            recordings: try request.night.legs.map {
                RecordingAnalyzer.LegRecording(side: $0.side, path: $0.path, recording: try RecordingReader.read(path: $0.path))
            })
        #expect(try streamed.summary.jsonData() == whole.summary.jsonData())
        #expect(streamed.nights.count == whole.nights.count)
        for (a, b) in zip(streamed.nights, whole.nights) {
            #expect(try a.analysis.report.jsonData() == b.analysis.report.jsonData(), "night \(a.label)")
        }
        return streamed
    }

    /// Expects the samples held at once to stay within a chunk per leg (epoch pass) or one night's
    /// window per leg (its span plus the one-minute margins each side, +1 sample for the edges), and
    /// under half of the recording.
    static func expectHeldSamplesBounded(
        _ streamed: RecordingAnalysis, probe: SampleHoldingProbe, sampleRateHz: Double
    ) {
        let legs = 2.0
        let longestNightS = streamed.summary.nights.map { $0.inBed.endS - $0.inBed.startS }.max() ?? 0
        let nightBound = Int(legs * ((longestNightS + 2 * RecordingAnalyzer.nightMarginS) * sampleRateHz + 1))
        let chunkBound = 2 * ChunkedRecordingReader.defaultChunkSamples
        let totalSamples = streamed.summary.recording.legs.map(\.samples).reduce(0, +)
        #expect(probe.peakSamples > 0)
        #expect(probe.peakSamples <= max(nightBound, chunkBound), "peak \(probe.peakSamples), night bound \(nightBound)")
        #expect(Double(probe.peakSamples) < 0.5 * Double(totalSamples), "peak \(probe.peakSamples) of \(totalSamples)")
    }
}
