import Foundation

/// The statistics over a recording's nights.
extension NightsSummary {
    /// Summary numbers of a list of per-night values (nights without a value left out).
    public struct Distribution: Sendable, Encodable, Equatable {
        public var median: Double?
        public var mean: Double?
        /// Sample standard deviation (n - 1); nil for fewer than 2 nights.
        public var sd: Double?
        public var min: Double?
        public var max: Double?

        public init(_ values: [Double]) {
            let sorted = values.sorted()
            let n = sorted.count
            guard n > 0 else { return }
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            let m = sorted.reduce(0, +) / Double(n)
            mean = m
            sd = n > 1 ? (sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot() : nil
            min = sorted.first
            max = sorted.last
        }
    }

    /// What the nights say together.
    public struct Statistics: Sendable, Encodable, Equatable {
        /// Nights scored.
        public var nightCount: Int
        /// PLM index per hour in bed over the nights.
        public var plmIndex: Distribution
        /// PLMS index estimate over the nights.
        public var plmsIndexEstimate: Distribution
        /// The clinical threshold the counts use, per hour (ICSD-3: PLMS index > 15/h in adults).
        public var thresholdPerHour: Double
        /// Nights whose PLM index is at or above the threshold.
        public var nightsAtOrAboveThreshold: Int
        /// The same per week: count x 7 / nights scored.
        public var nightsAtOrAboveThresholdPerWeek: Double?
        /// Night-to-night trend of the PLM index: least-squares slope, per hour per night.
        public var plmIndexTrendPerNight: Double?
        /// Left/right asymmetry over the nights: mean of the nights' asymmetry (plm-report/1 `indices.asymmetry`).
        public var meanAsymmetry: Double?

        public init(nights: [Night], thresholdPerHour: Double) {
            let plm = nights.compactMap(\.indices.report.plmIndex)
            nightCount = nights.count
            plmIndex = Distribution(plm)
            plmsIndexEstimate = Distribution(nights.compactMap(\.indices.plmsIndexEstimate))
            self.thresholdPerHour = thresholdPerHour
            nightsAtOrAboveThreshold = plm.filter { $0 >= thresholdPerHour }.count
            nightsAtOrAboveThresholdPerWeek = nights.isEmpty ? nil : Double(nightsAtOrAboveThreshold) * 7 / Double(nights.count)
            plmIndexTrendPerNight = Self.slope(plm)
            let asymmetries = nights.compactMap(\.indices.report.asymmetry)
            meanAsymmetry = asymmetries.isEmpty ? nil : asymmetries.reduce(0, +) / Double(asymmetries.count)
        }

        /// Least-squares slope of values against their position 0, 1, 2, ...; nil below 2 values.
        static func slope(_ values: [Double]) -> Double? {
            let n = Double(values.count)
            guard values.count >= 2 else { return nil }
            let meanX = (n - 1) / 2
            let meanY = values.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0
            for (i, v) in values.enumerated() {
                sxy += (Double(i) - meanX) * (v - meanY)
                sxx += (Double(i) - meanX) * (Double(i) - meanX)
            }
            return sxy / sxx
        }
    }

    /// The summary as deterministic JSON.
    public func jsonData() throws -> Data { try DeterministicJSON.data(self) }
}


