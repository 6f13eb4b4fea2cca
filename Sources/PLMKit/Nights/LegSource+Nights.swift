import Foundation
import PLMCore
import PLMNights

extension LegSource {
    /// The leg's windows `spans` (seconds since the file's first sample), in order, each with the
    /// time of its first sample: a text file is read in one forward pass (windows gathered as the
    /// file streams past, see ``ChunkedRecordingReader/windows(path:options:facts:spans:chunkSamples:windowSampleLimit:each:)``),
    /// a recording in memory is sliced. `each` returns false to stop.
    func forEachWindow(
        _ spans: [(fromS: Double, toS: Double)], each: (Int, AccelerationRecording, Double) throws -> Bool
    ) throws {
        switch storage {
        case .memory(let recording):
            for (k, span) in spans.enumerated() {
                let first = recording.firstSample(atOrAfter: span.fromS)
                let t0 = first < recording.sampleCount ? recording.timeS(ofSample: first) : max(0, span.fromS)
                guard try each(k, recording.slice(fromS: span.fromS, toS: span.toS), t0) else { return }
            }
        case .file(let options):
            try ChunkedRecordingReader.windows(path: path, options: options, facts: facts, spans: spans, each: each)
        }
    }

    /// Every leg's detection for each night (`spans` on the recording's time line, widened by
    /// ``RecordingAnalyzer/nightMarginS`` each side), handed to `body` night by night in leg order
    /// with the time of each leg's first window sample on the recording's time line.
    ///
    /// Each leg reads its nights in one forward pass over its file on a thread of its own and runs
    /// its detection there; it hands the night's samples over with the detection and waits until
    /// `body` has returned, so at most one night's samples per leg are held (overlapping windows
    /// excepted). With both legs of a night in, the bilateral partners are sought on the scoring
    /// thread as ``NightAnalyzer/readAndDetect(_:progress:)`` seeks them on whole recordings
    /// (``LegMovementDetector/withBilateralPartners(_:)``, each leg's slice placed on the common
    /// time line by its first sample; branch `bilat6`). The first failure in leg order is thrown;
    /// when `body` throws, the legs stop reading.
    static func forEachNight(
        _ legs: [LegSource], spans: [TimeSpan], alignment: RecordingAlignment, detector: LegMovementDetector,
        probe: SampleHoldingProbe?, body: (Int, [(LegAnalysis, Double)]) throws -> Void
    ) throws {
        guard !spans.isEmpty else { return }
        let margin = RecordingAnalyzer.nightMarginS
        let handoff = _NightHandoff<(LegAnalysis, BilateralLeg)>(legs: legs.count)
        for (index, leg) in legs.enumerated() {
            let offset = alignment.offsetS[leg.side] ?? 0
            let legSpans = spans.map { (fromS: $0.startS - margin - offset, toS: $0.endS + margin - offset) }
            let thread = Thread {
                // Counted busy while it reads and detects, idle while it waits for the night to
                // be scored, so that the other leg's detection helpers use its core only then
                // (``CoreBudget``).
                CoreBudget.shared.working {
                    do {
                        try leg.forEachWindow(legSpans) { k, recording, firstSampleS in
                            // The night's samples are held until the night is scored: the partner
                            // search on the scoring thread confirms on them again.
                            // A leg the search cannot add to gives its samples back at once.
                            let sampleCount = recording.sampleCount
                            probe?.hold(sampleCount)
                            var detected = detector.bilateralLeg(recording, side: leg.side, offsetS: offset + firstSampleS)
                            let analysis = LegAnalysis(side: leg.side, path: leg.path, recording: recording, detection: detected.detection)
                            let held = detected.needsSamples
                            detected.releaseUnneededSamples()
                            if !held { probe?.release(sampleCount) }
                            defer { if held { probe?.release(sampleCount) } }
                            return CoreBudget.shared.waiting { handoff.deliver(leg: index, night: k, (analysis, detected)) }
                        }
                    } catch {
                        handoff.fail(leg: index, error)
                    }
                }
                handoff.finish(leg: index)
            }
            thread.name = "plm-\(leg.side.rawValue)-nights"
            thread.start()
        }
        defer { handoff.cancelAndWait() }
        for k in spans.indices {
            let night = try handoff.take(night: k)
            let detections = detector.withBilateralPartners(night.map(\.1))
            try body(
                k,
                legs.indices.map {
                    var analysis = night[$0].0
                    analysis.detection = detections[$0]
                    return (analysis, night[$0].1.offsetS)
                })
            handoff.release(night: k)
        }
    }
}

/// Where the legs' reading threads hand each night's detection to the thread that scores it, and
/// wait for it to be done (``LegSource/forEachNight(_:spans:alignment:detector:probe:body:)``).
private final class _NightHandoff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Result<Item, any Error>?]
    private var finished: [Bool]
    /// The last night the scoring thread is done with.
    private var released = -1
    private var cancelled = false

    init(legs: Int) {
        slots = Array(repeating: nil, count: legs)
        finished = Array(repeating: false, count: legs)
    }

    /// A leg's night `night`; waits until the scoring thread is done with it. False when it has stopped.
    func deliver(leg: Int, night: Int, _ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        slots[leg] = .success(item)
        condition.broadcast()
        while !cancelled && released < night { condition.wait() }
        return !cancelled
    }

    /// A leg's reading failed.
    func fail(leg: Int, _ error: any Error) {
        condition.lock()
        slots[leg] = .failure(error)
        condition.broadcast()
        condition.unlock()
    }

    /// A leg's thread has ended.
    func finish(leg: Int) {
        condition.lock()
        finished[leg] = true
        condition.broadcast()
        condition.unlock()
    }

    /// Night `night` of every leg, in leg order, once all are in; the first failure in leg order is thrown.
    func take(night: Int) throws -> [Item] {
        condition.lock()
        defer { condition.unlock() }
        while slots.indices.contains(where: { slots[$0] == nil && !finished[$0] }) { condition.wait() }
        return try slots.map { slot in
            guard let slot else {
                throw AnalysisError("internal: a leg's reading ended before night \(night + 1)", exitStatus: .software)
            }
            return try slot.get()
        }
    }

    /// The scoring thread is done with `night`: the legs read on.
    func release(night: Int) {
        condition.lock()
        slots = slots.map { _ in nil }
        released = night
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the legs (after the last night, or a failure) and waits until their threads have ended.
    func cancelAndWait() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while finished.contains(false) { condition.wait() }
    }
}
