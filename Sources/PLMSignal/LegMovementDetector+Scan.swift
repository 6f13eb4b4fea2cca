import PLMCore
import PLMReaders

/// The hysteresis pass over one valid run, fed chunk by chunk (see
/// ``DetectionSettings/processingChunkS``): the EMG state machine, the peaks of the open movement
/// and the activity-trace bin carry over from one chunk to the next.
struct SegmentScan {
    let segment: Range<Int>
    let segmentIndex: Int
    var detector: HysteresisDetector
    var peakDynamic = 0.0, peakTilt = 0.0
    /// Movements found so far: `burst.samples` extended to the ramps' feet, `crossing` the samples
    /// between the level crossings (both relative to the valid run).
    var bursts: [(burst: HysteresisDetector.Burst, crossing: Range<Int>, peakDynamicG: Double, peakTiltDegrees: Double)] = []
    /// Current activity-trace bin, the first sample (absolute) of the next one, and the running maxima.
    var bin = 0
    var nextBinStart = 0
    var binDynamic = -Float.infinity, binTilt = -Float.infinity
    /// Whether the recording's sample times are ascending (``ValidSegments/isAscending(_:)``), so
    /// that each trace bin's first sample is searched from the previous one's.
    var timesAscending = false
    /// The low-level search's state machine over tilt bins (nil when the leg has none,
    /// ``LegMovementDetector/lowLevelTiltSearch``), the peaks of its open movement, and the
    /// confirmed movements it found (like ``bursts``).
    var lowDetector: HysteresisDetector?
    var lowPeakTiltDegrees = 0.0, lowPeakAveragedDegrees = 0.0, lowPeakDynamicG = 0.0
    var lowBursts: [ScanBurst] = []
    /// The peak averaged tilt of each of ``lowBursts``, degrees, and the averaged tilt of every
    /// tilt bin of the run (NaN where none was computed), for the confirmation once the leg is scanned.
    var lowPeakAveragedByBurst: [Double] = []
    var lowAveragedDegrees: [Float] = []
    var lowDynamicOnsetG = Double.infinity
}

extension LegMovementDetector {
    /// Starts the pass over valid run `segment`.
    func startScan(
        segment: Range<Int>, segmentIndex: Int, recording: AccelerationRecording, traceCount: Int,
        timesAscending: Bool = false, lowLevelSearch: LowLevelTiltSearch? = nil
    ) -> SegmentScan {
        let rate = recording.sampleRateHz
        var state = SegmentScan(
            segment: segment, segmentIndex: segmentIndex,
            detector: HysteresisDetector(
                quietSamples: Int((settings.offsetQuietDurationS * rate).rounded()),
                maxBacktrackSamples: Int((settings.maxOnsetBacktrackS * rate).rounded())))
        state.timesAscending = timesAscending
        if let search = lowLevelSearch {
            state.lowDetector = HysteresisDetector(quietSamples: search.quietBins, maxBacktrackSamples: 0)
            state.lowDynamicOnsetG = search.dynamicOnsetG
        }
        state.bin = traceBin(atS: recording.timeS(ofSample: segment.lowerBound), traceCount: traceCount)
        state.nextBinStart = nextTraceBinStart(
            after: state.bin, recording: recording, traceCount: traceCount, searchingFrom: segment.lowerBound,
            timesAscending: false)
        return state
    }

