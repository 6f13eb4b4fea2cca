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
    /// - Throws: ``ReadError`` as the whole-file reader, and when the window holds more than
    ///   `windowSampleLimit` samples (the memory it may take).
    public static func window(
        path: String, options: ReadOptions = ReadOptions(), facts: RecordingFacts, fromS: Double, toS: Double,
        chunkSamples: Int = defaultChunkSamples, windowSampleLimit: Int = RecordingReader.maximumRows
    ) throws -> (recording: AccelerationRecording, firstSampleS: Double) {
        var collector = _WindowCollector(facts: facts, fromS: fromS, toS: toS, sampleLimit: windowSampleLimit)
        try forEachChunk(path: path, options: options, sampleRateHz: facts.sampleRateHz, chunkSamples: chunkSamples) { chunk in
            try collector.add(chunk)
            return !collector.isComplete
        }
        return collector.finish()
    }

    /// Several windows read in one forward pass over the file, each the recording ``window(path:options:facts:fromS:toS:chunkSamples:windowSampleLimit:)``
    /// gives for it. Each window is handed to `each` (with its index in `spans`) in the order of
    /// `spans` as soon as it and every window before it are read, and dropped after; windows that
    /// overlap are gathered at the same time. The pass stops after the last window, or when `each`
    /// returns false.
    /// - Parameter spans: `(fromS, toS)` per window, seconds since the file's first sample.
    /// - Throws: ``ReadError`` as ``window(path:options:facts:fromS:toS:chunkSamples:windowSampleLimit:)``, or what `each` throws.
    public static func windows(
        path: String, options: ReadOptions = ReadOptions(), facts: RecordingFacts, spans: [(fromS: Double, toS: Double)],
        chunkSamples: Int = defaultChunkSamples, windowSampleLimit: Int = RecordingReader.maximumRows,
        each: (Int, AccelerationRecording, Double) throws -> Bool
    ) throws {
        guard !spans.isEmpty else { return }
        var collectors: [_WindowCollector?] = spans.map {
            _WindowCollector(facts: facts, fromS: $0.fromS, toS: $0.toS, sampleLimit: windowSampleLimit)
        }
        var nextToHand = 0
        var stopped = false
        /// Hands every window read, in order; false when `each` asks to stop.
        func handReadWindows(atEnd: Bool) throws -> Bool {
            while nextToHand < collectors.count, var collector = collectors[nextToHand], atEnd || collector.isComplete {
                collectors[nextToHand] = nil  // the window's arrays now have one owner: `finish` moves them out
                let (recording, firstSampleS) = collector.finish()
                guard try each(nextToHand, recording, firstSampleS) else { return false }
                nextToHand += 1
            }
            return true
        }
        try forEachChunk(path: path, options: options, sampleRateHz: facts.sampleRateHz, chunkSamples: chunkSamples) { chunk in
            for k in nextToHand..<collectors.count where collectors[k]?.isComplete == false {
                try collectors[k]?.add(chunk)
            }
            guard try handReadWindows(atEnd: false) else {
                stopped = true
                return false
            }
            return nextToHand < collectors.count
        }
        if !stopped { _ = try handReadWindows(atEnd: true) }
    }
}

/// One window's samples gathered from a file's chunks in file order: the first sample at or after
/// its start (in file order), up to the first at or after its end. Runs of samples that cannot
/// start or end the window are skipped or copied in bulk.
struct _WindowCollector {
    let facts: RecordingFacts
    let fromS: Double
    let toS: Double
    let sampleLimit: Int
    private var first: Int?
    private var endCandidate: Int?
    private var t0 = 0.0, t1 = 0.0
    private var x: [Float] = [], y: [Float] = [], z: [Float] = []
    private var times: [Double] = []
    /// Whether the window's end has been reached (later chunks change nothing).
    private(set) var isComplete = false

