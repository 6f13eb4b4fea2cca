import Testing

@testable import PLMEvaluation

/// Bland-Altman and ICC(A,1) against values computed by `docs/evaluation_agreement_reference.py` (numpy, ANOVA
/// mean squares of McGraw & Wong 1996) and, for the first case, by hand.
@Suite struct AgreementStatisticsTests {
    /// By hand for the first case: d = [2, -2, 3, 1, 5], mean 1.8; squared deviations
    /// 0.04 + 14.44 + 1.44 + 0.64 + 10.24 = 26.8, / 4 = 6.7, SD = 2.58844; limits 1.8 -+ 1.96 x 2.58844.
    @Test(arguments: [
        ([10.0, 20, 30, 40, 50], [12.0, 18, 33, 41, 55], 1.8, 2.588435821108957, -3.273334209373555, 6.873334209373555, 0.9844653179190751),
        ([5.0, 15, 25, 35], [8.0, 18, 28, 38], 3.0, 0.0, 3.0, 3.0, 0.9737098344693281),
        ([3.5, 27.25, 61.0], [2.0, 30.5, 58.75], -0.16666666666666666, 2.9825883613622137, -6.012539854936605, 5.679206521603271, 0.996360443364172),
    ])
    func matchesReference(reference: [Double], detected: [Double], bias: Double, sd: Double, lower: Double, upper: Double, icc: Double) throws {
        let a = try #require(AgreementStatistics(reference: reference, detected: detected))
        #expect(abs(a.bias - bias) < 1e-9)
        #expect(abs(a.differenceSD - sd) < 1e-9)
        #expect(abs(a.lowerLimitOfAgreement - lower) < 1e-9)
        #expect(abs(a.upperLimitOfAgreement - upper) < 1e-9)
        #expect(abs((a.iccAbsoluteAgreement ?? .nan) - icc) < 1e-9)
        #expect(a.nightCount == reference.count)
    }

    @Test func needsTwoNights() {
        #expect(AgreementStatistics(reference: [10], detected: [12]) == nil)
        #expect(AgreementStatistics(reference: [10, 11], detected: [12]) == nil)
    }

    @Test func reportPoolsNightsAndComputesAgreement() throws {
        func night(_ tp: Int, _ ref: Int, _ det: Int, _ r: Double, _ d: Double) -> NightEvaluation {
            let counts = DetectionCounts(referenceCount: ref, detectedCount: det, truePositives: tp)
            return NightEvaluation(
                referenceSource: "r", detectedSource: "d", profile: nil, left: counts,
                right: DetectionCounts(referenceCount: 0, detectedCount: 0, truePositives: 0), total: counts,
                onsetError: nil, offsetError: nil, referencePLMIndex: r, detectedPLMIndex: d, plmIndexError: d - r)
        }
        let report = EvaluationReport(nights: [night(8, 10, 9, 10, 12), night(15, 20, 16, 20, 18), night(27, 30, 30, 30, 33), night(36, 40, 40, 40, 41), night(45, 50, 47, 50, 55)])
        // Pooled by hand: TP 8+15+27+36+45 = 131, reference 150, detected 142.
        #expect(report.pooled == DetectionCounts(referenceCount: 150, detectedCount: 142, truePositives: 131))
        // Same PLM indices as the first reference case.
        #expect(abs((report.plmIndexAgreement?.bias ?? .nan) - 1.8) < 1e-12)
        let json = String(decoding: try report.jsonBytes(), as: UTF8.self)
        #expect(json.contains("\"iccAbsoluteAgreement\""))
        #expect(json.contains("\"sensitivity\""))
        #expect(report.text().contains("limits of agreement"))
    }
}
