import PLMCore

/// One sensor's raw tri-axial acceleration as read from a file: contiguous per-axis sample
/// buffers in g, the time of every sample, and the defects the reader found.
///
/// Samples are kept exactly as read, in file order: nothing is filled, imputed or resampled.
/// Defects (gaps, idle-sleep fill, clipping, ...) are reported in ``defects`` and the samples
/// they cover are excluded from scoring later on.
///
/// Memory: `Float` per axis (the best sensors quantise at ~1-4 mg over +-8 g, far coarser than
/// Float's 24-bit mantissa) plus, for files with per-sample timestamps, one `Double` per sample.
public struct AccelerationRecording: Sendable {
    /// The file the samples came from, as given by the user.
    public var path: String
    /// The layout the reader recognised or was told.
    public var layout: RecordingLayout
    /// Wall-clock time of the first sample on the recording's own clock, when the file says it.
    public var start: RecordingClockTime?
    /// Rate written in the file's header, Hz, when there is one.
    public var declaredRateHz: Double?
    /// Rate used for signal processing, Hz: measured from the timestamps when the file has them
    /// (mean of the regular steps; gaps, repeats and backward steps left out), else the
    /// declared or user-given rate.
    public var sampleRateHz: Double
    /// Acceleration along the sensor's x axis, g.
    public var x: [Float]
    /// Acceleration along the sensor's y axis, g.
    public var y: [Float]
    /// Acceleration along the sensor's z axis, g.
    public var z: [Float]
    /// Seconds since the first sample, one per sample, when the file has per-sample time.
    /// Kept as read (from integer nanoseconds, so without drift): non-decreasing except where a
    /// `.nonMonotonicTime` or `.duplicateTime` defect covers the samples concerned (they are
    /// excluded from scoring, never reordered). `nil` when the file has no time column: sample
    /// `i` is then at `i / sampleRateHz`.
    public var sampleTimesS: [Double]?
    /// Everything the reader found wrong, in time order.
    public var defects: [RecordingDefect]
    /// Identifiers and header facts worth showing (device, serial number, firmware, ...),
    /// as `key, value` pairs in file order.
    public var metadata: [(key: String, value: String)]
    /// Why the reader chose ``layout`` (what it recognised in the first lines), for `plm inspect`.
    public var layoutReason: String = ""
    /// Rate measured from the timestamps, Hz (mean of the regular steps, gaps and backward
    /// steps excluded); nil for files without a time column.
    public var measuredRateHz: Double?

    public init(
        path: String, layout: RecordingLayout, start: RecordingClockTime?, declaredRateHz: Double?,
        sampleRateHz: Double, x: [Float], y: [Float], z: [Float], sampleTimesS: [Double]?,
        defects: [RecordingDefect], metadata: [(key: String, value: String)] = []
    ) {
        self.path = path
        self.layout = layout
        self.start = start
        self.declaredRateHz = declaredRateHz
        self.sampleRateHz = sampleRateHz
        self.x = x
        self.y = y
        self.z = z
        self.sampleTimesS = sampleTimesS
        self.defects = defects
        self.metadata = metadata
    }

    /// Number of samples (rows) read.
    public var sampleCount: Int { x.count }

    /// Time of sample `index`, seconds since the first sample.
    @inlinable
    public func timeS(ofSample index: Int) -> Double {
        if let times = sampleTimesS { return times[index] }
        return Double(index) / sampleRateHz
    }

    /// Seconds from the first to the last sample plus one sample period.
    public var durationS: Double {
        guard sampleCount > 0 else { return 0 }
        return timeS(ofSample: sampleCount - 1) + 1 / sampleRateHz
    }
}

/// The file layouts PLMKit reads.
public enum RecordingLayout: String, Sendable, Codable, CaseIterable {
    /// ActiGraph ActiLife "raw to CSV" export (10-line header).
    case actigraph
    /// GENEActiv PC-software CSV export (100-line header).
    case geneactiv
    /// Axivity cwa-convert / OmGui CSV export (headerless).
    case axivity
    /// Any other `time, x, y, z` CSV, described by its header row or by options.
    case generic
    /// Axivity AX3/AX6 binary `.cwa` (OpenMovement sectors).
    case cwa
    /// GENEActiv binary `.bin` (text header, hexadecimal pages).
    case geneactivBin = "geneactiv-bin"
    /// ActiGraph `.gt3x` (zip with `info.txt` and `log.bin` or `activity.bin`).
    case gt3x

    /// Whether the layout is one of the devices' binary files (decoded natively, not parsed as text).
    public var isBinary: Bool { self == .cwa || self == .geneactivBin || self == .gt3x }
}

