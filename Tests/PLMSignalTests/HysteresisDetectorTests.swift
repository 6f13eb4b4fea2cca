import Testing
@testable import PLMSignal

@Suite struct HysteresisDetectorTests {
    /// Runs the detector over a string of levels: "q" below offset, "-" between, "A" at or above onset.
    func run(_ levels: String, quiet: Int, backtrack: Int = 0) -> [HysteresisDetector.Burst] {
        var detector = HysteresisDetector(quietSamples: quiet, maxBacktrackSamples: backtrack)
        var out: [HysteresisDetector.Burst] = []
        for (i, c) in levels.enumerated() {
            if let b = detector.step(i, aboveOnset: c == "A", belowOffset: c == "q") { out.append(b) }
        }
        if let b = detector.finish(count: levels.count) { out.append(b) }
        return out
    }

    /// Onset at the first sample at the onset level; a 1-sample quiet dip does not end the
    /// movement; the offset is the first sample of the first quiet run of 3 (hand-counted indices).
    @Test func onsetAndOffsetExact() {
        //            0123456789012
        let bursts = run("qqAAAA-qAqqqq", quiet: 3)
        #expect(bursts == [.init(samples: 2..<9, startsAtSegmentStart: false, endsAtSegmentEnd: false)])
    }

    /// Levels between the two thresholds neither start nor end a movement.
    @Test func betweenLevelsKeepState() {
        //            01234567890123456
        let bursts = run("q---q---AA--q-qqq", quiet: 3)
        // Onset at 8; quiet at 12 is broken by 13; the run 14,15,16 ends it at 14.
        #expect(bursts == [.init(samples: 8..<14, startsAtSegmentStart: false, endsAtSegmentEnd: false)])
    }

    /// The onset moves back to just after the last quiet sample, by at most the backtrack limit.
    @Test(arguments: [(0, 8), (2, 6), (5, 5), (9, 5)])
    func backtrack(limit: Int, expectedOnset: Int) {
        //            0123456789012
        let bursts = run("qqqqq---AAqqq", quiet: 3, backtrack: limit)
        #expect(bursts.map(\.samples.lowerBound) == [expectedOnset])
        #expect(bursts.map(\.samples.upperBound) == [10])
    }

    /// Two movements separated by exactly the quiet duration are two; by one sample less, one.
    @Test func quietDurationSeparates() {
        #expect(run("AAqqqAAqqq", quiet: 3).map(\.samples) == [0..<2, 5..<7])
        #expect(run("AAqqAAqqq", quiet: 3).map(\.samples) == [0..<6])
    }

    /// A movement already above onset at the segment start is flagged; one still open at the end
    /// is flagged and ends at its unfinished quiet run.
    @Test func segmentEdgesAreFlagged() {
        let bursts = run("AAqqqqAAAqq", quiet: 3)
        #expect(bursts == [
            .init(samples: 0..<2, startsAtSegmentStart: true, endsAtSegmentEnd: false),
            .init(samples: 6..<9, startsAtSegmentStart: false, endsAtSegmentEnd: true),
        ])
    }
}
