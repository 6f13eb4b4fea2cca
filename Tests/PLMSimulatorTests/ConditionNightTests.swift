import Foundation
import PLMCore
import PLMTestSupport
import Testing

@testable import PLMSimulator

/// Whole nights with hard conditions: the converter's steps and clipping, the movements each
/// condition adds, and nights without conditions unchanged (SampleData reproduced byte for byte).
@Suite struct ConditionNightTests {
    /// 8 bits over ±4 g: 256 levels of 8/256 = 0.03125 g, from -128 q = -4 g to 127 q = 3.96875 g.
    /// Knocks (2 per hour of wake) drive the reading past the range, so both ends are reached.
    @Test func eightBitFourGHasItsStepAndClips() throws {
        var settings = SimulationSettings(profile: .restless, condition: .coarse8Bit, durationH: 0.5, seed: 3)
        settings.defects = DefectSettings(clippingEventsPerHour: 4)
        #expect(settings.sampleRateHz == 20 && settings.resolutionBits == 8 && settings.rangeG == 4 && settings.effectiveNoiseG == 0.008)
        let night = try NightSimulator.simulate(settings)
        var reachedTop = false, reachedBottom = false
        for side in LegSide.allCases {
            let r = night.recording(side)
            for axis in [r.x, r.y, r.z] {
                for v in axis {
                    let levels = Double(v) / 0.031_25
                    #expect(levels == levels.rounded() && levels >= -128 && levels <= 127, "\(v) g is not a level")
                    if levels == 127 { reachedTop = true }
                    if levels == -128 { reachedBottom = true }
                }
            }
        }
        #expect(reachedTop && reachedBottom)
    }

    /// 10 bits over ±2 g clips at -2 g and 511 x 4/1024 = 1.99609375 g; the restless wake bursts
    /// of `coarse-10bit-clipped` (0.3-1.5 g on top of gravity) reach it without any knock.
    @Test func tenBitTwoGClipsInWakeBursts() throws {
        let settings = SimulationSettings(profile: .moderate, condition: .coarse10BitClipped, durationH: 1, seed: 4)
        #expect(settings.effectiveDefects.clippingEventsPerHour == 0)
        let night = try NightSimulator.simulate(settings)
        let bursts = night.truth.movements.filter { $0.kind == .wakeActivity && ($0.peakDeviationMg ?? 0) > 1000 }
        #expect(!bursts.isEmpty)
        var clipped = 0
        for side in LegSide.allCases {
            let r = night.recording(side)
            for axis in [r.x, r.y, r.z] {
                #expect(axis.allSatisfy { $0 >= -2 && $0 <= 1.996_093_75 })
                clipped += axis.filter { $0 == -2 || $0 == 1.996_093_75 }.count
            }
        }
        #expect(clipped > 0)
    }

    /// `two-devices`: the left leg's samples are 10-bit ±2 g levels (4/1024 g), the right leg's
    /// 8-bit ±4 g levels (8/256 g); the right leg alone has a 1200 s gap with no rows (25 Hz:
    /// 30 000 samples missing), the left leg has every sample.
    @Test func twoDevicesHaveTheirOwnConverterAndTheRightLegAGap() throws {
        let settings = SimulationSettings(profile: .moderate, condition: .twoDevices, durationH: 2, seed: 313)
        let night = try NightSimulator.simulate(settings)
        func allLevels(_ r: SimulatedLegRecording, stepG: Double) -> Bool {
            [r.x, r.y, r.z].allSatisfy { axis in axis.allSatisfy { Double($0) / stepG == (Double($0) / stepG).rounded() } }
        }
        #expect(allLevels(night.left, stepG: 4.0 / 1024))
        #expect(allLevels(night.right, stepG: 8.0 / 256))
        #expect(!allLevels(night.left, stepG: 8.0 / 256))
        let gaps = night.truth.defects.filter { $0.kind == .gap }
        #expect(gaps.count == 1 && gaps.first?.side == .right && abs((gaps.first.map { $0.endS - $0.startS } ?? 0) - 1200) < 1e-9)
        #expect(night.left.sampleCount == 2 * 3600 * 25)
        #expect(night.right.sampleCount == 2 * 3600 * 25 - 30_000)
        let gap = try #require(gaps.first)
        #expect(!night.right.timesS.contains { $0 >= gap.startS && $0 < gap.endS })
        #expect(night.truth.settings.conditions?.rightLegSensor?.resolutionBits == 8)
    }

