import Foundation

extension PLMReport {
    /// IMI distributions and the time course of PLMs over the night.
    public struct Distributions: Sendable, Codable, Equatable {
        /// IMIs between consecutive CLMs below 90 s, 2-s bins over 0-90 s (SOMAS convention).
        public var imiHistogram: Histogram
        /// ln(IMI / 1 s) of the same IMIs, 0.1 bins over 0-4.5.
        public var lnIMIHistogram: Histogram
        /// Mean of ln(IMI) over IMIs within 10-90 s; `null` when there are none.
        public var lnIMIMean: Double?
        /// Standard deviation of ln(IMI) over IMIs within 10-90 s; `null` with fewer than two.
        public var lnIMISD: Double?
        /// PLMs in each hour of the analysis window, counted by onset, first hour starting at
        /// the window start.
        public var plmsPerHour: [HourCount]

        public init(
            imiHistogram: Histogram, lnIMIHistogram: Histogram, lnIMIMean: Double?,
            lnIMISD: Double?, plmsPerHour: [HourCount]
        ) {
            self.imiHistogram = imiHistogram
            self.lnIMIHistogram = lnIMIHistogram
            self.lnIMIMean = lnIMIMean
            self.lnIMISD = lnIMISD
            self.plmsPerHour = plmsPerHour
        }
    }

    /// Counts in consecutive bins `[binEdges[i], binEdges[i+1])`; `binEdges` has one more
    /// element than `counts`.
    public struct Histogram: Sendable, Codable, Equatable {
        /// Bin edges, ascending.
        public var binEdges: [Double]
        /// Count per bin.
        public var counts: [Int]

        public init(binEdges: [Double], counts: [Int]) {
            self.binEdges = binEdges
            self.counts = counts
        }

        /// Counts `values` into `count` bins of width `binWidth` starting at 0; values outside
        /// `[0, count * binWidth)` (and NaN) are not counted.
        ///
        /// When `1 / binWidth` is a whole number (2-s and 0.1 bins: 0.5 and 10) the edges are
        /// `i / (1 / binWidth)`, so that 0.3 is the double nearest 0.3 rather than `3 * 0.1`, and
        /// a value is placed by multiplying with that whole number, so a value equal to an edge
        /// lands in the bin that starts there.
        /// - Complexity: O(values + bins).
        public init(values: [Double], binWidth: Double, count: Int) {
            let bins = max(0, count)
            let inverse = (1 / binWidth).rounded()
            let exactInverse = inverse >= 1 && abs(inverse * binWidth - 1) < 1e-12
            binEdges = (0...bins).map { exactInverse ? Double($0) / inverse : Double($0) * binWidth }
            var tally = [Int](repeating: 0, count: bins)
            let upper = binEdges[bins]
            for value in values where value >= 0 && value < upper {
                let position = exactInverse ? value * inverse : value / binWidth
                tally[min(bins - 1, Int(position))] += 1
            }
            counts = tally
        }

        /// A histogram of precomputed `counts` in bins of `binWidth` starting at 0 (edges as in
        /// ``init(values:binWidth:count:)``).
        public init(counts: [Int], binWidth: Double) {
            let edges = Histogram(values: [], binWidth: binWidth, count: counts.count).binEdges
            self.init(binEdges: edges, counts: counts)
        }

        /// The IMI histogram of the contract: 45 bins of 2 s over 0-90 s.
        public static func imi(_ imisS: [Double]) -> Histogram {
            Histogram(values: imisS, binWidth: 2, count: 45)
        }

        /// The ln(IMI) histogram of the contract: 45 bins of 0.1 over 0-4.5 (IMIs > 0 only).
        public static func lnIMI(_ imisS: [Double]) -> Histogram {
            Histogram(values: imisS.filter { $0 > 0 }.map { Foundation.log($0) }, binWidth: 0.1, count: 45)
        }
    }

    /// The number of PLMs in one hour of the analysis window.
    public struct HourCount: Sendable, Codable, Equatable {
        /// Start of the hour, seconds since the recording start.
        public var hourStartS: Double
        /// PLMs with their onset in `[hourStartS, hourStartS + 3600)` (the last hour may be shorter).
        public var count: Int

        public init(hourStartS: Double, count: Int) {
            self.hourStartS = hourStartS
            self.count = count
        }

        /// Hourly counts from consecutive per-hour `counts`, the first hour starting at `windowStartS`.
        public static func hours(_ counts: [Int], windowStartS: Double) -> [HourCount] {
            counts.enumerated().map { HourCount(hourStartS: windowStartS + Double($0.offset) * 3600, count: $0.element) }
        }
    }
}
