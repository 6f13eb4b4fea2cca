import PLMCore
import Testing

@testable import PLMScoring

/// Every rule boundary of issue 5, with the expected counts worked out by hand in the comments.
@Suite("Rule boundaries (hand-computed)")
struct RuleBoundaryTests {
    // MARK: IMI bounds

    /// Four 1-s left LMs with equal IMIs. WASM needs 10 <= IMI <= 90 (SOMAS < 90); AASM 5 <= IMI <= 90.
    /// IMI 10.0: WASM series of 4 -> 4 PLMs; AASM 4. IMI 9.99: WASM none (every IMI short); AASM 4.
    /// IMI 5.0: WASM none; AASM 4 (5 inclusive). IMI 4.99: none anywhere.
    /// IMI 90.0: 4 under wasm2016/Luna/AASM (inclusive), 0 under SOMAS (< 90). IMI 90.01: none anywhere.
    /// SOMAS never puts the record's last LM into a series, so its column is checked with an isolated
    /// LM 500 s after the fourth (IMI > 90: it joins nothing); without it SOMAS finds no series at all.
    @Test(
        "IMI bounds: 4 LMs with equal IMIs",
        arguments: [
            (10.0, 4, 4, 4, 4), (9.99, 0, 0, 0, 4), (5.0, 0, 0, 0, 4), (4.99, 0, 0, 0, 0),
            (90.0, 4, 4, 0, 4), (90.01, 0, 0, 0, 0), (45.0, 4, 4, 4, 4),
        ])
    func imiBounds(imi: Double, wasm: Int, luna: Int, somas: Int, aasm: Int) {
        let ms = leftMovements(at: (0..<4).map { 100 + Double($0) * imi })
        #expect(score(ms, .wasm2016).indices.plmCount == wasm)
        #expect(score(ms, .wasm2016Luna).indices.plmCount == luna)
        #expect(score(ms + leftMovements(at: [(ms.last?.onsetS ?? 0) + 500]), .wasm2016Somas).indices.plmCount == somas)
        #expect(score(ms, .wasm2016Somas).indices.plmCount == 0)
        #expect(score(ms, .aasm).indices.plmCount == aasm)
    }

    /// Onsets 6.08, 16.08, 26.08, 36.08, 46.08 s: every IMI is 10 s in decimal, but in IEEE doubles
    /// 16.08 - 6.08 = 9.999999999999998 and the others are exactly 10.0 (computed with Python's
    /// float subtraction). Luna subtracts doubles: the first IMI is short, the run restarts at 16.08
    /// and holds 4 PLMs. wasm2016 compares at 1 us: all 5 are PLMs.
    @Test("Floating-point IMI just below 10 s: Luna's arithmetic versus exact")
    func floatingPointIMI() {
        let ms = leftMovements(at: [6.08, 16.08, 26.08, 36.08, 46.08])
        #expect(score(ms, .wasm2016).indices.plmCount == 5)
        #expect(score(ms, .wasm2016Luna).indices.plmCount == 4)
        #expect(score(ms, .wasm2016Luna).series.first?.startS == 16.08)
    }

    // MARK: Durations

    /// One LM of the given duration. 0.49 s: not an LM (0 LM, 0 CLM). 0.5 s: LM and CLM. 10.0 s: CLM
    /// (limit inclusive). 10.01 s: under WASM an LM but not a CLM; under AASM not an LM at all.
    @Test(
        "LM durations 0.49 / 0.5 / 10 / 10.01 s",
        arguments: [(0.49, 0, 0, 0, 0), (0.5, 1, 1, 1, 1), (10.0, 1, 1, 1, 1), (10.01, 1, 0, 0, 0)])
    func durations(durationS: Double, wasmLM: Int, wasmCLM: Int, aasmLM: Int, aasmCLM: Int) {
        let ms = [L(100, 100 + durationS)]
        let w = score(ms, .wasm2016).indices, a = score(ms, .aasm).indices
        #expect(w.lmCount == wasmLM)
        #expect(w.clmCount == wasmCLM)
        #expect(a.lmCount == aasmLM)
        #expect(a.clmCount == aasmCLM)
    }

