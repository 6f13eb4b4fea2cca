/// Small descriptive statistics used by the evaluation.
enum Statistics {
    /// Median (mean of the two middle values for an even count). Precondition: not empty
    /// (callers check; never called on file data directly).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// Sample standard deviation (n - 1).
    static func sampleStandardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (ss / Double(values.count - 1)).squareRoot()
    }
}
