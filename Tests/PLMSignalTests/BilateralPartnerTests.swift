import Foundation
import PLMCore
import PLMReaders
import Testing

@testable import PLMSignal

/// The bilateral-partner search (``DetectionSettings/bilateralPartnerMarginS``, branch `bilat6`):
/// on an 8-bit +-4 g 20-Hz sensor with 9 mg of noise (the sample-level tilt onset level about
/// 1.5 degrees) a 1.2-degree LM is found where the other leg moved, and a still leg gains nothing
/// from the other leg's movements.
struct BilateralPartnerTests {
    /// Eight 6-degree LMs on the left leg and 1.2-degree partners on the right at the same times
    /// (1.5 s: 0.4-s ramps, 0.7-s hold), in 30 minutes of an 8-bit +-4 g, 9-mg, 20-Hz sensor:
    /// the partners, and the two legs.
    static func partnerLegs() -> (small: [ShapedMovement], left: AccelerationRecording, right: AccelerationRecording) {
        let times = (0..<8).map { 600 + 40 * Double($0) }
        let big = times.map { ShapedMovement(onsetS: $0, riseS: 0.4, holdS: 0.7, fallS: 0.4, amplitudeDegrees: 6) }
        let small = times.map { ShapedMovement(onsetS: $0, riseS: 0.4, holdS: 0.7, fallS: 0.4, amplitudeDegrees: 1.2) }
        let left = shapedRecording(durationS: 1800, rateHz: 20, noiseG: 0.009, movements: big, quantumG: 8.0 / 256, seed: 41)
        let right = shapedRecording(durationS: 1800, rateHz: 20, noiseG: 0.009, movements: small, quantumG: 8.0 / 256, seed: 42)
        return (small, left, right)
    }

    /// Eight 6-degree LMs on the left and 1.2-degree partners on the right at the same times
    /// (1.5 s: 0.4-s ramps, 0.7-s hold), in 30 minutes, so that the right leg has the still time
    /// the level is measured on. Alone, the right leg's detector finds 3 of the 8 partners; with
    /// the partner search 6 (as measured when the test was written; the other two do not reach
    /// the floor levels for 0.5 s or their averaged tilt stays under the window level, 0.8
    /// degree here), and no other movement is added.
    @Test func smallPartnersAreFoundWhereTheOtherLegMoved() {
        let (small, left, right) = Self.partnerLegs()
        let detector = LegMovementDetector()
        let leftAlone = detector.detect(left, side: .left), rightAlone = detector.detect(right, side: .right)
        func lms(_ d: LegDetection) -> [LegMovement] { d.movements.filter { !$0.isShorterThanMinimumLM } }
        func matched(_ found: [LegMovement]) -> Int {
            small.filter { lm in found.contains { $0.onsetS < lm.offsetS && $0.offsetS > lm.onsetS } }.count
        }
        #expect(matched(lms(leftAlone)) == 8)
        #expect(matched(lms(rightAlone)) <= 3, "\(lms(rightAlone).map { ($0.onsetS, $0.durationS) })")
        let both = detector.withBilateralPartners([
            BilateralLeg(recording: left, detection: leftAlone, offsetS: 0),
            BilateralLeg(recording: right, detection: rightAlone, offsetS: 0),
        ])
        #expect(both[0].movements == leftAlone.movements)
        let rightFound = lms(both[1])
        #expect(matched(rightFound) >= 6, "\(rightFound.map { ($0.onsetS, $0.durationS) })")
        #expect(rightFound.count == matched(rightFound), "false movements: \(rightFound.map { ($0.onsetS, $0.durationS) })")
    }

