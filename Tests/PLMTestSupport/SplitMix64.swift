import Foundation

/// The test suites' one deterministic random generator: SplitMix64 (Steele, Lea & Flood 2014),
/// with uniform and Gaussian (Box-Muller) draws, so that every constructed signal and random
/// case reproduces, and test data never depends on the simulator under test.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The same generator, for call sites that name the state.
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1): the top 53 bits plus half a step, so never 0 or 1.
    public mutating func nextUnit() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0 }

    /// A standard normal deviate (Box-Muller on two ``nextUnit()`` draws).
    public mutating func gaussian() -> Double {
        let u1 = nextUnit(), u2 = nextUnit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
