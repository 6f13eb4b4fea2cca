import Foundation

/// A level that noise alone passes with a given probability, read from the measured distribution
/// of a statistic instead of a Gaussian model (``DetectionSettings/tiltConfirmationWindowS``).
///
/// Peaks over threshold with an exponential tail (a generalised Pareto tail of shape 0, the usual
/// choice when the tail's shape is not known; it is heavier than any Gaussian tail): above the
/// threshold u = Q(0.99) the exceedance probability falls as `0.01 * exp(-(x - u) / beta)`, with
/// the scale beta read from the decade below it, `(Q(0.99) - Q(0.9)) / ln 10`. Quantiles, not the
/// mean excess, so that a few values that are not noise (under 1 % of them) move the estimate
/// little. The level for exceedance probability p is `u + beta * ln(0.01 / p)`.
///
/// For a Rayleigh-distributed statistic of scale s (the angle of a 2-D Gaussian deviation)
/// Q(0.9) = 2.146 s and Q(0.99) = 3.035 s, so the level for p = exp(-12.5) (5 s on the Rayleigh
/// tail) is 3.035 s + 0.386 s * ln(0.01 / exp(-12.5)) = 6.09 s: the exponential tail is the
/// cautious reading where the tail is light.
enum MeasuredTailLevel {
    /// Probability of the lower and upper quantile of the fitted decade.
    static let lowerQuantile = 0.9, upperQuantile = 0.99

    /// The level noise passes with probability `exceedanceProbability`, from `values` (any
    /// order; NaNs are left out), or nil when fewer than `minValues` finite values are given.
    /// The quantiles are the empirical distribution's inverse: the value at rank ceil(q n).
    static func level(values: [Float], exceedanceProbability: Double, minValues: Int) -> Double? {
        var finite = values.filter { !$0.isNaN }
        guard finite.count >= max(1, minValues), exceedanceProbability > 0,
            exceedanceProbability < 1 - upperQuantile
        else { return nil }
        func index(_ q: Double) -> Int {
            let rank = Int((q * Double(finite.count)).rounded(.up))
            return min(finite.count - 1, max(0, rank - 1))
        }
        // The two order statistics by selection (the values a full sort puts there, in linear
        // time): the upper one first, then the lower one among the values before it.
        let upperIndex = index(upperQuantile), lowerIndex = min(index(lowerQuantile), upperIndex)
        let upper = Double(select(&finite, rank: upperIndex, in: 0..<finite.count))
        let lower = Double(select(&finite, rank: lowerIndex, in: 0..<upperIndex + 1))
        let scale = (upper - lower) / log((1 - lowerQuantile) / (1 - upperQuantile))
        return upper + scale * log((1 - upperQuantile) / exceedanceProbability)
    }

    /// The value of rank `rank` (0-based, ascending) among `values[range]` (no NaN), which are
    /// reordered so that it lies at `rank` with none greater before it and none smaller after it
    /// (quickselect, median-of-three pivot, three-way partition for the many equal values of a
    /// coarse sensor).
    static func select(_ values: inout [Float], rank: Int, in range: Range<Int>) -> Float {
        var lo = range.lowerBound, hi = range.upperBound
        while true {
            if hi - lo <= 16 {
                values[lo..<hi].sort()
                return values[rank]
            }
            let x = values[lo], y = values[lo + (hi - lo) / 2], z = values[hi - 1]
            let pivot = max(min(x, y), min(max(x, y), z))
            // [lo, less) < pivot, [less, i) == pivot, [greater, hi) > pivot.
            var less = lo, i = lo, greater = hi
            while i < greater {
                if values[i] < pivot {
                    values.swapAt(less, i)
                    less += 1
                    i += 1
                } else if values[i] > pivot {
                    greater -= 1
                    values.swapAt(i, greater)
                } else {
                    i += 1
                }
            }
            if rank < less {
                hi = less
            } else if rank >= greater {
                lo = greater
            } else {
                return pivot
            }
        }
    }
}
