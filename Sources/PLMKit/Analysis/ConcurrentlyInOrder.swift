import Foundation
import PLMCore

/// Runs `body` for each index on its own thread (at most the machine's cores) and returns the
/// results in index order; the first failure in index order is thrown, so messages do not depend on
/// which leg finished first. Each runs counted in ``CoreBudget/shared``, so that a leg's helper
/// threads (chunk signals, candidate classification) wait for a core the other legs leave idle.
/// The one way PLMKit reads or detects legs concurrently: one night's
/// legs (`NightAnalyzer`), the surveys and epochs of a multi-night recording (`RecordingAnalyzer`).
func concurrentlyInOrder<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
    let results = LockedValue([_UncheckedSendable<Result<T, any Error>>?](repeating: nil, count: count))
    withoutActuallyEscaping(body) { body in
        let task = _UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let result = _UncheckedSendable(Result { try CoreBudget.shared.working { try task.value(k) } })
            results.withLock { $0[k] = result }
        }
    }
    return try results.withLock { $0 }.map { result -> T in
        guard let result else { throw AnalysisError("internal: a leg's task did not run", exitStatus: .software) }
        return try result.value.get()
    }
}

/// A value handed to `concurrentPerform` (which runs it before returning), or a result handed
/// back from it (read only once it has returned).
private struct _UncheckedSendable<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
}
