import PLMCore

/// Movements of one leg that touched or overlapped an earlier movement of the same leg, and what
/// the rules did with them (``RuleSet/sameLegJoining``), so that a report can say so.
///
/// A detector working on one signal per leg never produces such movements; an events file from
/// elsewhere may.
public struct SameLegContacts: Sendable, Hashable, Codable {
    /// Scored movements whose onset lies at or before the latest offset of the earlier movements of
    /// the same leg (touching or overlapping), compared at 1 us.
    public var touchingOrOverlappingCount: Int
    /// Scored movements joined into the movement before them on their leg (under
    /// ``SameLegJoining/joinedOnMillisecondSamples`` this also counts those at most 1 ms apart);
    /// 0 when the rules keep them apart.
    public var joinedCount: Int
    /// Onset of the first movement counted in either number, s; nil when there is none.
    public var firstOnsetS: Double?

    public init(touchingOrOverlappingCount: Int = 0, joinedCount: Int = 0, firstOnsetS: Double? = nil) {
        self.touchingOrOverlappingCount = touchingOrOverlappingCount
        self.joinedCount = joinedCount
        self.firstOnsetS = firstOnsetS
    }

    /// Whether no movement touched, overlapped or was joined.
    public var isEmpty: Bool { touchingOrOverlappingCount == 0 && joinedCount == 0 }
}

/// A movement of one leg after same-leg joining: one input movement, or several joined ones.
struct _LegRun {
    /// Indices into the input movements, in time order.
    var indices: [Int]
    var side: LegSide
    var onsetS: Double
    var offsetS: Double
}

enum _SameLegJoiner {
    /// Joins the selected movements of each leg under ``RuleSet/sameLegJoining`` and counts contacts.
    ///
    /// Each leg is walked in onset order keeping the latest offset so far; a movement touching or
    /// overlapping it is counted, and joined into the open run when the rules join it.
    /// - Parameters:
    ///   - selected: (input index, onset, offset with offset >= onset, side) of the movements scored.
    ///   - joining: the rule.
    /// - Complexity: O(n log n).
    static func join(
        _ selected: [(index: Int, onsetS: Double, offsetS: Double, side: LegSide)], joining: SameLegJoining
    ) -> (runs: [_LegRun], contacts: SameLegContacts) {
        var runs: [_LegRun] = []
        runs.reserveCapacity(selected.count)
        var contacts = SameLegContacts()
        var firstOnsets: [Double] = []
        for side in [LegSide.left, .right] {
            let leg = selected.filter { $0.side == side }.sorted { ($0.onsetS, $0.offsetS, $0.index) < ($1.onsetS, $1.offsetS, $1.index) }
            var open: _LegRun?
            var latestOffsetS = -Double.infinity
            for m in leg {
                defer { latestOffsetS = max(latestOffsetS, m.offsetS) }
                guard var run = open else {
                    open = _LegRun(indices: [m.index], side: side, onsetS: m.onsetS, offsetS: m.offsetS)
                    continue
                }
                let touches = TimeArithmetic.exactMicroseconds.difference(m.onsetS, latestOffsetS) <= 0
                let joins = joining.joins(onsetS: m.onsetS, previousOffsetS: latestOffsetS)
                if touches { contacts.touchingOrOverlappingCount += 1 }
                if touches || joins { firstOnsets.append(m.onsetS) }
                if joins {
                    contacts.joinedCount += 1
                    run.indices.append(m.index)
                    run.offsetS = max(run.offsetS, m.offsetS)
                    open = run
                } else {
                    runs.append(run)
                    open = _LegRun(indices: [m.index], side: side, onsetS: m.onsetS, offsetS: m.offsetS)
                }
            }
            if let run = open { runs.append(run) }
        }
        contacts.firstOnsetS = firstOnsets.min()
        return (runs, contacts)
    }
}
