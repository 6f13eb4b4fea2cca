import PLMCore
import Testing

@testable import PLMNights

/// ``RestPeriods/nonWearPieces`` on hand-made spans: the expected pieces are read off a time line
/// drawn by hand.
@Suite("Non-wear cut where the unworn legs change")
struct NonWearPiecesTests {
    static func periods(left: [TimeSpan], right: [TimeSpan], noLegWorn: [TimeSpan], nonWear: [TimeSpan]) -> RestPeriods {
        RestPeriods(
            nights: [], naps: [], lyingAwake: [], nonWear: nonWear, noLegWorn: noLegWorn,
            nonWearByLeg: [left, right], uprightFound: true)
    }

    static func span(_ start: Double, _ end: Double) -> TimeSpan { TimeSpan(startS: start, endS: end) }

    /// left off 0-100, right off 50-150 and 200-260; both off 50-100:
    ///   0-50 left (right worn), 50-100 both (no leg worn), 100-150 right, 200-260 right.
    @Test("Overlapping legs: one leg, both legs, the other leg, and a separate stretch")
    func overlappingLegs() {
        let periods = Self.periods(
            left: [Self.span(0, 100)], right: [Self.span(50, 150), Self.span(200, 260)],
            noLegWorn: [Self.span(50, 100)], nonWear: [Self.span(0, 150), Self.span(200, 260)])
        #expect(
            periods.nonWearPieces == [
                NonWearPiece(span: Self.span(0, 50), legs: [0], noLegWorn: false),
                NonWearPiece(span: Self.span(50, 100), legs: [0, 1], noLegWorn: true),
                NonWearPiece(span: Self.span(100, 150), legs: [1], noLegWorn: false),
                NonWearPiece(span: Self.span(200, 260), legs: [1], noLegWorn: false),
            ])
    }

    /// left off 0-100 with the right off inside it, 20-40: the left-only time on either side is
    /// two pieces, not one (the right's stretch lies between them).
    @Test("A stretch of the other leg inside one leg's: three pieces")
    func nestedStretch() {
        let periods = Self.periods(
            left: [Self.span(0, 100)], right: [Self.span(20, 40)],
            noLegWorn: [Self.span(20, 40)], nonWear: [Self.span(0, 100)])
        #expect(
            periods.nonWearPieces == [
                NonWearPiece(span: Self.span(0, 20), legs: [0], noLegWorn: false),
                NonWearPiece(span: Self.span(20, 40), legs: [0, 1], noLegWorn: true),
                NonWearPiece(span: Self.span(40, 100), legs: [0], noLegWorn: false),
            ])
    }

    /// The right leg's file has ended at 30 s: from there the left leg, off, is the only leg with
    /// data, so no leg is worn although only the left is listed.
    @Test("No leg worn where the other leg has no data: one leg listed, excluded")
    func otherLegWithoutData() {
        let periods = Self.periods(
            left: [Self.span(0, 90)], right: [], noLegWorn: [Self.span(30, 90)], nonWear: [Self.span(0, 90)])
        #expect(
            periods.nonWearPieces == [
                NonWearPiece(span: Self.span(0, 30), legs: [0], noLegWorn: false),
                NonWearPiece(span: Self.span(30, 90), legs: [0], noLegWorn: true),
            ])
    }

    @Test("No non-wear: no pieces")
    func none() {
        #expect(Self.periods(left: [], right: [], noLegWorn: [], nonWear: []).nonWearPieces.isEmpty)
    }
}