    /// Runs the hysteresis over samples `core` (absolute indices) of `signal`, which was built
    /// for samples starting at `signalStart`, and fills the trace. `tiltNoisePerRestingG` is the
    /// tilt's noise (radians) per g of the dynamic channel's resting level; `maxRestingG` the
    /// largest resting level read as noise (see ``DetectionSettings/maxRestingNoiseRatio``).
    func scan(
        _ signal: MovementSignal, signalStart: Int, core: Range<Int>, state: inout SegmentScan,
        recording: AccelerationRecording, traceDynamic: inout [Float], traceTilt: inout [Float],
        tiltNoisePerRestingG: Double, tiltNoiseLevelDegrees: Double = 0, dynamicNoiseLevelG: Double = 0,
        tiltSeriesNoiseDegrees: Double = 0, maxRestingG: Double = .infinity, tiltRinging: TiltRinging = .none
    ) {
        let levels = scanLevels(
            tiltNoisePerRestingG: tiltNoisePerRestingG, tiltNoiseLevelDegrees: tiltNoiseLevelDegrees,
            dynamicNoiseLevelG: dynamicNoiseLevelG)
        let offset = core.lowerBound - signalStart
        var restingCursor = InterpolationCursor(signal.restingLevelG, binSamples: signal.levelBinSamples)
        restingCursor.skip(offset)
        var tiltCursor = HeldTiltCursor(binSamples: signal.tiltBinSamples, atSample: offset)
        let footLevelDegrees = Float(max(settings.footNoiseFactor * tiltSeriesNoiseDegrees, settings.minFootDegrees))
        // The samples go through in blocks: the resting level and the tilt of each sample (the
        // cursor's additions are one chain), the levels and flags (``ScanLevels``, vectorised),
        // the trace's maxima per bin, then the state machine over the flags.
        var scratch = ScanBlockScratch(count: Self.scanBlockSamples)
        traceDynamic.withUnsafeMutableBufferPointer { traceDynamic in
        traceTilt.withUnsafeMutableBufferPointer { traceTilt in
        signal.envelope.withUnsafeBufferPointer { envelope in
        signal.tiltDegrees.withUnsafeBufferPointer { tilts in
        scratch.withPointers { block in
            guard let envelopeBase = envelope.baseAddress else { return }
            var blockStart = core.lowerBound
            while blockStart < core.upperBound {
                let count = min(Self.scanBlockSamples, core.upperBound - blockStart)
                // A resting level above what the leg's noise explains is a long movement filling
                // the window, not noise (``maxRestingNoiseRatio``).
                restingCursor.fill(block.dynamic, count: count)
                ScanLevels.cap(block.dynamic, at: maxRestingG, count: count)
                tiltCursor.fill(block.tilt, count: count, from: tilts)
                levels.evaluate(
                    envelope: envelopeBase + (blockStart - signalStart), restingInDynamicOut: block.dynamic,
                    tilt: block.tilt, dynamicFloat: block.dynamicFloat, tiltFloat: block.tiltFloat,
                    flags: block.flags, count: count)
                let samples = blockStart..<(blockStart + count)
                addToTrace(
                    &state, samples: samples, dynamic: block.dynamicFloat, tilt: block.tiltFloat,
                    recording: recording, traceDynamic: traceDynamic, traceTilt: traceTilt)
                runHysteresis(
                    &state, samples: samples, flags: block.flags, dynamic: block.dynamic, tilt: block.tilt,
                    signalStart: signalStart, tilts: tilts, tiltBinSamples: signal.tiltBinSamples,
                    rateHz: recording.sampleRateHz, footLevelDegrees: footLevelDegrees,
                    tiltRinging: tiltRinging)
                blockStart += count
            }
            // Partial maxima are merged with max, so flushing at every chunk end is safe.
            if !core.isEmpty {
                Self.flushTrace(&state, traceDynamic: traceDynamic, traceTilt: traceTilt)
                state.binDynamic = -Float.infinity
                state.binTilt = -Float.infinity
            }
        }
        }
        }
        }
        }
    }

    /// The onset and offset levels of ``scan``: each channel's floor rises to the level set by the
    /// leg's measured noise and resolution (`dynamicNoiseLevelG`, `tiltNoiseLevelDegrees`), and
    /// the tilt's levels follow the dynamic channel's resting level through `tiltNoisePerRestingG`.
    func scanLevels(
        tiltNoisePerRestingG: Double, tiltNoiseLevelDegrees: Double, dynamicNoiseLevelG: Double
    ) -> ScanLevels {
        let onsetG = max(settings.onsetThresholdG, dynamicNoiseLevelG)
        let offsetG = onsetG * (settings.onsetThresholdG > 0 ? settings.offsetThresholdG / settings.onsetThresholdG : 1)
        let noiseFactor = settings.restingNoiseFactor
        let offsetRatio = onsetG > 0 ? offsetG / onsetG : 1
        let onsetDeg = max(settings.onsetTiltDegrees, tiltNoiseLevelDegrees)
        let offsetDeg = onsetDeg * (settings.onsetTiltDegrees > 0 ? settings.offsetTiltDegrees / settings.onsetTiltDegrees : 1)
        let tiltNoiseFactor = settings.tiltRestingNoiseFactor * tiltNoisePerRestingG * 180 / Double.pi
        let tiltOffsetRatio = onsetDeg > 0 ? offsetDeg / onsetDeg : 1
        return ScanLevels(
            onsetG: onsetG, offsetG: offsetG, noiseFactor: noiseFactor, offsetRatio: offsetRatio,
            onsetDegrees: onsetDeg, offsetDegrees: offsetDeg, tiltNoiseFactor: tiltNoiseFactor,
            tiltOffsetRatio: tiltOffsetRatio)
    }

