import PLMCore

/// The streaming reads of the devices' binary files (.cwa, GENEActiv .bin, .gt3x), behind
/// ``ChunkedRecordingReader``: the decoders hand their samples on piece by piece
/// (``_BinaryPieces``) into reused buffers, so a week-long file is never held whole.
///
/// ``survey(path:layout:file:chunkSamples:)`` finds the same facts and defects as the whole-file
/// reader (`_BinaryAssembler`) in three decoding passes: (1) the samples counted, the largest
/// value, the blocks that could not be read and the header facts; (2) the evenly spread time
/// steps for the nominal period, the clipping count, the times around each unreadable block;
/// (3) the defect scan (`_StreamingDefectScanner`). Decoding is cheap (tens of millions of
/// samples per second), so three passes cost less than holding 20 bytes per sample.
enum _BinaryChunkedReader {

    /// One decoding pass: lends every sample to `sink` in file order, in chunks of at most
    /// `chunkSamples`, with times in seconds since the first sample (as the whole-file recording).
    /// - Returns: what the decoder found besides the samples (header facts, unreadable blocks,
    ///   `drainedSamples` = the samples read), and the first sample's time on the decoder's scale.
    static func pass(
        path: String, layout: RecordingLayout, file: _BinaryFile, sampleRateHz: Double, chunkSamples: Int,
        sink: (SampleChunk) throws -> Bool
    ) throws -> (decoded: _BinaryDecoded, firstS: Double) {
        let pieceSamples = max(1, chunkSamples)
        var firstS: Double?
        var failure: (any Error)?
        var more = true
        let decoded: _BinaryDecoded
        do {
            decoded = try withoutActuallyEscaping(sink) { sink in
                let pieces = _BinaryPieces(thresholdSamples: pieceSamples) { decoded in
                    let n = decoded.timesS.count
                    let first = firstS ?? decoded.timesS[0]
                    firstS = first
                    let lastS = decoded.timesS[n - 1]
                    // Seconds since the first sample, shifted in place as the assembler does.
                    if first != 0 {
                        decoded.timesS.withUnsafeMutableBufferPointer { times in
                            for i in times.indices { times[i] -= first }
                        }
                    }
                    lend(&decoded, count: n, pieceSamples: pieceSamples, sampleRateHz: sampleRateHz) { chunk in
                        guard more, failure == nil else { return }
                        do { more = try sink(chunk) } catch { failure = error }
                    }
                    decoded.removeDrained(n)
                    decoded.lastDrainedTimeS = lastS  // on the decoder's scale, for its own use
                    if !more || failure != nil { throw _StopDecoding() }
                }
                // Small chunks (tests) inflate .gt3x entries in small pieces too, to cross every boundary.
                let pieceBytes = pieceSamples < defaultPieceSamples ? max(16, 8 * pieceSamples) : _GT3XReader.chunkBytes
                return try _BinaryFormat.decode(path: path, layout: layout, file: file, pieces: pieces, pieceBytes: pieceBytes)
            }
        } catch is _StopDecoding {
            if let failure { throw failure }
            return (_BinaryDecoded(layout: layout, reason: ""), firstS ?? 0)
        }
        return (decoded, firstS ?? 0)
    }

    /// Samples per piece when the caller takes the default chunks.
    static let defaultPieceSamples = 1 << 16

    /// Lends the first `count` samples of `decoded` as chunks of at most `pieceSamples`.
    private static func lend(
        _ decoded: inout _BinaryDecoded, count: Int, pieceSamples: Int, sampleRateHz: Double, _ body: (SampleChunk) -> Void
    ) {
        let base = decoded.drainedSamples
        decoded.x.withUnsafeBufferPointer { xs in
            decoded.y.withUnsafeBufferPointer { ys in
                decoded.z.withUnsafeBufferPointer { zs in
                    decoded.timesS.withUnsafeBufferPointer { ts in
                        var from = 0
                        while from < count {
                            let to = min(count, from + pieceSamples)
                            body(
                                SampleChunk(
                                    firstSample: base + from, x: UnsafeBufferPointer(rebasing: xs[from..<to]),
                                    y: UnsafeBufferPointer(rebasing: ys[from..<to]), z: UnsafeBufferPointer(rebasing: zs[from..<to]),
                                    timesS: UnsafeBufferPointer(rebasing: ts[from..<to]), sampleRateHz: sampleRateHz))
                            from = to
                        }
                    }
                }
            }
        }
    }

