/// Centred rolling quantile of a series: the value below which `quantile` of the window lies.
///
/// Used on coarse bins (a statistic of the movement signal every fraction of a second), so that the
/// window holds tens to a few hundred values. The window is kept sorted: each step removes the
/// value leaving and inserts the value entering by binary search, instead of sorting each window.
/// Near the ends the window is cut to the available values. Non-finite values count as 0.
///
/// - Parameters:
///   - values: the series.
///   - halfWindow: values on each side of the centre (window `2 * halfWindow + 1`).
///   - quantile: in [0, 1]; 0.5 is the median. Order statistic of rank
///     `floor(quantile * (count - 1) + 0.5)` in the sorted window (no interpolation).
/// - Returns: one value per input value.
/// - Complexity: O(n (log w + w)): per step one shift of the values between where the leaving
///   value was and where the entering one goes, a few nanoseconds for the window sizes used
///   (w <= a few hundred); O(w) extra memory.
func rollingQuantile(_ values: [Double], halfWindow: Int, quantile: Double) -> [Double] {
    let n = values.count
    guard n > 0 else { return [] }
    let h = max(0, halfWindow)
    let q = min(max(quantile, 0), 1)
    let capacity = min(n, 2 * h + 1)
    // Every result is written below, and the window reads only what was inserted (no zero-fill).
    var result = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
    var storage = [Double](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
    values.withUnsafeBufferPointer { input in
        result.withUnsafeMutableBufferPointer { output in
            storage.withUnsafeMutableBufferPointer { window in
                guard let base = window.baseAddress else { return }
                var window = SortedWindow(base: base)
                // A non-finite value (never expected: defects are excluded) counts as 0, so that the
                // sorted window stays ordered and every value inserted can be removed.
                @inline(__always) func clean(_ v: Double) -> Double { v.isFinite ? v : 0 }
                // Window of centre 0 is [0, h].
                for i in 0..<min(n, h + 1) { window.insert(clean(input[i])) }
                // The rank changes only with the window's size (near the ends).
                var rankCount = -1, rank = 0
                for centre in 0..<n {
                    if centre > 0 {
                        let leaving = centre - h - 1
                        let entering = centre + h
                        if leaving >= 0 && entering < n {
                            window.replace(clean(input[leaving]), by: clean(input[entering]))
                        } else if leaving >= 0 {
                            window.remove(clean(input[leaving]))
                        } else if entering < n {
                            window.insert(clean(input[entering]))
                        }
                    }
                    let count = window.count
                    if count != rankCount {
                        rank = min(max(Int((q * Double(count - 1) + 0.5).rounded(.down)), 0), count - 1)
                        rankCount = count
                    }
                    output[centre] = base[rank]
                }
            }
        }
    }
    return result
}

/// The sorted window of ``rollingQuantile(_:halfWindow:quantile:)``, in caller-owned storage.
///
/// ``replace(_:by:)`` leaves the window exactly as ``remove(_:)`` followed by ``insert(_:)``
/// would (the same values in the same places), with one search less and one shift of the values
/// between the two positions instead of two shifts of everything after them.
private struct SortedWindow {
    let base: UnsafeMutablePointer<Double>
    private(set) var count = 0

    init(base: UnsafeMutablePointer<Double>) { self.base = base }

    /// Index of the first value not below `v` (`count` when none): in a sorted window, the number
    /// of values below `v`, counted four at a time without a branch (the windows are short, and a
    /// binary search's unpredictable branches cost more than the count).
    @inline(__always)
    func lowerBound(_ v: Double) -> Int {
        var below = SIMD4<Int64>(repeating: 0)
        let probe = SIMD4<Double>(repeating: v)
        var j = 0
        while j + 4 <= count {
            let values = UnsafeRawPointer(base + j).loadUnaligned(as: SIMD4<Double>.self)
            // A true lane of the mask is -1.
            below &-= unsafeBitCast(values .< probe, to: SIMD4<Int64>.self)
            j += 4
        }
        var total = Int(below.wrappedSum())
        while j < count {
            if base[j] < v { total += 1 }
            j += 1
        }
        return total
    }

    @inline(__always)
    mutating func insert(_ v: Double) {
        let i = lowerBound(v)
        var j = count
        while j > i {
            base[j] = base[j - 1]
            j -= 1
        }
        base[i] = v
        count += 1
    }

    @inline(__always)
    mutating func remove(_ v: Double) {
        let i = lowerBound(v)
        guard i < count, base[i] == v else { return }
        for j in i..<(count - 1) { base[j] = base[j + 1] }
        count -= 1
    }

    /// ``lowerBound(_:)`` of two values in one pass over the window.
    @inline(__always)
    func lowerBounds(_ a: Double, _ b: Double) -> (Int, Int) {
        var belowA = SIMD4<Int64>(repeating: 0), belowB = SIMD4<Int64>(repeating: 0)
        let probeA = SIMD4<Double>(repeating: a), probeB = SIMD4<Double>(repeating: b)
        var j = 0
        while j + 4 <= count {
            let values = UnsafeRawPointer(base + j).loadUnaligned(as: SIMD4<Double>.self)
            // A true lane of the mask is -1.
            belowA &-= unsafeBitCast(values .< probeA, to: SIMD4<Int64>.self)
            belowB &-= unsafeBitCast(values .< probeB, to: SIMD4<Int64>.self)
            j += 4
        }
        var totalA = Int(belowA.wrappedSum()), totalB = Int(belowB.wrappedSum())
        while j < count {
            if base[j] < a { totalA += 1 }
            if base[j] < b { totalB += 1 }
            j += 1
        }
        return (totalA, totalB)
    }

    /// Removes `leaving` (when present) and inserts `entering`.
    @inline(__always)
    mutating func replace(_ leaving: Double, by entering: Double) {
        // Both positions in the window as it is (with `leaving`).
        let (i, k) = lowerBounds(leaving, entering)
        guard i < count, base[i] == leaving else {
            insert(entering)
            return
        }
        // Where `entering` goes in the window without the value at i: every value before k is
        // below it; with k > i one of those (the one at i) leaves, so it goes one place earlier.
        // The values between the two places move by one (a memmove).
        if k <= i {
            UnsafeMutableRawPointer(base + k + 1).copyMemory(
                from: base + k, byteCount: (i - k) * MemoryLayout<Double>.stride)
            base[k] = entering
        } else {
            UnsafeMutableRawPointer(base + i).copyMemory(
                from: base + i + 1, byteCount: (k - 1 - i) * MemoryLayout<Double>.stride)
            base[k - 1] = entering
        }
    }
}

/// The value ``rollingQuantile(_:halfWindow:quantile:)`` gives at index `centre` alone, from one
/// sort of that window; nil when that value is a zero.
///
/// The rolling window holds the same multiset as the window itself, up to the signs of its
/// zeros: a value leaving is found at its place (the first value not below it) and removed,
/// and `-0 == +0`, so leaving `+0` may take out a `-0` (non-finite values count as 0 in both).
/// Equal non-zero doubles have the same bits, so a non-zero order statistic is the same value
/// whatever the history; a zero's sign is not, and the caller must then run the rolling pass.
/// - Complexity: O(w log w) for a window of w values.
func rollingQuantile(_ values: [Double], at centre: Int, halfWindow: Int, quantile: Double) -> Double? {
    let n = values.count
    guard centre >= 0, centre < n else { return nil }
    let h = max(0, halfWindow)
    let q = min(max(quantile, 0), 1)
    var window = values[max(0, centre - h)...min(n - 1, centre + h)].map { $0.isFinite ? $0 : 0 }
    window.sort()
    let count = window.count
    let rank = Int((q * Double(count - 1) + 0.5).rounded(.down))
    let value = window[min(max(rank, 0), count - 1)]
    return value == 0 ? nil : value
}