    /// SOMAS draws a movement onto a 1-kHz vector including both end samples: 10.000 s is 10001
    /// samples, > 10*Fs, so not a CLM; 9.99 s is 9991 samples, a CLM. Likewise a 15.000 s bilateral LM
    /// (L 100-108, R 108.2-115) is 15001 samples > 15*Fs: not a CLM. wasm2016 keeps both (inclusive).
    @Test("SOMAS's 10 s and 15 s limits are effectively exclusive")
    func somasDurationLimits() {
        #expect(score([L(100, 110)], .wasm2016Somas).indices.clmCount == 0)
        #expect(score([L(100, 109.99)], .wasm2016Somas).indices.clmCount == 1)
        #expect(score([L(100, 110)], .wasm2016).indices.clmCount == 1)
        #expect(score([L(100, 108), R(108.2, 115)], .wasm2016Somas).indices.clmCount == 0)
        #expect(score([L(100, 108), R(108.2, 115)], .wasm2016).indices.clmCount == 1)
    }

    /// Bilateral LM L 100-108, R 108.2-end (gap 0.2 s): one bilateral LM from 100 to end. End 115.0
    /// gives 15.0 s: a CLM (<= 15 inclusive). End 115.01 gives 15.01 s: not a CLM (bilateralTooLong).
    @Test("Bilateral duration 15 s versus 15.01 s", arguments: [(115.0, true), (115.01, false)])
    func bilateralDuration(endS: Double, isCLM: Bool) throws {
        let r = score([L(100, 108), R(108.2, endS)], .wasm2016)
        #expect(r.indices.lmCount == 1)
        #expect(r.indices.bilateralLMCount == 1)
        let c = try #require(r.candidates.first)
        #expect(c.isCandidate == isCLM)
        #expect(c.exclusionReason == (isCLM ? nil : .bilateralTooLong))
    }

    // MARK: Bilateral grouping

    /// L 100-101 and R starting after a gap (offset to onset). WASM: gap 0.49 -> one bilateral LM;
    /// 0.5 and 0.51 -> two LMs (the gap must be < 0.5 s). Same under Luna (exact integer times).
    @Test("Bilateral gaps 0.49 / 0.5 / 0.51 s", arguments: [(0.49, 1), (0.5, 2), (0.51, 2)])
    func bilateralGap(gapS: Double, lmCount: Int) {
        let ms = [L(100, 101), R(101 + gapS, 102 + gapS)]
        #expect(score(ms, .wasm2016).indices.lmCount == lmCount)
        #expect(score(ms, .wasm2016Luna).indices.lmCount == lmCount)
    }

    /// L 6.53-7.53 then R 8.03-9.03: a gap of 0.5 s in decimal, but 8.03 - 7.53 = 0.4999999999999991 in
    /// IEEE doubles (Python float subtraction). Both WASM profiles compare bilateral gaps exactly
    /// (Luna on integer time points): two LMs. With floating-point bilateral arithmetic the two
    /// would join into one bilateral LM.
    @Test("Bilateral gap of 0.5 s with decimals that doubles cannot hold exactly")
    func bilateralGapDecimal() {
        let ms = [L(6.53, 7.53), R(8.03, 9.03)]
        #expect(score(ms, .wasm2016).indices.lmCount == 2)
        #expect(score(ms, .wasm2016Luna).indices.lmCount == 2)
        var floating = RuleSet.wasm2016
        floating.bilateralArithmetic = .floatingPoint
        #expect(score(ms, floating).indices.lmCount == 1)
    }

    /// AASM pairs onsets <= 5 s apart (psgscoring's `<=`): L 100-101 with R at 105.0 -> one LM; R at
    /// 105.01 -> two. WASM never joins these (gap 4 s >= 0.5): two LMs.
    @Test("AASM bilateral onset window 5 s", arguments: [(105.0, 1), (105.01, 2)])
    func aasmBilateralWindow(rightOnsetS: Double, aasmLMs: Int) {
        let ms = [L(100, 101), R(rightOnsetS, rightOnsetS + 1)]
        #expect(score(ms, .aasm).indices.lmCount == aasmLMs)
        #expect(score(ms, .wasm2016).indices.lmCount == 2)
    }

    /// psgscoring pairs greedily: L 100-101 takes R 102-103 (onsets 2 s apart); L 103.5-104.5 finds no
    /// unused right and stays alone. AASM: 2 LMs (one bilateral 100-103, one left). WASM: L100-R102
    /// gap 1 s, R102-L103.5 gap 0.5 s: nothing joins -> 3 LMs.
    @Test("AASM greedy pairing takes the first unused right movement")
    func aasmGreedyPairs() {
        let ms = [L(100, 101), L(103.5, 104.5), R(102, 103)]
        let a = score(ms, .aasm)
        #expect(a.indices.lmCount == 2)
        #expect(a.candidates.map(\.side) == [.bilateral, .left])
        #expect(a.candidates.first?.offsetS == 103)
        #expect(score(ms, .wasm2016).indices.lmCount == 3)
    }

