import PLMCore
import Testing

@testable import PLMSimulator

@Suite("Multi-day simulator")
struct MultiDayTests {
    static let settings = MultiDaySettings(
        segments: [.day(hours: 0.5), .sofa(hours: 0.25), .night(hours: 1, profile: .mild), .nonWear(hours: 0.25), .nap(hours: 0.25)],
        sampleRateHz: 10, seed: 9)

    @Test("Segments tile the recording on one uniform time line; the truth places each one")
    func tiling() throws {
        let sim = try MultiDaySimulator.simulate(Self.settings)
        // 0.5 + 0.25 + 1 + 0.25 + 0.25 h = 2.25 h = 8100 s at 10 Hz.
        #expect(sim.truth.durationS == 8100)
        for side in LegSide.allCases {
            let leg = sim.recording(side)
            #expect(leg.sampleCount == 81_000 && leg.timesS.count == 81_000)
            #expect(leg.timesS[80_999] == 8099.9)
        }
        #expect(sim.truth.days == [TimeSpan(startS: 0, endS: 1800)])
        #expect(sim.truth.sofaEvenings == [TimeSpan(startS: 1800, endS: 2700)])
        #expect(sim.truth.nonWear == [TimeSpan(startS: 6300, endS: 7200)])
        #expect(sim.truth.naps == [TimeSpan(startS: 7200, endS: 8100)])
        let night = try #require(sim.truth.nights.first)
        #expect(night.segment == TimeSpan(startS: 2700, endS: 6300))
        #expect(night.lights.startS > 2700 && night.lights.endS < 6300)
        #expect(night.legMovements.allSatisfy { $0.onsetS >= 2700 && $0.offsetS <= 6300 })
    }

    @Test("Same settings, same samples; on the table the sensor reads gravity on z and noise only")
    func determinismAndTable() throws {
        let a = try MultiDaySimulator.simulate(Self.settings)
        let b = try MultiDaySimulator.simulate(Self.settings)
        #expect(a.left.x == b.left.x && a.right.z == b.right.z)
        // Non-wear 6300-7200 s: samples 63_000..<72_000; z is 0.9997 g plus 3 mg noise, quantised to 3.9 mg.
        let z = a.left.z[63_000..<72_000].map(Double.init)
        let mean = z.reduce(0, +) / Double(z.count)
        #expect(abs(mean - 0.9997) < 0.002)
        #expect((z.max() ?? 0) - (z.min() ?? 0) < 0.05)
    }

    @Test("Settings out of range are named")
    func validation() {
        #expect(throws: SimulationError.self) { try MultiDaySimulator.simulate(MultiDaySettings(segments: [], sampleRateHz: 10)) }
        #expect(throws: SimulationError.self) {
            try MultiDaySimulator.simulate(MultiDaySettings(segments: [.day(hours: 1)], sampleRateHz: 5))
        }
    }
}

@Suite("Multi-day plans of N days")
struct MultiDayPlanLengthTests {
    /// Start hours (after 09:00, modulo 24) of the night segments.
    static func nightStarts(_ settings: MultiDaySettings) -> [Double] {
        var hours = 0.0
        var starts: [Double] = []
        for segment in settings.segments {
            if case .night = segment { starts.append(hours.truncatingRemainder(dividingBy: 24)) }
            hours += segment.durationS / 3600
        }
        return starts
    }

    @Test("3 days = the three-day plan; 7 days: seven nights at 22:30, 00:30, 23:00, ... over 166.5 h")
    func lengths() throws {
        #expect(MultiDaySettings.days(3).segments == MultiDaySettings.threeDays().segments)
        let week = MultiDaySettings.days(7, sampleRateHz: 100)
        // 21.5 + 25.5 + 23 h, twice (the second time 2 h longer a day: 09:00 again), + 23.5 + 1 h.
        #expect(abs(week.segments.map(\.durationS).reduce(0, +) / 3600 - 166.5) < 1e-9)
        // 22:30, 00:30 and 23:00 are 13.5, 15.5 and 14 h after 09:00.
        #expect(Self.nightStarts(week) == [13.5, 15.5, 14, 13.5, 15.5, 14, 13.5])
        try week.validate()
    }
}
