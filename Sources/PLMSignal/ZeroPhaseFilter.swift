import Foundation
import PLMFFT

/// Zero-phase FIR filtering by block convolution (overlap-save) through FFTW, with the squared
/// magnitude of a Butterworth design as its frequency response, so that it does what
/// `scipy.signal.sosfiltfilt` (forward-backward IIR filtering) does, without its edge transients.
///
/// Design: `|H(f)|^2` (see ``ButterworthResponse``) is sampled on a long frequency grid and
/// inverse-transformed into a symmetric impulse response, which is cut where it has decayed below
/// 1e-9 of its peak (half-width ``halfWidth`` samples; the response error this causes is of that
/// order). The signal is then convolved block by block: each block of ``blockLength`` samples is
/// transformed, multiplied by the kernel's (real) spectrum and transformed back, and the middle
/// `blockLength - 2 * halfWidth` outputs are kept. Memory is a few blocks, whatever the signal's
/// length.
///
/// Edges: the signal is extended beyond each end by `halfWidth` samples of odd reflection about
/// the end sample (`2 x[0] - x[j]`, scipy's default `padtype="odd"`), which keeps the level and
/// slope continuous so that a band-pass does not ring at the edge. Call it once per contiguous
/// run of valid samples: nothing leaks across a gap.
public struct ZeroPhaseFilter: Sendable {
    /// The Butterworth design whose squared magnitude is the response.
    public let response: ButterworthResponse
    /// Half the kernel length: the kernel has `2 * halfWidth + 1` taps.
    public let halfWidth: Int
    /// FFT block length (a power of two, at least `4 * halfWidth`).
    public let blockLength: Int
    /// Kernel spectrum on the block grid, already divided by `blockLength`; real because the
    /// kernel is symmetric.
    let kernelSpectrum: [Double]
    /// The kernel taps `h[0 ... halfWidth]` (symmetric: `h[-j] = h[j]`).
    let kernel: [Double]

    /// The filter's response to a unit step of the kernel's centre, before the step: its deepest
    /// undershoot (`max(0, -min over m >= 1 of (h[m] + ... + h[halfWidth]))`, the output `m`
    /// samples before the step), the area of its undershoot (the sum of those outputs below
    /// zero, samples) and how far before the step the lobe of the deepest undershoot reaches (the
    /// farthest `m` of the run of outputs below zero around it, samples). A Butterworth response
    /// squared rings: at 2 Hz on a 20 Hz series the undershoot is 3.6 % of the step 0.3 s before
    /// it, its lobe 0.2-0.5 s, its area 0.0064 s; at 8 Hz 8.3 % 0.1 s before it (as
    /// `scipy.signal.filtfilt` of `butter(2, ...)` gives).
    public var stepUndershoot: (deepest: Double, areaSamples: Double, reachSamples: Int) {
        var tails = [Double](repeating: 0, count: halfWidth + 1)
        var tail = 0.0, area = 0.0
        var deepestAt = 0
        for m in stride(from: halfWidth, through: 1, by: -1) {
            tail += kernel[m]
            tails[m] = tail
            area += max(0, -tail)
            if tail < tails[deepestAt] { deepestAt = m }
        }
        guard deepestAt > 0 else { return (0, area, 0) }
        var reach = deepestAt
        while reach < halfWidth && tails[reach + 1] < 0 { reach += 1 }
        return (-tails[deepestAt], area, reach)
    }

    /// Designs the filter.
    /// - Parameters:
    ///   - response: the Butterworth design; its corners must lie strictly inside (0, Nyquist).
    ///   - relativeTolerance: taps smaller than this fraction of the largest are dropped.
    /// - Returns: nil when the design is not realisable at this sampling rate (a corner at or
    ///   above Nyquist, order below 1).
    public init?(response: ButterworthResponse, relativeTolerance: Double = 1e-9) {
        guard response.isRealisable else { return nil }
        self.response = response
        // Impulse response on a grid long enough that its time-aliasing is negligible: the
        // response decays on the scale of 1 / (slowest corner).
        var designLength = 1 << 12
        let decaySamples = 64 * response.sampleRateHz / response.slowestCornerHz
        while Double(designLength) < decaySamples && designLength < (1 << 22) { designLength <<= 1 }
        var taps: [Double] = []
        var width = 0
        while true {
            taps = Self.impulseResponse(response, designLength: designLength)
            let peak = taps.reduce(0) { max($0, abs($1)) }
            width = 0
            for j in stride(from: designLength / 2, through: 1, by: -1) where abs(taps[j]) > relativeTolerance * peak {
                width = j
                break
            }
            if width < designLength / 4 || designLength >= (1 << 22) { break }
            designLength <<= 1
        }
        halfWidth = max(width, 1)
        kernel = Array(taps[0...halfWidth])
        var block = 1 << 10
        while block < 8 * halfWidth { block <<= 1 }
        blockLength = block
        // Spectrum of the cut kernel, placed circularly on the block.
        let plan = FFTPlanner.shared.realPlan(length: block)
        let workspace = FFTWorkspace(length: block)
        let real = workspace.real.baseAddress
        real.update(repeating: 0, count: block)
        real[0] = kernel[0]
        for j in 1...halfWidth {
            real[j] = kernel[j]
            real[block - j] = kernel[j]
        }
        plan.forward(workspace)
        let spectrum = workspace.spectrum.baseAddress
        let scale = 1 / Double(block)
        kernelSpectrum = (0..<plan.binCount).map { spectrum[2 * $0] * scale }
    }