    /// Chain L 100-101, R 101.2-102.2, L 102.4-103.4, R 103.6-104.6 (gaps 0.2 s): one bilateral LM of
    /// 4 components, 4.6 s -> a CLM. A fifth, L 104.8-105.8, makes 5 components -> not a CLM.
    @Test("4 versus 5 bilateral components", arguments: [(4, true), (5, false)])
    func components(n: Int, isCLM: Bool) throws {
        let all = [L(100, 101), R(101.2, 102.2), L(102.4, 103.4), R(103.6, 104.6), L(104.8, 105.8)]
        let r = score(Array(all.prefix(n)), .wasm2016)
        #expect(r.indices.lmCount == 1)
        let c = try #require(r.candidates.first)
        #expect(c.componentIndices.count == n)
        #expect(c.isCandidate == isCLM)
        #expect(c.exclusionReason == (isCLM ? nil : .tooManyComponents))
    }

    /// A bilateral LM whose left component lasts 11 s (L 100-111, R 105-106): one LM, not a CLM
    /// because a component is > 10 s.
    @Test("Bilateral LM with a component over 10 s is not a CLM")
    func bilateralLongComponent() throws {
        let c = try #require(score([L(100, 111), R(105, 106)], .wasm2016).candidates.first)
        #expect(c.side == .bilateral)
        #expect(!c.isCandidate)
        #expect(c.exclusionReason == .containsLongComponent)
    }

    // MARK: Series

    /// Onsets 100, 120, 140 (IMIs 20 s): 3 CLMs, no series. Adding 160: a series of 4.
    @Test("Series of 3 versus 4", arguments: [(3, 0, 0), (4, 4, 1)])
    func seriesLength(n: Int, plm: Int, seriesCount: Int) {
        let r = score(leftMovements(at: [100, 120, 140, 160].prefix(n).map { $0 }), .wasm2016)
        #expect(r.indices.clmCount == n)
        #expect(r.indices.plmCount == plm)
        #expect(r.series.count == seriesCount)
    }

    /// LMs at 100, 120, 140 (12-s long, monolateral), 160, 180, 200, 220 (1 s each).
    /// WASM: the long LM is an LM but not a CLM and breaks the run: 100, 120 (2) no series; 160..220
    /// (IMIs 20) a series of 4 -> 7 LMs, 6 CLMs, 4 PLMs. SOMAS: 160's IMI is taken from the long LM
    /// (20 s, not short) so it may start: also 4, checked with an isolated LM at 500 after the run
    /// (alone, 220 is SOMAS's last LM and never joins: 160..200 is 3, no series). AASM: the long LM
    /// is ignored: 100, 120, 160, ...
    /// 220 with IMIs 20, 40, 20, 20, 20 -> one series of 6 -> 6 LMs, 6 PLMs.
    @Test("A long monolateral LM inside a run")
    func longLMInRun() {
        let ms = leftMovements(at: [100, 120]) + [L(140, 152)] + leftMovements(at: [160, 180, 200, 220])
        let w = score(ms, .wasm2016).indices
        #expect((w.lmCount, w.clmCount, w.plmCount) == (7, 6, 4))
        #expect(score(ms, .wasm2016Luna).indices.plmCount == 4)
        #expect(score(ms + leftMovements(at: [500]), .wasm2016Somas).indices.plmCount == 4)
        #expect(score(ms, .wasm2016Somas).indices.plmCount == 0)
        let a = score(ms, .aasm).indices
        #expect((a.lmCount, a.clmCount, a.plmCount) == (6, 6, 6))
    }

    /// Onsets 100, 105, 115, 125, 135 (IMIs 5, 10, 10, 10). Luna: 105 follows a short IMI but starts a
    /// new run: 105..135 -> 4 PLMs. wasm2016 and SOMAS: 105 may not start a series; 115 starts it
    /// (its IMI 10 is not short): 115, 125, 135 -> 3, no series -> 0. AASM: all IMIs >= 5 -> 5 PLMs.
    @Test("May a CLM after a short IMI start a series?")
    func shortIMIStart() {
        let ms = leftMovements(at: [100, 105, 115, 125, 135])
        #expect(score(ms, .wasm2016Luna).indices.plmCount == 4)
        #expect(score(ms, .wasm2016).indices.plmCount == 0)
        #expect(score(ms, .wasm2016Somas).indices.plmCount == 0)
        #expect(score(ms, .aasm).indices.plmCount == 5)
        // wasm2016: 105 is the only short-IMI CLM; 100, 115, 125, 135 are isolated.
        let w = score(ms, .wasm2016).indices
        #expect((w.shortIMICLMCount, w.isolatedCLMCount) == (1, 4))
    }

