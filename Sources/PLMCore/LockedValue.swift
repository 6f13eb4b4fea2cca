import Foundation

/// A value shared between threads, reached only with its lock held: the one lock of PLMKit, in
/// the sources and the tests alike.
///
/// Why not Synchronization's `Mutex`, whose API this copies: on Linux `Mutex` waits on a futex
/// directly, which ThreadSanitizer does not intercept, so `swift test --sanitize=thread`
/// (`make tsan`) reported every access made under it as a data race (in `FFTPlanner` on every
/// end-to-end night). `NSLock` is a pthread mutex, which TSan follows, so its reports stay real.
///
/// Why in PLMCore: it is the lowest module and imports none of the others; every module that
/// needs a lock already depends on it except PLMFFT, which depends on it for this alone (a
/// dependency pointing down the pipeline, never up).
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// - Parameter initialValue: the value, from now on reached only through ``withLock(_:)``.
    public init(_ initialValue: sending Value) {
        value = initialValue
    }

    /// Runs `body` on the value with the lock held and returns what it returns; the lock is
    /// released when `body` returns or throws. Not reentrant: `body` must not call `withLock` on
    /// the same value (it would wait for itself).
    public func withLock<Result, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