    init(facts: RecordingFacts, fromS: Double, toS: Double, sampleLimit: Int) {
        self.facts = facts
        self.fromS = fromS
        self.toS = toS
        self.sampleLimit = sampleLimit
        if !facts.hasSampleTimes {
            // As `firstSample(atOrAfter:)` without times: arithmetic on the index.
            let n = facts.sampleCount
            func index(_ t: Double) -> Int {
                let i = (t * facts.sampleRateHz).rounded(.up)
                guard i.isFinite else { return t > 0 ? n : 0 }
                return Int(min(Double(n), max(0, i)))
            }
            first = index(fromS)
            endCandidate = index(toS)
        }
    }

    /// Adds the next chunk (chunks in file order).
    /// - Throws: ``ReadError`` when the window grows beyond `sampleLimit` samples.
    mutating func add(_ chunk: SampleChunk) throws {
        var k = 0
        while k < chunk.count && !isComplete {
            let quiet = quietRun(chunk, from: k)
            if quiet > 0 {
                if first.map({ chunk.firstSample + k >= $0 }) == true { try keep(chunk, k..<(k + quiet)) }
                k += quiet
                continue
            }
            try step(chunk, k)
            k += 1
        }
    }

    /// How many samples from `k` on can neither start nor end the window (they are kept when the
    /// window has started, skipped before).
    private func quietRun(_ chunk: SampleChunk, from k: Int) -> Int {
        let i = chunk.firstSample + k
        guard let times = chunk.timesS, facts.hasSampleTimes else {
            // Without times the window's first and end samples are known indices.
            guard let start = first, let end = endCandidate, i != start else { return 0 }
            let next = i < start ? start : max(start, end)
            return max(0, min(chunk.count - k, next - i))
        }
        var j = k
        if first == nil {
            while j < times.count, !(times[j] >= fromS), !(times[j] >= toS) { j += 1 }
        } else if endCandidate == nil {
            while j < times.count, !(times[j] >= toS) { j += 1 }
        }
        return j - k
    }

    /// One sample through the window's rule (as the whole-file slice places its edges).
    private mutating func step(_ chunk: SampleChunk, _ k: Int) throws {
        let i = chunk.firstSample + k
        let t = chunk.timeS(at: k)
        if facts.hasSampleTimes {
            if first == nil, t >= fromS { first = i }
            if endCandidate == nil, t >= toS { endCandidate = i }
        }
        guard let start = first, i >= start else { return }
        if i == start { t0 = t }
        if let end = endCandidate, i >= max(start, end) {
            t1 = t
            isComplete = true
            return
        }
        try keep(chunk, k..<(k + 1))
    }

    /// Copies samples of the window.
    private mutating func keep(_ chunk: SampleChunk, _ range: Range<Int>) throws {
        guard x.count + range.count <= sampleLimit else {
            throw ReadError(
                kind: .malformedData, path: facts.path, found: "more than \(sampleLimit) samples in the window from \(fromS) s to \(toS) s",
                expected: "at most \(sampleLimit) samples in one window read at once (the memory of one night)")
        }
        x.append(contentsOf: UnsafeBufferPointer(rebasing: chunk.x[range]))
        y.append(contentsOf: UnsafeBufferPointer(rebasing: chunk.y[range]))
        z.append(contentsOf: UnsafeBufferPointer(rebasing: chunk.z[range]))
        if facts.hasSampleTimes, let ts = chunk.timesS { times.append(contentsOf: UnsafeBufferPointer(rebasing: ts[range])) }
    }

    /// The window as a recording of its own, and the time of its first sample in the file. The
    /// samples are moved out (the collector is left empty), so that the times are shifted in place.
    mutating func finish() -> (recording: AccelerationRecording, firstSampleS: Double) {
        let n = facts.sampleCount
        var t0 = t0, t1 = t1
        var times: [Double] = []
        swap(&times, &self.times)
        var x: [Float] = [], y: [Float] = [], z: [Float] = []
        swap(&x, &self.x)
        swap(&y, &self.y)
        swap(&z, &self.z)
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