    /// A 5-component bilateral chain at 100-105.8 s (not a CLM), then left LMs at 107, 117, 127, 137.
    /// wasm2016 and Luna measure IMIs from the previous CLM: 107's IMI is unmeasurable, it starts a
    /// run: 107..137 -> 4 PLMs. SOMAS measures from the previous LM (the chain, onset 100): 107's IMI
    /// is 7 s (short), so it cannot start; 117 starts (IMI 10): 117, 127, 137 -> 3, no series -> 0.
    /// AASM pairs L100+R101.2 and L102.4+R103.6; LMs 100, 102.4, 104.8, 107, 117, 127, 137 with IMIs
    /// 2.4, 2.4, 2.2, 10, 10, 10: the run 107..137 -> 4 PLMs.
    @Test("IMI measured from a non-CLM (SOMAS) or not at all (WASM text, Luna)")
    func imiReference() {
        let chain = [L(100, 101), R(101.2, 102.2), L(102.4, 103.4), R(103.6, 104.6), L(104.8, 105.8)]
        let ms = chain + leftMovements(at: [107, 117, 127, 137])
        #expect(score(ms, .wasm2016).indices.plmCount == 4)
        #expect(score(ms, .wasm2016Luna).indices.plmCount == 4)
        #expect(score(ms, .wasm2016Somas).indices.plmCount == 0)
        #expect(score(ms, .aasm).indices.plmCount == 4)
        let somas = score(ms, .wasm2016Somas)
        #expect(somas.candidates.first { $0.onsetS == 107 }?.imiS == 7)
        #expect(score(ms, .wasm2016).candidates.first { $0.onsetS == 107 }?.imiS == nil)
    }

    /// DOMAIN.md's worked example: L 100-101, 110-111, 200-201, 210-211; IMIs 10, 90, 10.
    /// Luna's reading 4 PLMs, SOMAS's (< 90) none, AASM 4; our wasm2016 (<= 90) 4.
    @Test(
        "DOMAIN.md worked example under each profile",
        arguments: [("wasm2016", 4), ("wasm2016-luna", 4), ("wasm2016-somas", 0), ("aasm", 4)])
    func workedExample(profile: String, plm: Int) throws {
        let rules = try #require(RuleSet.profile(named: profile))
        let r = score([L(100, 101), L(110, 111), L(200, 201), L(210, 211)], rules)
        #expect(r.indices.plmCount == plm)
        #expect(r.series.count == (plm > 0 ? 1 : 0))
        if plm > 0 {
            #expect(r.series[0].startS == 100)
            #expect(r.series[0].endS == 211)
            #expect(r.series[0].medianIMIS == 10)  // IMIs 10, 90, 10
        }
    }

    /// LMs every 20 s from 100 to 180; defect time 145-150 lies between 140 and 160, so that IMI is
    /// unmeasurable: runs 100-140 (3) and 160-180 (2), no series. Without the defect: 5 PLMs.
    /// Valid time = 3600 - 5 s.
    @Test("An IMI across excluded time is unmeasurable")
    func excludedTime() {
        let ms = leftMovements(at: [100, 120, 140, 160, 180])
        let r = score(ms, .wasm2016, excluded: [TimeSpan(startS: 145, endS: 150)])
        #expect(r.indices.plmCount == 0)
        #expect(r.indices.validHours == 3595.0 / 3600)
        #expect(score(ms, .wasm2016).indices.plmCount == 5)
        // A movement starting inside defect time is not scored at all.
        let r2 = score(ms, .wasm2016, excluded: [TimeSpan(startS: 139, endS: 142)])
        #expect(r2.indices.lmCount == 4)
    }

    /// Movements starting outside the analysis window are not scored.
    @Test("Movements outside the window are not scored")
    func window() {
        let r = score(leftMovements(at: [10, 100, 3700]), .wasm2016, windowS: 3600)
        #expect(r.indices.lmCount == 2)
    }
}
