/// Agreement of the PLM index between a reference and a detection over several nights.
///
/// - Bland-Altman (Bland & Altman, Lancet 1986;1:307-10): differences d = detected - reference;
///   bias = mean d; limits of agreement = bias -+ 1.96 SD(d) with the sample SD (n - 1).
/// - Intraclass correlation ICC(A,1) of McGraw & Wong (Psychol Methods 1996;1:30-46), equal to
///   Shrout & Fleiss ICC(2,1): two-way random effects, absolute agreement, single measurement,
///   with the nights as subjects and reference and detection as the k = 2 raters:
///   ICC = (MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n).
public struct AgreementStatistics: Sendable, Hashable, Codable {
    /// Number of nights.
    public var nightCount: Int
    public var meanReference: Double
    public var meanDetected: Double
    /// Mean of detected - reference, per hour.
    public var bias: Double
    /// Sample SD of the differences.
    public var differenceSD: Double
    public var lowerLimitOfAgreement: Double
    public var upperLimitOfAgreement: Double
    /// ICC(A,1) (two-way random, absolute agreement, single measures); nil when undefined
    /// (all values equal).
    public var iccAbsoluteAgreement: Double?
    /// Name of the ICC form, for reports.
    public var iccForm: String = "ICC(A,1) two-way random, absolute agreement, single measures (McGraw & Wong 1996; Shrout & Fleiss ICC(2,1))"

    /// 1.96: the two-sided 95 % quantile of the normal distribution used for the limits.
    public static let limitsOfAgreementZ = 1.96

    /// Computes the statistics for paired values; nil for fewer than 2 nights or unequal counts.
    public init?(reference: [Double], detected: [Double]) {
        let n = reference.count
        guard n >= 2, detected.count == n else { return nil }
        let differences = zip(detected, reference).map { $0 - $1 }
        nightCount = n
        meanReference = Statistics.mean(reference)
        meanDetected = Statistics.mean(detected)
        bias = Statistics.mean(differences)
        differenceSD = Statistics.sampleStandardDeviation(differences)
        lowerLimitOfAgreement = bias - Self.limitsOfAgreementZ * differenceSD
        upperLimitOfAgreement = bias + Self.limitsOfAgreementZ * differenceSD

        // Two-way ANOVA without replication, k = 2 raters.
        let k = 2.0
        let nd = Double(n)
        let grand = (meanReference + meanDetected) / 2
        var ssRows = 0.0, ssTotal = 0.0
        for i in 0..<n {
            let rowMean = (reference[i] + detected[i]) / 2
            ssRows += k * (rowMean - grand) * (rowMean - grand)
            ssTotal += (reference[i] - grand) * (reference[i] - grand) + (detected[i] - grand) * (detected[i] - grand)
        }
        let ssColumns = nd * ((meanReference - grand) * (meanReference - grand) + (meanDetected - grand) * (meanDetected - grand))
        let ssError = max(0, ssTotal - ssRows - ssColumns)
        let msr = ssRows / (nd - 1)
        let msc = ssColumns / (k - 1)
        let mse = ssError / ((nd - 1) * (k - 1))
        let denominator = msr + (k - 1) * mse + k * (msc - mse) / nd
        iccAbsoluteAgreement = denominator > 0 ? (msr - mse) / denominator : nil
    }
}
