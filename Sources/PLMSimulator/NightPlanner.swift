import Foundation
import PLMCore
import PLMEvaluation

/// Lays out one night: lights, sleep and wake, PLM series, isolated LMs, twitches, long
/// movements, posture shifts, wake activity, knocks, and the sensor defects.
///
/// Only the plan stream of the seed is used for events, so the events do not depend on the
/// sample rate or the noise. Series are placed first (they need long stretches of sleep), then
/// everything else where it cannot change what the series score: isolated LMs more than 90 s
/// from any other LM (the maximum IMI of both standards), long movements and posture shifts
/// outside series.
struct NightPlanner {
    let settings: SimulationSettings
    let parameters: ProfileParameters
    var rng: SimulationRandom
    /// Stream of the condition variations (``SimulationConditions``), apart from the plan's so
    /// that a night without conditions is drawn exactly as before.
    var variation: SimulationRandom
    var movements: [PlannedMovement] = []
    /// Per leg: occupied intervals (any movement).
    var busy: [[TimeSpan]] = [[], []]
    /// Spans of placed PLM series (first onset to last offset).
    var seriesSpans: [TimeSpan] = []
    /// Spans of every LM-like movement in sleep on either leg (for the 90 s clearance of isolated LMs).
    var sleepLMSpans: [TimeSpan] = []
    var nextGroup = 0

    /// Clearance that keeps isolated LMs out of series: more than the 90 s maximum IMI
    /// (AASM 2007, WASM 2016).
    static let isolationClearanceS = 92.0
    /// The leg movement duration band used to decide `countsAsLM` (AASM 2007 / WASM 2016).
    static let lmDurationS = EvaluationOptions.legMovementDurationS
    /// Sleep-scoring epoch, seconds (AASM scoring manual: 30-s epochs).
    static let epochS = 30.0

    /// - Parameters:
    ///   - settings: The night to plan.
    ///   - targetScale: Factor on the profile's target PLMS index (calibration, see
    ///     ``NightSimulator``).
    init(settings: SimulationSettings, targetScale: Double = 1) {
        self.settings = settings
        var parameters = settings.profile.parameters
        parameters.targetPLMSIndex *= targetScale
        if let share = settings.conditions.bilateralSeriesShare { parameters.bilateralSeriesShare = share }
        self.parameters = parameters
        self.rng = SimulationRandom(seed: settings.seed, stream: SimulationStream.plan.rawValue)
        self.variation = SimulationRandom(seed: settings.seed, stream: SimulationStream.conditions.rawValue)
    }

    mutating func plan() -> NightPlan {
        let durationS = (settings.durationH * 3600).rounded()
        let (lights, sleep, wake) = planTimeline(durationS: durationS)
        placeSeries(in: sleep)
        let activeWake = placeSleepTransitionPLMW(in: wake)
        placeSleepPostureShifts(in: sleep)
        placeIsolatedLMs(in: sleep)
        placeLongMovements(in: sleep)
        placeTwitches(in: sleep)
        if settings.conditions.addsNeighbours { placeNeighbours(in: sleep) }
        if settings.conditions.wakeBurstsPerHour > 0 { placeWakeBursts(in: activeWake) }
        placeWakeActivity(in: activeWake)
        var defectRNG = SimulationRandom(seed: settings.seed, stream: SimulationStream.defects.rawValue)
        placeKnocks(in: wake, rng: &defectRNG)
        movements.sort { ($0.onsetS, $0.side.index) < ($1.onsetS, $1.side.index) }
        let postures = planPostures()
        var mountingRNG = SimulationRandom(seed: settings.seed, stream: SimulationStream.mounting.rawValue)
        let mountings = [Rotation3.random(using: &mountingRNG), Rotation3.random(using: &mountingRNG)]
        var defects: [SimulatedDefect] = []
        var spikes: [[(index: Int, axis: Int, valueG: Double)]] = [[], []]
        planDefects(durationS: durationS, rng: &defectRNG, defects: &defects, spikes: &spikes)
        return NightPlan(
            durationS: durationS, lights: lights, sleepSpans: sleep, wakeSpans: wake, movements: movements,
            postures: postures, mountings: mountings, defects: defects, spikes: spikes,
            lastingRotations: planLastingRotations(), legSensors: planLegSensors())
    }

    // MARK: Timeline

