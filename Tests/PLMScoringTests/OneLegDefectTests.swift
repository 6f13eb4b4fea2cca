import PLMCore
import Testing

@testable import PLMScoring

/// ``RuleSet/defectExclusion``: what a defect of one leg takes out of scoring. Every expected value
/// is counted by hand from the movements listed in each test (1-s movements, WASM 2016: CLM
/// 0.5-10 s, series of >= 4 CLMs with 10 <= IMI <= 90 s, window [0, 3600) s).
@Suite("Defects of one leg")
struct OneLegDefectTests {
    static let window = TimeSpan(startS: 0, endS: 3600)

    static func score(
        _ movements: [LegMovement], legDefects: [LegSide: [TimeSpan]], excluded: [TimeSpan] = [],
        _ exclusion: DefectExclusion
    ) -> ScoringResult {
        var rules = RuleSet.wasm2016
        rules.defectExclusion = exclusion
        return PLMScorer.score(
            ScoringInput(movements: movements, window: window, excludedSpans: excluded, legDefectSpans: legDefects),
            rules: rules)
    }

    /// Left gap 100-200 s. Left LMs at 20, 40, 60; right LMs at 120 and 140 (inside the left gap);
    /// a left "movement" at 150 inside its own gap (the detector would not report one; it must
    /// not count).
    /// - noLegRecorded: nothing is excluded (the right leg recorded throughout). Scored: L20 L40
    ///   L60 R120 R140 (L150 is in its own leg's defect); IMIs 20, 20, 60, 20: one series of 5.
    ///   5 PLMs in 1 h; the right leg alone covers the left gap, 100 s.
    /// - anyLegDefective: 100-200 s excluded for both legs; scored L20 L40 L60: 3 CLMs, no series;
    ///   valid 3500 s.
    @Test("Right-leg movements in a left-leg gap complete a series under the default only")
    func rightLegCompletesSeries() {
        let movements = [L(20, 21), L(40, 41), L(60, 61), R(120, 121), R(140, 141), L(150, 151)]
        let legDefects: [LegSide: [TimeSpan]] = [.left: [TimeSpan(startS: 100, endS: 200)], .right: []]

        let byDefault = Self.score(movements, legDefects: legDefects, .noLegRecorded)
        #expect(byDefault.indices.lmCount == 5)
        #expect(byDefault.indices.plmCount == 5)
        #expect(byDefault.indices.seriesCount == 1)
        #expect(byDefault.indices.validHours == 1)
        #expect(byDefault.indices.plmIndex == 5)
        #expect(byDefault.defectTime.excluded.isEmpty)
        #expect(byDefault.defectTime.scoredAloneS == [.left: 0, .right: 100])
        #expect(RuleSet.wasm2016.defectExclusion == .noLegRecorded)
        #expect(PLMScorer.score(ScoringInput(movements: movements, window: Self.window, legDefectSpans: legDefects), rules: .wasm2016) == byDefault)

        let old = Self.score(movements, legDefects: legDefects, .anyLegDefective)
        #expect(old.indices.lmCount == 3)
        #expect(old.indices.plmCount == 0)
        #expect(old.indices.validHours == 3500.0 / 3600)
        #expect(old.defectTime.excluded == [TimeSpan(startS: 100, endS: 200)])
        #expect(old.defectTime.scoredAloneS == [.left: 0, .right: 0])
    }

    /// Left defect 100-200 s, right defect 150-300 s: no leg recorded 150-200 s.
    /// LMs L20 L40 L60 R120 R140 | R160 (both legs defective) | L210 L230 L250 (the right leg is
    /// defective, the left recorded).
    /// - noLegRecorded: 150-200 excluded (valid 3550 s); R160 not scored; the IMI 140 -> 210 crosses
    ///   excluded time, so runs L20..R140 (5, a series) and L210..L250 (3, not one): 5 PLMs of 8 LMs.
    ///   The right leg alone covers 100-150 (50 s), the left alone 200-300 (100 s).
    /// - anyLegDefective: 100-300 excluded (valid 3400 s); scored L20 L40 L60 only: no PLM.
    @Test("Time in which both legs are defective is still excluded")
    func bothLegsDefective() {
        let movements = [
            L(20, 21), L(40, 41), L(60, 61), R(120, 121), R(140, 141), R(160, 161), L(210, 211), L(230, 231), L(250, 251),
        ]
        let legDefects: [LegSide: [TimeSpan]] = [
            .left: [TimeSpan(startS: 100, endS: 200)], .right: [TimeSpan(startS: 150, endS: 300)],
        ]
        let byDefault = Self.score(movements, legDefects: legDefects, .noLegRecorded)
        #expect(byDefault.defectTime.excluded == [TimeSpan(startS: 150, endS: 200)])
        #expect(byDefault.indices.lmCount == 8)
        #expect(byDefault.indices.plmCount == 5)
        #expect(byDefault.indices.validHours == 3550.0 / 3600)
        #expect(byDefault.defectTime.scoredAloneS == [.left: 100, .right: 50])

        let old = Self.score(movements, legDefects: legDefects, .anyLegDefective)
        #expect(old.defectTime.excluded == [TimeSpan(startS: 100, endS: 300)])
        #expect(old.indices.lmCount == 3)
        #expect(old.indices.plmCount == 0)
        #expect(old.indices.validHours == 3400.0 / 3600)
    }

