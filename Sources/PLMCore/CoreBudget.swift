import Foundation

/// The machine's cores as a budget shared by the threads that compute, so that extra threads
/// join in only where a core would otherwise idle.
///
/// The legs of a night are read and detected on threads of their own, which count themselves as
/// busy (``working(_:)``). A helper that could speed up one leg (``OrderedPrefetch`` in
/// PLMSignal) waits for an idle core (``acquireIdleCore(unlessGivenUp:)``) before each piece of
/// work: while both legs run it stays out of their way, and once one leg is done it works beside
/// the other. Oversubscribing the cores instead gave no gain on two legs (the helpers' work only
/// displaced the other leg's).
public final class CoreBudget: @unchecked Sendable {
    /// The budget of this process: the machine's active cores.
    public static let shared = CoreBudget(cores: ProcessInfo.processInfo.activeProcessorCount)

    /// Cores in the budget (at least 1).
    public let cores: Int
    private let condition = NSCondition()
    private var busy = 0

    /// - Parameter cores: the budget; values below 1 count as 1.
    public init(cores: Int) {
        self.cores = max(1, cores)
    }

    /// Runs `body` counted as one busy core. Never waits: threads that must run (a leg) are
    /// counted, not held back.
    public func working<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        busy += 1
        condition.unlock()
        defer { release() }
        return try body()
    }

    /// Runs `body`, which waits for other threads, with the calling thread (counted busy by
    /// ``working(_:)``) counted idle meanwhile, so that helpers may use its core.
    public func waiting<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        busy -= 1
        condition.broadcast()
        condition.unlock()
        defer {
            condition.lock()
            busy += 1
            condition.unlock()
        }
        return try body()
    }

    /// Waits until fewer threads than cores are busy, then counts the caller as busy and returns
    /// true; returns false, without counting, once `givenUp()` is true (checked on every wake-up;
    /// call ``wakeWaiters()`` after making it true).
    public func acquireIdleCore(unlessGivenUp givenUp: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while busy >= cores {
            if givenUp() { return false }
            condition.wait()
        }
        if givenUp() { return false }
        busy += 1
        return true
    }

    /// Returns a core taken by ``acquireIdleCore(unlessGivenUp:)`` (or ends a ``working(_:)``).
    public func release() {
        condition.lock()
        busy -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Wakes every thread waiting for a core so that it checks whether it has given up.
    public func wakeWaiters() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Threads counted as busy now (for tests).
    public var busyThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return busy
    }
}