    /// The facts and defects of a binary file, as the whole-file reader finds them.
    static func survey(path: String, layout: RecordingLayout, file: _BinaryFile, chunkSamples: Int) throws -> RecordingFacts {
        // Pass 1: count, largest value, blocks, header facts.
        var count = 0
        var maximumBits: UInt32 = 0
        let (decoded, firstS) = try pass(path: path, layout: layout, file: file, sampleRateHz: 1, chunkSamples: chunkSamples) { chunk in
            count += chunk.count
            for k in 0..<chunk.count {
                maximumBits = max(
                    maximumBits, chunk.x[k].bitPattern & 0x7FFF_FFFF, chunk.y[k].bitPattern & 0x7FFF_FFFF,
                    chunk.z[k].bitPattern & 0x7FFF_FFFF)
            }
            return true
        }
        guard count > 0 else { throw _BinaryAssembler.noSamples(decoded, path: path) }
        // Pass 2: steps, clipping count, the times around the blocks.
        var meta = _ParsedRows()
        meta.maximumAbsoluteG = Float(bitPattern: maximumBits)
        var survey = try _SurveyPass(count: count, meta: meta)
        // The samples on either side of each block, ascending, met with a cursor (no lookup per sample).
        let wanted = Array(Set(decoded.blockDefects.flatMap { _BinaryAssembler.neighbours(of: $0, sampleCount: count) })).sorted()
        var cursor = 0
        var wantedTimes: [Int: Double] = [:]
        _ = try pass(path: path, layout: layout, file: file, sampleRateHz: 1, chunkSamples: chunkSamples) { chunk in
            survey.add(chunk)
            let end = chunk.firstSample + chunk.count
            while cursor < wanted.count, wanted[cursor] < end, let times = chunk.timesS {
                wantedTimes[wanted[cursor]] = times[wanted[cursor] - chunk.firstSample]
                cursor += 1
            }
            return true
        }
        return try defects(
            path: path, layout: layout, file: file, chunkSamples: chunkSamples, decoded: decoded, firstS: firstS, survey: survey,
            wantedTimes: wantedTimes)
    }

    /// Pass 3 and the assembly of the facts (as `_BinaryAssembler.recording`).
    private static func defects(
        path: String, layout: RecordingLayout, file: _BinaryFile, chunkSamples: Int, decoded: _BinaryDecoded, firstS: Double,
        survey: _SurveyPass, wantedTimes: [Int: Double]
    ) throws -> RecordingFacts {
        let count = survey.count
        let start = RecordingClockTime(secondsSince1970: decoded.originS + firstS, utcOffsetS: decoded.utcOffsetS)
        let periodS = survey.medianStep ?? decoded.declaredRateHz.map { 1 / $0 } ?? 0.01
        // The lowest rate the scan can measure: the idle-fill minimum is at least this long.
        let gapThresholdS = periodS + max(DefectThresholds.gapExcessPeriods * periodS, DefectThresholds.gapExcessMinimumS)
        let lowestRate = min(1 / gapThresholdS, 1 / periodS, decoded.declaredRateHz ?? .infinity)
        let idleCandidateRows = max(2, Int((DefectThresholds.idleFillMinimumS * lowestRate).rounded(.down)))
        var scanner = _StreamingDefectScanner(
            meta: _ParsedRows(), sampleCount: count, start: start, periodS: periodS, timed: true,
            clippingLevel: survey.clippingLevel, idleCandidateRows: idleCandidateRows)
        _ = try pass(path: path, layout: layout, file: file, sampleRateHz: 1 / periodS, chunkSamples: chunkSamples) { chunk in
            scanner.add(chunk)
            return true
        }
        let timing = scanner.finishTiming()
        let rateHz = timing.measuredRateHz ?? decoded.declaredRateHz ?? 1 / periodS
        let blocks = decoded.blockDefects.map { block in
            _BinaryAssembler.recordingDefect(
                block, sampleCount: count, time: { wantedTimes[$0] ?? 0 }, firstS: firstS, periodS: periodS,
                clock: scanner.labels.clock)
        }
        // The whole recording's span, as the whole-file scanner's `span(rows:)` gives it.
        var endS = survey.lastTimeS + periodS
        if endS < 0 { endS = periodS }
        let defects = _BinaryAssembler.combinedDefects(
            timing: timing.defects, blocks: blocks, values: scanner.finishValues(rateHz: rateHz), periodS: periodS,
            declaredRateHz: decoded.declaredRateHz, measuredRateHz: timing.measuredRateHz,
            wholeSpan: TimeSpan(startS: 0, endS: endS), sampleCount: count)
        return RecordingFacts(
            path: path, layout: layout, start: start, declaredRateHz: decoded.declaredRateHz, sampleRateHz: rateHz,
            measuredRateHz: timing.measuredRateHz, sampleCount: count, lastSampleTimeS: survey.lastTimeS, hasSampleTimes: true,
            defects: defects, metadata: decoded.metadata, layoutReason: decoded.reason)
    }
}

/// Thrown through a binary decoder to stop it when the streaming sink has had enough (or failed:
/// its error is rethrown by `_BinaryChunkedReader.pass`). Decoders let it pass unchanged.
struct _StopDecoding: Error {}