    /// Merges the running maxima of the current trace bin into the trace.
    private static func flushTrace(
        _ state: inout SegmentScan, traceDynamic: UnsafeMutableBufferPointer<Float>,
        traceTilt: UnsafeMutableBufferPointer<Float>
    ) {
        guard state.bin < traceDynamic.count, state.bin < traceTilt.count else { return }
        traceDynamic[state.bin] = max(traceDynamic[state.bin], state.binDynamic)
        traceTilt[state.bin] = max(traceTilt[state.bin], state.binTilt)
    }

    /// Takes `dynamic[j]` and `tilt[j]` of samples `samples` (absolute; j from 0) into the
    /// activity trace's running maxima. The trace bin of each sample is found once per bin (first
    /// sample at or after each bin start), not from every sample's time.
    private func addToTrace(
        _ state: inout SegmentScan, samples: Range<Int>, dynamic: UnsafePointer<Float>, tilt: UnsafePointer<Float>,
        recording: AccelerationRecording, traceDynamic: UnsafeMutableBufferPointer<Float>,
        traceTilt: UnsafeMutableBufferPointer<Float>
    ) {
        let count = samples.count, first = samples.lowerBound
        var j = 0
        while j < count {
            while first + j >= state.nextBinStart {
                Self.flushTrace(&state, traceDynamic: traceDynamic, traceTilt: traceTilt)
                state.binDynamic = -Float.infinity
                state.binTilt = -Float.infinity
                state.bin += 1
                state.nextBinStart = nextTraceBinStart(
                    after: state.bin, recording: recording, traceCount: traceDynamic.count,
                    searchingFrom: state.nextBinStart, timesAscending: state.timesAscending)
            }
            let end = state.nextBinStart - first < count ? state.nextBinStart - first : count
            state.binDynamic = ScanLevels.runningMax(state.binDynamic, dynamic + j, count: end - j)
            state.binTilt = ScanLevels.runningMax(state.binTilt, tilt + j, count: end - j)
            j = end
        }
    }

    /// The EMG state machine over samples `samples` (absolute; `flags[j]`, `dynamic[j]`, `tilt[j]`
    /// for j from 0, see ``ScanLevels``): movements that end are extended to their ramps' feet
    /// along `tilts` (the signal's tilt bins, the signal built from `signalStart`) and kept with
    /// their peaks.
    private func runHysteresis(
        _ state: inout SegmentScan, samples: Range<Int>, flags: UnsafePointer<UInt8>, dynamic: UnsafePointer<Double>,
        tilt: UnsafePointer<Double>, signalStart: Int, tilts: UnsafeBufferPointer<Float>, tiltBinSamples: Int,
        rateHz: Double, footLevelDegrees: Float, tiltRinging: TiltRinging
    ) {
        let count = samples.count, first = samples.lowerBound
        let segmentStart = state.segment.lowerBound
        var detector = state.detector
        var peakDynamic = state.peakDynamic, peakTilt = state.peakTilt
        var j = 0
        while j < count {
            if !detector.isActive && j + 8 <= count {
                // Eight samples at once while no movement is open and none of them reaches an
                // onset level: only the last one below the offset level counts.
                let word = UInt64(littleEndian: UnsafeRawPointer(flags + j).loadUnaligned(as: UInt64.self))
                if word & Self.aboveOnsetBytes == 0 {
                    let below = word & Self.belowOffsetBytes
                    let last = below == 0 ? nil : first + j + (63 - below.leadingZeroBitCount) / 8 - segmentStart
                    detector.skipInactive(lastBelowOffset: last)
                    j += 8
                    continue
                }
            }
            let f = flags[j]
            let wasActive = detector.isActive
            if let crossing = detector.step(
                first + j - segmentStart, aboveOnset: f & ScanLevels.aboveOnset != 0,
                belowOffset: f & ScanLevels.belowOffset != 0)
            {
                let previousEnd = state.bursts.last.map { $0.burst.samples.upperBound } ?? 0
                var burst = crossing
                burst.samples = extendedToRampFeet(
                    crossing.samples, tilts: tilts, binOffset: segmentStart - signalStart,
                    tiltBinSamples: tiltBinSamples, notBefore: previousEnd, rateHz: rateHz,
                    footLevelDegrees: footLevelDegrees, ringing: tiltRinging)
                state.bursts.append((burst, crossing.samples, peakDynamic, peakTilt))
            }
            if detector.isActive {
                if !wasActive {
                    peakDynamic = 0
                    peakTilt = 0
                }
                peakDynamic = max(peakDynamic, dynamic[j])
                peakTilt = max(peakTilt, tilt[j])
            }
            j += 1
        }
        state.detector = detector
        state.peakDynamic = peakDynamic
        state.peakTilt = peakTilt
    }

