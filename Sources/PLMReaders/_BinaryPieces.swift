/// Where a binary decoder hands its samples on during a streaming read
/// (``ChunkedRecordingReader`` on a .cwa, GENEActiv .bin or .gt3x): after each block (sector,
/// page, record chunk) the decoder asks ``drainIfFull(_:)``, and once enough samples have their
/// times the sink takes them and empties the buffers (``_BinaryDecoded/drainedSamples`` counts
/// them), so the buffers are reused and memory stays at one piece whatever the file's length.
///
/// The sink takes the first `timesS.count` samples: every decoded sample for GENEActiv and
/// .gt3x (they write each sample's time as they decode it), the samples of the sectors whose
/// time interpolation is settled for .cwa (``_CWAStreamingTimes``).
struct _BinaryPieces {
    /// Samples with times held before they are handed on.
    let thresholdSamples: Int
    /// Takes the first `timesS.count` samples out of the buffers (and must remove them).
    let sink: (inout _BinaryDecoded) throws -> Void

    /// Hands the timed samples on when there are at least ``thresholdSamples`` of them.
    @inline(__always)
    func drainIfFull(_ decoded: inout _BinaryDecoded) throws {
        if decoded.timesS.count >= thresholdSamples { try sink(&decoded) }
    }

    /// Hands on every timed sample (at the end of the file).
    func drainAll(_ decoded: inout _BinaryDecoded) throws {
        if !decoded.timesS.isEmpty { try sink(&decoded) }
    }
}

extension _BinaryDecoded {
    /// Removes the first `count` samples (handed on) from the buffers, keeping their capacity.
    mutating func removeDrained(_ count: Int) {
        guard count > 0 else { return }
        lastDrainedTimeS = timesS[count - 1]
        drainedSamples += count
        if count == x.count {
            x.removeAll(keepingCapacity: true)
            y.removeAll(keepingCapacity: true)
            z.removeAll(keepingCapacity: true)
        } else {
            x.removeFirst(count)
            y.removeFirst(count)
            z.removeFirst(count)
        }
        if count == timesS.count { timesS.removeAll(keepingCapacity: true) } else { timesS.removeFirst(count) }
    }
}
