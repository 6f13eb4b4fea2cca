import Testing

@testable import PLMReports

@Suite("Trace binning")
struct TraceBinningTests {
    @Test("Largest value per bin, NaN samples skipped, empty bins NaN")
    func binnedMaximum() {
        // 4 Hz, 1-s bins: samples 0-3 -> bin 0, 4-7 -> bin 1, 8-9 -> bin 2 (a partial bin).
        let samples: [Float] = [0.1, 0.5, 0.2, 0.3, .nan, .nan, .nan, .nan, 0.05, 0.9]
        let bins = NightTraces.LegTrace.binnedMaximum(of: samples, sampleRateHz: 4, binWidthS: 1)
        #expect(bins.count == 3)
        #expect(bins[0] == 0.5)
        #expect(bins[1].isNaN)
        #expect(bins[2] == 0.9)
    }

    @Test("Bins stay on the clock when a bin is not a whole number of samples")
    func fractionalBins() {
        // 3 Hz, 0.5-s bins = 1.5 samples per bin: sample i is in bin floor(i / 1.5):
        // 0->0, 1->0, 2->1, 3->2, 4->2, 5->3.
        let samples: [Float] = [1, 2, 3, 4, 5, 6]
        #expect(NightTraces.LegTrace.binnedMaximum(of: samples, sampleRateHz: 3, binWidthS: 0.5) == [2, 3, 5, 6])
        #expect(NightTraces.LegTrace.binnedMaximum(of: [], sampleRateHz: 3, binWidthS: 0.5).isEmpty)
        #expect(NightTraces.LegTrace.binnedMaximum(of: samples, sampleRateHz: 0, binWidthS: 1).isEmpty)
    }
}
