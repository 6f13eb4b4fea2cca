import PLMCore
import Testing

@testable import PLMEvaluation

/// Event matching and per-night metrics on hand-built reference/detection pairs.
@Suite struct EventMatcherTests {
    static func lm(_ side: LegSide, _ onset: Double, _ offset: Double) -> LegMovement {
        LegMovement(side: side, onsetS: onset, offsetS: offset)
    }

    /// Reference: L 10-12, L 30-31, L 50-52, R 10.2-12.
    /// Detected:  L 10.5-12.5 (overlap 1.5 s >= half of 2 s: match, onset +0.5, offset +0.5),
    ///            L 30.8-33 (overlap 0.2 s < half of 1 s, but onsets 0.8 s apart: match, onset +0.8, offset +2.0),
    ///            L 70-71 (nothing near: false positive), R 50-52 (wrong leg for L 50-52: false positive).
    /// By hand: left 3 reference / 3 detected / 2 matched; right 1 / 1 / 0; total 4 / 4 / 2;
    /// sensitivity 2/4 = 0.5, PPV 2/4 = 0.5, F1 = 2*2/(4+4) = 0.5;
    /// onset errors {0.5, 0.8}: median 0.65, mean |e| 0.65; offset errors {0.5, 2.0}: median 1.25, mean |e| 1.25.
    @Test func handBuiltNight() {
        let reference = EventSet(source: "ref", movements: [Self.lm(.left, 10, 12), Self.lm(.left, 30, 31), Self.lm(.left, 50, 52), Self.lm(.right, 10.2, 12)], plmIndex: 30)
        let detected = EventSet(source: "det", movements: [Self.lm(.left, 10.5, 12.5), Self.lm(.left, 30.8, 33), Self.lm(.left, 70, 71), Self.lm(.right, 50, 52)], plmIndex: 26.5)
        let e = Evaluator.evaluate(reference: reference, detected: detected)
        #expect(e.left == DetectionCounts(referenceCount: 3, detectedCount: 3, truePositives: 2))
        #expect(e.right == DetectionCounts(referenceCount: 1, detectedCount: 1, truePositives: 0))
        #expect(e.total.truePositives == 2 && e.total.falseNegatives == 2 && e.total.falsePositives == 2)
        #expect(e.total.sensitivity == 0.5)
        #expect(e.total.positivePredictiveValue == 0.5)
        #expect(e.total.f1 == 0.5)
        #expect(abs((e.onsetError?.medianS ?? .nan) - 0.65) < 1e-12)
        #expect(abs((e.onsetError?.meanAbsoluteS ?? .nan) - 0.65) < 1e-12)
        #expect(abs((e.offsetError?.medianS ?? .nan) - 1.25) < 1e-12)
        #expect(abs((e.offsetError?.meanAbsoluteS ?? .nan) - 1.25) < 1e-12)
        // PLM index error: detected 26.5 - reference 30 = -3.5.
        #expect(e.plmIndexError == -3.5)
    }

    /// Reference: L 10-12, L 100-102 (inside a 45-s gap 80-125 s the report declares on the left leg),
    /// L 200-201.5, R 100-102 (the right leg had no gap there).
    /// Detected: L 10.2-12, L 200-201.4; nothing at 100 s on either leg.
    /// By hand: left 2 matched; the L 100-102 miss lies in the left leg's excluded time, so it is
    /// counted apart: left reference 2 (assessed) / in excluded time 1 / detected 2 / matched 2,
    /// sensitivity 1; right reference 1 / matched 0 (a real miss: no gap on that leg).
    @Test func referenceMissedInExcludedTimeIsCountedApart() {
        let reference = EventSet(
            source: "ref",
            movements: [Self.lm(.left, 10, 12), Self.lm(.left, 100, 102), Self.lm(.left, 200, 201.5), Self.lm(.right, 100, 102)])
        let detected = EventSet(
            source: "det", movements: [Self.lm(.left, 10.2, 12), Self.lm(.left, 200, 201.4)],
            excludedSpans: [.left: [TimeSpan(startS: 80, endS: 125)]])
        let e = Evaluator.evaluate(reference: reference, detected: detected)
        #expect(e.left == DetectionCounts(referenceCount: 2, detectedCount: 2, truePositives: 2, referenceInExcludedTime: 1))
        #expect(e.left.sensitivity == 1)
        #expect(e.right == DetectionCounts(referenceCount: 1, detectedCount: 0, truePositives: 0))
        #expect(e.total.referenceInExcludedTime == 1 && e.total.falseNegatives == 1)
    }

