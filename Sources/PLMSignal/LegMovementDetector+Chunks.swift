import PLMReaders

/// A leg's constants for the chunked pass of ``LegMovementDetector``: its filters, and the
/// levels derived from its measured noise and resolution (see
/// ``LegMovementDetector/detect(_:side:)``, where each is explained).
struct LegPass: Sendable {
    var dynamicFilter: ZeroPhaseFilter
    var tiltFilter: ZeroPhaseFilter?
    var tiltBinSamples: Int
    var tiltSeriesNoiseG: Double
    var tiltOnsetFloorDegrees: Double
    var tiltNoisePerRestingG: Double
    var tiltNoiseLevelDegrees: Double
    var dynamicNoiseLevelG: Double
    var tiltSeriesNoiseDegrees: Double
    var maxRestingG: Double
    var lowLevelSearch: LowLevelTiltSearch?
    var lowFootLevelDegrees: Float
}

extension LegMovementDetector {
    /// The candidates of every valid run, in order, found chunk by chunk
    /// (``DetectionSettings/processingChunkS``): each chunk's ``MovementSignal`` is built (ahead
    /// of the scan, on idle cores: ``OrderedPrefetch``) and scanned, the scan's state carried from
    /// one chunk to the next; the activity trace is filled on the way.
    func chunkedCandidates(
        _ recording: AccelerationRecording, segments: ValidSegments, pass: LegPass, traceDynamic: inout [Float],
        traceTilt: inout [Float]
    ) -> [Candidate] {
        let rate = recording.sampleRateHz
        let tiltBinSamples = pass.tiltBinSamples
        let traceBins = traceDynamic.count
        var candidates: [Candidate] = []
        // Chunks of the valid runs, each built with a margin so that every window the core
        // samples see (filters, rolling medians and quantiles) lies inside what was built.
        // Chunk and margin are whole multiples of every bin grid, so the bins line up with
        // those of an unchunked pass.
        let grid = MovementSignal.binGrid(settings: settings, rateHz: rate, tiltBinSamples: tiltBinSamples)
        let chunk = grid * max(1, Int((settings.processingChunkS * rate / Double(grid)).rounded(.up)))
        let reachS =
            max(
                (settings.tiltBaselineOneSided ? settings.baselineWindowS : settings.baselineWindowS / 2)
                    + 2 * settings.baselineBinS,
                settings.restingWindowS / 2 + 2 * settings.levelBinS)
            + 1
        let filterReach = pass.dynamicFilter.halfWidth + (pass.tiltFilter?.halfWidth ?? 0) * tiltBinSamples
        let margin = grid * Int(((reachS * rate + Double(filterReach)) / Double(grid)).rounded(.up))
        let timesAscending = recording.sampleTimesS.map(ValidSegments.isAscending) ?? false
        // Every chunk of every valid run, in order: (run, core samples, samples built).
        let chunks = segments.sampleRanges.enumerated().flatMap { segmentIndex, range in
            stride(from: range.lowerBound, to: range.upperBound, by: chunk).map { coreStart in
                let core = coreStart..<min(range.upperBound, coreStart + chunk)
                let built = max(range.lowerBound, coreStart - margin)..<min(range.upperBound, core.upperBound + margin)
                return (segmentIndex: segmentIndex, core: core, built: built)
            }
        }
        let settings = settings
        let pass = pass
        let signals = OrderedPrefetch(
            count: chunks.count, helperThreads: buildThreads - 1, window: 2 * buildThreads
        ) { k in
            MovementSignal(
                recording, range: chunks[k].built, settings: settings, dynamicFilter: pass.dynamicFilter,
                tiltFilter: pass.tiltFilter, tiltBinSamples: pass.tiltBinSamples,
                tiltSeriesNoiseG: pass.tiltSeriesNoiseG, tiltHoldLevelDegrees: pass.tiltOnsetFloorDegrees,
                tiltAverageBins: pass.lowLevelSearch?.averageBins ?? 0)
        }
        defer { signals.finish() }
        var nextChunk = 0
        // The runs stay open until the whole leg is scanned when the low-level search needs
        // the leg's still time to set its level.
        var scans: [SegmentScan] = []
        for (segmentIndex, range) in segments.sampleRanges.enumerated() {
            var state = startScan(
                segment: range, segmentIndex: segmentIndex, recording: recording, traceCount: traceBins,
                timesAscending: timesAscending, lowLevelSearch: pass.lowLevelSearch)
            while nextChunk < chunks.count, chunks[nextChunk].segmentIndex == segmentIndex,
                let signal = signals.next()
            {
                scan(
                    signal, signalStart: chunks[nextChunk].built.lowerBound, core: chunks[nextChunk].core,
                    state: &state, recording: recording, traceDynamic: &traceDynamic, traceTilt: &traceTilt,
                    tiltNoisePerRestingG: pass.tiltNoisePerRestingG, tiltNoiseLevelDegrees: pass.tiltNoiseLevelDegrees,
                    dynamicNoiseLevelG: pass.dynamicNoiseLevelG, tiltSeriesNoiseDegrees: pass.tiltSeriesNoiseDegrees,
                    maxRestingG: pass.maxRestingG)
                if let search = pass.lowLevelSearch {
                    scanLowLevel(
                        signal, signalStart: chunks[nextChunk].built.lowerBound, core: chunks[nextChunk].core,
                        state: &state, search: search, rateHz: rate, footLevelDegrees: pass.lowFootLevelDegrees)
                }
                nextChunk += 1
            }
            closeScan(&state)
            if pass.lowLevelSearch == nil {
                finishScan(&state, rateHz: rate, into: &candidates)
            } else {
                scans.append(state)
            }
        }
        if let search = pass.lowLevelSearch {
            let level = confirmationDegrees(scans, search: search, tiltBinSamples: tiltBinSamples)
            for index in scans.indices {
                finishScan(&scans[index], rateHz: rate, confirmationDegrees: level, into: &candidates)
            }
        }
        return candidates
    }
}
