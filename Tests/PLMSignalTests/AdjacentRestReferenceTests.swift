import Foundation
import Testing

@testable import PLMSignal

/// The parts of ``AdjacentRestReference`` that decide which rest a moment is read against, on
/// hand-made rests and gravity series whose answers follow from their construction.
@Suite struct AdjacentRestReferenceTests {
    /// A unit gravity direction tilted by `degrees` about x from z.
    static func direction(_ degrees: Double) -> (Double, Double, Double) {
        let a = degrees * Double.pi / 180
        return (0, sin(a), cos(a))
    }

    static func rest(_ bins: Range<Int>, atDegrees degrees: Double) -> AdjacentRestReference.Rest {
        AdjacentRestReference.Rest(bins: bins, levels: [direction(degrees)], subBinBins: max(1, bins.count))
    }

    /// Three rests: two at 0 degrees 30 bins apart (one position broken by a stir), one at
    /// 2 degrees. With a same-level tolerance of 0.5 degree and gaps up to 50 bins the first two
    /// are one position: the still time before each is 100, 100 + 30, 100; after each
    /// 100 + 30, 30, 100. A gap of more than 50 bins, or a level 2 degrees away, ends a position.
    @Test func stillTimeOfAPositionSpansRestsAtItsLevel() {
        let rests = [Self.rest(0..<100, atDegrees: 0), Self.rest(130..<160, atDegrees: 0.1), Self.rest(200..<300, atDegrees: 2)]
        let sameLevel = 0.5 * Double.pi / 180
        let still = AdjacentRestReference.positionStillBins(rests, sameLevel: sameLevel, maxGapBins: 50)
        #expect(still.before == [100, 130, 100])
        #expect(still.after == [130, 30, 100])
        let apart = AdjacentRestReference.positionStillBins(rests, sameLevel: sameLevel, maxGapBins: 20)
        #expect(apart.before == [100, 30, 100])
        #expect(apart.after == [100, 30, 100])
    }

    /// A rise from 0 to 4 degrees (bins 0-40, one degree per 10 bins), held to bin 50, then a fall
    /// to 1.5 degrees by bin 75, between rests at 0 and at 1.5 degrees, with a margin of 0.75
    /// degree: the leg is beyond 2.25 degrees from bin 23 to the fall's crossing of 2.25, and
    /// farthest from the first rest at the hold's first bin, 40 (ties keep the first), so the rise
    /// is read against the first rest up to bin 41. An extreme of only 2 degrees (not beyond the
    /// second rest by the margin) leaves the gap to the nearer rest (the gap's start is returned).
    @Test func riseIsReadAgainstTheRestLeftUpToItsExtreme() {
        func series(peak: Double) -> ([Float], [Float], [Float]) {
            let degrees = (0..<75).map { k -> Double in
                if k <= 40 { return peak * Double(k) / 40 }
                if k <= 50 { return peak }
                return peak + (1.5 - peak) * Double(k - 50) / 25
            }
            let d = degrees.map(Self.direction)
            return (d.map { Float($0.0) }, d.map { Float($0.1) }, d.map { Float($0.2) })
        }
        let margin = 0.75 * Double.pi / 180
        let (x, y, z) = series(peak: 4)
        let end = AdjacentRestReference.risePastRestAfterEnd(
            gx: x, gy: y, gz: z, gap: 0..<75, before: Self.direction(0), after: Self.direction(1.5), margin: margin)
        #expect(end == 41)
        let (x2, y2, z2) = series(peak: 2)
        let none = AdjacentRestReference.risePastRestAfterEnd(
            gx: x2, gy: y2, gz: z2, gap: 0..<75, before: Self.direction(0), after: Self.direction(1.5), margin: margin)
        #expect(none == 0)
    }
}