    /// The detection kept for the search (``LegMovementDetector/bilateralLeg(_:side:offsetS:)``):
    /// the first detection is ``LegMovementDetector/detect(_:side:)``'s, and the partner search
    /// confirming on the kept low-level scans gives what detecting the leg again gives, on the
    /// legs of ``smallPartnersAreFoundWhereTheOtherLegMoved()`` (both legs searched, the right
    /// one gaining partners).
    @Test func keptScansGiveTheSameDetectionAsDetectingAgain() {
        let (_, left, right) = Self.partnerLegs()
        let detector = LegMovementDetector()
        let alone = [detector.detect(left, side: .left), detector.detect(right, side: .right)]
        let kept = [detector.bilateralLeg(left, side: .left), detector.bilateralLeg(right, side: .right, offsetS: 0)]
        #expect(kept.allSatisfy { $0.kept != nil })
        #expect(zip(kept, alone).allSatisfy { $0.detection.movements == $1.movements && $0.detection.rejected == $1.rejected })
        let again = detector.withBilateralPartners([
            BilateralLeg(recording: left, detection: alone[0], offsetS: 0),
            BilateralLeg(recording: right, detection: alone[1], offsetS: 0),
        ])
        let resumed = detector.withBilateralPartners(kept)
        #expect(again[1].movements != alone[1].movements)
        for (a, b) in zip(again, resumed) {
            #expect(a.movements == b.movements)
            #expect(a.rejected == b.rejected)
            #expect(a.validDurationS == b.validDurationS && a.excludedSpans == b.excludedSpans)
        }
    }

    /// An hour of a still 8-bit leg (8 mg, as ``HardConditionTests``' still hour) beside a leg
    /// with sixty 6-degree LMs: the partner search adds no movement to the still leg.
    @Test func stillLegGainsNothingBesideAMovingOne() {
        let big = (0..<60).map {
            ShapedMovement(onsetS: 60 + 58 * Double($0), riseS: 0.4, holdS: 0.7, fallS: 0.4, amplitudeDegrees: 6)
        }
        let left = shapedRecording(durationS: 3600, rateHz: 20, noiseG: 0.008, movements: big, quantumG: 8.0 / 256, seed: 43)
        let right = shapedRecording(durationS: 3600, rateHz: 20, noiseG: 0.008, movements: [], quantumG: 8.0 / 256, seed: 13)
        let detector = LegMovementDetector()
        let leftAlone = detector.detect(left, side: .left), rightAlone = detector.detect(right, side: .right)
        let both = detector.withBilateralPartners([
            BilateralLeg(recording: left, detection: leftAlone, offsetS: 0),
            BilateralLeg(recording: right, detection: rightAlone, offsetS: 0),
        ])
        #expect(both[1].movements == rightAlone.movements, "\(both[1].movements.map { ($0.onsetS, $0.durationS) })")
        #expect(both[1].movements.filter { !$0.isShorterThanMinimumLM }.isEmpty)
    }

    /// The windows: the other leg's movements of at least 0.5 s that no movement of this leg
    /// overlaps within the margin, widened by it, shifted onto this leg's time line and merged.
    @Test func partnerWindows() {
        func lm(_ on: Double, _ off: Double, _ side: LegSide) -> LegMovement {
            LegMovement(side: side, onsetS: on, offsetS: off, peakAccelerationG: 0.1, tiltChangeDegrees: 1)
        }
        let other = [lm(10, 11, .left), lm(11.2, 12, .left), lm(20, 20.3, .left), lm(30, 31, .left), lm(40, 41, .left)]
        let this = [lm(30.3, 31, .right), lm(39, 39.4, .right)]
        let windows = LegMovementDetector.partnerWindowsS(other: other, this: this, shiftS: -1, marginS: 0.5)
        // 10-11 and 11.2-12 merge (8.5-11.5); 20-20.3 is too short; 30-31 has a partner
        // overlapping its window (29.5-30.5 shifted); 39-39.4 is shorter than 0.5 s, so 40-41 still opens a window.
        #expect(windows == [TimeSpan(startS: 8.5, endS: 11.5), TimeSpan(startS: 38.5, endS: 40.5)])
    }
}