    /// `hard`: about half of the LMs small (rotation 1.5-5°), multi-burst LMs, partial returns,
    /// twitches right next to LMs, doublets (an LM starting 0.6-2.5 s after another LM's offset),
    /// trains with every IMI in 10.5-15 s; every movement has a peak deviation.
    @Test func hardNightHasEveryCondition() throws {
        let truth = try NightSimulator.truth(for: SimulationSettings(profile: .severe, condition: .hard, durationH: 2, seed: 301))
        let lms = truth.movements.filter { $0.kind == .lm }
        let small = lms.filter { $0.ankleRotationDegrees >= 1.5 - 1e-9 && $0.ankleRotationDegrees <= 5 + 1e-9 }
        #expect(Double(small.count) > 0.35 * Double(lms.count), "\(small.count) small of \(lms.count)")
        #expect(lms.contains { ($0.burstCount ?? 1) >= 2 })
        #expect(lms.contains { ($0.lastingTiltDegrees ?? 0) > 0 })
        #expect(truth.movements.allSatisfy { $0.peakDeviationMg != nil })
        func gapAfter(_ a: SimulatedMovement, _ b: SimulatedMovement) -> Double { b.onsetS - a.offsetS }
        for side in LegSide.allCases {
            let leg = truth.movements.filter { $0.side == side }
            let pairs = zip(leg, leg.dropFirst())
            #expect(pairs.contains { $0.kind == .lm && $1.kind == .twitch && gapAfter($0, $1) <= 1.5 + 1e-9 }
                || pairs.contains { $0.kind == .twitch && $1.kind == .lm && gapAfter($0, $1) <= 1.5 + 1e-9 })
            #expect(pairs.contains { $0.kind == .lm && $1.kind == .lm && gapAfter($0, $1) >= 0.6 - 1e-9 && gapAfter($0, $1) <= 2.5 + 1e-9 })
        }
        let series = Dictionary(grouping: lms.filter { $0.seriesID != nil }, by: { $0.seriesID ?? 0 })
        let trains = series.values.filter { members in
            let onsets = Array(Set(members.map(\.onsetS))).sorted()
            let imis = zip(onsets, onsets.dropFirst()).map { $1 - $0 }
            // A bilateral pair's second leg starts up to 0.4 s later: skip those tiny steps.
            let steps = imis.filter { $0 > 1 }
            return steps.count >= 3 && steps.allSatisfy { $0 >= 10.5 - 0.41 && $0 <= 15 + 0.41 }
        }
        #expect(!trains.isEmpty)
    }

    /// Nights with conditions still land in their profile's PLMS index band (the profile's
    /// definition, as in ProfileBandTests), here for every condition on three profiles, except
    /// `two-devices`: its 20 min right-leg gap is excluded time, which ends the series it falls
    /// in whatever the number of PLMs planned (on a 2 h night it can halve the index).
    @Test(arguments: SimulationCondition.allCases.filter { $0 != .twoDevices })
    func conditionNightsLandInTheirBand(condition: SimulationCondition) throws {
        for (profile, seed) in [(SimulationProfile.mild, UInt64(301)), (.moderate, 302), (.severe, 301)] {
            let settings = SimulationSettings(profile: profile, condition: condition, durationH: 2, seed: seed)
            let plms = try #require(try NightSimulator.truth(for: settings, peakDeviations: false).expectedScoring?.plmsIndex)
            let band = profile.plmsIndexBand
            #expect(plms >= band.lower && plms < band.upper, "\(condition) \(profile): PLMS index \(plms)")
        }
    }

    /// Settings without conditions reproduce the bundled SampleData night byte for byte (both leg
    /// files and truth.json: SampleData/README.md gives the command).
    @Test func nightsWithoutConditionsAreUnchanged() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("SampleData/restless-generic-mg").path
        guard FileManager.default.fileExists(atPath: folder) else {
            Issue.record("SampleData/restless-generic-mg is missing under \(root.path)")
            return
        }
        let settings = SimulationSettings(profile: .restless, durationH: 1, sampleRateHz: 25, seed: 6)
        let temporary = try TemporaryFolder(prefix: "plm-sim-condition")
        let out = temporary.path
        defer { temporary.remove() }
        try NightWriter.write(try NightSimulator.simulate(settings), toDirectory: out, layout: .generic, units: .mg, gzip: true)
        for name in ["left.csv.gz", "right.csv.gz", "truth.json"] {
            let made = FileManager.default.contents(atPath: (out as NSString).appendingPathComponent(name))
            let bundled = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name))
            #expect(made != nil && made == bundled, "\(name) differs from SampleData")
        }
    }

    /// With thermal drift the GENEActiv temperature column follows the warming: 30.0 °C at the
    /// start and, after 15 min, 30 + 4 (1 - exp(-900/2400)) = 30 + 4 x 0.31271 = 31.25 -> "31.3".
    @Test func geneactivTemperatureColumnFollowsTheWarming() throws {
        let settings = SimulationSettings(profile: .mild, condition: .driftSlip, durationH: 0.25, seed: 2)
        let folder = try TemporaryFolder(prefix: "plm-sim-temperature")
        let out = folder.path
        defer { folder.remove() }
        let written = try NightWriter.write(try NightSimulator.simulate(settings), toDirectory: out, layout: .geneactiv)
        let text = String(decoding: FileManager.default.contents(atPath: written.leftPath) ?? Data(), as: UTF8.self)
        let rows = text.split(separator: "\r\n").dropFirst(100)
        #expect(rows.first?.hasSuffix(",0,0,30.0") == true)
        #expect(rows.last?.hasSuffix(",0,0,31.3") == true, "\(rows.last ?? "")")
    }

    /// Conditions that are out of range are usage errors naming the setting.
    @Test func badConditionsAreUsageErrors() {
        var settings = SimulationSettings(profile: .mild, durationH: 1)
        settings.conditions.smallLMShare = 1.5
        #expect {
            try settings.validate()
        } throws: { error in
            (error as? SimulationError)?.description.contains("smallLMShare") == true
        }
    }
}
