/// What `plm inspect` shows about a file: the layout and why, rates, times, size and defects.
public struct FileInspection: Codable, Sendable, Hashable {
    /// One `key: value` fact from the file's header, in file order.
    public struct MetadataEntry: Codable, Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var path: String
    public var layout: RecordingLayout
    /// Why that layout was chosen.
    public var layoutReason: String
    /// Rate written in the header, Hz.
    public var declaredRateHz: Double?
    /// Rate measured from the timestamps, Hz (nil without a time column).
    public var measuredRateHz: Double?
    /// Rate used for processing, Hz.
    public var sampleRateHz: Double
    /// First sample, ISO 8601 with milliseconds (offset when known); nil when the file has no clock.
    public var start: String?
    /// End of the last sample (start + duration), same format.
    public var end: String?
    /// Number of samples (rows).
    public var samples: Int
    /// Seconds from the first sample to the end of the last.
    public var durationS: Double
    public var defects: [RecordingDefect]
    public var metadata: [MetadataEntry]
    /// How the file was unpacked, e.g. "gzip, inflated by ISA-L 2.30.0" (nil for a plain file):
    /// ISA-L when the build found it, zlib otherwise.
    public var compression: String?

    /// Summarises a recording.
    public init(_ recording: AccelerationRecording) {
        path = recording.path
        layout = recording.layout
        layoutReason = recording.layoutReason
        declaredRateHz = recording.declaredRateHz
        measuredRateHz = recording.measuredRateHz
        sampleRateHz = recording.sampleRateHz
        start = recording.start?.iso8601
        end = recording.start.map { $0.adding(seconds: recording.durationS).iso8601 }
        samples = recording.sampleCount
        durationS = recording.durationS
        defects = recording.defects
        metadata = recording.metadata.map { MetadataEntry(key: $0.key, value: $0.value) }
    }
}
