import Foundation
import Testing

@testable import PLMSignal

/// ``MeasuredTailLevel`` on distributions whose quantiles and tails are known in closed form.
@Suite struct MeasuredTailLevelTests {
    /// The values 1...1000 (shuffled): Q(0.9) is the 900th value, 900, and Q(0.99) the 990th,
    /// 990; the scale is 90 / ln 10, so the level for p = 1e-4 is 990 + 90 / ln 10 * ln 100 =
    /// 990 + 2 * 90 = 1170.
    @Test func levelFromHandComputedQuantiles() {
        var values = (1...1000).map { Float($0) }
        values.reverse()
        values.swapAt(3, 700)
        let level = MeasuredTailLevel.level(values: values, exceedanceProbability: 1e-4, minValues: 1000)
        #expect(abs((level ?? 0) - 1170) < 1e-9, "\(String(describing: level))")
    }

    /// An exponential distribution of scale 2 (its quantile function -2 ln(1 - q), sampled at
    /// 200,000 evenly spread probabilities): the method's tail model is exact for it, so the level
    /// for p = 1e-6 is -2 ln(1e-6) = 27.631 (to the grid's resolution).
    @Test func exponentialTailIsExtrapolatedExactly() {
        let n = 200_000
        let values = (0..<n).map { Float(-2 * log(1 - (Double($0) + 0.5) / Double(n))) }
        let level = MeasuredTailLevel.level(values: values, exceedanceProbability: 1e-6, minValues: n)
        #expect(abs((level ?? 0) - 27.631) < 0.01, "\(String(describing: level))")
    }

    /// A Rayleigh distribution of scale 1 (quantile function sqrt(-2 ln(1 - q))), the angle of a
    /// 2-D Gaussian deviation: Q(0.9) = 2.1460, Q(0.99) = 3.0349, so the level for p = exp(-12.5)
    /// (5 scales on the Rayleigh tail) is 3.0349 + 0.38604 * (12.5 - ln 100) = 6.0826, above the
    /// true 5: the exponential tail is the cautious reading of a light tail.
    @Test func rayleighTailIsReadCautiously() {
        let n = 200_000
        let values = (0..<n).map { Float((-2 * log(1 - (Double($0) + 0.5) / Double(n))).squareRoot()) }
        let level = MeasuredTailLevel.level(values: values, exceedanceProbability: exp(-12.5), minValues: n)
        #expect(abs((level ?? 0) - 6.0826) < 0.002, "\(String(describing: level))")
    }

    /// The selection gives the sorted order's value at every rank tried, on values with many ties
    /// (a coarse sensor's: 40 distinct values), on distinct ones, sorted ones and reversed ones.
    @Test func selectionGivesTheSortedValue() {
        var generator = SeededGenerator(seed: 7)
        let tied = (0..<3001).map { _ in Float(generator.next() % 40) * 0.125 }
        let distinct = (0..<2000).map { _ in Float(generator.gaussian()) }
        let ascending = (0..<500).map { Float($0) }
        for values in [tied, distinct, ascending, Array(ascending.reversed()), [Float](repeating: 1, count: 100)] {
            let sorted = values.sorted()
            for rank in Set([0, 1, values.count / 2, values.count * 9 / 10, values.count * 99 / 100, values.count - 1]) {
                var copy = values
                #expect(MeasuredTailLevel.select(&copy, rank: rank, in: 0..<copy.count) == sorted[rank])
                #expect(copy.sorted() == sorted)
                #expect(copy[..<rank].allSatisfy { $0 <= sorted[rank] } && copy[rank...].allSatisfy { $0 >= sorted[rank] })
            }
        }
    }

    /// NaNs are not values; fewer finite values than asked for give no level.
    @Test func tooFewValuesGiveNoLevel() {
        let values = (1...1000).map { Float($0) } + [Float](repeating: .nan, count: 500)
        #expect(MeasuredTailLevel.level(values: values, exceedanceProbability: 1e-4, minValues: 1001) == nil)
        let level = MeasuredTailLevel.level(values: values, exceedanceProbability: 1e-4, minValues: 1000)
        #expect(abs((level ?? 0) - 1170) < 1e-9)
        #expect(MeasuredTailLevel.level(values: [], exceedanceProbability: 1e-4, minValues: 0) == nil)
    }
}
