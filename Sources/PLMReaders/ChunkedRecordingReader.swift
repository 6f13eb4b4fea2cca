import PLMCore

/// Reads a text recording (CSV or CSV.gz) without ever holding it whole: the samples are lent
/// to a sink in chunks of one read buffer (4 MiB of text, some 70,000 rows), and a time window
/// can be read on its own, the rest of the file streamed past.
///
/// ``survey(path:options:)`` finds everything ``RecordingReader/read(path:options:progress:)``
/// reports but the samples (layout, clock, rate, defects with their lines) in three streaming
/// passes: (1) rows, their runs of missing values and their lines; (2) the nominal period (the same
/// evenly spread steps), the clipping level and the unit check; (3) the defects. The result is the
/// same as the whole-file reader's, errors included.
///
/// Binary files (`.cwa`, `.cwa.gz`, GENEActiv `.bin`, `.gt3x` with log.bin or activity.bin) stream
/// too: their decoders hand the samples on piece by piece into reused buffers (`_BinaryChunkedReader`,
/// three decoding passes for the survey), with the same facts and defects as the whole-file reader.
///
/// Memory: one read buffer and one chunk of samples (~2 MB), plus the defects and line anchors,
/// whatever the file's length: unlike the whole-file reader's, a file's rows are not limited
/// (``RecordingReader/maximumRows`` bounds each window instead).
public enum ChunkedRecordingReader {
    /// Whether this reader streams the file: true for every layout read (text and binary alike).
    /// - Throws: ``ReadError`` for a missing or unreadable file.
    public static func isStreamable(path: String, options: ReadOptions = ReadOptions()) throws -> Bool {
        _ = try RecordingReader.binaryLayout(path: path, options: options)
        return true
    }

    /// Lends every sample of the file to `sink`, chunk by chunk in file order; `sink` returns false
    /// to stop early.
    /// - Parameter sampleRateHz: the file's rate (``RecordingFacts/sampleRateHz``), for the times
    ///   of a file without a time column.
    /// - Throws: ``ReadError`` as the whole-file reader, or what `sink` throws.
    /// - Parameter chunkSamples: most samples per chunk (a buffer's rows are lent in pieces of this size).
    public static func forEachChunk(
        path: String, options: ReadOptions = ReadOptions(), sampleRateHz: Double,
        chunkSamples: Int = defaultChunkSamples, sink: (SampleChunk) throws -> Bool
    ) throws {
        if let binary = try RecordingReader.binaryLayout(path: path, options: options) {
            _ = try _BinaryChunkedReader.pass(
                path: path, layout: binary.layout, file: binary.file, sampleRateHz: sampleRateHz, chunkSamples: chunkSamples, sink: sink)
            return
        }
        _ = try pass(path: path, options: options, sampleRateHz: sampleRateHz, chunkSamples: chunkSamples, sink: sink)
    }

    /// The clock of the file's first sample (``RecordingFacts/start``), from its first read buffer
    /// only: what a caller needs to place the file on a time line before surveying it. Nil for a
    /// binary file (.cwa, .bin, .gt3x): its first sample's time is known only after decoding, so the
    /// caller surveys it first (the survey's facts hold the start).
    /// - Throws: ``ReadError`` for a file that cannot be read, or whose first rows are bad.
    public static func firstSampleClock(path: String, options: ReadOptions = ReadOptions()) throws -> RecordingClockTime? {
        if try RecordingReader.binaryLayout(path: path, options: options) != nil { return nil }
        let (plan, meta) = try pass(path: path, options: options, sampleRateHz: 1, chunkSamples: defaultChunkSamples) { _ in false }
        return RecordingReader.firstSampleClock(firstStamp: meta.firstStamp, plan: plan, options: options)
    }

    /// Most samples lent to a sink at once by default: 65,536 (0.8 MB of samples and times).
    public static let defaultChunkSamples = 1 << 16

    /// Finds the recording's facts and defects without keeping its samples.
    /// - Throws: ``ReadError``, the same as ``RecordingReader/read(path:options:progress:)``.
    /// - Parameters:
    ///   - chunkSamples: most samples per chunk (tests use small chunks to cross every boundary).
    ///   - alongDefectPass: sees every sample of the last pass (the defects'), as ``forEachChunk(path:options:sampleRateHz:chunkSamples:sink:)``
    ///     lends them but at the rate `1 / nominal period`, so that a caller can compute what it
    ///     needs from the samples (per-minute epochs) without a pass of its own.
    public static func survey(
        path: String, options: ReadOptions = ReadOptions(), chunkSamples: Int = defaultChunkSamples,
        alongDefectPass: ((SampleChunk) -> Void)? = nil
    ) throws -> RecordingFacts {
        if let binary = try RecordingReader.binaryLayout(path: path, options: options) {
            return try _BinaryChunkedReader.survey(path: path, layout: binary.layout, file: binary.file, chunkSamples: chunkSamples)
        }
        // Pass 1: rows, runs, lines, largest value.
        var count = 0
        let (plan, meta) = try pass(path: path, options: options, sampleRateHz: 1, chunkSamples: chunkSamples) { chunk in
            count += chunk.count
            return true
        }
        guard count > 0 else {
            throw ReadError(
                kind: .malformedData, path: path, line: plan.dataStartLine + 1, found: "no data rows",
                expected: "at least one row of acceleration after the header")
        }
        var survey = try _SurveyPass(count: count, meta: meta)
        // Pass 2: steps for the period, the clipping count, the unit check's sample.
        _ = try pass(path: path, options: options, sampleRateHz: 1, chunkSamples: chunkSamples) { chunk in
            survey.add(chunk)
            return true
        }
        let unitWarning = try _UnitCheck.check(
            median: survey.medianMagnitude, firstRows: survey.firstRows, plan: plan, path: path)
        return try defects(
            path: path, options: options, chunkSamples: chunkSamples, plan: plan, meta: meta, survey: survey,
            unitWarning: unitWarning, alongDefectPass: alongDefectPass)
    }