    /// Samples per block of ``scan``'s passes (a few kilobytes of buffers, in L1).
    static let scanBlockSamples = 512
    /// ``ScanLevels/aboveOnset`` and ``ScanLevels/belowOffset`` in each byte of eight flags read
    /// as one little-endian word (byte k is sample k).
    static let aboveOnsetBytes: UInt64 = 0x0101_0101_0101_0101 * UInt64(ScanLevels.aboveOnset)
    static let belowOffsetBytes: UInt64 = 0x0101_0101_0101_0101 * UInt64(ScanLevels.belowOffset)

    /// `samples` (relative to the valid run) with the onset moved back and the offset forward
    /// along the tilt to the feet of the movement's ramps: while the tilt is above the noise
    /// (`footLevelDegrees`), by at most ``DetectionSettings/maxEdgeExtensionS`` each, never before
    /// `notBefore` (the previous movement's end) nor outside the built signal.
    ///
    /// The onset and offset levels cut a movement's smooth ramps where they cross them: a 1.5-s
    /// LM of 1.7 degrees crosses the 1-degree onset halfway up its rise and the 0.75-degree
    /// offset halfway down its fall, and was reported 0.55 s short. The feet of the low-passed
    /// tilt are where the leg left and reached rest (give or take the low-pass's spread of about
    /// 0.1 s); the offset rule's 0.5 s of quiet still decides where a movement ends.
    /// `binOffset` is the run's first sample in the signal's samples. Each walk also stays above
    /// the bump the tilt low-pass's `ringing` can make beside its edge (``TiltRinging``).
    func extendedToRampFeet(
        _ samples: Range<Int>, tilts: UnsafeBufferPointer<Float>, binOffset: Int, tiltBinSamples: Int,
        notBefore: Int, rateHz: Double, footLevelDegrees: Float, ringing: TiltRinging = .none
    ) -> Range<Int> {
        let maxBins = Int((settings.maxEdgeExtensionS * rateHz / Double(tiltBinSamples)).rounded())
        // A crossing shorter than half the minimum LM is a twitch or a noise peak, whose feet are
        // no better known than its edges: only longer movements are extended.
        let minSamples = Int((PublishedRules.minimumLegMovementDurationS / 2 * rateHz).rounded())
        guard maxBins > 0, samples.count >= minSamples, tilts.count > 1 else { return samples }
        let n = tilts.count
        var lower = samples.lowerBound, upper = samples.upperBound
        let onsetSignalSample = samples.lowerBound + binOffset
        if onsetSignalSample >= 0 && onsetSignalSample / tiltBinSamples < n {
            let onsetBin = onsetSignalSample / tiltBinSamples
            let limit = max(0, onsetBin - maxBins, (notBefore + binOffset + tiltBinSamples - 1) / tiltBinSamples)
            let foot = max(footLevelDegrees, ringing.bumpDegrees(tilts, edge: onsetBin, inward: 1))
            var b = onsetBin
            while b > limit && tilts[b - 1] > foot { b -= 1 }
            lower = min(lower, b * tiltBinSamples - binOffset)
        }
        let offsetSignalSample = samples.upperBound + binOffset
        if offsetSignalSample >= 0 && offsetSignalSample / tiltBinSamples < n {
            let offsetBin = offsetSignalSample / tiltBinSamples
            let limit = min(n - 1, offsetBin + maxBins)
            let foot = max(footLevelDegrees, ringing.bumpDegrees(tilts, edge: offsetBin, inward: -1))
            var b = offsetBin
            while b < limit && tilts[b + 1] > foot { b += 1 }
            upper = max(upper, b * tiltBinSamples - binOffset)
        }
        return max(lower, notBefore)..<upper
    }

