import PLMCore

/// One movement as planned, with the kinematics the synthesiser plays back.
struct PlannedMovement: Sendable {
    var side: LegSide
    var onsetS: Double
    var kind: SimulatedMovementKind
    var kinematics: MovementKinematics
    var seriesID: Int?
    var bilateralGroup: Int?
    /// For posture shifts: the posture the leg ends in.
    var postureAfter: Posture?

    var offsetS: Double { onsetS + kinematics.durationS }
}

/// The posture a leg holds from `startS` on, drifting slowly (quiet sleep's tiny drift).
struct PosturePhase: Sendable {
    var startS: Double
    var posture: Posture
    /// Slow change of roll, degrees per second.
    var rollDriftDegreesPerS: Double

    func posture(at t: Double) -> Posture {
        Posture(rollDegrees: posture.rollDegrees + rollDriftDegreesPerS * (t - startS), pitchDegrees: posture.pitchDegrees)
    }
}

/// Everything about a night except the samples: timeline, movements, postures, defects.
struct NightPlan: Sendable {
    var durationS: Double
    var lights: TimeSpan
    var sleepSpans: [TimeSpan]
    var wakeSpans: [TimeSpan]
    /// Movements of both legs, sorted by onset then side; never overlapping on one leg.
    var movements: [PlannedMovement]
    /// Per leg (index 0 left, 1 right): posture phases in time order. Phase k + 1 starts at the
    /// offset of the posture shift that leads into it.
    var postures: [[PosturePhase]]
    /// Per leg: how the sensor is mounted (sensor frame to segment frame).
    var mountings: [Rotation3]
    var defects: [SimulatedDefect]
    /// Per leg: sample indices replaced by spikes, with the axis and value.
    var spikes: [[(index: Int, axis: Int, valueG: Double)]]
    /// Per leg: the lasting rotation about the leg's x axis left by partial returns, as steps in
    /// time order (in force from `startS` on; reset to 0 at the end of a posture shift). Empty
    /// when no LM leaves a lasting change.
    var lastingRotations: [[LastingRotation]] = [[], []]
    /// Per leg: thermal drift and strap slip of the sensor (``LegSensorConditions/none`` when off).
    var legSensors: [LegSensorConditions] = [.none, .none]

    /// The lasting rotation of a leg at `t`, radians.
    func lastingRotationRad(side: LegSide, at t: Double) -> Double {
        var rad = 0.0
        for step in lastingRotations[side.index] where step.startS <= t { rad = step.rad }
        return rad
    }

    /// The posture phase of a leg in force at `t` (the synthesiser's rule: the last phase that
    /// started at or before `t`).
    func posturePhase(side: LegSide, at t: Double) -> PosturePhase {
        let phases = postures[side.index]
        var chosen = phases[0]
        for phase in phases where phase.startS <= t { chosen = phase }
        return chosen
    }

    /// The leg's posture at time `t` outside posture shifts.
    func posture(side: LegSide, at t: Double) -> Posture {
        let phases = postures[side.index]
        var chosen = phases[0]
        for phase in phases where phase.startS <= t { chosen = phase }
        return chosen.posture(at: t)
    }
}

/// A lasting rotation of the leg from `startS` on, radians about the leg's x axis.
struct LastingRotation: Sendable, Hashable {
    var startS: Double
    var rad: Double
}

/// How one leg's sensor departs from an ideal one over the night.
struct LegSensorConditions: Sendable, Hashable {
    /// Offset change per °C of warming, g per °C, per sensor axis.
    var thermalDriftGPerC: Vector3
    /// Rotation of the strap round the shank from the first to the last sample, radians (signed).
    var strapSlipRad: Double

    static let none = LegSensorConditions(thermalDriftGPerC: Vector3(0, 0, 0), strapSlipRad: 0)
    var hasThermalDrift: Bool { thermalDriftGPerC != Vector3(0, 0, 0) }
}

extension LegSide {
    /// 0 for the left leg, 1 for the right: index of per-leg arrays.
    var index: Int { self == .left ? 0 : 1 }
}

/// Rounds a time to the millisecond, so that the truth file states times exactly.
@inline(__always) func roundedToMillisecond(_ t: Double) -> Double { (t * 1000).rounded() / 1000 }
