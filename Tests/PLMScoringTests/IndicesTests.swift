import PLMCore
import Testing

@testable import PLMScoring

/// Indices, associations, sleep state, distributions and severity, worked out by hand.
@Suite("Indices and associations (hand-computed)")
struct IndicesTests {
    /// LMs every 20 s from 100 to 180 (5 PLMs). Respiratory event 125-138: the WASM CLMr window is
    /// 136-148.25 s around its end, which LM 140-141 touches -> 1 CLMr. The total PLM count keeps it
    /// (5); the re-run without it sees 100, 120, 160, 180 (IMIs 20, 40, 20) -> 4 non-respiratory
    /// PLMs. AASM window 124.5-138.5 s misses every LM (121 < 124.5, 140 > 138.5) -> 5 PLMs, none
    /// respiratory.
    @Test("WASM CLMr window and the non-respiratory re-run")
    func respiratoryWASM() {
        let ms = leftMovements(at: [100, 120, 140, 160, 180])
        let event = [TimeSpan(startS: 125, endS: 138)]
        let w = score(ms, .wasm2016, respiratory: event).indices
        #expect((w.plmCount, w.nonRespiratoryPLMCount, w.respiratoryCLMCount) == (5, 4, 1))
        let a = score(ms, .aasm, respiratory: event).indices
        #expect((a.plmCount, a.respiratoryCLMCount) == (5, 0))
    }

    /// AASM: event 130-139.6 -> window 129.5-140.1 s; LM 140-141 overlaps it (140 <= 140.1) and is
    /// removed before series detection: 100, 120, 160, 180 (IMIs 20, 40, 20) -> 4 PLMs, and the
    /// non-respiratory count equals it.
    @Test("AASM respiratory LMs are removed before series detection")
    func respiratoryAASM() {
        let ms = leftMovements(at: [100, 120, 140, 160, 180])
        let a = score(ms, .aasm, respiratory: [TimeSpan(startS: 130, endS: 139.6)]).indices
        #expect((a.plmCount, a.nonRespiratoryPLMCount, a.respiratoryCLMCount) == (4, 4, 1))
    }

    /// LM 100-101 with an arousal starting 0.4 s after its offset -> associated; 0.5 s after -> not
    /// (< 0.5 s required). An arousal ending 0.4 s before the onset (95-99.6) -> associated.
    @Test(
        "Arousal association: < 0.5 s either order",
        arguments: [(101.4, 105.0, true), (101.5, 105.0, false), (95.0, 99.6, true), (95.0, 99.5, false)])
    func arousal(startS: Double, endS: Double, associated: Bool) throws {
        let r = score([L(100, 101)], .wasm2016, arousals: [TimeSpan(startS: startS, endS: endS)])
        #expect(try #require(r.candidates.first).isArousalAssociated == associated)
    }

    /// Window 0-3600 s; hypnogram of 120 epochs: 0-9 wake (0-300 s), 10-119 N2 (3300 s sleep).
    /// LMs at 250, 270, 290 (wake) and 310, 330 (sleep), IMIs 20 s.
    /// WASM keeps wake LMs in series: 5 PLMs; PLMS 2 -> 2 / (3300/3600 h) = 2.1818.../h;
    /// PLMW 3 -> 3 / (300/3600 h) = 36/h; the PLM index is the PLMS index.
    /// AASM removes wake LMs first: 310, 330 only -> no series.
    @Test("PLMS and PLMW with a hypnogram")
    func hypnogram() {
        let h = Hypnogram(startS: 0, epochLengthS: 30, stages: Array(repeating: .wake, count: 10) + Array(repeating: .n2, count: 110))
        let ms = leftMovements(at: [250, 270, 290, 310, 330])
        let w = score(ms, .wasm2016, hypnogram: h).indices
        #expect(w.hoursBasis == .totalSleepTime)
        #expect(w.plmCount == 5)
        #expect(w.plmsCount == 2)
        #expect(w.plmwCount == 3)
        #expect(abs((w.plmsIndex ?? 0) - 2.0 / (3300.0 / 3600)) < 1e-12)
        #expect(abs((w.plmwIndex ?? 0) - 36) < 1e-12)
        #expect(w.plmIndex == w.plmsIndex)
        #expect(abs((w.totalSleepHours ?? 0) - 3300.0 / 3600) < 1e-12)
        #expect(score(ms, .aasm, hypnogram: h).indices.plmCount == 0)
    }

    /// Hypnogram: epochs 0-109 N2 (0-3300 s), 110-119 REM (3300-3600 s). Series of 4 at 100-160 (N2)
    /// and of 4 at 3310-3370 (REM; the IMI 160 -> 3310 is 3150 s). PLM-NREM 4 / (3300/3600 h) =
    /// 4.3636.../h; PLM-REM 4 / (300/3600 h) = 48/h; PLMS 8 / 1 h = 8/h.
    @Test("PLMS in NREM and REM")
    func nremREM() throws {
        let h = Hypnogram(stages: Array(repeating: .n2, count: 110) + Array(repeating: .rem, count: 10))
        let r = score(leftMovements(at: [100, 120, 140, 160, 3310, 3330, 3350, 3370]), .wasm2016, hypnogram: h)
        let i = r.indices
        #expect((i.plmNREMCount, i.plmREMCount, i.plmsCount) == (4, 4, 8))
        #expect(abs(try #require(i.plmNREMIndex) - 4 / (3300.0 / 3600)) < 1e-12)
        #expect(abs(try #require(i.plmREMIndex) - 48) < 1e-12)
        #expect(abs(try #require(i.plmsIndex) - 8) < 1e-12)
        #expect(i.plmwIndex == nil)  // no wake time
        #expect(r.candidates.last?.sleepStage == .rem)
    }

