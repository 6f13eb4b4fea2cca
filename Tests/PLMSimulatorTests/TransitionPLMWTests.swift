import PLMCore
import Testing

@testable import PLMSimulator

/// PLMs in quiet wake at the transition to sleep (``SimulationConditions/sleepTransitionPLMWShare``).
@Suite struct TransitionPLMWTests {
    static let off = SimulationSettings(profile: .moderate, durationH: 4, sampleRateHz: 10, seed: 21)
    static var on: SimulationSettings {
        var settings = off
        settings.conditions = SimulationConditions(sleepTransitionPLMWShare: 1)
        return settings
    }

    /// With a share of 1, every wake span followed by sleep that is long enough (the series needs
    /// at least 60 s of active wake before it and 4 LMs at >= 10.5 s) ends in a series of LMs in
    /// wake with IMIs of 10.5-15 s, the last ending before sleep begins, and no other wake
    /// activity in the quiet stretch; the truth scores them as PLMW.
    @Test func seriesEndEachWakeSpanBeforeSleep() throws {
        let night = try NightSimulator.simulate(Self.on)
        let truth = night.truth
        let wakeLMs = truth.movements.filter { $0.kind == .lm && !$0.inSleep }.sorted { $0.onsetS < $1.onsetS }
        var spansWithSeries = 0
        for span in truth.wakeSpans.dropLast() where span.durationS >= 60 + 8 + 10 + 3 * 15 {
            let inSpan = wakeLMs.filter { span.startS <= $0.onsetS && $0.onsetS < span.endS }
            // Bilateral series have two LMs per onset (the second within 0.4 s): one per leg.
            let onsets = inSpan.filter { $0.side == inSpan.first?.side }.map(\.onsetS)
            #expect(onsets.count >= 4, "wake span \(span.startS)-\(span.endS): \(onsets.count) LMs")
            guard onsets.count >= 4, let first = onsets.first, let last = inSpan.map(\.offsetS).max() else { continue }
            spansWithSeries += 1
            for (a, b) in zip(onsets, onsets.dropFirst()) {
                #expect(b - a >= 10.5 - 0.001 && b - a <= 15 + 0.001, "IMI \(b - a) s")
            }
            #expect(last < span.endS, "the series ends in wake")
            #expect(first >= span.startS + 60, "at least 60 s of active wake before the series")
            let quiet = TimeSpan(startS: first - 5, endS: span.endS)
            #expect(!truth.movements.contains { $0.kind == .wakeActivity && TimeSpan(startS: $0.onsetS, endS: $0.offsetS).overlaps(quiet) })
        }
        #expect(spansWithSeries >= 2)
        let plmwOn = try #require(truth.expectedScoring?.plmwIndex)
        let plmwOff = try #require(try NightSimulator.simulate(Self.off).truth.expectedScoring?.plmwIndex)
        #expect(plmwOn > plmwOff)
    }

    /// The condition draws from its own stream: the night's PLM series in sleep are the same
    /// movements with and without it.
    @Test func sleepSeriesUnchanged() throws {
        func series(_ settings: SimulationSettings) throws -> [[Double]] {
            try NightSimulator.simulate(settings).truth.movements.filter { $0.seriesID != nil }.map {
                [$0.onsetS, $0.offsetS, Double($0.side.index)]
            }
        }
        let withCondition = try series(Self.on), without = try series(Self.off)
        #expect(!without.isEmpty)
        #expect(withCondition == without)
    }

    /// Out-of-range settings are refused, naming the setting.
    @Test func outOfRangeRefused() {
        var settings = Self.off
        settings.conditions = SimulationConditions(sleepTransitionPLMWShare: 1.5)
        #expect(throws: SimulationError.self) { try settings.validate() }
        settings.conditions = SimulationConditions(sleepTransitionPLMWShare: 0.5, sleepTransitionPLMWCount: 2...5)
        #expect(throws: SimulationError.self) { try settings.validate() }
    }
}
