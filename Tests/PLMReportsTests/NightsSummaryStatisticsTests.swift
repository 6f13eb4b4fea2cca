import Testing

@testable import PLMReports

@Suite("plm-summary/1 statistics")
struct NightsSummaryStatisticsTests {
    @Test("Median, mean, sample SD, extremes by hand")
    func distribution() {
        // 4, 8, 15, 21: median (8 + 15) / 2 = 11.5, mean 12, deviations -8 -4 3 9 -> squares 64 16 9 81 = 170,
        // sample SD sqrt(170 / 3).
        let d = NightsSummary.Distribution([15, 4, 21, 8])
        #expect(d.median == 11.5 && d.mean == 12 && d.min == 4 && d.max == 21)
        #expect(abs((d.sd ?? 0) - (170.0 / 3).squareRoot()) < 1e-12)
        #expect(NightsSummary.Distribution([7]).sd == nil)
        #expect(NightsSummary.Distribution([]).median == nil)
    }

    @Test("Least-squares slope by hand")
    func slope() {
        // x 0 1 2, y 10 14 12: mean x 1, mean y 12; sxy = (-1)(-2) + 0 + (1)(0) = 2, sxx = 2 -> 1/h per night.
        #expect(NightsSummary.Statistics.slope([10, 14, 12]) == 1)
        #expect(NightsSummary.Statistics.slope([10]) == nil)
    }
}
