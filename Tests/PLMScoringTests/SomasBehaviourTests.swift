import PLMCore
import Testing

@testable import PLMScoring

/// The three behaviours of SOMAS that `wasm2016-somas` reproduces (issue 17), each a named option of
/// ``RuleSet``: the worked examples, then each option alone on `wasm2016`. All expected
/// counts are worked out by hand in the comments.
@Suite("SOMAS behaviours")
struct SomasBehaviourTests {
    // MARK: The examples

    /// Left LMs of 1 s at 10, 30, 50, 70 s: IMIs 20, 20, 20. wasm2016: one series of 4 -> 4 PLMs.
    /// SOMAS: 70 is the last LM, never joins -> run 10, 30, 50 (3) -> 0 PLMs.
    /// Adding 90 s: wasm2016 5 PLMs; SOMAS 10..70 (4; 90 is now the last) -> 4 PLMs.
    @Test("Issue example 1: the last LM never joins a series", arguments: [([10.0, 30, 50, 70], 4, 0), ([10, 30, 50, 70, 90], 5, 4)])
    func lastLM(onsets: [Double], wasm: Int, somas: Int) {
        let ms = leftMovements(at: onsets)
        #expect(score(ms, .wasm2016).indices.plmCount == wasm)
        #expect(score(ms, .wasm2016Somas).indices.plmCount == somas)
    }

    /// Left LMs of 1 s at 0, 20, ..., 120 s and a right movement 55.000-55.499 s.
    /// wasm2016: 0.499 s < 0.5 s, not an LM; seven left LMs with IMIs 20 -> 7 LMs, 7 PLMs.
    /// SOMAS: the right movement is 55499 - 55000 + 1 = 500 samples, not < 500: an LM (and a CLM); it
    /// is 14 s from the left LM at 40-41, so monolateral. LMs 0, 20, 40, 55, 60, 80, 100, 120 with
    /// IMIs (from the previous LM) 20, 20, 15, 5, 20, 20, 20: run 0, 20, 40, 55 (4, a series); 60
    /// follows a 5-s IMI and may not start one; 80, 100 start a run, 120 is the last LM and never
    /// joins -> 2, no series. 8 LMs, 8 CLMs, 4 PLMs.
    /// The same with 55.000-55.498 s (499 samples < 500, not an LM): left LMs only, 0..100 a series of
    /// 6 (120 is last) -> 7 LMs, 6 PLMs; wasm2016 still 7.
    @Test("Issue example 2: 0.499 s is an LM in SOMAS, 0.498 s is not", arguments: [(55.499, 8, 4), (55.498, 7, 6)])
    func inclusiveSamples(rightOffsetS: Double, somasLM: Int, somasPLM: Int) {
        let ms = leftMovements(at: [0, 20, 40, 60, 80, 100, 120]) + [R(55, rightOffsetS)]
        let w = score(ms, .wasm2016).indices
        #expect((w.lmCount, w.plmCount) == (7, 7))
        let s = score(ms, .wasm2016Somas)
        #expect((s.indices.lmCount, s.indices.clmCount, s.indices.plmCount) == (somasLM, somasLM, somasPLM))
        if somasLM == 8 {
            #expect(s.series.map(\.startS) == [0])
            #expect(s.series.first?.endS == 55.499)
        }
    }

    /// Left 10-11 s and 11-12 s (touching), then 1-s LMs at 30, 50, 70, 90 s.
    /// wasm2016: 6 LMs; IMIs 1, 19, 20, 20, 20; 11 follows a 1-s IMI and may not start a series, 30
    /// does -> 30..90, 4 PLMs.
    /// SOMAS: one 2-s LM 10-12, then 30..90: 5 LMs, IMIs 20; 90 is the last -> 10..70, 4 PLMs. The
    /// issue reports 5 PLMs for SOMAS: that holds with a later isolated LM (its table adds one 150 s
    /// after the last): at 240 s (IMI 150, joins nothing) 10..90 is a series of 5. wasm2016 with it:
    /// still 4 (and 7 LMs); SOMAS 6 LMs. (The SOMAS port gives 4 and 5 too.)
    @Test("Issue example 3: touching same-leg movements are one LM in SOMAS", arguments: [(false, 4), (true, 5)])
    func sameLegTouching(withLaterLM: Bool, somasPLM: Int) throws {
        let ms = [L(10, 11), L(11, 12)] + leftMovements(at: [30, 50, 70, 90] + (withLaterLM ? [240] : []))
        let w = score(ms, .wasm2016).indices
        #expect((w.lmCount, w.plmCount) == (withLaterLM ? 7 : 6, 4))
        let s = score(ms, .wasm2016Somas)
        #expect((s.indices.lmCount, s.indices.plmCount) == (withLaterLM ? 6 : 5, somasPLM))
        let first = try #require(s.candidates.first)
        #expect((first.onsetS, first.offsetS, first.durationS, first.componentIndices) == (10, 12, 2, [0, 1]))
        #expect(first.side == .left && first.isPeriodic)
    }

    // MARK: Each option alone

