import Foundation

/// The squared magnitude response `|H(f)|^2` of a digital Butterworth filter, which is the
/// response of forward-backward (zero-phase) filtering with that filter.
///
/// The digital designs are those of `scipy.signal.butter` (bilinear transform with pre-warped band
/// edges), so that filtering with ``ZeroPhaseFilter`` matches `scipy.signal.sosfiltfilt` away from
/// the edges. With the pre-warped frequency `W(f) = tan(pi f / fs)`:
/// - low-pass, cutoff `fc`, order `n`: `1 / (1 + (W(f) / W(fc))^(2n))`
/// - high-pass: `1 / (1 + (W(fc) / W(f))^(2n))`
/// - band-pass `[f1, f2]`, prototype order `n` (a `2n`-order filter, as `butter(n, [f1, f2], "band")`):
///   `1 / (1 + ((W^2 - W1 W2) / (W (W2 - W1)))^(2n))`
///
/// The squared magnitude is real and even, so the filter it defines has zero phase.
public struct ButterworthResponse: Sendable, Hashable, Codable {
    /// The pass band.
    public enum Band: Sendable, Hashable, Codable {
        /// Passes below `cutoffHz`.
        case lowPass(cutoffHz: Double)
        /// Passes above `cutoffHz`.
        case highPass(cutoffHz: Double)
        /// Passes between `lowHz` and `highHz`.
        case bandPass(lowHz: Double, highHz: Double)
    }

    /// The pass band.
    public var band: Band
    /// Prototype order (per band edge), as the `N` argument of `scipy.signal.butter`.
    public var order: Int
    /// Sampling rate, Hz.
    public var sampleRateHz: Double

    public init(band: Band, order: Int, sampleRateHz: Double) {
        self.band = band
        self.order = order
        self.sampleRateHz = sampleRateHz
    }

    /// The lowest corner frequency, Hz: it sets how long the impulse response rings.
    var slowestCornerHz: Double {
        switch band {
        case .lowPass(let fc), .highPass(let fc): return fc
        case .bandPass(let f1, _): return f1
        }
    }

    /// Whether every corner lies strictly between 0 and the Nyquist frequency.
    var isRealisable: Bool {
        let nyquist = sampleRateHz / 2
        guard order >= 1, sampleRateHz > 0 else { return false }
        switch band {
        case .lowPass(let fc), .highPass(let fc): return fc > 0 && fc < nyquist
        case .bandPass(let f1, let f2): return f1 > 0 && f1 < f2 && f2 < nyquist
        }
    }

    /// `|H(f)|^2` at `frequencyHz` (0 ... Nyquist), dimensionless, in [0, 1].
    public func squaredMagnitude(atHz frequencyHz: Double) -> Double {
        let warp = { (f: Double) -> Double in tan(Double.pi * f / self.sampleRateHz) }
        let f = min(max(frequencyHz, 0), sampleRateHz / 2)
        let twoN = Double(2 * order)
        switch band {
        case .lowPass(let fc):
            if f >= sampleRateHz / 2 { return 0 }
            return 1 / (1 + pow(warp(f) / warp(fc), twoN))
        case .highPass(let fc):
            if f <= 0 { return 0 }
            if f >= sampleRateHz / 2 { return 1 }
            return 1 / (1 + pow(warp(fc) / warp(f), twoN))
        case .bandPass(let f1, let f2):
            if f <= 0 || f >= sampleRateHz / 2 { return 0 }
            let w = warp(f), w1 = warp(f1), w2 = warp(f2)
            let x = (w * w - w1 * w2) / (w * (w2 - w1))
            return 1 / (1 + pow(x * x, Double(order)))
        }
    }
}
