import Foundation
import PLMCore
import Testing

/// ``LockedValue``: the one lock of the sources and the tests.
@Suite struct LockedValueTests {
    /// Many threads incrementing at once lose no increment: without the lock, concurrent
    /// read-modify-writes of the same `Int` drop some (and ThreadSanitizer reports the race).
    @Test func concurrentIncrementsAllCount() {
        let counter = LockedValue(0)
        let threads = 16, increments = 10_000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<increments { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == threads * increments)
    }

    /// An error thrown in the body comes out with its own type, changes made before it are kept,
    /// and the lock is free again afterwards.
    @Test func throwingBodyReleasesTheLock() {
        struct Refused: Error, Equatable {}
        let names = LockedValue([String]())
        #expect(throws: Refused()) {
            try names.withLock { (names: inout [String]) throws(Refused) in
                names.append("left")
                throw Refused()
            }
        }
        #expect(names.withLock { $0 } == ["left"])
    }
}
