import PLMCore
import PLMReaders

extension EpochAccumulator {
    /// The per-minute epochs of a whole recording placed `offsetS` seconds after the time line's
    /// start. Samples inside defects the reader excludes from scoring (gaps have none; fills,
    /// clipping, bad times) are left out, never filled.
    public static func epochs(
        of recording: AccelerationRecording, offsetS: Double, rules: InBedRules = .standard
    ) -> [MinuteEpoch] {
        var builder = LegEpochBuilder(defects: recording.defects, offsetS: offsetS, rules: rules)
        recording.withSampleChunk { builder.add($0) }
        return builder.finish()
    }
}

/// One leg's epochs built from its samples chunk by chunk (a streaming reader's chunks, or a whole
/// recording as one chunk): the same epochs whatever the chunking.
public struct LegEpochBuilder: Sendable {
    private var accumulator: EpochAccumulator
    private let offsetS: Double
    /// Sample ranges of the defects excluded from scoring, by start.
    private let excluded: [Range<Int>]
    private var next = 0

    /// - Parameters:
    ///   - defects: the file's defects (their sample ranges are left out).
    ///   - offsetS: seconds from the time line's start to the file's first sample.
    public init(defects: [RecordingDefect], offsetS: Double, rules: InBedRules = .standard) {
        accumulator = EpochAccumulator(rules: rules)
        self.offsetS = offsetS
        excluded = defects.filter { $0.excludesFromScoring && !$0.sampleRange.isEmpty }
            .map(\.sampleRange).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Adds the next chunk (chunks in file order).
    public mutating func add(_ chunk: SampleChunk) {
        let end = chunk.firstSample + chunk.count
        var i = chunk.firstSample
        while i < end {
            while next < excluded.count, excluded[next].upperBound <= i { next += 1 }
            if next < excluded.count, excluded[next].contains(i) {
                i = excluded[next].upperBound
                continue
            }
            let k = i - chunk.firstSample
            accumulator.add(
                timeS: offsetS + chunk.timeS(at: k), x: Double(chunk.x[k]), y: Double(chunk.y[k]), z: Double(chunk.z[k]))
            i += 1
        }
    }

    /// The epochs, once every chunk is in.
    public mutating func finish() -> [MinuteEpoch] {
        accumulator.finish()
        return accumulator.epochs
    }
}