    /// Pass 3 and the assembly of the facts (as `RecordingReader.assemble`).
    private static func defects(
        path: String, options: ReadOptions, chunkSamples: Int, plan: _ParsePlan, meta: _ParsedRows, survey: _SurveyPass,
        unitWarning: String?, alongDefectPass: ((SampleChunk) -> Void)?
    ) throws -> RecordingFacts {
        let start = RecordingReader.firstSampleClock(firstStamp: meta.firstStamp, plan: plan, options: options)
        let timed = meta.timesS != nil
        let fallbackRate = plan.fixedRateHz ?? plan.declaredRateHz
        var periodS = survey.medianStep ?? fallbackRate.map { 1 / $0 } ?? 1
        if !timed { periodS = 1 / (fallbackRate ?? 1 / periodS) }
        // The lowest rate the file can end up with: the idle-fill minimum is at least this long.
        let lowestRate = min(timed ? 1 / (periodS + max(DefectThresholds.gapExcessPeriods * periodS, DefectThresholds.gapExcessMinimumS)) : 1 / periodS,
            1 / periodS, fallbackRate ?? .infinity)
        let idleCandidateRows = max(2, Int((DefectThresholds.idleFillMinimumS * lowestRate).rounded(.down)))
        var scanner = _StreamingDefectScanner(
            meta: meta, sampleCount: survey.count, start: start, periodS: periodS, timed: timed,
            clippingLevel: survey.clippingLevel, idleCandidateRows: idleCandidateRows)
        _ = try pass(path: path, options: options, sampleRateHz: 1 / periodS, chunkSamples: chunkSamples) { chunk in
            scanner.add(chunk)
            alongDefectPass?(chunk)
            return true
        }
        let timing = scanner.finishTiming()
        let sampleRateHz = timing.measuredRateHz ?? fallbackRate ?? 1 / periodS
        try RecordingReader.refuseEpochCounts(
            sampleRateHz: sampleRateHz, measuredRateHz: timing.measuredRateHz, fallbackRateHz: fallbackRate, plan: plan, path: path)
        var defects = timing.defects + scanner.finishValues(rateHz: sampleRateHz)
        let mismatch = RecordingReader.rateMismatchDefect(
            declaredRateHz: plan.declaredRateHz, measuredRateHz: timing.measuredRateHz, sampleCount: survey.count
        ) {
            var endS = scanner.lastSampleTimeS + periodS
            if endS < scanner.firstSampleTimeS { endS = scanner.firstSampleTimeS + periodS }
            return TimeSpan(startS: scanner.firstSampleTimeS, endS: endS)
        }
        if let mismatch { defects.append(mismatch) }
        defects.sort { ($0.span.startS, $0.kind.rawValue) < ($1.span.startS, $1.kind.rawValue) }
        let metadata = RecordingReader.textMetadata(plan: plan, unitWarning: unitWarning, blankLinesInData: meta.blankLinesInData)
        let lastTime = timed ? survey.lastTimeS : Double(survey.count - 1) / sampleRateHz
        return RecordingFacts(
            path: path, layout: plan.layout, start: start, declaredRateHz: plan.declaredRateHz, sampleRateHz: sampleRateHz,
            measuredRateHz: timing.measuredRateHz, sampleCount: survey.count, lastSampleTimeS: lastTime,
            hasSampleTimes: timed, defects: defects, metadata: metadata, layoutReason: plan.reason)
    }

    /// One streaming pass: parses the file and lends each buffer's rows to `sink`.
    /// - Returns: the plan and the rows' runs, anchors and counts (no samples; `timesS` is an
    ///   empty array when the file has a time column, nil otherwise).
    static func pass(
        path: String, options: ReadOptions, sampleRateHz: Double, chunkSamples: Int, sink: (SampleChunk) throws -> Bool
    ) throws -> (_ParsePlan, _ParsedRows) {
        try withoutActuallyEscaping(sink) { sink in
            try pass(path: path, options: options, sampleRateHz: sampleRateHz, chunkSamples: chunkSamples, escapingSink: sink)
        }
    }

