import PLMCore
import Testing

@testable import PLMScoring

/// Issue 12: `plm score --lights-off=-1e23` trapped in `_PLMCounter.distributions` converting the
/// hour of a movement to `Int`. The library must take any finite window without trapping.
@Suite("Scoring far-off windows")
struct FarWindowTests {
    @Test("A window starting at -1e23 s scores without trapping; every PLM is past the binned hours")
    func farStart() {
        // Four 1-s movements 20 s apart: one WASM series of 4 PLMs.
        let movements = (0..<4).map { LegMovement(side: .left, onsetS: 10 + 20 * Double($0), offsetS: 11 + 20 * Double($0)) }
        let result = PLMScorer.score(ScoringInput(movements: movements, window: TimeSpan(startS: -1e23, endS: 200)), rules: .wasm2016)
        #expect(result.indices.plmCount == 4)
        // The hours of night are capped at 1008 bins; the PLMs lie ~2.8e19 h after the start: none binned.
        #expect(result.distributions.plmsPerHourOfNight.count == 1008)
        #expect(result.distributions.plmsPerHourOfNight.reduce(0, +) == 0)
    }
}
