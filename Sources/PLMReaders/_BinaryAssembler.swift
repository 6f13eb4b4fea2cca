import PLMCore

/// Turns what a binary reader decoded into an ``AccelerationRecording``: the same defect scan as
/// the CSV readers (gaps, repeated or backward times, zero and idle fill, clipping, rate
/// mismatch), plus the blocks the reader could not use.
///
/// A gap in time that a block defect explains (a corrupt sector, an idle-sleep period) is
/// reported once, as that block defect, not a second time as a plain gap.
enum _BinaryAssembler {
    static func recording(from decoded: consuming _BinaryDecoded, path: String) throws -> AccelerationRecording {
        guard !decoded.x.isEmpty else { throw noSamples(decoded, path: path) }
        var rows = _ParsedRows()
        let firstS = decoded.timesS[0]
        rows.x = decoded.x
        rows.y = decoded.y
        rows.z = decoded.z
        // Seconds since the first sample, shifted in place (the decoded buffer is not kept).
        // The .cwa and .gt3x decoders write them so already (their first time is 0): no pass.
        var relative = decoded.timesS
        decoded.timesS = []
        if firstS != 0 {
            relative.withUnsafeMutableBufferPointer { times in
                for i in times.indices { times[i] -= firstS }
            }
        }
        rows.timesS = relative
        rows.maximumAbsoluteG = decoded.maximumAbsoluteBits.map(Float.init(bitPattern:)) ?? maximumAbsolute(decoded)
        let start = RecordingClockTime(secondsSince1970: decoded.originS + firstS, utcOffsetS: decoded.utcOffsetS)

        let times = rows.timesS ?? []
        let periodS = _DefectScanner.medianStep(times) ?? decoded.declaredRateHz.map { 1 / $0 } ?? 0.01
        let scanner = _DefectScanner(rows: rows, start: start, periodS: periodS)
        let timing = scanner.timingDefects()
        let rateHz = timing.measuredRateHz ?? decoded.declaredRateHz ?? 1 / periodS

        let blocks = times.withUnsafeBufferPointer { t in
            decoded.blockDefects.map { block in
                recordingDefect(block, sampleCount: t.count, time: { t[$0] }, firstS: firstS, periodS: periodS, clock: scanner.clock)
            }
        }
        let all = 0..<rows.x.count
        let defects = combinedDefects(
            timing: timing.defects, blocks: blocks, values: scanner.valueDefects(rateHz: rateHz), periodS: periodS,
            declaredRateHz: decoded.declaredRateHz, measuredRateHz: timing.measuredRateHz, wholeSpan: scanner.span(rows: all),
            sampleCount: all.count)

        var recording = AccelerationRecording(
            path: path, layout: decoded.layout, start: start, declaredRateHz: decoded.declaredRateHz, sampleRateHz: rateHz,
            x: rows.x, y: rows.y, z: rows.z, sampleTimesS: rows.timesS, defects: defects, metadata: decoded.metadata)
        recording.layoutReason = decoded.reason
        recording.measuredRateHz = timing.measuredRateHz
        return recording
    }

    /// The defects of a binary file in one list, for the whole-file and the streamed read alike:
    /// the timing defects without the gaps an unreadable block explains, the blocks, the value
    /// defects, and a rate mismatch (header rate against the time stamps' rate) over `wholeSpan`;
    /// sorted by start and kind.
    static func combinedDefects(
        timing: [RecordingDefect], blocks: [RecordingDefect], values: [RecordingDefect], periodS: Double,
        declaredRateHz: Double?, measuredRateHz: Double?, wholeSpan: TimeSpan, sampleCount: Int
    ) -> [RecordingDefect] {
        let explained = _SpanOverlap(blocks.map(\.span), slackS: periodS)
        var defects = timing.filter { defect in defect.kind != .gap || !explained.overlaps(defect.span) }
        defects += blocks
        defects += values
        if let declared = declaredRateHz, let measured = measuredRateHz,
            abs(measured - declared) > declared * DefectThresholds.rateMismatchTolerance
        {
            defects.append(
                RecordingDefect(
                    kind: .rateMismatch, span: wholeSpan, sampleRange: 0..<sampleCount, sampleCount: sampleCount, line: nil,
                    detail: "the header declares \(DecimalText.short(declared)) Hz but the time stamps step at \(DecimalText.fixed3(measured)) Hz; times follow the time stamps"))
        }
        defects.sort { ($0.span.startS, $0.kind.rawValue) < ($1.span.startS, $1.kind.rawValue) }
        return defects
    }