/// Something wrong in a recording, with where it is and how much of it there is.
public struct RecordingDefect: Sendable, Hashable, Codable {
    /// What kind of defect.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Time step well beyond the sampling jitter: samples are missing.
        case gap
        /// A long run of identical rows (ActiGraph idle-sleep mode): not signal.
        case idleFill
        /// Rows of exactly 0,0,0 g: not a physical reading of a worn sensor (gravity is 1 g).
        case zeroFill
        /// Values at the sensor's range limit.
        case clipping
        /// A timestamp earlier than the one before it.
        case nonMonotonicTime
        /// A timestamp equal to the one before it.
        case duplicateTime
        /// A NaN or empty acceleration field.
        case missingValue
        /// The declared rate disagrees with the timestamps (not excluded; reported).
        case rateMismatch
        /// A block of a binary file (a .cwa sector, a GENEActiv page, a .gt3x record) that fails
        /// its checksum, does not parse, or is cut off by the end of the file: its samples are
        /// absent (never filled) and its time is excluded.
        case corruptBlock
        /// ActiGraph idle-sleep mode: the device stopped sampling while still; no samples exist
        /// for that time (ActiLife's CSV export repeats the last sample instead).
        case idleSleep
        /// An acceleration beyond ``DefectThresholds/largestValueG`` (or beyond `Float`'s range,
        /// e.g. `1e39`): kept as NaN, never as an infinity.
        case outOfRangeValue
        /// A clipping run in which one axis stays at the range for longer than
        /// ``DefectThresholds/sustainedClippingS`` without a break: not a movement's peak (a leg in
        /// bed cannot hold an acceleration beyond the range that long) but a stuck or overloaded
        /// sensor. Always excluded.
        case sustainedClipping
    }

    public var kind: Kind
    /// Time covered, seconds since the recording's first sample.
    public var span: TimeSpan
    /// Indices of the samples concerned (empty for a gap, which has no samples).
    public var sampleRange: Range<Int>
    /// Number of samples concerned (for a gap: the estimated number of missing samples).
    public var sampleCount: Int
    /// 1-based line in the file where the defect starts, when known.
    public var line: Int?
    /// A sentence for a person, e.g. "41.3 s without samples between 01:12:03.120 and 01:12:44.420".
    public var detail: String
    /// 0-based byte offset in a binary file where the defect starts (binary layouts only).
    public var byteOffset: Int?

    public init(
        kind: Kind, span: TimeSpan, sampleRange: Range<Int>, sampleCount: Int, line: Int?, detail: String,
        byteOffset: Int? = nil
    ) {
        self.kind = kind
        self.span = span
        self.sampleRange = sampleRange
        self.sampleCount = sampleCount
        self.line = line
        self.detail = detail
        self.byteOffset = byteOffset
    }

    /// Whether the defect's time is excluded from detection and scoring. Everything but a
    /// rate mismatch and a clipping run no longer than the longest leg movement is: their
    /// samples are not trustworthy signal (or do not exist). A run with one axis held at the
    /// range (``Kind/sustainedClipping``) is excluded whatever its length.
    ///
    /// A short clipping run is signal: a sample at the sensor's range says the acceleration was
    /// at least that large, which a resting leg never reaches, so the leg was moving then. Such a
    /// run is a strong movement's peak beyond the range (``DefectThresholds/clippingInMovementMaximumS``);
    /// its samples are kept as written (nothing is filled or imputed) and the movement is found
    /// whole. It is still reported. Excluding it lost the movement, and with it the series it
    /// belonged to or broke (issue 11: 16 % of LMs lost on a +-2 g, 10-bit sensor).
    public var excludesFromScoring: Bool {
        switch kind {
        case .rateMismatch: false
        case .clipping: span.durationS > DefectThresholds.clippingInMovementMaximumS
        default: true
        }
    }
}

extension RecordingDefect {
    /// The stored properties, and `excluded` (``excludesFromScoring``), which the encoding adds so
    /// that `plm inspect --json` says, as the night report does, which defects leave scoring.
    private enum CodingKeys: String, CodingKey {
        case kind, span, sampleRange, sampleCount, line, detail, byteOffset, excluded
    }

    /// Reads the stored properties; `excluded` is derived, so it is ignored when present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try c.decode(Kind.self, forKey: .kind), span: try c.decode(TimeSpan.self, forKey: .span),
            sampleRange: try c.decode(Range<Int>.self, forKey: .sampleRange),
            sampleCount: try c.decode(Int.self, forKey: .sampleCount), line: try c.decodeIfPresent(Int.self, forKey: .line),
            detail: try c.decode(String.self, forKey: .detail),
            byteOffset: try c.decodeIfPresent(Int.self, forKey: .byteOffset))
    }

    /// The stored properties as the synthesised encoding wrote them, then `excluded`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(span, forKey: .span)
        try c.encode(sampleRange, forKey: .sampleRange)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encode(detail, forKey: .detail)
        try c.encodeIfPresent(byteOffset, forKey: .byteOffset)
        try c.encode(excludesFromScoring, forKey: .excluded)
    }
}
