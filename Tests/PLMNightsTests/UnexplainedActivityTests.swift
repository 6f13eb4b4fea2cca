import PLMCore
import Testing

@testable import PLMNights

@Suite("Moving seconds not explained by PLM series")
struct UnexplainedActivityTests {
    /// Three minutes from minute 10 (600-780 s), two legs: left moves 12, 5, 0 s, right 8, 0, 9 s.
    /// A left PLM at 605.2-607.7 s (2.5 s: 3 s rounded up, plus 1 s of edge) leaves left 12 - 4 = 8
    /// in minute 0; a right PLM at 658.5-661.0 s touches minute 0 for 1.5 s (2 + 1 = 3: right
    /// 8 - 3 = 5) and minute 1 for 1.0 s (1 + 1 = 2: right 0, not below 0); a bilateral PLM at
    /// 725-727 s takes 2 + 1 = 3 from both legs in minute 2 (left 0, right 9 - 3 = 6); a PLM at
    /// 900 s lies outside the period. The largest leg: 8, 5, 6. (Subtracting every PLM from the
    /// larger leg, as before, would give 12 - 4 - 3 = 5 in minute 0: the right leg's PLM would
    /// explain the left leg's movement.)
    @Test func eachLegsPLMsExplainOnlyThatLeg() {
        let activity = UnexplainedActivity.perMinute(
            movingSeconds: [[12, 5, 0], [8, 0, 9]], minuteCount: 3, firstMinute: 10,
            explained: [
                .init(legs: [0], span: TimeSpan(startS: 605.2, endS: 607.7)),
                .init(legs: [1], span: TimeSpan(startS: 658.5, endS: 661.0)),
                .init(legs: [0, 1], span: TimeSpan(startS: 725, endS: 727)),
                .init(legs: [0], span: TimeSpan(startS: 900, endS: 902)),
            ])
        #expect(activity == [8, 5, 6])
    }

    /// One leg's epochs shorter than the period (its recording ended): its missing minutes count 0.
    @Test func shorterLegCountsZero() {
        let activity = UnexplainedActivity.perMinute(movingSeconds: [[3], [1, 7]], minuteCount: 3, firstMinute: 0, explained: [])
        #expect(activity == [3, 7, 0])
    }
}
