/// One leg after reading and detection, with the raw samples already released.
///
/// Keeping only what the report needs lets two 8-hour legs be analysed side by side without
/// holding both full recordings after detection has run.
struct LegAnalysis: Sendable {
    var side: LegSide
    var path: String
    var layout: RecordingLayout
    var start: RecordingClockTime?
    var sampleRateHz: Double
    var declaredRateHz: Double?
    var measuredRateHz: Double?
    var sampleCount: Int
    var durationS: Double
    var lastSampleS: Double
    var defects: [RecordingDefect]
    var metadata: [(key: String, value: String)]
    var detection: LegDetection

    /// Reads one file and runs the detector on it.
    /// - Parameter readProgress: called with the share of the file read so far (0-1).
    static func run(
        _ input: AnalysisRequest.LegInput, readOptions: ReadOptions, detector: LegMovementDetector,
        readProgress: ((Double) -> Void)? = nil
    ) throws -> LegAnalysis {
        let recording = try RecordingReader.read(path: input.path, options: readOptions, progress: readProgress)
        return LegAnalysis(side: input.side, path: input.path, recording: recording, detector: detector)
    }
}

extension LegAnalysis {
    /// Runs the detector on a recording already read (a whole file, or one night's slice of it).
    init(side: LegSide, path: String, recording: AccelerationRecording, detector: LegMovementDetector) {
        self.init(side: side, path: path, recording: recording, detection: detector.detect(recording, side: side))
    }

    /// The same with the recording's detection already made.
    init(side: LegSide, path: String, recording: AccelerationRecording, detection: LegDetection) {
        self.init(
            side: side, path: path, layout: recording.layout, start: recording.start,
            sampleRateHz: recording.sampleRateHz, declaredRateHz: recording.declaredRateHz,
            measuredRateHz: recording.measuredRateHz, sampleCount: recording.sampleCount,
            durationS: recording.durationS,
            lastSampleS: recording.sampleCount > 0 ? recording.timeS(ofSample: recording.sampleCount - 1) : 0,
            defects: recording.defects, metadata: recording.metadata, detection: detection)
    }
}
