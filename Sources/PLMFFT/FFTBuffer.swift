internal import CFFTW

/// A buffer of `Double`s allocated with `fftw_malloc`, so that it has the SIMD alignment the
/// FFTW plans were made with. Plans in ``RealFFTPlan`` may be executed on any pair of these.
///
/// The buffer is a reference type owned by one task at a time; it is `@unchecked Sendable`
/// because it can be handed to another task, but it must not be written by two tasks at once
/// (give each task its own ``FFTWorkspace``).
public final class FFTBuffer: @unchecked Sendable {
    /// Number of `Double` elements.
    public let count: Int
    /// The aligned storage. Valid for the lifetime of the buffer.
    public let baseAddress: UnsafeMutablePointer<Double>

    /// Allocates `count` doubles, zero-filled.
    public init(count: Int) {
        precondition(count > 0, "FFTBuffer needs a positive size")  // programmer error, not data
        let raw = fftw_malloc(MemoryLayout<Double>.stride * count)
        guard let raw else { fatalError("fftw_malloc failed for \(count) doubles") }
        baseAddress = raw.bindMemory(to: Double.self, capacity: count)
        baseAddress.initialize(repeating: 0, count: count)
        self.count = count
    }

    deinit { fftw_free(baseAddress) }

    /// The buffer as a mutable buffer pointer.
    public var pointer: UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }

    /// Sets every element to zero.
    public func zero() { baseAddress.update(repeating: 0, count: count) }
}
