import Foundation
import PLMCore
import PLMTestSupport
import Testing

/// ``CoreBudget``: who counts as busy, and when a helper gets a core.
@Suite struct CoreBudgetTests {
    /// `working` counts the caller for its duration, `waiting` uncounts it for its own, and an
    /// idle core is granted at once while fewer threads than cores are busy.
    @Test func counts() {
        let budget = CoreBudget(cores: 2)
        budget.working {
            #expect(budget.busyThreads == 1)
            budget.waiting { #expect(budget.busyThreads == 0) }
            #expect(budget.busyThreads == 1)
            #expect(budget.acquireIdleCore { false })
            #expect(budget.busyThreads == 2)
            budget.release()
        }
        #expect(budget.busyThreads == 0)
        #expect(CoreBudget(cores: 0).cores == 1)
    }

    /// A helper asking for a core while every core is busy waits until one is released; one that
    /// has given up returns false without taking a core.
    @Test func waitsForARelease() {
        let budget = CoreBudget(cores: 1)
        let events = LockedValue([String]())
        let done = DispatchSemaphore(value: 0)
        budget.working {
            Thread {
                let granted = budget.acquireIdleCore { false }
                events.withLock { $0.append("granted \(granted)") }
                budget.release()
                done.signal()
            }.start()
            usleep(50_000)
            events.withLock { $0.append("released") }
        }
        done.wait()
        #expect(events.withLock { $0 } == ["released", "granted true"])

        let givenUp = LockedValue(false)
        let result = LockedValue<Bool?>(nil)
        budget.working {
            Thread {
                let granted = budget.acquireIdleCore { givenUp.withLock { $0 } }
                result.withLock { $0 = granted }
                done.signal()
            }.start()
            usleep(20_000)
            givenUp.withLock { $0 = true }
            budget.wakeWaiters()
            done.wait()
            #expect(budget.busyThreads == 1)
        }
        #expect(result.withLock { $0 } == false)
        #expect(budget.busyThreads == 0)
    }
}
