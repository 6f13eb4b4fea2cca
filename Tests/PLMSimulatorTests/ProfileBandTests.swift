import PLMCore
import Testing

@testable import PLMSimulator

/// Every profile lands in its PLMS index band, as scored from the truth under the default rules.
///
/// The band is the profile's definition (healthy < 5/h, mild 15-25, moderate 25-50, severe > 50,
/// noisy 25-50, restless 5-15; see `SimulationProfile`), not a value taken from the code's output.
@Suite struct ProfileBandTests {
    static let bands: [(SimulationProfile, Double, Double)] = [
        (.healthy, 0, 5), (.mild, 15, 25), (.moderate, 25, 50), (.severe, 50, 1000), (.noisy, 25, 50), (.restless, 5, 15),
    ]

    @Test(arguments: SimulationProfile.allCases, [1.0, 2.0, 8.0])
    func profileLandsInItsBand(profile: SimulationProfile, hours: Double) throws {
        guard let band = Self.bands.first(where: { $0.0 == profile }) else {
            Issue.record("no band for \(profile)")
            return
        }
        for seed: UInt64 in [1, 2, 3, 4] {
            // The band needs the events only, not the peak deviations.
            let truth = try NightSimulator.truth(
                for: SimulationSettings(profile: profile, durationH: hours, sampleRateHz: 25, seed: seed), peakDeviations: false)
            let plms = try #require(truth.expectedScoring?.plmsIndex)
            #expect(plms >= band.1 && plms < band.2, "\(profile) \(hours) h seed \(seed): PLMS index \(plms)")
        }
    }

    @Test func truthMovementsAreConsistent() throws {
        let truth = try NightSimulator.truth(for: SimulationSettings(profile: .restless, durationH: 8, sampleRateHz: 25, seed: 9))
        for side in LegSide.allCases {
            let legs = truth.movements.filter { $0.side == side }.sorted { $0.onsetS < $1.onsetS }
            // Never two movements at once on one leg.
            for (a, b) in zip(legs, legs.dropFirst()) {
                #expect(a.offsetS <= b.onsetS, "overlap on \(side): \(a.onsetS)-\(a.offsetS) and \(b.onsetS)")
            }
        }
        for m in truth.movements {
            // countsAsLM is the AASM/WASM duration rule 0.5-10 s.
            #expect(m.countsAsLM == (m.durationS >= 0.5 && m.durationS <= 10 && m.kind != .knock))
            switch m.kind {
            case .lm: #expect(m.durationS >= 0.5 && m.durationS <= 10 && m.inSleep)
            case .twitch: #expect(m.durationS < 0.5)
            case .long: #expect(m.durationS > 10)
            case .postureShift: #expect(m.durationS >= 4.5 && m.durationS <= 60)
            default: break
            }
            if m.kind == .lm { #expect(m.ankleRotationDegrees >= 3 && m.ankleRotationDegrees <= 30) }
        }
        // Sleep and wake tile the recording.
        let all = (truth.sleepSpans + truth.wakeSpans).sorted()
        #expect(all.first?.startS == 0)
        #expect(all.last?.endS == truth.durationS)
        for (a, b) in zip(all, all.dropFirst()) { #expect(a.endS == b.startS) }
    }

    /// The night's events come from the plan stream only: changing the rate or the noise changes
    /// the samples, not the movements.
    @Test func eventsDoNotDependOnRateOrNoise() throws {
        let a = try NightSimulator.truth(for: SimulationSettings(profile: .moderate, durationH: 2, sampleRateHz: 25, seed: 8))
        let b = try NightSimulator.truth(for: SimulationSettings(profile: .moderate, durationH: 2, sampleRateHz: 100, noiseG: 0.02, seed: 8))
        let c = try NightSimulator.truth(for: SimulationSettings(profile: .moderate, durationH: 2, sampleRateHz: 25, seed: 9))
        #expect(a.movements == b.movements)
        #expect(a.sleepSpans == b.sleepSpans)
        #expect(a.movements != c.movements)
    }
}
