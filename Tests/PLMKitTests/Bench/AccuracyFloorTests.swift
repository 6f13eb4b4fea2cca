import Foundation
import PLMTestSupport
import Testing

@testable import PLMKit

/// Accuracy floors: short simulated nights, one per profile and one per hard condition of the
/// simulator (issue 11), read, detected and scored exactly as `plm bench` does, each with a
/// minimum F1 and a maximum PLM index error. A detector that gets worse on any of them fails CI.
///
/// The floors are the targets (F1 >= 0.95 per night; PLM index within 5 % or 1.5/h) where
/// the detector meets them on these nights, and a lower, named floor where it does not yet (the
/// hard night's PLM index, the hard 8-bit night's F1); docs/benchmarks.md gives the measured figures.
/// None of these nights was used to choose a detection setting (seeds 501-517 are not the
/// development seeds).
@Suite("Accuracy floors on short simulated nights", .serialized)
struct AccuracyFloorTests {
    struct Floor: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: SimulationProfile
        var condition: SimulationCondition?
        var seed: UInt64
        var minimumF1: Double
        /// Largest PLM index error allowed: this fraction of the truth, or 1.5/h, whichever is larger.
        var maximumPLMIndexErrorFraction: Double
        var testDescription: String { name }
    }

    static let targetF1 = 0.95
    static let targetPLMIndexError = 0.05

    static let floors: [Floor] = [
        Floor(name: "healthy", profile: .healthy, seed: 501, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(name: "mild", profile: .mild, seed: 502, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(name: "moderate", profile: .moderate, seed: 503, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(name: "severe", profile: .severe, seed: 504, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        // At target since the raw-edge window follows the tilt corner (F1 0.939 -> 0.955, PLM
        // index -12 % -> 0 %): its twitches, stretched past 0.5 s by the 2-Hz tilt low-pass, broke
        // series (floors 0.92 and 20 % before).
        Floor(name: "noisy", profile: .noisy, seed: 505, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(name: "restless", profile: .restless, seed: 506, minimumF1: targetF1, maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(
            name: "small-slow", profile: .moderate, condition: .smallSlow, seed: 511, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(
            name: "trains", profile: .moderate, condition: .trains, seed: 512, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(
            name: "coarse-8bit", profile: .moderate, condition: .coarse8Bit, seed: 513, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
        // At target since short clipping runs are kept as movement (PLM index +14.8 % -> 0 %):
        // a 0.75-s, 1.9-g LM lay in excluded time, and the chance series it breaks was scored.
        Floor(
            name: "coarse-10bit-clipped", profile: .moderate, condition: .coarse10BitClipped, seed: 514, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
        Floor(
            name: "drift-slip", profile: .moderate, condition: .driftSlip, seed: 515, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
        // Below target on the PLM index (+6.2 %, 36.1 against 34.0/h) since short clipping runs are
        // kept as movement: a true 92-mg LM beside a clipped twitch, rejected as cut before, is
        // found, which uncovers a +2 that it used to offset (a 56-mg LM at 2696 s is missed and its
        // series runs on for two more PLMs). Was +3.0 %.
        Floor(
            name: "hard", profile: .moderate, condition: .hard, seed: 516, minimumF1: targetF1,
            maximumPLMIndexErrorFraction: 0.08),
        // A third of the LMs are under 40 mg on a 9 mg, 31 mg-step sensor. F1 0.952 after the
        // raw-edge window followed the tilt corner, 0.948 since short clipping runs are kept: the
        // clipped twitch at 1420 s no longer splits the leg's valid run, so the 1-2 s bins of the
        // resting level and baselines after it are laid differently, and a 47-mg LM at 2101 s,
        // missed before, is found as a 1.2-s piece that does not match it (one more false
        // positive). PLM index unchanged (31.1 against 30.0/h).
        Floor(
            name: "hard-8bit", profile: .moderate, condition: .hard8Bit, seed: 517, minimumF1: 0.94,
            maximumPLMIndexErrorFraction: targetPLMIndexError),
    ]

    /// Simulates every night (1 h; profiles at 25 Hz, conditions at their own rates) into one
    /// folder and benchmarks them once.
    static func benchmark(_ folder: TemporaryFolder) async throws -> DetectionBenchmark.Result {
        for floor in floors {
            let settings =
                floor.condition.map {
                    SimulationSettings(profile: floor.profile, condition: $0, durationH: 1, seed: floor.seed)
                } ?? SimulationSettings(profile: floor.profile, durationH: 1, sampleRateHz: 25, seed: floor.seed)
            let night = try NightSimulator.simulate(settings)
            try NightWriter.write(night, toDirectory: folder.file(floor.name), layout: .generic, units: .g, gzip: false)
        }
        return try await DetectionBenchmark.run(directory: folder.path)
    }

    @Test("Every night meets its F1 and PLM index floor")
    func floorsHold() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await Self.benchmark(folder)
        let rows = Dictionary(result.nights.map { ($0.night, $0) }, uniquingKeysWith: { a, _ in a })
        for floor in Self.floors {
            let row = try #require(rows[floor.name], "no benchmark row for \(floor.name)")
            let f1 = try #require(row.f1)
            #expect(f1 >= floor.minimumF1, "\(floor.name): F1 \(f1) below \(floor.minimumF1)")
            let truth = try #require(row.truthPLMIndex), found = try #require(row.foundPLMIndex)
            let allowed = max(1.5, floor.maximumPLMIndexErrorFraction * truth)
            #expect(
                abs(found - truth) <= allowed,
                "\(floor.name): PLM index \(found) against \(truth) (allowed +-\(allowed))")
        }
    }
}