    /// Ends the hysteresis over a valid run: a movement still open at its end is closed there.
    func closeScan(_ state: inout SegmentScan) {
        if let burst = state.detector.finish(count: state.segment.count) {
            state.bursts.append((burst, burst.samples, state.peakDynamic, state.peakTilt))
        }
    }

    /// Appends the movements of a closed run (``closeScan(_:)``), with the low-level ones whose
    /// peak averaged tilt reaches `confirmationDegrees` (``confirmationDegrees(_:search:tiltBinSamples:)``).
    func finishScan(
        _ state: inout SegmentScan, rateHz: Double, confirmationDegrees: Double = .infinity,
        partnerBins: [Range<Int>] = [], partnerDegrees: Double = .infinity, tiltBinSamples: Int = 1,
        into candidates: inout [Candidate]
    ) {
        let segment = state.segment
        // A low-level movement still open at the run's end is not confirmed: left out.
        let minSamples = Int((PublishedRules.minimumLegMovementDurationS * rateHz).rounded())
        // Confirmed at the whole-night level, or inside a partner window at the window level
        // (the peak of the averaged tilt over the run's bins inside the windows).
        let averaged = state.lowAveragedDegrees
        let binSamples = max(1, tiltBinSamples)
        func peakInPartnerWindows(_ samples: Range<Int>) -> Double {
            let lower = samples.lowerBound / binSamples, upper = (samples.upperBound + binSamples - 1) / binSamples
            var peak = -Double.infinity
            for window in partnerBins {
                let from = max(lower, window.lowerBound, 0), to = min(upper, window.upperBound, averaged.count)
                guard from < to else { continue }
                for b in from..<to where !averaged[b].isNaN { peak = max(peak, Double(averaged[b])) }
            }
            return peak
        }
        let confirmed = zip(state.lowBursts, state.lowPeakAveragedByBurst)
            .filter {
                $0.1 >= confirmationDegrees
                    || (partnerDegrees.isFinite && !partnerBins.isEmpty
                        && peakInPartnerWindows($0.0.burst.samples) >= partnerDegrees)
            }.map(\.0)
        state.bursts = Self.withLowLevelBursts(
            state.bursts, low: confirmed, minSamples: minSamples,
            dynamicOnsetG: state.lowDynamicOnsetG)
        for (burst, crossing, peakDynamicG, peakTiltDegrees) in state.bursts {
            let base = segment.lowerBound
            candidates.append(
                Candidate(
                    samples: (base + burst.samples.lowerBound)..<(base + burst.samples.upperBound),
                    crossing: (base + crossing.lowerBound)..<(base + crossing.upperBound),
                    segmentIndex: state.segmentIndex, segmentRange: segment, startsCut: burst.startsAtSegmentStart,
                    endsCut: burst.endsAtSegmentEnd, peakDynamicG: peakDynamicG, peakTiltDegrees: peakTiltDegrees))
        }
    }

    /// The activity-trace bin of a time (the bin count for a non-finite time).
    func traceBin(atS timeS: Double, traceCount: Int) -> Int {
        timeS.isFinite ? Int(min(max(timeS / settings.activityTraceBinS, 0), Double(traceCount))) : traceCount
    }

    /// The first sample (absolute) at or after the start of trace bin `bin + 1`; `Int.max` past the last bin.
    /// With ascending times, `previous` (the first sample of an earlier bin) starts the search.
    func nextTraceBinStart(
        after bin: Int, recording: AccelerationRecording, traceCount: Int, searchingFrom previous: Int = 0,
        timesAscending: Bool = false
    ) -> Int {
        bin + 1 <= traceCount
            ? ValidSegments.firstSample(
                atOrAfterS: Double(bin + 1) * settings.activityTraceBinS, in: recording, searchingFrom: previous,
                timesAscending: timesAscending,
                expectedStep: Int(min(max((settings.activityTraceBinS * recording.sampleRateHz).rounded(), 0), 1e9)))
            : Int.max
    }
}
