import PLMCore

/// A stretch of non-wear in which the same legs are not worn: what the summary reports, so that
/// a reader can tell time that was not scored at all (no leg worn) from time scored from the other
/// leg (one sensor off).
public struct NonWearPiece: Sendable, Hashable {
    public var span: TimeSpan
    /// The legs not worn, as indices in the order the legs were given, ascending.
    public var legs: [Int]
    /// Whether no leg is worn: excluded from scoring for every leg. Otherwise the worn legs are
    /// scored and the legs in ``legs`` have defect time (``RestPeriods/nonWearByLeg``).
    public var noLegWorn: Bool

    public init(span: TimeSpan, legs: [Int], noLegWorn: Bool) {
        self.span = span
        self.legs = legs
        self.noLegWorn = noLegWorn
    }
}

extension RestPeriods {
    /// ``nonWear`` cut where the set of unworn legs or ``noLegWorn`` changes, in time order; the
    /// pieces together cover ``nonWear`` exactly. A leg counts as not worn where one of its
    /// ``nonWearByLeg`` spans covers the piece; time with no leg worn may list fewer than every leg
    /// (a leg whose file has ended records nothing, worn or not).
    public var nonWearPieces: [NonWearPiece] {
        var pieces: [NonWearPiece] = []
        for whole in nonWear {
            var cuts = [whole.startS, whole.endS]
            for span in nonWearByLeg.joined() + noLegWorn {
                for edge in [span.startS, span.endS] where edge > whole.startS && edge < whole.endS { cuts.append(edge) }
            }
            cuts.sort()
            for (start, end) in zip(cuts, cuts.dropFirst()) where end > start {
                let legs = nonWearByLeg.indices.filter { leg in Self.covers(nonWearByLeg[leg], start, end) }
                let piece = NonWearPiece(
                    span: TimeSpan(startS: start, endS: end), legs: legs, noLegWorn: Self.covers(noLegWorn, start, end))
                if let last = pieces.last, last.span.endS == start, last.legs == legs, last.noLegWorn == piece.noLegWorn {
                    pieces[pieces.count - 1].span.endS = end
                } else {
                    pieces.append(piece)
                }
            }
        }
        return pieces
    }

    /// Whether one of `spans` covers the whole of `start..<end`.
    private static func covers(_ spans: [TimeSpan], _ start: Double, _ end: Double) -> Bool {
        spans.contains { $0.startS <= start && $0.endS >= end }
    }
}
