/// What a binary reader (.cwa, GENEActiv .bin, .gt3x) decodes from a file, before the defect
/// scan that every layout shares: samples in g in file order, the instant of every sample, and
/// the blocks that could not be read.
struct _BinaryDecoded {
    var layout: RecordingLayout
    /// Why the layout was chosen (the magic bytes seen), for `plm inspect`.
    var reason: String
    var x: [Float] = []
    var y: [Float] = []
    var z: [Float] = []
    /// Seconds of each sample since `originS` (a reference instant near the first sample),
    /// on the recording's clock.
    var timesS: [Double] = []
    /// Reference instant of ``timesS``, seconds since 1970 on the recording's clock.
    var originS: Double = 0
    /// Offset of the recording's clock from UTC, seconds, when the file states it.
    var utcOffsetS: Int?
    var declaredRateHz: Double?
    /// Blocks that failed their checksum, did not parse, were cut off, or periods the device did
    /// not sample (idle sleep).
    var blockDefects: [_BlockDefect] = []
    /// Header facts for `plm inspect`, in file order.
    var metadata: [(key: String, value: String)] = []
    /// Largest |value| of any axis, as the bit pattern of a positive `Float`, when the decoder
    /// kept it while the samples were in cache (saves the assembler a pass over every sample);
    /// nil when it did not.
    var maximumAbsoluteBits: UInt32?

    /// Samples already handed on and removed from the buffers by a streaming read
    /// (``_BinaryPieces``); 0 when the file is read whole.
    var drainedSamples = 0
    /// Time of the last sample handed on (same scale as ``timesS``), when some were.
    var lastDrainedTimeS: Double?

    /// Samples decoded so far, handed on or not: the index the next sample will have.
    var sampleCount: Int { drainedSamples + x.count }
    /// Time of the last sample decoded so far (held or handed on).
    var lastTimeS: Double? { timesS.last ?? lastDrainedTimeS }

    init(layout: RecordingLayout, reason: String) {
        self.layout = layout
        self.reason = reason
    }

    /// Most samples reserved up front from what a header or a file size claims (50 M: 5.8 days
    /// at 100 Hz, 1 GB of buffers); beyond that the buffers grow as samples arrive.
    static let maximumReservedSamples = 50_000_000

    /// Reserves room for `count` samples in every buffer.
    mutating func reserve(_ count: Int) {
        let n = max(0, min(count, Self.maximumReservedSamples))
        x.reserveCapacity(n)
        y.reserveCapacity(n)
        z.reserveCapacity(n)
        timesS.reserveCapacity(n)
    }
}

/// A stretch of a binary file without usable samples.
struct _BlockDefect {
    var kind: RecordingDefect.Kind
    /// Where the defect sits among the samples read: the index of the first sample after it.
    var sampleIndex: Int
    /// Its time on the same scale as ``_BinaryDecoded/timesS``, when it can be placed
    /// (a block with a broken header has no time of its own: it lies between its neighbours).
    var startS: Double?
    var endS: Double?
    /// Estimated samples lost.
    var missingSamples: Int
    /// 0-based byte offset of the block in the file (in `log.bin` for .gt3x).
    var byteOffset: Int
    /// A sentence for a person (what was wrong, which sector/page/record).
    var detail: String
}