    /// The excluded spans of a report are its legs' defects marked `excluded` (a rate mismatch,
    /// `excluded: false`, is not).
    @Test func reportDefectsBecomeExcludedSpans() throws {
        let json = """
            {"schema": "plm-report/1", "recording": {"start": "", "legs": [
              {"side": "left", "defects": [{"kind": "gap", "startS": 80, "endS": 125, "excluded": true, "detail": ""},
                                           {"kind": "rateMismatch", "startS": 0, "endS": 3600, "excluded": false, "detail": ""}]},
              {"side": "right", "defects": []}]},
             "legMovements": [{"side": "left", "onsetS": 10.2, "offsetS": 12}], "indices": {"plmIndex": 12.5}}
            """
        let set = try EventSetReader.decodeReport(Array(json.utf8), path: "r.json")
        #expect(set.excludedSpans[.left] == [TimeSpan(startS: 80, endS: 125)])
        #expect(set.excludedSpans[.right] == nil)
        #expect(set.plmIndex == 12.5)
    }

    /// One to one: two detections near one reference give one hit (the closer onset) and one
    /// false positive; a detection between two references goes to the one it qualifies for.
    @Test func matchingIsOneToOne() {
        let m = EventMatcher.match(
            reference: [Self.lm(.left, 10, 11)], detected: [Self.lm(.left, 10.3, 11.2), Self.lm(.left, 10.1, 11)])
        #expect(m.pairs.count == 1)
        #expect(m.unmatchedDetected.count == 1)
        // Detected list is sorted by onset: index 0 is the 10.1 s detection (onset error 0.1 s).
        #expect(m.pairs.first?.detectedIndex == 0)
        #expect(abs((m.pairs.first?.onsetErrorS ?? .nan) - 0.1) < 1e-12)

        // Reference 10-11 and 11.5-12.5; detection 11.2-12.4: onset 1.2 s from the first (> 1 s)
        // and no overlap with it; overlap 0.9 s with the second (>= 0.45): matches the second.
        let n = EventMatcher.match(
            reference: [Self.lm(.right, 10, 11), Self.lm(.right, 11.5, 12.5)], detected: [Self.lm(.right, 11.2, 12.4)])
        #expect(n.pairs.map(\.referenceIndex) == [1])
        #expect(n.missedReference == [0])
    }

    /// Overlap exactly half of the shorter event matches; just under half and onsets more than
    /// 1 s apart does not. Onsets exactly 1 s apart match.
    @Test(arguments: [
        (LegMovement(side: .left, onsetS: 0, offsetS: 4), LegMovement(side: .left, onsetS: 2, offsetS: 6), true),  // overlap 2 = 0.5 x 4
        (LegMovement(side: .left, onsetS: 0, offsetS: 4), LegMovement(side: .left, onsetS: 2.01, offsetS: 6), false),  // overlap 1.99 < 2, onsets 2.01 apart
        (LegMovement(side: .left, onsetS: 0, offsetS: 0.6), LegMovement(side: .left, onsetS: 1, offsetS: 2), true),  // no overlap, onsets 1 s apart
        (LegMovement(side: .left, onsetS: 0, offsetS: 8), LegMovement(side: .left, onsetS: 6, offsetS: 7), true),  // detection inside: overlap 1 = all of the shorter
        (LegMovement(side: .left, onsetS: 0, offsetS: 2), LegMovement(side: .right, onsetS: 0, offsetS: 2), false),  // other leg
    ])
    func matchCriterion(reference: LegMovement, detected: LegMovement, matches: Bool) {
        let m = EventMatcher.match(reference: [reference], detected: [detected])
        #expect(m.pairs.count == (matches ? 1 : 0))
    }

    /// By default only 0.5-10 s events take part: a 0.3 s twitch in the reference is not a miss,
    /// a 20 s detection is not a false positive; with the filter off both count.
    @Test func durationFilter() {
        let reference = [Self.lm(.left, 5, 5.3), Self.lm(.left, 40, 42)]
        let detected = [Self.lm(.left, 40.2, 42.1), Self.lm(.left, 100, 120)]
        let standard = EventMatcher.match(reference: reference, detected: detected)
        #expect(standard.reference.count == 1 && standard.detected.count == 1 && standard.pairs.count == 1)
        let all = EventMatcher.match(reference: reference, detected: detected, options: EvaluationOptions(durationRangeS: nil))
        #expect(all.reference.count == 2 && all.detected.count == 2 && all.pairs.count == 1)
    }

    /// Empty sides give undefined rates, not a crash.
    @Test func emptyNight() {
        let e = Evaluator.evaluate(reference: EventSet(source: "r", movements: []), detected: EventSet(source: "d", movements: []))
        #expect(e.total.sensitivity == nil && e.total.positivePredictiveValue == nil && e.total.f1 == nil)
        #expect(e.onsetError == nil && e.plmIndexError == nil)
    }
}