    /// LMs at 100, 120, 140, 160 (IMIs 20, 20, 20: a run of 3 in 10-90 s), 300 (IMI 140), 320, 340
    /// (IMIs 20, 20: a run of 2). Measurable IMIs 6, periodic (in runs >= 3) 3 -> Ferri PI = 0.5.
    /// Series: 100-160 (4 PLMs); 300-340 only 3. CLM 7, PLM 4 -> PLM/CLM = 4/7. No hypnogram: per
    /// hour of the 1-h window -> PLM index 4/h, CLM index 7/h.
    /// Histogram: five IMIs of 20 s in bin [20, 22) (index 10); 140 s is beyond 90 s. ln 20 = 2.9957
    /// -> bin 29; mean ln IMI = ln 20, SD 0 (IMIs 10-90 s only).
    @Test("Periodicity index, ratios and distributions")
    func periodicity() {
        let r = score(leftMovements(at: [100, 120, 140, 160, 300, 320, 340]), .wasm2016)
        let i = r.indices
        #expect(i.periodicityIndexFerri2006 == 0.5)
        #expect((i.clmCount, i.plmCount) == (7, 4))
        #expect(i.plmToCLMRatio == 4.0 / 7.0)
        #expect(i.hoursBasis == .validTimeInBed)
        #expect(i.plmIndex == 4)
        #expect(i.clmIndex == 7)
        #expect((i.seriesCount, i.maxSeriesLength, i.meanSeriesLength) == (1, 4, 4))
        let d = r.distributions
        #expect(d.imiHistogram.count == 45)
        #expect(d.imiHistogram[10] == 5)
        #expect(d.imiHistogram.reduce(0, +) == 5)
        #expect(d.lnIMIHistogram.count == 45)
        #expect(d.lnIMIHistogram[29] == 5)
        #expect(abs((d.meanLnIMI ?? 0) - 2.995732273553991) < 1e-12)
        #expect((d.sdLnIMI ?? 1) < 1e-12)
        #expect(d.plmsPerHourOfNight == [4])
    }

    /// Window of 2 h; a series of 4 at 100-160 s and one at 3700-3760 s -> [4, 4] per hour.
    @Test("PLMs per hour of the night")
    func perHour() {
        let r = score(leftMovements(at: [100, 120, 140, 160, 3700, 3720, 3740, 3760]), .wasm2016, windowS: 7200)
        #expect(r.distributions.plmsPerHourOfNight == [4, 4])
        #expect(r.indices.plmIndex == 4)  // 8 PLMs / 2 h
    }

    /// Three left and one right monolateral movements, far apart: asymmetry (3 - 1) / 4 = 0.5;
    /// left/right/bilateral LM counts 3/1/0.
    @Test("Left/right counts and asymmetry")
    func asymmetry() {
        let i = score([L(100, 101), L(200, 201), L(300, 301), R(400, 401)], .wasm2016).indices
        #expect((i.leftComponentCount, i.rightComponentCount) == (3, 1))
        #expect((i.leftLMCount, i.rightLMCount, i.bilateralLMCount) == (3, 1, 0))
        #expect(i.leftRightAsymmetry == 0.5)
    }

    /// ICSD-1 bands (DOMAIN.md): normal < 5, mild 5-24, moderate 25-49, severe >= 50; adult threshold
    /// > 15/h (ICSD-3).
    @Test(
        "Severity bands and their edges",
        arguments: [
            (4.99, "normal", false), (5.0, "mild", false), (15.0, "mild", false), (15.01, "mild", true),
            (24.99, "mild", true), (25.0, "moderate", true), (49.99, "moderate", true), (50.0, "severe", true),
        ])
    func severity(index: Double, band: String, exceeds: Bool) throws {
        let s = try #require(SeverityBand.icsd1(plmIndex: index))
        #expect(s.name == band)
        #expect(s.exceedsAdultThreshold == exceeds)
        #expect(s.nature == "screening estimate")
        #expect(SeverityBand.icsd1(plmIndex: .nan) == nil)
    }

    /// No movements: zero counts, nil ratios, the "normal" band at index 0.
    @Test("An empty night")
    func empty() {
        let r = score([], .wasm2016)
        #expect(r.indices.lmCount == 0)
        #expect(r.indices.plmIndex == 0)
        #expect(r.indices.plmToCLMRatio == nil)
        #expect(r.indices.periodicityIndexFerri2006 == nil)
        #expect(r.severity?.name == "normal")
    }

    /// The scorer is deterministic: scoring the same input twice gives equal results.
    @Test("Deterministic")
    func deterministic() {
        let ms = [L(100, 101), R(100.2, 101.5), L(120, 121), R(140, 141), L(160, 161), L(175, 190)]
        #expect(score(ms, .wasm2016) == score(ms, .wasm2016))
        #expect(score(ms, .aasm).indices == score(Array(ms.reversed()), .aasm).indices)
    }
}
