import Foundation
import PLMNights

/// One leg's samples for the multi-night analysis: a text file streamed in chunks (never held
/// whole), or a recording in memory (a binary file read whole, or a test's recording).
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

    /// A recording already in memory.
    init(side: LegSide, path: String, recording: AccelerationRecording) {
        self.side = side
        self.path = path
        facts = RecordingFacts(recording)
        storage = .memory(recording)
    }

    /// Opens a file: a text file is surveyed (its defects found) in streaming passes, a binary
    /// file is read whole.
    static func open(_ input: AnalysisRequest.LegInput, options: ReadOptions) throws -> LegSource {
        guard try ChunkedRecordingReader.isStreamable(path: input.path, options: options) else {
            return LegSource(
                side: input.side, path: input.path, recording: try RecordingReader.read(path: input.path, options: options))
        }
        let facts = try ChunkedRecordingReader.survey(path: input.path, options: options)
        return LegSource(side: input.side, path: input.path, facts: facts, storage: .file(options))
    }

    private init(side: LegSide, path: String, facts: RecordingFacts, storage: Storage) {
        self.side = side
        self.path = path
        self.facts = facts
        self.storage = storage
    }

    /// The leg's per-minute epochs, `offsetS` after the time line's start (one streaming pass).
    func epochs(offsetS: Double, rules: InBedRules, probe: SampleHoldingProbe?) throws -> [MinuteEpoch] {
        switch storage {
        case .memory(let recording):
            return EpochAccumulator.epochs(of: recording, offsetS: offsetS, rules: rules)
        case .file(let options):
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

    /// The samples in `[fromS, toS)` (seconds since the file's first sample) and the time of the
    /// first of them (see ``AccelerationRecording/slice(fromS:toS:)``).
    func window(fromS: Double, toS: Double) throws -> (recording: AccelerationRecording, firstSampleS: Double) {
        switch storage {
        case .memory(let recording):
            let first = recording.firstSample(atOrAfter: fromS)
            let t0 = first < recording.sampleCount ? recording.timeS(ofSample: first) : max(0, fromS)
            return (recording.slice(fromS: fromS, toS: toS), t0)
        case .file(let options):
            return try ChunkedRecordingReader.window(path: path, options: options, facts: facts, fromS: fromS, toS: toS)
        }
    }
}

/// Counts the samples the multi-night analysis holds at once (chunks in flight, nights' windows),
/// for tests that prove memory stays bounded without timing anything.
final class SampleHoldingProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var held = 0
    private var peak = 0

    func hold(_ samples: Int) {
        lock.lock()
        held += samples
        peak = max(peak, held)
        lock.unlock()
    }

    func release(_ samples: Int) {
        lock.lock()
        held -= samples
        lock.unlock()
    }

    /// Most samples held at once so far.
    var peakSamples: Int {
        lock.lock()
        defer { lock.unlock() }
        return peak
    }
}

/// Runs `body` for each index on its own thread (at most the machine's cores) and returns the
/// results in index order; the first failure in index order is thrown, so messages do not depend on
/// which leg finished first.
func concurrentlyInOrder<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
    let results = _OrderedResults<T>(count: count)
    withoutActuallyEscaping(body) { body in
        let task = _UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            results.set(k, Result { try task.value(k) })
        }
    }
    return try results.values()
}

/// The results of ``concurrentlyInOrder(_:_:)``, written under a lock.
private final class _OrderedResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ result: Result<T, any Error>) {
        lock.lock()
        results[k] = result
        lock.unlock()
    }

    func values() throws -> [T] {
        try results.map { result -> T in
            guard let result else { throw AnalysisError("internal: a leg's task did not run", exitStatus: .software) }
            return try result.get()
        }
    }
}

/// A value handed to `concurrentPerform` (which runs it before returning).
private struct _UncheckedSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
}