    mutating func planTimeline(durationS d: Double) -> (TimeSpan, [TimeSpan], [TimeSpan]) {
        // Sleep and wake change on 30-s epoch boundaries, so the truth is an exact hypnogram.
        func epoch(_ t: Double) -> Double { (t / Self.epochS).rounded() * Self.epochS }
        let lightsOff = epoch(min(600, 0.05 * d) * rng.uniform(0.6, 1))
        let lightsOn = epoch(d - min(600, 0.04 * d) * rng.uniform(0.6, 1))
        let sleepOnset = epoch(lightsOff + min(rng.uniform(300, 1200), 0.06 * d))
        let finalWake = epoch(lightsOn - min(rng.uniform(120, 600), 0.04 * d))
        var bouts: [TimeSpan] = []
        let sleepPeriodH = (finalWake - sleepOnset) / 3600
        let boutCount = poisson(mean: parameters.wakeBoutsPerHour * sleepPeriodH)
        for _ in 0..<boutCount {
            let length = max(Self.epochS, epoch(min(900, max(30, rng.logNormal(median: parameters.wakeBoutMedianS, logSD: 0.6)))))
            for _ in 0..<100 {
                let lo = sleepOnset + 300, hi = finalWake - 300 - length
                guard hi > lo else { break }
                let start = epoch(rng.uniform(lo, hi))
                let span = TimeSpan(startS: start, endS: start + length)
                let padded = TimeSpan(startS: span.startS - 300, endS: span.endS + 300)
                if !bouts.contains(where: { $0.overlaps(padded) }) {
                    bouts.append(span)
                    break
                }
            }
        }
        bouts.sort()
        let wake = [TimeSpan(startS: 0, endS: sleepOnset)] + bouts + [TimeSpan(startS: finalWake, endS: d)]
        var sleep: [TimeSpan] = []
        for k in 0..<(wake.count - 1) where wake[k].endS < wake[k + 1].startS {
            sleep.append(TimeSpan(startS: wake[k].endS, endS: wake[k + 1].startS))
        }
        return (TimeSpan(startS: lightsOff, endS: lightsOn), sleep, wake)
    }

    mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int(rng.normal(mean: mean, sd: mean.squareRoot()).rounded())) }
        let limit = exp(-mean)
        var k = 0, p = rng.unit()
        while p > limit {
            k += 1
            p *= rng.unit()
        }
        return k
    }

    // MARK: Occupancy

    func isFree(_ side: LegSide, _ span: TimeSpan, padS: Double) -> Bool {
        let padded = TimeSpan(startS: span.startS - padS, endS: span.endS + padS)
        return !busy[side.index].contains { $0.overlaps(padded) }
    }

    mutating func add(_ m: PlannedMovement, countsInSleepLMs: Bool = false) {
        let span = TimeSpan(startS: m.onsetS, endS: m.offsetS)
        busy[m.side.index].append(span)
        if countsInSleepLMs { sleepLMSpans.append(span) }
        movements.append(m)
    }

    mutating func newGroup() -> Int {
        nextGroup += 1
        return nextGroup
    }

    /// A uniformly random time in the union of `spans` shrunk by `marginS` at both ends.
    mutating func randomTime(in spans: [TimeSpan], marginS: Double, lengthS: Double) -> Double? {
        let usable = spans.compactMap { s -> TimeSpan? in
            let e = s.endS - marginS - lengthS, b = s.startS + marginS
            return e > b ? TimeSpan(startS: b, endS: e) : nil
        }
        let total = usable.reduce(0) { $0 + $1.durationS }
        guard total > 0 else { return nil }
        var x = rng.uniform(0, total)
        for s in usable {
            if x < s.durationS { return roundedToMillisecond(s.startS + x) }
            x -= s.durationS
        }
        return usable.last.map { roundedToMillisecond($0.startS) }
    }

    mutating func lmKinematics(durationS: Double) -> MovementKinematics {
        let amplitude = min(30, max(3, rng.logNormal(median: 10, logSD: 0.6)))
        let kinematics = MovementKinematics.rotation(durationS: durationS, amplitudeDegrees: amplitude, leverM: rng.uniform(0.35, 0.45))
        return settings.conditions.variesLMs ? varied(kinematics) : kinematics
    }

    mutating func lmDurationS() -> Double {
        roundedToMillisecond(min(9.5, max(0.6, rng.logNormal(median: 2.0, logSD: 0.45))))
    }
}
