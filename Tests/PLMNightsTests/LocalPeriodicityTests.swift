import PLMCore
import Testing

@testable import PLMNights

@Suite("Periodicity index around each PLM series (Ferri 2006, locally)")
struct LocalPeriodicityTests {
    typealias Movement = LocalPeriodicity.Movement

    /// A sleep-like series and a chance series among short intervals, worked by hand.
    ///
    /// Series 1: movements at 1000, 1020, 1045, 1070, 1090 s (intervals 20, 25, 25, 20 s: one run of
    /// four in 10-90 s, all periodic), after a movement at 800 s (interval 200 s: measurable, not
    /// periodic). Its window, 940-1150 s, holds the intervals ending at 1000...1090 s: 4 periodic
    /// of 5, index 0.8.
    ///
    /// Series 2: movements at 2025, 2040, 2052, 2070 s among irregular ones at 2000, 2003, 2007,
    /// 2012 and 2074, 2079, 2081 s. Intervals: 910 (2000 after 1090), 3, 4, 5, 13, 15, 12, 18, 4, 5,
    /// 2 s; only the run 13, 15, 12, 18 is periodic. Its window, 1965-2130 s, holds all eleven:
    /// index 4/11. With the minimum 0.5 only series 1 is periodic where it occurs.
    @Test func chanceSeriesAmongShortIntervalsIsNotLocallyPeriodic() {
        var movements = [Movement(onsetS: 800, isCandidate: true, seriesNumber: nil)]
        movements += [1000, 1020, 1045, 1070, 1090].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: 1) }
        movements += [2000, 2003, 2007, 2012].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: nil) }
        movements += [2025, 2040, 2052, 2070].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: 2) }
        movements += [2074, 2079, 2081].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: nil) }
        // Given out of order: the function orders by onset.
        let indices = LocalPeriodicity.seriesIndices(movements.reversed(), marginS: 60)
        #expect(indices == [1: 0.8, 2: 4.0 / 11.0])
        #expect(LocalPeriodicity.periodicSeries(movements, marginS: 60, minimumIndex: 0.5) == [1])
    }

    /// A non-candidate movement makes the intervals to it and from it unmeasurable and breaks the
    /// run: onsets 0, 20, 40 (candidates), 60 (not), 80, 100 s. Measurable: the intervals ending at
    /// 20, 40 and 100 s; the run 20, 40 has two intervals only, so none is periodic.
    @Test func nonCandidateBreaksRuns() {
        let movements = [0.0, 20, 40, 60, 80, 100].map { Movement(onsetS: $0, isCandidate: $0 != 60, seriesNumber: nil) }
        let flags = LocalPeriodicity.intervalFlags(movements)
        #expect(flags.measurable == [false, true, true, false, false, true])
        #expect(flags.periodic == [false, false, false, false, false, false])
    }

    /// The bounds are inclusive (Ferri 2006: 10-90 s): intervals of exactly 10, 90 and 90 s are a
    /// periodic run of three; 90.5 s is not in range, so with 10, 90 before it the run is too short.
    @Test func boundsAreInclusive() {
        let inRange = [0.0, 10, 100, 190].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: nil) }
        #expect(LocalPeriodicity.intervalFlags(inRange).periodic == [false, true, true, true])
        let outOfRange = [0.0, 10, 100, 190.5].map { Movement(onsetS: $0, isCandidate: true, seriesNumber: nil) }
        #expect(LocalPeriodicity.intervalFlags(outOfRange).periodic == [false, false, false, false])
    }
}
