import Foundation
import PLMCore

/// The simulator's own pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The system generator is never used, so a seed gives the same night on every platform and
/// every Swift version. Independent streams (the night plan, each leg's noise, the mounting)
/// are derived from one seed with ``init(seed:stream:)``, so that changing the sample rate or
/// the noise level does not change the night's events.
///
/// References: Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 2021 (xoshiro256**); Steele, Lea & Flood, OOPSLA 2014 (SplitMix64).
struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// Second normal deviate of the last Box-Muller pair, when not yet used.
    private var spareNormal: Double?

    /// Seeds the four state words from SplitMix64 over `seed` mixed with a stream number.
    /// - Parameters:
    ///   - seed: The user's seed.
    ///   - stream: Which independent stream of that seed (see ``SimulationStream``).
    init(seed: UInt64, stream: UInt64) {
        var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        func next() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// Uniform integer in the closed range (small ranges only; modulo bias < 2^-50).
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal deviate (Box-Muller, both deviates used).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u1 = unit()
        while u1 <= 0 { u1 = unit() }
        let u2 = unit()
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * Foundation.sin(angle)
        return radius * Foundation.cos(angle)
    }

    /// Normal deviate with the given mean and standard deviation.
    mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

    /// Exponential deviate with the given mean.
    mutating func exponential(mean: Double) -> Double {
        var u = unit()
        while u <= 0 { u = unit() }
        return -mean * Foundation.log(u)
    }

    /// Log-normal deviate whose median is `median` and whose log has standard deviation `logSD`.
    mutating func logNormal(median: Double, logSD: Double) -> Double {
        median * Foundation.exp(logSD * normal())
    }
}

/// The independent random streams of one seed.
enum SimulationStream: UInt64 {
    case plan = 1
    case mounting = 2
    case leftNoise = 3
    case rightNoise = 4
    case defects = 5
    case movementDetail = 6
    /// Variations of movements by ``SimulationConditions`` (small, slow, lasting, multi-burst,
    /// trains, doublets, twitches next to LMs, wake bursts).
    case conditions = 7
    /// Per-leg sensor conditions (thermal drift coefficients, strap slip).
    case sensorConditions = 8
    /// The right-leg-only gap of ``SimulationConditions/rightLegGapS``.
    case rightLegGap = 9

    static func noise(for side: LegSide) -> SimulationStream {
        side == .left ? .leftNoise : .rightNoise
    }
}
