import Foundation
import PLMCore
import PLMTestSupport
import Testing
@testable import PLMSignal

/// ``OrderedPrefetch``: items in order, each built once, never more than the window ahead, and
/// helpers only on idle cores of the budget.
@Suite struct OrderedPrefetchTests {
    /// Items come back in index order and each index is built exactly once, whatever the number
    /// of helpers, the window and the build times (0-300 µs, varying by index).
    @Test(arguments: [(0, 1), (1, 1), (1, 3), (3, 2), (7, 16)])
    func inOrderEachOnce(helpers: Int, window: Int) {
        let count = 200
        let builds = LockedValue([Int](repeating: 0, count: count))
        let prefetch = OrderedPrefetch(
            count: count, helperThreads: helpers, window: window, budget: CoreBudget(cores: 8)
        ) { k in
            builds.withLock { $0[k] += 1 }
            usleep(UInt32((k * 7919) % 300))
            return k * k
        }
        var got: [Int] = []
        while let item = prefetch.next() { got.append(item) }
        prefetch.finish()
        #expect(got == (0..<count).map { $0 * $0 })
        #expect(builds.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    /// No item is built more than `window` places ahead of the items handed over: with the
    /// consumer stopped after 5 items, at most 5 + window are ever built.
    @Test func windowBoundsWorkAhead() {
        let built = LockedValue(0)
        let prefetch = OrderedPrefetch(count: 100, helperThreads: 3, window: 4, budget: CoreBudget(cores: 8)) { k in
            built.withLock { $0 += 1 }
            return k
        }
        for _ in 0..<5 { _ = prefetch.next() }
        usleep(50_000)  // time for the helpers to run ahead as far as they may
        #expect(built.withLock { $0 } <= 5 + 4)
        prefetch.finish()
        #expect(prefetch.next() == nil)
    }

    /// Runs `count` items of `pauseMicroseconds` each through a prefetch with `helpers` helpers,
    /// the calling thread counted busy in `budget`; returns the items in the order handed over
    /// and the threads that built them.
    private func drain(
        count: Int, helpers: Int, budget: CoreBudget, pauseMicroseconds: UInt32
    ) -> (items: [Int], builders: Set<String>) {
        let builders = LockedValue(Set<String>())
        let items = budget.working {
            let prefetch = OrderedPrefetch(count: count, helperThreads: helpers, window: count, budget: budget) { k in
                builders.withLock { _ = $0.insert("\(pthread_self())") }
                usleep(pauseMicroseconds)
                return k
            }
            var got: [Int] = []
            while let k = prefetch.next() { got.append(k) }
            prefetch.finish()
            return got
        }
        return (items, builders.withLock { $0 })
    }

    /// While every core of the budget is counted busy, helpers build nothing (the caller builds
    /// everything itself); `finish()` returns although they are still waiting for a core.
    @Test func helpersWaitForAnIdleCore() {
        let budget = CoreBudget(cores: 1)
        let run = drain(count: 20, helpers: 2, budget: budget, pauseMicroseconds: 1_000)
        #expect(run.items == Array(0..<20))
        #expect(run.builders == ["\(pthread_self())"])
        #expect(budget.busyThreads == 0)
    }

    /// With a core idle, a helper does build: the caller, slowed by its own pauses, cannot have
    /// built all the items.
    @Test func helpersUseAnIdleCore() {
        let budget = CoreBudget(cores: 2)
        let run = drain(count: 40, helpers: 1, budget: budget, pauseMicroseconds: 2_000)
        #expect(run.items == Array(0..<40))
        #expect(run.builders.count == 2)
        #expect(budget.busyThreads == 0)
    }
}