    /// The refusal of a file without one readable sample.
    static func noSamples(_ decoded: borrowing _BinaryDecoded, path: String) -> ReadError {
        let why = decoded.blockDefects.first.map { " (\($0.detail))" } ?? ""
        return ReadError(
            kind: .malformedData, path: path, byteOffset: decoded.blockDefects.first?.byteOffset,
            found: "no readable samples\(why)",
            expected: "at least one intact data block of a \(decoded.layout.rawValue) file")
    }

    /// A block defect placed on the recording's time line: its own times when it has them, else
    /// between the samples on either side of it.
    /// - Parameters:
    ///   - time: the time of sample `i` (seconds since the first sample); asked only for the
    ///     samples on either side of the block (``neighbours(of:sampleCount:)``).
    ///   - clock: the recording's clock label of a time (`_DefectScanner.clock`).
    static func recordingDefect(
        _ block: _BlockDefect, sampleCount: Int, time: (Int) -> Double, firstS: Double, periodS: Double,
        clock: (Double) -> String
    ) -> RecordingDefect {
        let index = min(max(block.sampleIndex, 0), sampleCount)
        let before = index > 0 ? time(index - 1) + periodS : 0
        let after = index < sampleCount ? time(index) : before + Double(max(block.missingSamples, 1)) * periodS
        var startS = block.startS.map { $0 - firstS } ?? before
        var endS = block.endS.map { $0 - firstS } ?? max(after, startS)
        if endS < startS { swap(&startS, &endS) }
        return RecordingDefect(
            kind: block.kind, span: TimeSpan(startS: startS, endS: endS), sampleRange: index..<index,
            sampleCount: block.missingSamples, line: nil,
            detail: "\(block.detail), \(clock(startS))-\(clock(endS)); no samples there (not filled)",
            byteOffset: block.byteOffset)
    }

    /// The samples whose times ``recordingDefect(_:sampleCount:time:firstS:periodS:clock:)`` asks for.
    static func neighbours(of block: _BlockDefect, sampleCount: Int) -> [Int] {
        let index = min(max(block.sampleIndex, 0), sampleCount)
        return (index > 0 ? [index - 1] : []) + (index < sampleCount ? [index] : [])
    }

    /// Largest |value| of any axis. Decoded values come from integers (never NaN), so the
    /// maximum of the magnitudes' bit patterns (sign cleared) is the largest magnitude: an
    /// integer maximum the compiler vectorises.
    static func maximumAbsolute(_ decoded: _BinaryDecoded) -> Float {
        var bits: UInt32 = 0
        for axis in [decoded.x, decoded.y, decoded.z] {
            axis.withUnsafeBufferPointer { values in
                for v in values { bits = max(bits, v.bitPattern & 0x7FFF_FFFF) }
            }
        }
        return Float(bitPattern: bits)
    }
}

/// Whether a span overlaps any of a set of spans (each widened by `slackS` on both sides), in
/// O(log n) per question: the spans sorted by start, with the running maximum of their ends.
/// (Comparing every gap with every block defect would be quadratic in a file whose sectors
/// alternate between good and corrupt.)
struct _SpanOverlap {
    private var starts: [Double] = []
    private var maximumEnds: [Double] = []
    private let slackS: Double

    init(_ spans: [TimeSpan], slackS: Double) {
        self.slackS = slackS
        var running = -Double.infinity
        for span in spans.sorted(by: { $0.startS < $1.startS }) {
            running = max(running, span.endS)
            starts.append(span.startS)
            maximumEnds.append(running)
        }
    }

    /// Whether some span `s` has `s.start <= span.end + slack` and `span.start <= s.end + slack`.
    func overlaps(_ span: TimeSpan) -> Bool {
        // Spans starting early enough: the first `count` of them.
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= span.endS + slackS { low = mid + 1 } else { high = mid }
        }
        return low > 0 && span.startS <= maximumEnds[low - 1] + slackS
    }
}