    /// `|H|^2` sampled on `designLength` bins and inverse-transformed: `taps[j]` for j in
    /// 0 ..< designLength (circular; negative lags at the end).
    private static func impulseResponse(_ response: ButterworthResponse, designLength: Int) -> [Double] {
        let plan = FFTPlanner.shared.realPlan(length: designLength)
        let workspace = FFTWorkspace(length: designLength)
        let spectrum = workspace.spectrum.baseAddress
        let binHz = response.sampleRateHz / Double(designLength)
        for k in 0..<plan.binCount {
            spectrum[2 * k] = response.squaredMagnitude(atHz: Double(k) * binHz)
            spectrum[2 * k + 1] = 0
        }
        plan.inverse(workspace)
        let scale = 1 / Double(designLength)
        return (0..<designLength).map { workspace.real.baseAddress[$0] * scale }
    }

    /// The response of the filter as built (cut kernel) at `frequencyHz`: what a steady sinusoid
    /// is multiplied by. Differs from `response.squaredMagnitude` by the cut's error only.
    public func realisedGain(atHz frequencyHz: Double) -> Double {
        let omega = 2 * Double.pi * frequencyHz / response.sampleRateHz
        var gain = kernel[0]
        for j in 1...halfWidth { gain += 2 * kernel[j] * cos(omega * Double(j)) }
        return gain
    }

    /// Filters `count` samples streamed through two callbacks, block by block.
    ///
    /// `load(start, buffer)` must fill `buffer` with samples `start ..< start + buffer.count`
    /// (always inside `0 ..< count`); `store(start, values)` receives outputs `start ..<
    /// start + values.count`, in consecutive ranges of increasing start that together cover
    /// `0 ..< count`. A range is stored only after every load that reads it, so `load` and
    /// `store` may read and write the same array (filtering in place).
    /// - Complexity: O(count log blockLength) time; O(blockLength) memory.
    public func apply(
        count: Int,
        load: (_ start: Int, _ buffer: UnsafeMutableBufferPointer<Double>) -> Void,
        store: (_ start: Int, _ values: UnsafeBufferPointer<Double>) -> Void
    ) {
        guard count > 0 else { return }
        let m = halfWidth, block = blockLength, hop = block - 2 * m
        // Odd-reflection extensions at both ends (computed before anything is stored).
        let edgeCount = min(count, m + 1)
        var headSource = [Double](repeating: 0, count: edgeCount)
        var tailSource = [Double](repeating: 0, count: edgeCount)
        headSource.withUnsafeMutableBufferPointer { load(0, $0) }
        tailSource.withUnsafeMutableBufferPointer { load(count - edgeCount, $0) }
        // head[j - 1] is the sample at index -j; tail[j - 1] at count - 1 + j.
        var head = [Double](repeating: 0, count: m)
        var tail = [Double](repeating: 0, count: m)
        let first = headSource[0], last = tailSource[edgeCount - 1]
        for j in 1...m {
            let r = Self.mirrored(j, span: edgeCount - 1)
            head[j - 1] = 2 * first - headSource[r]
            tail[j - 1] = 2 * last - tailSource[edgeCount - 1 - r]
        }
        let plan = FFTPlanner.shared.realPlan(length: block)
        let workspace = FFTWorkspace(length: block)
        var pending = [Double](repeating: 0, count: hop)
        var pendingStart = 0, pendingCount = 0
        let real = workspace.real.baseAddress
        let spectrum = workspace.spectrum.baseAddress
        var outputStart = 0
        while outputStart < count {
            // Inputs outputStart - m ..< outputStart - m + block.
            let inputStart = outputStart - m
            var position = 0
            while position < block {
                let index = inputStart + position
                if index < 0 {
                    real[position] = head[-index - 1]
                    position += 1
                } else if index < count {
                    let run = min(block - position, count - index)
                    load(index, UnsafeMutableBufferPointer(start: real + position, count: run))
                    position += run
                } else if index < count + m {
                    real[position] = tail[index - count]
                    position += 1
                } else {
                    real[position] = 0  // only reaches outputs past the end, which are dropped
                    position += 1
                }
            }
            if pendingCount > 0 {
                pending.withUnsafeBufferPointer {
                    store(pendingStart, UnsafeBufferPointer(rebasing: $0[0..<pendingCount]))
                }
            }
            plan.forward(workspace)
            kernelSpectrum.withUnsafeBufferPointer { Self.multiply(spectrum, by: $0) }
            plan.inverse(workspace)
            let produced = min(hop, count - outputStart)
            pending.withUnsafeMutableBufferPointer {
                $0.baseAddress?.update(from: real + m, count: produced)
            }
            pendingStart = outputStart
            pendingCount = produced
            outputStart += hop
        }
        pending.withUnsafeBufferPointer {
            store(pendingStart, UnsafeBufferPointer(rebasing: $0[0..<pendingCount]))
        }
    }

