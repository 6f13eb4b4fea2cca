import Foundation
import PLMCore
import Testing

@testable import PLMSimulator

/// The hard conditions' kinematics and sensor model on constructed cases whose answer is known
/// by hand: a slow rise, a lasting change of position, the peak deviation of a pure rotation,
/// thermal drift and strap slip.
@Suite struct ConditionKinematicsTests {
    /// A still supine leg (roll 0, pitch 0: "up" is leg-frame z) with an identity mounting, both
    /// legs, over `durationS`, with the given movements of the left leg.
    static func plan(
        durationS: Double, movements: [PlannedMovement] = [], lasting: [LastingRotation] = [],
        sensor: LegSensorConditions = .none
    ) -> NightPlan {
        let still = PosturePhase(startS: 0, posture: Posture(rollDegrees: 0, pitchDegrees: 0), rollDriftDegreesPerS: 0)
        let identity = Rotation3(r0: Vector3(1, 0, 0), r1: Vector3(0, 1, 0), r2: Vector3(0, 0, 1))
        return NightPlan(
            durationS: durationS, lights: TimeSpan(startS: 0, endS: durationS), sleepSpans: [TimeSpan(startS: 0, endS: durationS)],
            wakeSpans: [], movements: movements, postures: [[still], [still]], mountings: [identity, identity], defects: [],
            spikes: [[], []], lastingRotations: [lasting, []], legSensors: [sensor, .none])
    }

    /// 16 bits over ±8 g (0.24 mg steps) and no noise: the samples are the model's values.
    static func quietSettings(durationH: Double = 0.25, rateHz: Double = 50, conditions: SimulationConditions = .none) -> SimulationSettings {
        SimulationSettings(
            profile: .moderate, durationH: durationH, sampleRateHz: rateHz, noiseG: 0, seed: 1, rangeG: 8, resolutionBits: 16,
            conditions: conditions)
    }

    static func vector(_ r: SimulatedLegRecording, _ i: Int) -> Vector3 { Vector3(Double(r.x[i]), Double(r.y[i]), Double(r.z[i])) }

    /// Minimum-jerk rise s(u) = 10u^3 - 15u^4 + 6u^5 (Flash & Hogan 1985). By hand: s(1/2) = 10/8 -
    /// 15/16 + 6/32 = 1/2, and s'(1/2) = 30 u^2 (1 - u)^2 = 30/16 = 1.875: a rise of T seconds is
    /// half done at T/2 with angular velocity 1.875 A / T, and complete at T.
    @Test func slowRiseHasTheSetRiseTime() {
        let a = 12.0 * .pi / 180
        let kin = MovementKinematics.rotation(durationS: 4, amplitudeDegrees: 12, leverM: 0.4, riseS: 1.6)
        #expect(kin.riseS == 1.6 && kin.fallS == 1.6 && abs(kin.holdS - 0.8) < 1e-12)
        #expect(abs(kin.angle(at: 0.8).theta - a / 2) < 1e-12)
        #expect(abs(kin.angle(at: 0.8).velocity - 1.875 * a / 1.6) < 1e-12)
        #expect(abs(kin.angle(at: 1.6).theta - a) < 1e-12)
        #expect(kin.angle(at: 1.5).theta < a && kin.angle(at: 1.5).theta > 0.99 * a)
        // A rise longer than 60 % of the duration is capped there; the fall takes the rest.
        let short = MovementKinematics.rotation(durationS: 1.5, amplitudeDegrees: 5, leverM: 0.4, riseS: 2)
        #expect(abs(short.riseS - 0.9) < 1e-12 && abs(short.fallS - 0.6) < 1e-12 && short.holdS == 0)
    }

    /// A planner with every LM slow draws rise times in the set range (or 60 % of a short LM).
    @Test func plannedSlowLMsRiseWithinTheRange() throws {
        let conditions = SimulationConditions(slowLMShare: 1, slowLMRiseS: 0.5...2)
        let truth = try NightSimulator.truth(for: SimulationSettings(profile: .moderate, durationH: 1, seed: 2, conditions: conditions))
        let lms = truth.movements.filter { $0.kind == .lm }
        #expect(lms.count > 20)
        for m in lms {
            let rise = try #require(m.riseS)
            #expect(rise <= 2.0005 && rise >= min(0.5, 0.6 * m.durationS) - 0.0005, "LM \(m.id): rise \(rise) s over \(m.durationS) s")
        }
        #expect(lms.contains { ($0.riseS ?? 0) > 1.5 })
    }

