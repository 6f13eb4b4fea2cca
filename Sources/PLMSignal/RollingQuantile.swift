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
/// - Complexity: O(n (log w + w)) with a memmove of the window per step, which for the window
///   sizes used (w <= a few hundred) is a few nanoseconds; O(w) extra memory.
func rollingQuantile(_ values: [Double], halfWindow: Int, quantile: Double) -> [Double] {
    let n = values.count
    guard n > 0 else { return [] }
    let h = max(0, halfWindow)
    let q = min(max(quantile, 0), 1)
    let capacity = min(n, 2 * h + 1)
    var result = [Double](repeating: 0, count: n)
    var storage = [Double](repeating: 0, count: capacity)
    values.withUnsafeBufferPointer { input in
        result.withUnsafeMutableBufferPointer { output in
            storage.withUnsafeMutableBufferPointer { window in
                guard let base = window.baseAddress else { return }
                var count = 0
                @inline(__always) func lowerBound(_ v: Double) -> Int {
                    var lo = 0, hi = count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if base[mid] < v { lo = mid + 1 } else { hi = mid }
                    }
                    return lo
                }
                @inline(__always) func insert(_ v: Double) {
                    let i = lowerBound(v)
                    (base + i + 1).update(from: base + i, count: count - i)
                    base[i] = v
                    count += 1
                }
                @inline(__always) func remove(_ v: Double) {
                    let i = lowerBound(v)
                    guard i < count, base[i] == v else { return }
                    (base + i).update(from: base + i + 1, count: count - i - 1)
                    count -= 1
                }
                // A non-finite value (never expected: defects are excluded) counts as 0, so that the
                // sorted window stays ordered and every value inserted can be removed.
                @inline(__always) func clean(_ v: Double) -> Double { v.isFinite ? v : 0 }
                // Window of centre 0 is [0, h].
                for i in 0..<min(n, h + 1) { insert(clean(input[i])) }
                for centre in 0..<n {
                    if centre > 0 {
                        let leaving = centre - h - 1
                        if leaving >= 0 { remove(clean(input[leaving])) }
                        let entering = centre + h
                        if entering < n { insert(clean(input[entering])) }
                    }
                    let rank = Int((q * Double(count - 1) + 0.5).rounded(.down))
                    output[centre] = base[min(max(rank, 0), count - 1)]
                }
            }
        }
    }
    return result
}