    /// Filters a `Float` buffer in place.
    public func apply(inPlace samples: UnsafeMutableBufferPointer<Float>) {
        guard let base = samples.baseAddress else { return }
        apply(
            count: samples.count,
            load: { start, buffer in
                guard let out = buffer.baseAddress else { return }
                Self.widen(base + start, into: out, count: buffer.count)
            },
            store: { start, values in
                guard let source = values.baseAddress else { return }
                Self.narrow(source, into: base + start, count: values.count)
            })
    }

    /// `spectrum[2 k] *= gains[k]` and `spectrum[2 k + 1] *= gains[k]` for every k (the real and
    /// imaginary part of bin k times its real gain), two bins at a time (the same products).
    @inline(__always)
    static func multiply(_ spectrum: UnsafeMutablePointer<Double>, by gains: UnsafeBufferPointer<Double>) {
        guard let g = gains.baseAddress else { return }
        let count = gains.count
        var k = 0
        while k + 2 <= count {
            let pair = UnsafeRawPointer(g + k).loadUnaligned(as: SIMD2<Double>.self)
            let factors = SIMD4<Double>(pair[0], pair[0], pair[1], pair[1])
            let values = UnsafeRawPointer(spectrum + 2 * k).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(spectrum + 2 * k).storeBytes(of: values * factors, as: SIMD4<Double>.self)
            k += 2
        }
        while k < count {
            spectrum[2 * k] *= g[k]
            spectrum[2 * k + 1] *= g[k]
            k += 1
        }
    }

    /// `out[i] = Double(source[i])` for `i < count`, four at a time (exact conversions, so the
    /// same values as one by one).
    @inline(__always)
    static func widen(_ source: UnsafePointer<Float>, into out: UnsafeMutablePointer<Double>, count: Int) {
        var i = 0
        while i + 4 <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD4<Double>(v), as: SIMD4<Double>.self)
            i += 4
        }
        while i < count {
            out[i] = Double(source[i])
            i += 1
        }
    }

    /// `out[i] = Float(source[i])` for `i < count`, four at a time (each lane rounds as the
    /// scalar conversion does, so the same values).
    @inline(__always)
    static func narrow(_ source: UnsafePointer<Double>, into out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 4 <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD4<Float>(v), as: SIMD4<Float>.self)
            i += 4
        }
        while i < count {
            out[i] = Float(source[i])
            i += 1
        }
    }

    /// Filters a `Double` buffer in place.
    public func apply(inPlace samples: UnsafeMutableBufferPointer<Double>) {
        guard let base = samples.baseAddress else { return }
        apply(
            count: samples.count,
            load: { start, buffer in buffer.baseAddress?.update(from: base + start, count: buffer.count) },
            store: { start, values in
                guard let source = values.baseAddress else { return }
                (base + start).update(from: source, count: values.count)
            })
    }

    /// The filtered copy of `samples`.
    public func filtered(_ samples: [Double]) -> [Double] {
        var out = samples
        out.withUnsafeMutableBufferPointer { apply(inPlace: $0) }
        return out
    }

    /// Reflects `j >= 0` into `0 ... span` (mirror at both ends, repeating), for extensions
    /// longer than the signal.
    static func mirrored(_ j: Int, span: Int) -> Int {
        guard span > 0 else { return 0 }
        let period = 2 * span
        let r = j % period
        return r <= span ? r : period - r
    }
}