    private static func pass(
        path: String, options: ReadOptions, sampleRateHz: Double, chunkSamples: Int,
        escapingSink sink: @escaping (SampleChunk) throws -> Bool
    ) throws -> (_ParsePlan, _ParsedRows) {
        let pieceSamples = max(1, chunkSamples)
        let (stream, _, plan) = try RecordingReader.openText(path: path, options: options)
        var delivered = 0
        var stopped = false
        var failure: (any Error)?
        func lend(_ rows: inout _ParsedRows, _ times: inout [Double], timed: Bool) throws -> Bool {
            let count = rows.x.count
            guard count > 0 else { return true }
            var more = true
            rows.x.withUnsafeBufferPointer { xs in
                rows.y.withUnsafeBufferPointer { ys in
                    rows.z.withUnsafeBufferPointer { zs in
                        times.withUnsafeBufferPointer { ts in
                            var from = 0
                            while more && from < count {
                                let to = min(count, from + pieceSamples)
                                let piece = SampleChunk(
                                    firstSample: delivered + from, x: UnsafeBufferPointer(rebasing: xs[from..<to]),
                                    y: UnsafeBufferPointer(rebasing: ys[from..<to]), z: UnsafeBufferPointer(rebasing: zs[from..<to]),
                                    timesS: timed ? UnsafeBufferPointer(rebasing: ts[from..<to]) : nil, sampleRateHz: sampleRateHz)
                                do { more = try sink(piece) } catch { failure = error; more = false }
                                from = to
                            }
                        }
                    }
                }
            }
            if let failure { throw failure }
            delivered += count
            rows.x.removeAll(keepingCapacity: true)
            rows.y.removeAll(keepingCapacity: true)
            rows.z.removeAll(keepingCapacity: true)
            times.removeAll(keepingCapacity: true)
            return more
        }
        let timed = plan.timeColumn != nil && plan.timeSyntax != nil
        var rows = try _RowParser.parse(
            stream: stream, plan: plan, path: path, estimatedRows: 0, maximumRows: .max,
            chunkSink: { rows, times in
                let more = try lend(&rows, &times, timed: timed)
                stopped = !more
                return more
            })
        if !stopped {
            var times = rows.timesS ?? []
            _ = try lend(&rows, &times, timed: timed)
        }
        rows.timesS = timed ? [] : nil
        return (plan, rows)
    }
}

/// What the second survey pass gathers: the same evenly spread time steps as
/// `_DefectScanner.medianStep`, the count of samples at the largest value (clipping), and the
/// unit check's sample (evenly spread magnitudes and the first 5000 rows).
struct _SurveyPass {
    let count: Int
    let stepStride: Int
    let magnitudeStride: Int
    let maximumAbsoluteG: Float
    private var steps: [Double] = []
    private var magnitudes: [Double] = []
    private var atMaximum = 0
    private var previousTime = 0.0
    private(set) var lastTimeS = 0.0
    private(set) var firstRows = _ParsedRows()

    init(count: Int, meta: _ParsedRows) throws {
        self.count = count
        stepStride = max(1, (count - 1) / 20_000)
        magnitudeStride = max(1, count / 20_000)
        maximumAbsoluteG = meta.maximumAbsoluteG
    }

    mutating func add(_ chunk: SampleChunk) {
        let prefixRows = 5000
        for k in 0..<chunk.count {
            let i = chunk.firstSample + k
            if let times = chunk.timesS {
                let t = times[k]
                if i >= 1 && (i - 1) % stepStride == 0 {
                    let d = t - previousTime
                    if d > 0 { steps.append(d) }
                }
                previousTime = t
                lastTimeS = t
            }
            let x = chunk.x[k], y = chunk.y[k], z = chunk.z[k]
            if i % magnitudeStride == 0 {
                let dx = Double(x), dy = Double(y), dz = Double(z)
                if dx.isFinite && dy.isFinite && dz.isFinite && !(dx == 0 && dy == 0 && dz == 0) {
                    magnitudes.append((dx * dx + dy * dy + dz * dz).squareRoot())
                }
            }
            if i < prefixRows {
                firstRows.x.append(x)
                firstRows.y.append(y)
                firstRows.z.append(z)
            }
            let m = maximumAbsoluteG
            if abs(x) >= m { atMaximum += 1 }
            if abs(y) >= m { atMaximum += 1 }
            if abs(z) >= m { atMaximum += 1 }
        }
    }

    /// As `_DefectScanner.medianStep`.
    var medianStep: Double? {
        guard count >= 2, !steps.isEmpty else { return nil }
        let sorted = steps.sorted()
        return sorted[sorted.count / 2]
    }

    /// As `_UnitCheck.medianMagnitude`.
    var medianMagnitude: Double? {
        guard !magnitudes.isEmpty else { return nil }
        let sorted = magnitudes.sorted()
        return sorted[sorted.count / 2]
    }

    /// As `_DefectScanner.clippingLevel`.
    var clippingLevel: Float? {
        let m = Double(maximumAbsoluteG)
        guard DefectThresholds.standardRangesG.contains(where: { abs(m - $0) <= $0 * DefectThresholds.clippingRangeTolerance }) else {
            return nil
        }
        return atMaximum >= DefectThresholds.clippingMinimumSamples ? maximumAbsoluteG : nil
    }
}
