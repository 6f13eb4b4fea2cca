import PLMCore

/// One reference movement matched to one detected movement.
public struct MatchedPair: Sendable, Hashable, Codable {
    public var side: LegSide
    public var referenceIndex: Int
    public var detectedIndex: Int
    /// Detected minus reference onset, seconds.
    public var onsetErrorS: Double
    /// Detected minus reference offset, seconds.
    public var offsetErrorS: Double
}

/// The outcome of matching one night's events.
public struct EventMatching: Sendable, Hashable {
    public var pairs: [MatchedPair]
    /// Indices (into the filtered reference list) of reference events without a match.
    public var missedReference: [Int]
    /// Indices (into the filtered detected list) of detected events without a match.
    public var unmatchedDetected: [Int]
    /// The events that took part, after the duration filter.
    public var reference: [LegMovement]
    public var detected: [LegMovement]
    /// For each event of ``reference``, its index in the reference list given to the matcher
    /// (to look up what the source says about it, such as its peak deviation).
    public var referenceInputIndices: [Int] = []
}

/// Matches detected movements to reference movements one to one, leg by leg.
///
/// Two events on the same leg are a candidate pair when they overlap by at least half the
/// shorter event (``EvaluationOptions/minimumOverlapFraction``) or their onsets are within 1 s
/// (``EvaluationOptions/onsetToleranceS``). Pairs are then taken greedily by increasing onset
/// difference (ties: larger overlap, then earlier reference, then earlier detection), each event
/// used at most once. The greedy choice is deterministic and, because candidate pairs are local
/// in time, gives the same matches as a maximum matching for all but contrived event chains.
public enum EventMatcher {
    /// - Complexity: O((r + d) log(r + d) + p log p) for p candidate pairs.
    public static func match(reference: [LegMovement], detected: [LegMovement], options: EvaluationOptions = .standard) -> EventMatching {
        func keep(_ m: LegMovement) -> Bool { options.durationRangeS.map { $0.contains(m.durationS) } ?? true }
        let referenceOrder = reference.indices.filter { keep(reference[$0]) }.sorted {
            LegMovement.precedes(reference[$0], reference[$1])
        }
        let ref = referenceOrder.map { reference[$0] }
        let det = detected.filter(keep).sorted(by: LegMovement.precedes)

        struct Candidate {
            var r: Int, d: Int, onsetDistance: Double, overlap: Double
        }
        var candidates: [Candidate] = []
        // Detected events sorted by onset; for each reference scan the detected ones whose onset
        // can still qualify (a window around the reference event).
        let longestDetected = det.map(\.durationS).max() ?? 0
        var first = 0
        for (r, a) in ref.enumerated() {
            let earliest = a.onsetS - max(options.onsetToleranceS, longestDetected)
            while first < det.count, det[first].onsetS < earliest { first += 1 }
            var d = first
            while d < det.count, det[d].onsetS <= max(a.offsetS, a.onsetS + options.onsetToleranceS) {
                let b = det[d]
                if b.side == a.side {
                    let overlap = max(0, min(a.offsetS, b.offsetS) - max(a.onsetS, b.onsetS))
                    let shorter = min(a.durationS, b.durationS)
                    let onsetDistance = abs(b.onsetS - a.onsetS)
                    let overlaps = overlap > 0 && overlap >= options.minimumOverlapFraction * shorter
                    if overlaps || onsetDistance <= options.onsetToleranceS {
                        candidates.append(Candidate(r: r, d: d, onsetDistance: onsetDistance, overlap: overlap))
                    }
                }
                d += 1
            }
        }
        candidates.sort { ($0.onsetDistance, -$0.overlap, $0.r, $0.d) < ($1.onsetDistance, -$1.overlap, $1.r, $1.d) }
        var refUsed = [Bool](repeating: false, count: ref.count)
        var detUsed = [Bool](repeating: false, count: det.count)
        var pairs: [MatchedPair] = []
        for c in candidates where !refUsed[c.r] && !detUsed[c.d] {
            refUsed[c.r] = true
            detUsed[c.d] = true
            pairs.append(
                MatchedPair(
                    side: ref[c.r].side, referenceIndex: c.r, detectedIndex: c.d,
                    onsetErrorS: det[c.d].onsetS - ref[c.r].onsetS, offsetErrorS: det[c.d].offsetS - ref[c.r].offsetS))
        }
        pairs.sort { $0.referenceIndex < $1.referenceIndex }
        return EventMatching(
            pairs: pairs, missedReference: ref.indices.filter { !refUsed[$0] },
            unmatchedDetected: det.indices.filter { !detUsed[$0] }, reference: ref, detected: det,
            referenceInputIndices: referenceOrder)
    }
}
