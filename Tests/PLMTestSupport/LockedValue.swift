import Foundation

/// A value shared between threads in a test, behind an `NSLock`.
///
/// Tests use this rather than `Synchronization.Mutex` so that ThreadSanitizer
/// (`swift test --sanitize=thread`) sees the locking: Mutex waits on a futex directly, which TSan
/// does not intercept, and every access under it is then reported as a race.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
