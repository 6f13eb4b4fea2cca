import Testing

@testable import PLMNights

@Suite("Sleep/wake estimate")
struct SleepWakeEstimatorTests {
    let estimator = SleepWakeEstimator()

    /// 20 min awake (12 moving s/min), 3 h asleep (0), 15 min awake in the middle, 3 h asleep,
    /// 10 min awake. With weights summing to 665 and scale 1/(665 x 6), a run of 12 s/min is wake
    /// (12/6 = 2 >= 1) and a quiet minute is wake only within reach of the window: minutes -2...+4
    /// around active ones. Hand count of the edges: a quiet minute k is wake when
    /// 12 x (weights reaching active minutes) / 3990 >= 1, i.e. the reachable weights sum >= 332.5.
    @Test("Onset, final awakening, WASO and TST of a constructed night")
    func constructedNight() {
        var activity: [Double] = []
        activity += Array(repeating: 12, count: 20)
        activity += Array(repeating: 0, count: 180)
        activity += Array(repeating: 12, count: 15)
        activity += Array(repeating: 0, count: 180)
        activity += Array(repeating: 12, count: 10)
        let e = estimator.estimate(activity: activity)
        // After a wake run ends at minute m (exclusive), quiet minute m + i sees active minutes
        // at offsets -4...-(i+1): i = 0: 106+54+58+76 = 294 < 332.5 -> sleep. So sleep starts
        // right at the end of activity. Before a wake run starting at minute s, quiet minute s - 1
        // sees offsets +1, +2: 74 + 67 = 141 -> sleep; so sleep ends right where activity starts.
        #expect(e.sleepOnsetMinute == 20)
        #expect(e.finalAwakeningMinute == 20 + 180 + 15 + 180)
        #expect(e.totalSleepMinutes == 360)
        #expect(e.wakeAfterSleepOnsetMinutes == 15)
        #expect(abs(e.sleepEfficiency - 360.0 / 405.0) < 1e-12)
    }

    @Test("A single posture shift (20 s) in sleep wakes at most two minutes")
    func postureShift() {
        var activity = [Double](repeating: 0, count: 120)
        activity[60] = 20
        let e = estimator.estimate(activity: activity)
        // Minute k is wake when 20 x w / 3990 >= 1, i.e. w >= 199.5: only the 230 weight (k = 60).
        #expect(e.asleep.enumerated().filter { !$0.element }.map(\.offset) == [60])
        #expect(e.totalSleepMinutes == 119)
        #expect(e.wakeAfterSleepOnsetMinutes == 1)
    }

    @Test("Restless all night: no sleep onset, no sleep")
    func noSleep() {
        let e = estimator.estimate(activity: [Double](repeating: 10, count: 300))
        #expect(e.sleepOnsetMinute == nil && e.totalSleepMinutes == 0 && e.sleepEfficiency == 0)
    }
}
