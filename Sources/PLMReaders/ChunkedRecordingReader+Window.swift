import PLMCore

extension ChunkedRecordingReader {
    /// The samples in `[fromS, toS)` (seconds since the file's first sample) as a recording of their
    /// own, read by streaming the file up to the window's end and keeping only the window: the same
    /// recording as ``AccelerationRecording/slice(fromS:toS:)`` of the whole file (its clock starts at
    /// its first sample, its defects are the file's overlapping it, clipped and moved).
    ///
    /// The window's first sample is the first in file order at or after `fromS`, its end the first at
    /// or after `toS`: where times go backwards (a defect, excluded from scoring) this can differ
    /// from the whole-file slice's binary search.
    /// - Parameter facts: the file's ``survey(path:options:)``.
    /// - Returns: the window's recording and the time of its first sample in the file (seconds since
    ///   the file's first sample; `max(0, fromS)` when the window holds no sample).
    /// - Throws: ``ReadError`` as the whole-file reader.
    public static func window(
        path: String, options: ReadOptions = ReadOptions(), facts: RecordingFacts, fromS: Double, toS: Double,
        chunkSamples: Int = defaultChunkSamples
    ) throws -> (recording: AccelerationRecording, firstSampleS: Double) {
        let n = facts.sampleCount
        var first: Int?
        var endCandidate: Int?
        var t0 = 0.0, t1 = 0.0
        var x: [Float] = [], y: [Float] = [], z: [Float] = []
        var times: [Double] = []
        if !facts.hasSampleTimes {
            // As `firstSample(atOrAfter:)` without times: arithmetic on the index.
            func index(_ t: Double) -> Int {
                let i = (t * facts.sampleRateHz).rounded(.up)
                guard i.isFinite else { return t > 0 ? n : 0 }
                return Int(min(Double(n), max(0, i)))
            }
            first = index(fromS)
            endCandidate = index(toS)
        }
        try forEachChunk(path: path, options: options, sampleRateHz: facts.sampleRateHz, chunkSamples: chunkSamples) { chunk in
            for k in 0..<chunk.count {
                let i = chunk.firstSample + k
                let t = chunk.timeS(at: k)
                if facts.hasSampleTimes {
                    if first == nil, t >= fromS { first = i }
                    if endCandidate == nil, t >= toS { endCandidate = i }
                }
                guard let start = first, i >= start else { continue }
                if i == start { t0 = t }
                if let end = endCandidate, i >= max(start, end) {
                    t1 = t
                    return false
                }
                x.append(chunk.x[k])
                y.append(chunk.y[k])
                z.append(chunk.z[k])
                if facts.hasSampleTimes { times.append(t) }
            }
            return true
        }
        let start = min(first ?? n, n)
        let end = max(start, min(endCandidate ?? n, n))
        if start >= n { t0 = max(0, fromS) }
        if end >= n { t1 = facts.durationS }
        let defects = AccelerationRecording.defects(facts.defects, inSamples: start..<end, t0: t0, t1: t1) { i in
            facts.hasSampleTimes ? times[i - start] : Double(i) / facts.sampleRateHz
        }
        if facts.hasSampleTimes {
            for k in times.indices { times[k] -= t0 }
        }
        var window = AccelerationRecording(
            path: facts.path, layout: facts.layout, start: facts.start?.adding(seconds: t0),
            declaredRateHz: facts.declaredRateHz, sampleRateHz: facts.sampleRateHz, x: x, y: y, z: z,
            sampleTimesS: facts.hasSampleTimes ? times : nil, defects: defects, metadata: facts.metadata)
        window.layoutReason = facts.layoutReason
        window.measuredRateHz = facts.measuredRateHz
        return (window, t0)
    }
}
