import Foundation
import PLMCore
import Synchronization

/// Builds the items `0..<count` of an ordered sequence on several threads and hands them over in
/// order: the detector's movement signals, chunk by chunk, built ahead of the scan that consumes
/// them.
///
/// Why: building a chunk's signal (filters, rolling medians and quantiles) is most of a leg's
/// detection and each chunk is independent, while the scan that follows carries state from one
/// chunk to the next. When the other leg is done (or there is only one), its core would idle;
/// helper threads build the next chunks while the caller scans. The items do not depend on who
/// built them, so the result is the same with any number of threads.
///
/// A helper builds only on a core that is idle (``CoreBudget``): while both legs of a night run,
/// the helpers wait, and they join in when one leg is done. The caller builds the next unclaimed
/// item itself while the one it needs is not ready, so it never waits on a helper that has no
/// core. Memory is bounded: no item is built more than `window` places ahead of the last one
/// handed over. The helpers are plain threads rather than Dispatch work: a `concurrentPerform`
/// nested in another (the legs run in one) is serialised by libdispatch, which is exactly the
/// case this is for.
final class OrderedPrefetch<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let build: @Sendable (Int) -> Item
    private let count: Int
    private let window: Int
    /// Built items not yet handed over, by index (nil: not built yet, or handed over).
    private var built: [Item?]
    /// The next index nobody has claimed, and the number of items handed over.
    private var nextUnclaimed = 0
    private var handedOver = 0
    private var runningHelpers = 0
    private let budget: CoreBudget
    /// Set by ``finish()``: helpers waiting for a core give up.
    private let finished = Atomic(false)

    /// Starts `helperThreads` threads (at most `count - 1`) that build items ahead of the caller.
    /// - Parameters:
    ///   - count: number of items.
    ///   - helperThreads: threads besides the caller's; 0 builds everything in ``next()``.
    ///   - window: how far ahead of the last item handed over an item may be built (at least 1).
    ///   - budget: the cores the helpers wait for.
    ///   - build: makes item `k`; called exactly once per index, from any thread.
    init(
        count: Int, helperThreads: Int, window: Int, budget: CoreBudget = .shared,
        build: @escaping @Sendable (Int) -> Item
    ) {
        self.count = max(0, count)
        self.budget = budget
        self.window = max(1, window)
        self.build = build
        built = Array(repeating: nil, count: self.count)
        let helpers = min(max(0, helperThreads), max(0, self.count - 1))
        runningHelpers = helpers
        for _ in 0..<helpers {
            Thread { [self] in helperLoop() }.start()
        }
    }

    /// The next item in order, or nil after the last. While it is not ready, the caller builds
    /// the next unclaimed item within the window (and keeps it for later), or waits.
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        let k = handedOver
        guard k < count else { return nil }
        while true {
            if let ready = built[k] {
                built[k] = nil
                handedOver += 1
                condition.broadcast()
                return ready
            }
            if let j = claim() {
                condition.unlock()
                let item = build(j)
                condition.lock()
                built[j] = item
            } else {
                condition.wait()
            }
        }
    }

    /// The next unclaimed index within the window, now claimed; nil when there is none. Called
    /// with the lock held.
    private func claim() -> Int? {
        guard nextUnclaimed < count, nextUnclaimed < handedOver + window else { return nil }
        nextUnclaimed += 1
        return nextUnclaimed - 1
    }

    /// Stops claiming new items and waits until every helper has returned, so that nothing the
    /// builder captured is used after the caller moves on. Items built but not handed over are
    /// dropped, and ``next()`` returns nil from then on.
    func finish() {
        finished.store(true, ordering: .relaxed)
        budget.wakeWaiters()
        condition.lock()
        nextUnclaimed = count
        condition.broadcast()
        while runningHelpers > 0 { condition.wait() }
        built = []
        handedOver = count
        condition.unlock()
    }

    /// Claims and builds items, each on a core taken from the budget, until none is left.
    private func helperLoop() {
        while budget.acquireIdleCore(unlessGivenUp: { finished.load(ordering: .relaxed) }) {
            condition.lock()
            guard nextUnclaimed < count else {
                budget.release()
                condition.unlock()
                break
            }
            guard let k = claim() else {
                // The window is full: give the core back until the caller takes an item.
                budget.release()
                condition.wait()
                condition.unlock()
                continue
            }
            condition.unlock()
            let item = build(k)
            budget.release()
            condition.lock()
            if k < built.count { built[k] = item }
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        runningHelpers -= 1
        condition.broadcast()
        condition.unlock()
    }
}
