import Testing
@testable import PLMCore

@Suite struct TimeSpanTests {
    @Test func unionMergesOverlappingAndTouchingSpans() {
        // [0,2) and [1,3) overlap -> [0,3); [3,4) touches -> [0,4); [10,11) stays apart.
        let spans = [TimeSpan(startS: 10, endS: 11), TimeSpan(startS: 1, endS: 3),
                     TimeSpan(startS: 0, endS: 2), TimeSpan(startS: 3, endS: 4)]
        #expect(spans.mergedUnion() == [TimeSpan(startS: 0, endS: 4), TimeSpan(startS: 10, endS: 11)])
        #expect(spans.unionDurationS == 5)
    }

    @Test func touchingSpansDoNotOverlap() {
        #expect(!TimeSpan(startS: 0, endS: 1).overlaps(TimeSpan(startS: 1, endS: 2)))
        #expect(TimeSpan(startS: 0, endS: 1.001).overlaps(TimeSpan(startS: 1, endS: 2)))
        #expect(TimeSpan(startS: 0, endS: 5).clamped(to: TimeSpan(startS: 4, endS: 9)) == TimeSpan(startS: 4, endS: 5))
    }

    @Test func shortMovementIsFlaggedAgainstTheStandardMinimum() {
        // 0.5 s is the AASM/WASM minimum: 0.49 s is short, 0.5 s is not.
        #expect(LegMovement(side: .left, onsetS: 1, offsetS: 1.49).isShorterThanMinimumLM)
        #expect(!LegMovement(side: .left, onsetS: 1, offsetS: 1.5).isShorterThanMinimumLM)
    }
}