    /// wasm2016 with only `lastMovementMayJoinSeries` off: 4 LMs at IMI 20 -> 0 PLMs; the IMI of the
    /// last is still measured (20 s) though it joins nothing.
    @Test("lastMovementMayJoinSeries alone")
    func lastMovementOption() throws {
        var rules = RuleSet.wasm2016
        rules.lastMovementMayJoinSeries = false
        let r = score(leftMovements(at: [10, 30, 50, 70]), rules)
        #expect(r.indices.plmCount == 0)
        #expect(try #require(r.candidates.last).imiS == 20)
        #expect(score(leftMovements(at: [10, 30, 50, 70, 90]), rules).indices.plmCount == 4)
    }

    /// wasm2016 with only inclusive-sample durations: d s counts d + 0.001 s against the limits.
    /// 0.499 -> 0.5: LM. 0.498 -> 0.499: not. 9.999 -> 10.0: CLM (10 inclusive). 10.0 -> 10.001: LM,
    /// not CLM. Bilateral L 100-108 + R 108.2-114.999: span 14.999 -> 15.0 samples, CLM; to 115.0 ->
    /// 15.001, not (bilateralTooLong). Sub-millisecond times round to the nearest sample: 100.0004 ->
    /// sample 100000, 100.4986 -> 100499: 500 samples, an LM although offset minus onset is 0.4982 s.
    @Test(
        "durationCounting alone",
        arguments: [
            (0.499, 1, 1), (0.498, 0, 0), (9.999, 1, 1), (10.0, 1, 0),
        ])
    func durationCountingOption(durationS: Double, lm: Int, clm: Int) {
        var rules = RuleSet.wasm2016
        rules.durationCounting = .inclusiveMillisecondSamples
        let i = score([L(100, 100 + durationS)], rules).indices
        #expect((i.lmCount, i.clmCount) == (lm, clm))
    }

    @Test("durationCounting alone: bilateral span and sub-millisecond times")
    func durationCountingBilateral() throws {
        var rules = RuleSet.wasm2016
        rules.durationCounting = .inclusiveMillisecondSamples
        let fits = try #require(score([L(100, 108), R(108.2, 114.999)], rules).candidates.first)
        #expect(fits.isCandidate && fits.side == .bilateral)
        #expect(fits.durationS == 14.999)  // the reported duration stays offset minus onset
        let long = try #require(score([L(100, 108), R(108.2, 115)], rules).candidates.first)
        #expect(long.exclusionReason == .bilateralTooLong)
        #expect(score([L(100.0004, 100.4986)], rules).indices.lmCount == 1)
        #expect(score([L(100.0004, 100.4986)], .wasm2016).indices.lmCount == 0)
    }

    /// wasm2016 with only same-leg joining. Halves of 0.3 s (each alone not an LM):
    /// overlapping (10-10.3, 10.15-10.45: 10-10.45, 0.45 s) -> still not an LM, 0; touching
    /// (10-10.3, 10.3-10.6) -> one 0.6 s LM; 1 ms apart (10.301) -> samples 10300 and 10301 are
    /// adjacent -> one LM 10-10.601; 2 ms apart (10.302) -> two movements, 0 LMs. Kept apart: 0 LMs.
    @Test(
        "sameLegJoining alone",
        arguments: [(10.15, 0, 1, 1), (10.3, 1, 1, 1), (10.301, 1, 0, 1), (10.302, 0, 0, 0)])
    func sameLegJoiningOption(secondOnsetS: Double, lm: Int, touching: Int, joined: Int) {
        var rules = RuleSet.wasm2016
        rules.sameLegJoining = .joinedOnMillisecondSamples
        let ms = [L(10, 10.3), L(secondOnsetS, secondOnsetS + 0.3)]
        let r = score(ms, rules)
        #expect(r.indices.lmCount == lm)
        #expect(r.sameLegContacts == SameLegContacts(
            touchingOrOverlappingCount: touching, joinedCount: joined, firstOnsetS: joined > 0 ? secondOnsetS : nil))
        let kept = score(ms, .wasm2016)
        #expect(kept.indices.lmCount == 0)
        #expect(kept.sameLegContacts.touchingOrOverlappingCount == touching)
        #expect(kept.sameLegContacts.joinedCount == 0)
    }

    /// Contacts are counted against the latest offset so far on the leg, and only on one leg:
    /// L 10-20, L 12-13 (inside the first), L 19-21 (overlaps 10-20, not 12-13), R 13-14 (another
    /// leg): kept apart, 2 movements touch or overlap, first at 12; joined, one left LM 10-21 from 3
    /// movements plus the right one, which overlaps it (bilateral, 11 s): 1 LM.
    @Test("Same-leg contacts against the latest offset, per leg")
    func contactsPerLeg() throws {
        let ms = [L(10, 20), L(12, 13), L(19, 21), R(13, 14)]
        let kept = score(ms, .wasm2016)
        #expect(kept.sameLegContacts == SameLegContacts(touchingOrOverlappingCount: 2, joinedCount: 0, firstOnsetS: 12))
        let joined = score(ms, .wasm2016Somas)
        #expect(joined.sameLegContacts == SameLegContacts(touchingOrOverlappingCount: 2, joinedCount: 2, firstOnsetS: 12))
        let c = try #require(joined.candidates.first)
        #expect(joined.indices.lmCount == 1)
        #expect((c.onsetS, c.offsetS, c.componentIndices, c.side) == (10, 21, [0, 1, 2, 3], .bilateral))
        #expect(c.exclusionReason == .containsLongComponent)  // the joined left movement lasts 11 s
    }
}