    /// Time excluded for every leg (non-wear) stays excluded whatever the rule: left defect 100-200,
    /// non-wear 120-130. R125 (in the non-wear) is not scored; R140 is. Scored L20 L40 L60 R140: IMIs 20, 20, 80 (60 -> 140 crosses 120-130 excluded, so it is
    /// unmeasurable): runs of 3 and 1, no series. Valid 3590 s; the right leg alone 90 s.
    @Test("Time excluded for every leg stays excluded under the default")
    func excludedForEveryLeg() {
        let movements = [L(20, 21), L(40, 41), L(60, 61), R(125, 126), R(140, 141)]
        let r = Self.score(
            movements, legDefects: [.left: [TimeSpan(startS: 100, endS: 200)], .right: []],
            excluded: [TimeSpan(startS: 120, endS: 130)], .noLegRecorded)
        #expect(r.indices.lmCount == 4)
        #expect(r.indices.plmCount == 0)
        #expect(r.indices.validHours == 3590.0 / 3600)
        #expect(r.defectTime.scoredAloneS == [.left: 0, .right: 90])
    }

    /// One leg recorded (the left, gap 100-200 s): both rules exclude its gap, exactly as the
    /// scorer did with the gap as excluded time. LMs L20 L40 L60 | L120 L140 (in the gap) | L210
    /// L230 L250 L270: runs of 3 and 4 (the gap breaks the IMI 60 -> 210): 4 PLMs of 7 LMs, valid
    /// 3500 s; no time is scored from one leg of two.
    @Test("A one-leg recording is scored as before")
    func oneLegRecording() {
        let movements = leftMovements(at: [20, 40, 60, 120, 140, 210, 230, 250, 270])
        let gap = [TimeSpan(startS: 100, endS: 200)]
        let asBefore = PLMScorer.score(ScoringInput(movements: movements, window: Self.window, excludedSpans: gap), rules: .wasm2016)
        for exclusion in DefectExclusion.allCases {
            let r = Self.score(movements, legDefects: [.left: gap], exclusion)
            #expect(r.indices.lmCount == 7)
            #expect(r.indices.plmCount == 4)
            #expect(r.indices.validHours == 3500.0 / 3600)
            #expect(r.defectTime.scoredAloneS.isEmpty)
            #expect(r.candidates == asBefore.candidates)
            #expect(r.indices == asBefore.indices)
        }
    }

    @Test("The rule is a named setting of every profile")
    func namedSetting() {
        for rules in RuleSet.allProfiles {
            #expect(rules.settings.first { $0.name == "defectExclusion" }?.value == "noLegRecorded")
        }
        var old = RuleSet.wasm2016
        old.defectExclusion = .anyLegDefective
        #expect(old.differences(from: .wasm2016) == ["defectExclusion"])
    }
}

/// `TimeSpan` set arithmetic used by the rule (PLMCore), on hand-made spans.
@Suite("Span intersection and difference")
struct SpanArithmeticTests {
    func spans(_ pairs: [(Double, Double)]) -> [TimeSpan] { pairs.map { TimeSpan(startS: $0.0, endS: $0.1) } }

    @Test("Intersection")
    func intersection() {
        let a = spans([(0, 10), (20, 30), (40, 50)])
        let b = spans([(5, 25), (30, 45), (50, 60)])
        #expect(a.intersection(with: b) == spans([(5, 10), (20, 25), (40, 45)]))
        #expect(a.intersection(with: []) == [])
        #expect(spans([(0, 10)]).intersection(with: spans([(10, 20)])) == [])
    }

    @Test("Difference")
    func difference() {
        let a = spans([(0, 10), (20, 30)])
        #expect(a.subtracting(spans([(2, 3), (5, 22), (29, 40)])) == spans([(0, 2), (3, 5), (22, 29)]))
        #expect(a.subtracting([]) == a)
        #expect(a.subtracting(spans([(-5, 50)])) == [])
        #expect(spans([(0, 10)]).subtracting(spans([(10, 20)])) == spans([(0, 10)]))
    }
}
