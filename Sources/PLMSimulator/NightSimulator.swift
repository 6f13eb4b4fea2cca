import Foundation
import PLMCore

/// A simulated night: both legs' recordings and the truth.
public struct SimulatedNight: Sendable {
    public var truth: SimulationTruth
    public var left: SimulatedLegRecording
    public var right: SimulatedLegRecording
    /// The settings the night was made with.
    public var settings: SimulationSettings

    public func recording(_ side: LegSide) -> SimulatedLegRecording { side == .left ? left : right }
}

/// Makes simulated nights with exact ground truth.
///
/// ```swift
/// let night = try NightSimulator.simulate(SimulationSettings(profile: .moderate, durationH: 8, sampleRateHz: 50, seed: 7))
/// try NightWriter.write(night, to: "out/", layout: .generic, units: .g, gzip: true)
/// ```
public enum NightSimulator {
    /// Simulates one night for the settings. The same settings give the same night, bit for bit.
    /// - Throws: ``SimulationError/invalidSetting(name:found:expected:)`` for settings out of range.
    /// - Complexity: O(samples); 8 h at 50 Hz (2 x 1.44 M samples) takes well under a second of CPU
    ///   in a release build (the two legs are synthesised concurrently).
    public static func simulate(_ settings: SimulationSettings) throws(SimulationError) -> SimulatedNight {
        try settings.validate()
        let (plan, truth) = calibratedPlan(settings)
        let synthesizer = NightSynthesizer(settings: settings, plan: plan)
        // The legs are independent (own noise streams): synthesise them concurrently.
        let legs = LockedValue<[SimulatedLegRecording]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let recording = synthesizer.synthesize(side: LegSide.allCases[k])
            legs.withLock { $0.append(recording) }
        }
        let recordings = legs.withLock { $0 }
        let left = recordings.first { $0.side == .left } ?? synthesizer.synthesize(side: .left)
        let right = recordings.first { $0.side == .right } ?? synthesizer.synthesize(side: .right)
        return SimulatedNight(truth: truth, left: left, right: right, settings: settings)
    }

    /// The truth of the night the settings describe, without making the samples: the same truth
    /// ``simulate(_:)`` returns, in a fraction of the time (for benchmarks and profile checks).
    /// - Parameter peakDeviations: Whether to compute each movement's `peakDeviationMg` (a pass
    ///   over every movement on a 10 ms grid); without it they are nil, which is enough for the
    ///   events and the expected scoring.
    public static func truth(for settings: SimulationSettings, peakDeviations: Bool = true) throws(SimulationError) -> SimulationTruth {
        try settings.validate()
        return calibratedPlan(settings, peakDeviations: peakDeviations).truth
    }

    /// Plans the night and scores its truth; when the PLMS index misses the profile's band
    /// (series split by short IMIs, little sleep on a short night), plans again from the same
    /// seed with the number of PLMs scaled towards the band centre, up to 4 times. Deterministic.
    static func calibratedPlan(_ settings: SimulationSettings, peakDeviations: Bool = true) -> (plan: NightPlan, truth: SimulationTruth) {
        let band = settings.profile.plmsIndexBand
        let target = settings.profile.parameters.targetPLMSIndex
        func attempt(_ scale: Double) -> (plan: NightPlan, truth: SimulationTruth) {
            var planner = NightPlanner(settings: settings, targetScale: scale)
            let plan = planner.plan()
            return (plan, makeTruth(settings, plan, NightSynthesizer(settings: settings, plan: plan)))
        }
        // How far a plan's PLMS index lies outside the band (0 inside). The band is checked with
        // the defect rule the planner was tuned with (`anyLegDefective`), not the truth's default:
        // which plan is kept then does not depend on the scoring option, and every simulated night
        // stays byte-identical to the nights simulated before `defectExclusion` existed.
        var calibrationRules = ExpectedScoringCalculator.rules
        calibrationRules.defectExclusion = .anyLegDefective
        func calibrationIndex(_ r: (plan: NightPlan, truth: SimulationTruth)) -> Double? {
            ExpectedScoringCalculator.plmsIndex(r.truth, rules: calibrationRules)
        }
        func miss(_ r: (plan: NightPlan, truth: SimulationTruth)) -> Double {
            guard let index = calibrationIndex(r) else { return .infinity }
            return index < band.lower ? band.lower - index : index >= band.upper ? index - band.upper : 0
        }
        // With hard conditions (doublets and twitches break series, trains change IMIs) the index
        // responds less smoothly to the scale: try more often and keep the closest plan. Without
        // conditions the rule is unchanged (the last plan), so such nights stay byte-identical.
        let withConditions = settings.conditions != .none
        var scale = 1.0
        var result = attempt(scale)
        var best = result
        for _ in 0..<(withConditions ? 7 : 3) {
            guard let index = calibrationIndex(result), miss(result) > 0 else { break }
            scale *= index > 0 ? min(2, max(0.5, target / index)) : 1.5
            result = attempt(scale)
            if miss(result) < miss(best) { best = result }
        }
        if withConditions { result = best }
        // Peak deviations only for the plan kept (they take a pass over every movement).
        if peakDeviations {
            result.truth.movements = NightSynthesizer(settings: settings, plan: result.plan).truthMovements(peakDeviations: true)
        }
        return result
    }

    private static func makeTruth(_ settings: SimulationSettings, _ plan: NightPlan, _ synthesizer: NightSynthesizer) -> SimulationTruth {
        var truth = SimulationTruth(
            profile: settings.profile, seed: settings.seed,
            settings: SimulationSettingsRecord(
                durationH: settings.durationH, sampleRateHz: settings.sampleRateHz, noiseG: settings.effectiveNoiseG,
                rangeG: settings.rangeG, resolutionBits: settings.resolutionBits, quantumG: settings.quantumG,
                defects: settings.effectiveDefects, condition: settings.conditionName,
                conditions: settings.conditions == .none ? nil : settings.conditions,
                legSensors: legSensorRecords(settings, plan)),
            recordingStart: CivilClock(start: settings.recordingStart).isoString(atMilliseconds: 0),
            durationS: plan.durationS, lights: plan.lights, sleepSpans: plan.sleepSpans, wakeSpans: plan.wakeSpans,
            movements: synthesizer.truthMovements(peakDeviations: false), defects: plan.defects, expectedScoring: nil, output: nil)
        truth.expectedScoring = ExpectedScoringCalculator.score(truth)
        return truth
    }

    private static func legSensorRecords(_ settings: SimulationSettings, _ plan: NightPlan) -> [LegSensorRecord]? {
        guard settings.conditions.hasThermalDrift || settings.conditions.hasStrapSlip else { return nil }
        return LegSide.allCases.map { side in
            let c = plan.legSensors[side.index]
            let d = c.thermalDriftGPerC
            return LegSensorRecord(
                side: side, thermalDriftMgPerC: [d.x, d.y, d.z].map { roundedTo($0 * 1000, digits: 4) },
                strapSlipDegrees: roundedTo(c.strapSlipRad * 180 / .pi, digits: 3),
                temperatureChangeAtEndC: roundedTo(settings.conditions.temperatureChangeC(at: plan.durationS), digits: 3))
        }
    }
}
