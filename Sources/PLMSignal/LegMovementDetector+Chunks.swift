import PLMCore
import PLMReaders

/// A leg's low-level scans, every valid run closed but not yet confirmed, with what their
/// confirmation needs (``LegMovementDetector/lowLevelCandidates(_:recording:partnerWindowsS:)``).
struct LowLevelScans: Sendable {
    var scans: [SegmentScan]
    var search: LowLevelTiltSearch
    var tiltBinSamples: Int
    /// The whole-night level and the still values it was read from (``LegMovementDetector/confirmation(_:search:tiltBinSamples:)``).
    var measuredLevel: Double
    var still: [Float]
    /// The runs found on the energy of the acceleration vector, per scan (``LegMovementDetector/energyRuns(_:recording:search:)``).
    var energy: [[EnergyRun]] = []
}

extension LegMovementDetector {
    /// The candidates of every valid run, in order, found chunk by chunk
    /// (``DetectionSettings/processingChunkS``): each chunk's ``MovementSignal`` is built (ahead
    /// of the scan, on idle cores: ``OrderedPrefetch``) and scanned, the scan's state carried from
    /// one chunk to the next; the activity trace is filled on the way. The low-level search's
    /// candidates are confirmed at the whole-night level or inside `partnerWindowsS`. With `keep`,
    /// `kept` is set to the low-level search's scans before their confirmation (nil when the leg has
    /// no low-level search), from which ``lowLevelCandidates(_:recording:partnerWindowsS:)`` gives
    /// the same candidates for other partner windows without scanning the leg again. None, and
    /// nothing kept or traced, when the leg's dynamic low-pass cannot be realised.
    func chunkedCandidates(
        _ recording: AccelerationRecording, segments: ValidSegments, pass: LegPass, traceDynamic: inout [Float],
        traceTilt: inout [Float], partnerWindowsS: [TimeSpan], keep: Bool, kept: inout LowLevelScans?
    ) -> [Candidate] {
        guard let dynamicFilter = pass.dynamicFilter else { return [] }
        let rate = recording.sampleRateHz
        let tiltBinSamples = pass.tiltBinSamples
        let traceBins = traceDynamic.count
        var candidates: [Candidate] = []
        let filterReach = dynamicFilter.halfWidth + (pass.tiltFilter?.halfWidth ?? 0) * tiltBinSamples
        let chunks = processingChunks(segments, rateHz: rate, tiltBinSamples: tiltBinSamples, filterReach: filterReach)
        let timesAscending = recording.sampleTimesS.map(ValidSegments.isAscending) ?? false
        let settings = settings
        let pass = pass
        let signals = OrderedPrefetch(
            count: chunks.count, helperThreads: buildThreads - 1, window: 2 * buildThreads
        ) { k in
            MovementSignal(
                recording, range: chunks[k].built, settings: settings, dynamicFilter: dynamicFilter,
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
                    maxRestingG: pass.maxRestingG, tiltRinging: pass.tiltRinging)
                if let search = pass.lowLevelSearch {
                    scanLowLevel(
                        signal, signalStart: chunks[nextChunk].built.lowerBound, core: chunks[nextChunk].core,
                        state: &state, search: search, rateHz: rate, footLevelDegrees: pass.lowFootLevelDegrees,
                        tiltRinging: pass.tiltRinging)
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
            let (measuredLevel, still) = confirmation(scans, search: search, tiltBinSamples: tiltBinSamples)
            let lowLevel = LowLevelScans(
                scans: scans, search: search, tiltBinSamples: tiltBinSamples, measuredLevel: measuredLevel, still: still,
                energy: energyRuns(scans, recording: recording, search: search))
            if keep { kept = lowLevel }
            candidates += lowLevelCandidates(lowLevel, recording: recording, partnerWindowsS: partnerWindowsS)
        }
        return candidates
    }

    /// Every chunk of every valid run of `segments`, in order: (run, core samples, samples built).
    /// Each chunk is built with a margin so that every window its core samples see (filters of
    /// `filterReach` samples each side, rolling medians and quantiles) lies inside what was built.
    /// Chunk and margin are whole multiples of every bin grid, so the bins line up with those of
    /// an unchunked pass.
    func processingChunks(
        _ segments: ValidSegments, rateHz rate: Double, tiltBinSamples: Int, filterReach: Int
    ) -> [(segmentIndex: Int, core: Range<Int>, built: Range<Int>)] {
        let grid = MovementSignal.binGrid(settings: settings, rateHz: rate, tiltBinSamples: tiltBinSamples)
        let chunk = grid * max(1, Int((settings.processingChunkS * rate / Double(grid)).rounded(.up)))
        let reachS =
            max(
                (settings.tiltBaselineOneSided ? settings.baselineWindowS : settings.baselineWindowS / 2)
                    + 2 * settings.baselineBinS,
                settings.restingWindowS / 2 + 2 * settings.levelBinS)
            + 1
        let margin = grid * Int(((reachS * rate + Double(filterReach)) / Double(grid)).rounded(.up))
        return segments.sampleRanges.enumerated().flatMap { segmentIndex, range in
            stride(from: range.lowerBound, to: range.upperBound, by: chunk).map { coreStart in
                let core = coreStart..<min(range.upperBound, coreStart + chunk)
                let built = max(range.lowerBound, coreStart - margin)..<min(range.upperBound, core.upperBound + margin)
                return (segmentIndex: segmentIndex, core: core, built: built)
            }
        }
    }

    /// The candidates of a leg's low-level scans (every valid run's, in order), confirmed at the
    /// whole-night level (``DetectionSettings/lowLevelOwnLegConfirmation``) or inside
    /// `partnerWindowsS` at the window level.
    func lowLevelCandidates(
        _ lowLevel: LowLevelScans, recording: AccelerationRecording, partnerWindowsS: [TimeSpan]
    ) -> [Candidate] {
        var scans = lowLevel.scans
        let tiltBinSamples = lowLevel.tiltBinSamples
        let level = settings.lowLevelOwnLegConfirmation ? lowLevel.measuredLevel : .infinity
        // The partner windows on each run's tilt bins (``DetectionSettings/bilateralPartnerMarginS``).
        let partnerBins = scans.map { scan in
            Self.partnerBins(partnerWindowsS, scan: scan, recording: recording, tiltBinSamples: tiltBinSamples)
        }
        let searched = partnerBins.reduce(0) { total, bins in bins.reduce(total) { $0 + $1.count } }
        let partnerLevel = Self.partnerWindowDegrees(
            still: lowLevel.still, searchedBins: searched, search: lowLevel.search)
        var candidates: [Candidate] = []
        for index in scans.indices {
            let first = candidates.count
            finishScan(
                &scans[index], rateHz: recording.sampleRateHz, confirmationDegrees: level,
                partnerBins: partnerBins[index], partnerDegrees: partnerLevel, tiltBinSamples: tiltBinSamples,
                into: &candidates)
            // Then the movements on the energy of the acceleration vector (``DetectionSettings/energyMeanWindowS``).
            if index < lowLevel.energy.count, !lowLevel.energy[index].isEmpty {
                let withEnergy = withEnergyRuns(
                    Array(candidates[first...]), runs: lowLevel.energy[index], scan: scans[index],
                    rateHz: recording.sampleRateHz, dynamicOnsetG: lowLevel.search.dynamicOnsetG,
                    tiltBinSamples: tiltBinSamples)
                candidates.replaceSubrange(first..., with: withEnergy)
            }
        }
        return candidates
    }

    /// `windowsS` (on this leg's time line, disjoint and in order) as ranges of the tilt bins of
    /// the valid run `scan` (bin b holds the run's samples from b times the bin's samples),
    /// clipped to the bins scanned.
    static func partnerBins(
        _ windowsS: [TimeSpan], scan: SegmentScan, recording: AccelerationRecording, tiltBinSamples: Int
    ) -> [Range<Int>] {
        let binSamples = max(1, tiltBinSamples)
        let run = scan.segment, binCount = scan.lowAveragedDegrees.count
        var bins: [Range<Int>] = []
        for window in windowsS where window.endS > window.startS {
            let first = ValidSegments.firstSample(atOrAfterS: window.startS, in: recording)
            let end = ValidSegments.firstSample(atOrAfterS: window.endS, in: recording)
            let lower = max(first, run.lowerBound), upper = min(end, run.upperBound)
            guard lower < upper else { continue }
            let from = (lower - run.lowerBound) / binSamples
            let to = min(binCount, (upper - run.lowerBound + binSamples - 1) / binSamples)
            guard from < to else { continue }
            if let last = bins.last, last.upperBound >= from {
                bins[bins.count - 1] = last.lowerBound..<max(last.upperBound, to)
            } else {
                bins.append(from..<to)
            }
        }
        return bins
    }
}