    /// An LM of 10° that returns to 2° leaves the supine leg tilted by 2° (a rotation about x of
    /// "up" = z by 2° tilts it by exactly 2°), until the next posture shift.
    @Test func lastingChangeLeavesTheSetTilt() throws {
        var kin = MovementKinematics.rotation(durationS: 2, amplitudeDegrees: 10, leverM: 0.4)
        kin.residualRad = 2 * .pi / 180
        let lm = PlannedMovement(side: .left, onsetS: 5, kind: .lm, kinematics: kin)
        var planner = NightPlanner(settings: Self.quietSettings(conditions: SimulationConditions(lastingShiftShare: 1)))
        planner.movements = [lm]
        let steps = planner.planLastingRotations()
        #expect(steps[0].count == 1 && steps[1].isEmpty)
        #expect(abs((steps[0].first?.startS ?? 0) - 7) < 1e-9 && steps[0].first?.rad == 2 * .pi / 180)
        let plan = Self.plan(durationS: 20, movements: [lm], lasting: steps[0])
        let recording = NightSynthesizer(settings: Self.quietSettings(), plan: plan).synthesize(side: .left)
        let before = Self.vector(recording, 4 * 50), after = Self.vector(recording, 10 * 50)
        #expect(abs(before.angleDegrees(to: Vector3(0, 0, 1))) < 0.02)
        #expect(abs(before.angleDegrees(to: after) - 2) < 0.02)
        // During the movement the rotation continues smoothly into the lasting one (no jump at the offset).
        let atOffset = Self.vector(recording, 7 * 50 - 1)
        #expect(atOffset.angleDegrees(to: after) < 0.1)
    }

    /// A pure rotation by θ of a resting gravity vector (no lever: no linear acceleration) moves the
    /// unit vector by the chord 2 sin(θ/2) g; with θ = 20°, 2 sin(10°) = 0.347296 g.
    @Test(arguments: [5.0, 20.0, 45.0])
    func peakDeviationOfAPureRotationIsTheChord(degrees: Double) {
        let kin = MovementKinematics.rotation(durationS: 3, amplitudeDegrees: degrees, leverM: 0)
        let lm = PlannedMovement(side: .left, onsetS: 5, kind: .lm, kinematics: kin)
        let synthesizer = NightSynthesizer(settings: Self.quietSettings(), plan: Self.plan(durationS: 20, movements: [lm]))
        let expected = 2 * sin(degrees / 2 * .pi / 180)
        #expect(abs(synthesizer.peakDeviationG(of: lm) - expected) < 1e-9)
        #expect(abs((synthesizer.truthMovements()[0].peakDeviationMg ?? 0) - (expected * 1000 * 10).rounded() / 10) < 1e-9)
    }

    /// The offset drifts by coefficient x temperature change: with a 4 °C warming (time constant
    /// 40 min) the change after 8 h is 4 (1 - e^-12) °C = 4.0000 °C, so coefficients of 1, -2 and
    /// 1.5 mg/°C move the axes by 4, -8 and 6 mg.
    @Test func thermalDriftMovesTheOffsetByCoefficientTimesWarming() {
        let sensor = LegSensorConditions(thermalDriftGPerC: Vector3(0.001, -0.002, 0.0015), strapSlipRad: 0)
        let settings = Self.quietSettings(durationH: 8, rateHz: 10, conditions: SimulationConditions(thermalDriftMgPerC: 1...2))
        let recording = NightSynthesizer(settings: settings, plan: Self.plan(durationS: 8 * 3600, sensor: sensor)).synthesize(side: .left)
        let first = Self.vector(recording, 0), last = Self.vector(recording, recording.sampleCount - 1)
        let q = 16.0 / 65536
        #expect(abs(first.x) <= q && abs(first.y) <= q && abs(first.z - 1) <= q)
        #expect(abs(last.x - 0.004) <= q && abs(last.y + 0.008) <= q && abs(last.z - 1.006) <= q)
    }

    /// The strap slipping by 20° round the shank over the night turns a supine leg's reading of
    /// gravity by 20° between the first and the last sample (and by 10° halfway).
    @Test func strapSlipTurnsTheReadingBySetAngle() {
        let sensor = LegSensorConditions(thermalDriftGPerC: Vector3(0, 0, 0), strapSlipRad: 20 * .pi / 180)
        let settings = Self.quietSettings(durationH: 1, rateHz: 10, conditions: SimulationConditions(strapSlipDegrees: 20...20))
        let recording = NightSynthesizer(settings: settings, plan: Self.plan(durationS: 3600, sensor: sensor)).synthesize(side: .left)
        let first = Self.vector(recording, 0), half = Self.vector(recording, 18_000)
        let last = Self.vector(recording, recording.sampleCount - 1)
        #expect(abs(first.angleDegrees(to: last) - 20 * 35_999 / 36_000) < 0.01)
        #expect(abs(first.angleDegrees(to: half) - 10) < 0.01)
    }

    /// The planner draws drift coefficients and slip within the set ranges, per leg.
    @Test func plannedSensorConditionsAreWithinTheRanges() throws {
        let settings = SimulationSettings(profile: .mild, condition: .driftSlip, durationH: 1, seed: 7)
        let truth = try NightSimulator.truth(for: settings)
        let legs = try #require(truth.settings.legSensors)
        #expect(legs.count == 2)
        for leg in legs {
            #expect(leg.thermalDriftMgPerC.allSatisfy { abs($0) >= 1 - 1e-9 && abs($0) <= 2 + 1e-9 })
            #expect(abs(leg.strapSlipDegrees) >= 10 - 1e-9 && abs(leg.strapSlipDegrees) <= 25 + 1e-9)
            // 4 °C (1 - e^-(3600/2400)) = 4 (1 - 0.22313) = 3.1075 °C after 1 h.
            #expect(abs(leg.temperatureChangeAtEndC - 3.1075) < 0.001)
        }
    }
}
