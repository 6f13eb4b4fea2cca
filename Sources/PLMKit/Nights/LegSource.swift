import Foundation
import PLMNights

/// One leg's samples for the multi-night analysis: a file streamed in chunks (text or binary,
/// never held whole), or a recording in memory (a file the chunked reader cannot stream, or a
/// test's recording).
struct LegSource: Sendable {
    enum Storage: Sendable {
        case memory(AccelerationRecording)
        case file(ReadOptions)
    }

    var side: LegSide
    var path: String
    /// Everything but the samples: clock, rate, sample count, defects.
    var facts: RecordingFacts
    var storage: Storage
    /// Epochs built along the survey's defect pass and the offset they were built for (see
    /// ``open(_:options:epochOffsetS:rules:probe:)``).
    var surveyEpochs: (offsetS: Double, epochs: [MinuteEpoch])?

    /// A recording already in memory.
    init(side: LegSide, path: String, recording: AccelerationRecording) {
        self.side = side
        self.path = path
        facts = RecordingFacts(recording)
        storage = .memory(recording)
    }

    /// Opens a file: surveyed (its defects found) in streaming passes when the chunked reader can
    /// stream it (text and binary files), else read whole.
    /// - Parameter epochOffsetS: where the file's first sample is expected on the time line (from
    ///   ``plannedOffsets(_:options:)``): the per-minute epochs are then built along the survey's
    ///   defect pass, and ``epochs(offsetS:rules:probe:)`` uses them when they hold (same offset, no
    ///   sample excluded) instead of a pass of its own.
    static func open(
        _ input: AnalysisRequest.LegInput, options: ReadOptions, epochOffsetS: Double? = nil, rules: InBedRules = .standard,
        probe: SampleHoldingProbe? = nil
    ) throws -> LegSource {
        guard try ChunkedRecordingReader.isStreamable(path: input.path, options: options) else {
            return LegSource(
                side: input.side, path: input.path, recording: try RecordingReader.read(path: input.path, options: options))
        }
        guard let epochOffsetS else {  // binary files: no planned offset, epochs in a pass of their own
            let facts = try ChunkedRecordingReader.survey(path: input.path, options: options)
            return LegSource(side: input.side, path: input.path, facts: facts, storage: .file(options))
        }
        var builder = LegEpochBuilder(defects: [], offsetS: epochOffsetS, rules: rules)
        var defectPassRateHz = 0.0
        let facts = try ChunkedRecordingReader.survey(path: input.path, options: options) { chunk in
            probe?.hold(chunk.count)
            builder.add(chunk)
            probe?.release(chunk.count)
            defectPassRateHz = chunk.sampleRateHz
        }
        var source = LegSource(side: input.side, path: input.path, facts: facts, storage: .file(options))
        // The epochs hold when no sample is to be left out and the times were the file's.
        let excludesSamples = facts.defects.contains { $0.excludesFromScoring && !$0.sampleRange.isEmpty }
        if !excludesSamples && (facts.hasSampleTimes || defectPassRateHz == facts.sampleRateHz) {
            source.surveyEpochs = (epochOffsetS, builder.finish())
        }
        return source
    }

    /// Where each leg's first sample lies on the legs' time line, from the first rows of the text
    /// files alone (``ChunkedRecordingReader/firstSampleClock(path:options:)``); nil when a file is
    /// binary or its first rows cannot be read (the survey then says what is wrong).
    static func plannedOffsets(_ legs: [AnalysisRequest.LegInput], options: ReadOptions) -> [LegSide: Double]? {
        var clocks: [(side: LegSide, path: String, start: RecordingClockTime?)] = []
        for leg in legs.sorted(by: { $0.side == .left && $1.side == .right }) {
            guard (try? ChunkedRecordingReader.isStreamable(path: leg.path, options: options)) == true,
                let start = try? ChunkedRecordingReader.firstSampleClock(path: leg.path, options: options)
            else { return nil }
            clocks.append((leg.side, leg.path, start))
        }
        return (try? RecordingAlignment(clocks: clocks))?.offsetS
    }

    private init(side: LegSide, path: String, facts: RecordingFacts, storage: Storage) {
        self.side = side
        self.path = path
        self.facts = facts
        self.storage = storage
    }

    /// The leg's per-minute epochs, `offsetS` after the time line's start (those built along the
    /// survey when they hold, else one streaming pass).
    func epochs(offsetS: Double, rules: InBedRules, probe: SampleHoldingProbe?) throws -> [MinuteEpoch] {
        switch storage {
        case .memory(let recording):
            return EpochAccumulator.epochs(of: recording, offsetS: offsetS, rules: rules)
        case .file(let options):
            if let survey = surveyEpochs, survey.offsetS == offsetS { return survey.epochs }
            var builder = LegEpochBuilder(defects: facts.defects, offsetS: offsetS, rules: rules)
            try ChunkedRecordingReader.forEachChunk(path: path, options: options, sampleRateHz: facts.sampleRateHz) { chunk in
                probe?.hold(chunk.count)
                builder.add(chunk)
                probe?.release(chunk.count)
                return true
            }
            return builder.finish()
        }
    }
}

/// Counts the samples the multi-night analysis holds at once (chunks in flight, nights' windows),
/// for tests that prove memory stays bounded without timing anything.
final class SampleHoldingProbe: Sendable {
    private let samples = LockedValue((held: 0, peak: 0))

    func hold(_ count: Int) {
        samples.withLock { s in
            s.held += count
            s.peak = max(s.peak, s.held)
        }
    }

    func release(_ count: Int) {
        samples.withLock { $0.held -= count }
    }

    /// Most samples held at once so far.
    var peakSamples: Int {
        samples.withLock { $0.peak }
    }
}
