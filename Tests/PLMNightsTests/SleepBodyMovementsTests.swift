import PLMCore
import Testing

@testable import PLMNights

/// Constructed periods of 12 minutes from minute 0 (0-720 s), two legs. The epoch rule's numbers:
/// weights 106, 54, 58, 76, 230, 74, 67 on minutes -4...+2, a minute is wake when the weighted
/// activity / 3990 reaches 1. A body movement's seconds in a minute are its overlap rounded up
/// plus one second of edge (as a PLM's in ``UnexplainedActivity``).
@Suite("Body movements of sleep (AASM major body movement rule)")
struct SleepBodyMovementsTests {
    let estimator = SleepWakeEstimator()

    /// A posture shift of both legs at 300.0-320.5 s (minute 5, 20.5 s), both legs moving 21 s in
    /// minute 5 and nothing else.
    let shift = SleepBodyMovements.Movement(legs: [0, 1], span: TimeSpan(startS: 300, endS: 320.5), isExplainedByPLMSeries: false)

    func movingSeconds(_ extra: [Int: Double] = [:]) -> [[Double]] {
        var leg = [Double](repeating: 0, count: 12)
        leg[5] = 21
        var left = leg
        for (minute, seconds) in extra { left[minute] += seconds }
        return [left, leg]
    }

    func inSleep(_ movements: [SleepBodyMovements.Movement], moving: [[Double]]) -> [SleepBodyMovements.Movement] {
        SleepBodyMovements.inSleep(movements, movingSeconds: moving, minuteCount: 12, firstMinute: 0, estimator: estimator)
    }

    /// Read as before, minute 5 is wake: 230 x 21 / 3990 = 1.21. Without the shift (21 - (21 + 1)
    /// -> 0) minutes 4 and 6 read 0: sleep on both sides, no other movement: the shift lies in
    /// sleep, and the whole period reads as sleep once it explains its seconds.
    @Test func aLonePostureShiftInQuietSleepIsSleep() {
        let moving = movingSeconds()
        #expect(estimator.readsAsSleep(minute: 5, minuteCount: 12) { moving[0][$0] } == false)
        let found = inSleep([shift], moving: moving)
        #expect(found == [shift])
        let activity = UnexplainedActivity.perMinute(
            movingSeconds: moving, minuteCount: 12, firstMinute: 0, explained: found.map { .init(legs: $0.legs, span: $0.span) })
        #expect(activity == [Double](repeating: 0, count: 12))
        #expect(estimator.estimate(activity: activity).totalSleepMinutes == 12)
    }

    /// Another unexplained movement of at least 0.5 s overlapping minutes 4-6 (240-420 s) is a
    /// sign of wake: a 2-s leg movement at 419-421 s overlaps it, one at 420-422 s only touches
    /// its end and does not. A 0.4-s twitch (shorter than a leg movement) does not count; a
    /// movement of a PLM series does (wake forms chance series).
    @Test func anotherMovementAroundItKeepsItWake() {
        let moving = movingSeconds([6: 3, 7: 3])
        func lm(_ start: Double, _ end: Double, series: Bool = false) -> SleepBodyMovements.Movement {
            .init(legs: [0], span: TimeSpan(startS: start, endS: end), isExplainedByPLMSeries: series)
        }
        #expect(inSleep([shift, lm(419, 421)], moving: moving).isEmpty)
        #expect(inSleep([shift, lm(420, 422)], moving: moving) == [shift])
        #expect(inSleep([shift, lm(380, 380.4)], moving: moving) == [shift])
        #expect(inSleep([shift, lm(380, 382, series: true)], moving: moving).isEmpty)
    }

    /// Wake after it: a 60-s movement of the left leg at 420-480 s (minute 7, left leg moving 60 s)
    /// lies outside minutes 4-6. With the shift taken off, minute 6 reads 74 x 60 / 3990 = 1.11:
    /// wake follows, the shift stays wake. The 60-s movement's own neighbours: minute 6 reads the
    /// shift at -1 (76 x 21 / 3990 = 0.40) and minute 8 at -3 (54 x 21 / 3990 = 0.28), both sleep,
    /// and the shift (300-320.5 s) does not overlap minutes 6-8 (360-540 s): it lies in sleep.
    @Test func wakeAfterItKeepsItWake() {
        let long = SleepBodyMovements.Movement(legs: [0], span: TimeSpan(startS: 420, endS: 480), isExplainedByPLMSeries: false)
        #expect(inSleep([shift, long], moving: movingSeconds([7: 60])) == [long])
    }

    /// Not a body movement: 10.0 s is the longest leg movement (a body movement is longer). And a
    /// body movement in the period's first minute has no minute before it: it stays wake.
    @Test func onlyLongMovementsWithBothNeighbours() {
        let tenSeconds = SleepBodyMovements.Movement(legs: [0, 1], span: TimeSpan(startS: 300, endS: 310), isExplainedByPLMSeries: false)
        #expect(inSleep([tenSeconds], moving: movingSeconds()).isEmpty)
        var moving = movingSeconds()
        moving[0][0] = 21
        moving[1][0] = 21
        let first = SleepBodyMovements.Movement(legs: [0, 1], span: TimeSpan(startS: 10, endS: 30.5), isExplainedByPLMSeries: false)
        #expect(inSleep([first, shift], moving: moving) == [shift])
    }
}
