internal import CFFTW

/// A pair of FFTW plans, real-to-complex and complex-to-real, for one transform length.
///
/// Get plans from ``FFTPlanner/realPlan(length:)``; they are made once per length and shared.
/// Executing is thread-safe (FFTW's new-array execute functions), so several tasks may use one
/// plan at once, each on its own ``FFTWorkspace``.
///
/// Layout: the spectrum of `n` real points holds `n/2 + 1` complex bins, interleaved as
/// `re0, im0, re1, im1, ...`. Transforms are unnormalised: inverse(forward(x)) = n * x.
///
/// `@unchecked Sendable`: the plan handles are immutable after creation, never destroyed while
/// the process runs (the planner caches them), and only passed to `fftw_execute_dft_r2c/c2r`,
/// which FFTW documents as thread-safe.
public final class RealFFTPlan: @unchecked Sendable {
    /// Number of real points.
    public let length: Int
    /// Number of complex bins, `length / 2 + 1`.
    public var binCount: Int { length / 2 + 1 }

    private let forwardPlan: fftw_plan
    private let inversePlan: fftw_plan

    /// Makes the plans. Must only be called with the planner lock held (see ``FFTPlanner``).
    init(unsafeUnderPlannerLock length: Int, preferWisdom: Bool) {
        precondition(length >= 2 && length % 2 == 0, "real FFT length must be even")  // programmer error
        self.length = length
        let real = FFTBuffer(count: length)
        let complex = FFTBuffer(count: 2 * (length / 2 + 1))
        let n = Int32(length)
        let complexPointer = UnsafeMutableRawPointer(complex.baseAddress)
            .assumingMemoryBound(to: fftw_complex.self)
        func make(_ build: (UInt32) -> fftw_plan?) -> fftw_plan {
            if preferWisdom, let p = build(UInt32(FFTW_MEASURE) | UInt32(FFTW_WISDOM_ONLY)) { return p }
            guard let p = build(UInt32(FFTW_ESTIMATE)) else {
                fatalError("FFTW could not plan a real transform of length \(length)")
            }
            return p
        }
        forwardPlan = make { fftw_plan_dft_r2c_1d(n, real.baseAddress, complexPointer, $0) }
        inversePlan = make { fftw_plan_dft_c2r_1d(n, complexPointer, real.baseAddress, $0) }
    }

    /// Real-to-complex transform of `workspace.real` into `workspace.spectrum`.
    public func forward(_ workspace: FFTWorkspace) {
        precondition(workspace.length == length, "workspace length differs from plan length")
        fftw_execute_dft_r2c(forwardPlan, workspace.real.baseAddress, workspace.complexPointer)
    }

    /// Complex-to-real transform of `workspace.spectrum` into `workspace.real`.
    /// Destroys the spectrum (FFTW's c2r overwrites its input). Unnormalised: divide by `length`.
    public func inverse(_ workspace: FFTWorkspace) {
        precondition(workspace.length == length, "workspace length differs from plan length")
        fftw_execute_dft_c2r(inversePlan, workspace.complexPointer, workspace.real.baseAddress)
    }
}

/// Caller-owned aligned buffers for one transform length: `real` (`length` doubles) and
/// `spectrum` (`length/2 + 1` complex bins, interleaved re/im). One per task.
public final class FFTWorkspace: @unchecked Sendable {
    /// Number of real points.
    public let length: Int
    /// Time-domain buffer, `length` doubles.
    public let real: FFTBuffer
    /// Frequency-domain buffer, `2 * (length/2 + 1)` doubles, interleaved re, im.
    public let spectrum: FFTBuffer

    public init(length: Int) {
        self.length = length
        real = FFTBuffer(count: length)
        spectrum = FFTBuffer(count: 2 * (length / 2 + 1))
    }

    var complexPointer: UnsafeMutablePointer<fftw_complex> {
        UnsafeMutableRawPointer(spectrum.baseAddress).assumingMemoryBound(to: fftw_complex.self)
    }
}
