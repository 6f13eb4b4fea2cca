import Testing
@testable import PLMSignal

@Suite struct RollingQuantileTests {
    /// Against sorting each (cut) window, the definition, on pseudo-random data with ties.
    @Test(arguments: [0.0, 0.3, 0.5, 1.0])
    func matchesSortedWindows(quantile: Double) {
        var rng = SeededGenerator(seed: 7)
        let values = (0..<400).map { _ in Double(rng.next() % 50) / 7 }
        for h in [0, 1, 5, 30, 120, 450] {
            let fast = rollingQuantile(values, halfWindow: h, quantile: quantile)
            for c in values.indices {
                let window = values[max(0, c - h)...min(values.count - 1, c + h)].sorted()
                let rank = Int((quantile * Double(window.count - 1) + 0.5).rounded(.down))
                #expect(fast[c] == window[rank], "h \(h) centre \(c)")
            }
        }
    }

    /// Heavy ties and signed zeros (the window replaces the leaving value by the entering one in
    /// one shift): still the order statistic of each sorted window.
    @Test func tiesAndZerosMatchSortedWindows() {
        var rng = SeededGenerator(seed: 3)
        let values = (0..<300).map { _ -> Double in
            let v = Double(Int(rng.next() % 5) - 2)
            return v == 0 && rng.next() % 2 == 0 ? -0.0 : v
        }
        for h in [2, 7, 31] {
            let fast = rollingQuantile(values, halfWindow: h, quantile: 0.3)
            for c in values.indices {
                let window = values[max(0, c - h)...min(values.count - 1, c + h)].sorted()
                let rank = Int((0.3 * Double(window.count - 1) + 0.5).rounded(.down))
                #expect(fast[c] == window[rank], "h \(h) centre \(c)")
            }
        }
    }

    /// A median keeps a step where it is and removes a pulse shorter than half the window
    /// (why it is used for the resting gravity direction).
    @Test func medianKeepsStepsAndRemovesPulses() {
        let step = (0..<100).map { $0 < 50 ? 0.0 : 1.0 }
        #expect(rollingQuantile(step, halfWindow: 10, quantile: 0.5) == step)
        var pulse = [Double](repeating: 0, count: 100)
        for i in 40..<49 { pulse[i] = 5 }
        #expect(rollingQuantile(pulse, halfWindow: 10, quantile: 0.5).allSatisfy { $0 == 0 })
    }

    @Test func nonFiniteValuesDoNotBreakTheWindow() {
        let values: [Double] = [1, .nan, 2, .infinity, 3, 4, 5, 6]
        let out = rollingQuantile(values, halfWindow: 2, quantile: 0.5)
        #expect(out.count == values.count)
        #expect(out.allSatisfy { $0.isFinite })
    }
}
