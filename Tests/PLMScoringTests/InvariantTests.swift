import PLMCore
import Testing

@testable import PLMScoring

/// Properties that must hold for any input, checked on a long pseudo-random night under every profile.
@Suite("Invariants")
struct InvariantTests {
    /// 8 h with ~6000 movements from a fixed linear congruential generator (no time assertion).
    static func night() -> [LegMovement] {
        var state: UInt64 = 0x5EED
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var out: [LegMovement] = []
        var t = 10.0
        while t < 8 * 3600 - 30 {
            let side: LegSide = next() < 0.5 ? .left : .right
            let duration = next() < 0.05 ? 10 + next() * 10 : 0.3 + next() * 4
            out.append(LegMovement(side: side, onsetS: t, offsetS: t + duration))
            if next() < 0.3 {
                let on = t + duration + next() * 0.8 - 0.3
                out.append(LegMovement(side: side.opposite, onsetS: on, offsetS: on + 0.5 + next() * 3))
            }
            t += duration + 2 + next() * 40
        }
        return out
    }

    @Test("Counts nest, series are consistent, candidates are in time order", arguments: RuleSet.allProfiles)
    func invariants(rules: RuleSet) {
        let movements = Self.night()
        let r = PLMScorer.score(
            ScoringInput(movements: movements, window: TimeSpan(startS: 0, endS: 8 * 3600)), rules: rules)
        let i = r.indices
        #expect(i.plmCount <= i.clmCount && i.clmCount <= i.lmCount)
        #expect(i.lmCount == i.leftLMCount + i.rightLMCount + i.bilateralLMCount)
        #expect(r.series.reduce(0) { $0 + $1.count } == i.plmCount)
        #expect(r.series.allSatisfy { $0.count >= rules.minimumSeriesLength && $0.startS < $0.endS })
        #expect(zip(r.candidates, r.candidates.dropFirst()).allSatisfy { $0.onsetS <= $1.onsetS })
        #expect(i.nonRespiratoryPLMCount == i.plmCount)  // no respiratory events given
        // Every input movement appears exactly once.
        #expect(r.candidates.flatMap(\.componentIndices).sorted() == Array(movements.indices))
        // Series members are PLMs with that series number, and consecutive members' IMIs are in bounds.
        for s in r.series {
            for (k, c) in s.candidateIndices.enumerated() {
                #expect(r.candidates[c].isPeriodic && r.candidates[c].seriesNumber == s.number)
                if k > 0 { #expect(rules.imiWithinBounds(r.candidates[c].imiS ?? -1)) }
            }
        }
        #expect(i.periodicityIndexFerri2006.map { (0...1).contains($0) } ?? true)
        #expect(r.distributions.plmsPerHourOfNight.reduce(0, +) == i.plmCount)
    }

    /// Odd inputs do not crash: non-finite times are skipped, an offset before the onset counts as a
    /// zero-length (too short) movement, an inverted window scores nothing, a huge window is binned
    /// into at most 1008 hours.
    @Test("Odd inputs are scored without crashing")
    func oddInputs() {
        let odd = [L(.nan, 1), L(5, .infinity), L(100, 99), L(200, 201)]
        let r = score(odd, .wasm2016)
        #expect(r.indices.lmCount == 1)
        #expect(r.candidates.count == 2)
        #expect(r.candidates.first?.exclusionReason == .shorterThanMinimum)
        let inverted = PLMScorer.score(
            ScoringInput(movements: odd, window: TimeSpan(startS: 10, endS: 0), excludedSpans: [TimeSpan(startS: 5, endS: 1)]),
            rules: .aasm)
        #expect(inverted.indices.lmCount == 0)
        #expect(inverted.indices.plmIndex == nil)
        let huge = score([L(200, 201)], .wasm2016, windowS: 1e12)
        #expect(huge.distributions.plmsPerHourOfNight.count == 1008)
        let badHypnogram = score([L(200, 201)], .wasm2016, hypnogram: Hypnogram(epochLengthS: 0, stages: [.n2]))
        #expect(badHypnogram.indices.totalSleepHours == 0)
    }
}
