import PLMCore

/// The sample times of a `.cwa` read piece by piece: the same piecewise-linear interpolation
/// between sector time stamps as ``_CWADecodeState/fillTimes(into:)`` (term for term, so the
/// same bits), computed as soon as a sample's segment is settled instead of after the whole file.
///
/// Within a run of sectors in sequence, sample `i` uses the segment from the last anchor at or
/// before it (never past the run's second-to-last anchor). So its time is settled once an anchor
/// of the same run lies after it, or once the run ends (the next sector breaks the sequence, or
/// the file ends). Samples wait in the decoder's buffers until then: typically part of one sector.
/// The anchors before the open run are dropped, so memory does not grow with the file.
struct _CWAStreamingTimes {
    /// Anchors from the open run's first on (older ones dropped).
    private var anchors: [_CWADecodeState.Anchor] = []
    /// Index in ``anchors`` of the open run's first anchor.
    private var runStart = 0
    /// Segment of the next sample to time (index in ``anchors``).
    private var segment = 0
    /// Time of sample 0 (the reference all times are shifted by), once settled.
    private var shift: Double?
    /// End of the first run (index in ``anchors``), once it has closed: sample 0's time is
    /// interpolated within it (kept until ``shift`` is known).
    private var firstRunEnd: Int?

    /// Takes the anchors the decode state added since the last call and times the samples
    /// they settle (appended to `decoded.timesS`).
    mutating func update(_ state: inout _CWADecodeState, _ decoded: inout _BinaryDecoded) {
        // The state keeps its anchors for the whole-file interpolation; here they move over.
        guard !state.anchors.isEmpty else { return }
        for anchor in state.anchors { add(anchor, &decoded) }
        state.anchors.removeAll(keepingCapacity: true)
    }

    /// Times every sample still waiting (the file has ended, so the open run has too).
    mutating func finish(_ decoded: inout _BinaryDecoded) {
        guard !anchors.isEmpty else { return }
        settle(through: decoded.sampleCount, runEnd: anchors.count, &decoded)
    }

    private mutating func add(_ anchor: _CWADecodeState.Anchor, _ decoded: inout _BinaryDecoded) {
        if let previous = anchors.last {
            if _CWADecodeState.period(previous, anchor, nominal: 1 / previous.rateHz) == nil {
                // The run ends: all its samples are settled, with the run's own bounds.
                if firstRunEnd == nil { firstRunEnd = anchors.count }
                settle(through: previous.firstSample + previous.count, runEnd: anchors.count, &decoded)
                if shift != nil {
                    anchors.removeAll(keepingCapacity: true)
                    runStart = 0
                } else {
                    runStart = anchors.count
                }
                segment = runStart
            } else {
                anchors.append(anchor)
                // The samples before this anchor's index are settled (their segment is before it).
                settle(before: anchor.anchorIndex, &decoded)
                dropPassedAnchors()
                return
            }
        }
        anchors.append(anchor)
    }

    /// Drops the anchors before the current segment (a continuous week is one run of 500,000
    /// sectors). A run of one anchor is never cut: the segment is then its first anchor.
    private mutating func dropPassedAnchors() {
        guard shift != nil, segment >= 1024 else { return }
        anchors.removeFirst(segment)
        runStart = max(0, runStart - segment)
        segment = 0
    }

    /// Times the waiting samples whose index is below `anchorIndex` (the open run goes on).
    private mutating func settle(before anchorIndex: Double, _ decoded: inout _BinaryDecoded) {
        var end = decoded.sampleCount
        let next = decoded.drainedSamples + decoded.timesS.count
        if Double(end) > anchorIndex {
            // First index at or past the anchor (as `fillRun`'s `segmentEnd`).
            end = max(next, min(end, Int(clamping: anchorIndex.rounded(.up), to: 0...end)))
        }
        settle(through: end, runEnd: anchors.count, &decoded)
    }

    /// Times the waiting samples up to index `end`, all in the run `runStart..<runEnd`.
    private mutating func settle(through end: Int, runEnd: Int, _ decoded: inout _BinaryDecoded) {
        var i = decoded.drainedSamples + decoded.timesS.count
        guard i < end else { return }
        if shift == nil { shift = unshiftedTime(0, runEnd: runEnd) }
        let shift = shift ?? 0
        if runEnd - runStart == 1 {
            let first = anchors[runStart]
            let period = 1 / first.rateHz
            while i < end {
                decoded.timesS.append((first.anchorS + (Double(i) - first.anchorIndex) * period) - shift)
                i += 1
            }
            return
        }
        var slope = slopeOf(segment)
        while i < end {
            let index = Double(i)
            while segment + 2 < runEnd, index >= anchors[segment + 1].anchorIndex {
                segment += 1
                slope = slopeOf(segment)
            }
            let a = anchors[segment]
            decoded.timesS.append((a.anchorS + (index - a.anchorIndex) * slope) - shift)
            i += 1
        }
    }

    private func slopeOf(_ k: Int) -> Double {
        (anchors[k + 1].anchorS - anchors[k].anchorS) / (anchors[k + 1].anchorIndex - anchors[k].anchorIndex)
    }

    /// The time of sample 0 as `_CWADecodeState.firstSampleTime` computes it (in the first run,
    /// whose anchors are all still held: nothing is dropped before this is known).
    private func unshiftedTime(_ sample: Int, runEnd: Int) -> Double {
        let first = anchors[0]
        let index = Double(sample)
        // The first run's end once it has closed, else the anchors known (see `settle(before:)`).
        let end = firstRunEnd ?? runEnd
        guard end > 1 else { return first.anchorS + (index - first.anchorIndex) * (1 / first.rateHz) }
        var k = 0
        var slope = slopeOf(0)
        while k + 2 < end, index >= anchors[k + 1].anchorIndex {
            k += 1
            slope = slopeOf(k)
        }
        return anchors[k].anchorS + (index - anchors[k].anchorIndex) * slope
    }

    /// Seconds to add to the decode's origin so that sample 0 is at 0 (nil before it is settled).
    var firstSampleShiftS: Double? { shift }
}
