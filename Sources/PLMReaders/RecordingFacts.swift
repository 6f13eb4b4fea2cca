import PLMCore

/// Everything known about a recording except its samples: what a streaming reader learns in its
/// first passes over a file (``ChunkedRecordingReader/survey(path:options:)``), and what a whole
/// ``AccelerationRecording`` says about itself. The defects are the reader's, exactly as
/// ``RecordingReader/read(path:options:progress:)`` reports them, with file lines.
public struct RecordingFacts: Sendable {
    public var path: String
    public var layout: RecordingLayout
    /// Clock time of the first sample, when the file states it.
    public var start: RecordingClockTime?
    public var declaredRateHz: Double?
    /// Rate used for signal processing, Hz (see ``AccelerationRecording/sampleRateHz``).
    public var sampleRateHz: Double
    public var measuredRateHz: Double?
    /// Samples (rows) in the file.
    public var sampleCount: Int
    /// Time of the last sample, seconds since the first one (0 without samples).
    public var lastSampleTimeS: Double
    /// Whether the file has per-sample times (else sample `i` is at `i / sampleRateHz`).
    public var hasSampleTimes: Bool
    /// Every defect, in time order, as the whole-file reader reports them.
    public var defects: [RecordingDefect]
    public var metadata: [(key: String, value: String)]
    public var layoutReason: String

    /// Seconds from the first to the last sample plus one sample period.
    public var durationS: Double { sampleCount > 0 ? lastSampleTimeS + 1 / sampleRateHz : 0 }

    /// The facts of a recording held in memory.
    public init(_ recording: AccelerationRecording) {
        path = recording.path
        layout = recording.layout
        start = recording.start
        declaredRateHz = recording.declaredRateHz
        sampleRateHz = recording.sampleRateHz
        measuredRateHz = recording.measuredRateHz
        sampleCount = recording.sampleCount
        lastSampleTimeS = recording.sampleCount > 0 ? recording.timeS(ofSample: recording.sampleCount - 1) : 0
        hasSampleTimes = recording.sampleTimesS != nil
        defects = recording.defects
        metadata = recording.metadata
        layoutReason = recording.layoutReason
    }

    init(
        path: String, layout: RecordingLayout, start: RecordingClockTime?, declaredRateHz: Double?, sampleRateHz: Double,
        measuredRateHz: Double?, sampleCount: Int, lastSampleTimeS: Double, hasSampleTimes: Bool,
        defects: [RecordingDefect], metadata: [(key: String, value: String)], layoutReason: String
    ) {
        self.path = path
        self.layout = layout
        self.start = start
        self.declaredRateHz = declaredRateHz
        self.sampleRateHz = sampleRateHz
        self.measuredRateHz = measuredRateHz
        self.sampleCount = sampleCount
        self.lastSampleTimeS = lastSampleTimeS
        self.hasSampleTimes = hasSampleTimes
        self.defects = defects
        self.metadata = metadata
        self.layoutReason = layoutReason
    }
}

/// A run of consecutive samples of one file, lent to a sink for the length of one call:
/// per-axis values in g and, for files with a time column, their times.
public struct SampleChunk {
    /// Index in the file of the chunk's first sample.
    public let firstSample: Int
    public let x: UnsafeBufferPointer<Float>
    public let y: UnsafeBufferPointer<Float>
    public let z: UnsafeBufferPointer<Float>
    /// Seconds since the file's first sample, one per sample; nil without a time column.
    public let timesS: UnsafeBufferPointer<Double>?
    /// The file's rate, for files without a time column.
    public let sampleRateHz: Double

    public init(
        firstSample: Int, x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>, z: UnsafeBufferPointer<Float>,
        timesS: UnsafeBufferPointer<Double>?, sampleRateHz: Double
    ) {
        self.firstSample = firstSample
        self.x = x
        self.y = y
        self.z = z
        self.timesS = timesS
        self.sampleRateHz = sampleRateHz
    }

    public var count: Int { x.count }

    /// Time of the chunk's sample `k`, seconds since the file's first sample (as
    /// ``AccelerationRecording/timeS(ofSample:)``).
    @inlinable
    public func timeS(at k: Int) -> Double {
        if let timesS { return timesS[k] }
        return Double(firstSample + k) / sampleRateHz
    }
}

extension AccelerationRecording {
    /// Lends the whole recording to `sink` as one chunk (the in-memory counterpart of
    /// ``ChunkedRecordingReader/forEachChunk(path:options:facts:sink:)``).
    public func withSampleChunk<T>(_ sink: (SampleChunk) throws -> T) rethrows -> T {
        try x.withUnsafeBufferPointer { xs in
            try y.withUnsafeBufferPointer { ys in
                try z.withUnsafeBufferPointer { zs in
                    if let sampleTimesS {
                        return try sampleTimesS.withUnsafeBufferPointer { ts in
                            try sink(SampleChunk(firstSample: 0, x: xs, y: ys, z: zs, timesS: ts, sampleRateHz: sampleRateHz))
                        }
                    }
                    return try sink(SampleChunk(firstSample: 0, x: xs, y: ys, z: zs, timesS: nil, sampleRateHz: sampleRateHz))
                }
            }
        }
    }
}
