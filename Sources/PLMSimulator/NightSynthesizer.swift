import Foundation
import PLMCore

/// One leg's simulated recording: the samples as a sensor would store them.
public struct SimulatedLegRecording: Sendable {
    public var side: LegSide
    /// Written timestamp of every sample, seconds since the recording start on the sensor's
    /// clock (drift and jitter included; rows inside gaps are absent).
    public var timesS: [Double]
    /// Acceleration in the sensor frame, g, quantised and clipped.
    public var x: [Float]
    public var y: [Float]
    public var z: [Float]

    public var sampleCount: Int { x.count }
}

/// Turns a night plan into samples: gravity in the leg's posture rotated by the ankle's
/// motion, plus the linear acceleration of the motion, in the sensor's mounting, plus white
/// noise, quantised over the range.
struct NightSynthesizer {
    let settings: SimulationSettings
    let plan: NightPlan

    func synthesize(side: LegSide) -> SimulatedLegRecording {
        let rate = settings.sampleRateHz
        let n = Int((plan.durationS * rate).rounded(.down))
        let mounting = plan.mountings[side.index]
        let legMovements = plan.movements.filter { $0.side == side }
        let phases = plan.postures[side.index]
        let gaps = plan.defects.filter { $0.side == side && $0.kind == .gap }
        let spikes = plan.spikes[side.index]
        let defects = settings.effectiveDefects
        let sensor = settings.sensor(side)
        let noise = sensor.noiseG
        let q = sensor.quantumG
        let maxLevel = Double((1 << (sensor.resolutionBits - 1)) - 1)
        let minLevel = -Double(1 << (sensor.resolutionBits - 1))
        let clockScale = 1 + defects.clockDriftPPM * 1e-6
        let jitter = defects.timestampJitterS
        var rng = SimulationRandom(seed: settings.seed, stream: SimulationStream.noise(for: side).rawValue)

        var times = [Double](), xs = [Float](), ys = [Float](), zs = [Float]()
        times.reserveCapacity(n)
        xs.reserveCapacity(n)
        ys.reserveCapacity(n)
        zs.reserveCapacity(n)

        var movementIndex = 0, phaseIndex = 0, gapIndex = 0, spikeIndex = 0, lastingIndex = 0
        let lasting = plan.lastingRotations[side.index]
        let sensorConditions = plan.legSensors[side.index]
        for i in 0..<n {
            let t = Double(i) / rate
            while movementIndex < legMovements.count, legMovements[movementIndex].offsetS <= t { movementIndex += 1 }
            while phaseIndex + 1 < phases.count, phases[phaseIndex + 1].startS <= t { phaseIndex += 1 }
            while gapIndex < gaps.count, gaps[gapIndex].endS <= t { gapIndex += 1 }
            while lastingIndex < lasting.count, lasting[lastingIndex].startS <= t { lastingIndex += 1 }
            let baseRad = lastingIndex > 0 ? lasting[lastingIndex - 1].rad : 0

            var current: PlannedMovement?
            if movementIndex < legMovements.count, legMovements[movementIndex].onsetS <= t {
                current = legMovements[movementIndex]
            }
            let segment = Self.segmentG(at: t, movement: current, phase: phases[phaseIndex], lastingRad: baseRad)
            let reading = sensorG(segment, at: t, mounting: mounting, conditions: sensorConditions)
            // Noise is drawn for every sample, kept or not, so gaps do not shift the noise.
            var vx = reading.x + noise * rng.normal()
            var vy = reading.y + noise * rng.normal()
            var vz = reading.z + noise * rng.normal()
            let jitterS = jitter > 0 ? rng.uniform(-jitter, jitter) : 0
            if gapIndex < gaps.count, gaps[gapIndex].startS <= t { continue }
            while spikeIndex < spikes.count, spikes[spikeIndex].index < i { spikeIndex += 1 }
            if spikeIndex < spikes.count, spikes[spikeIndex].index == i {
                let s = spikes[spikeIndex]
                switch s.axis {
                case 0: vx = s.valueG
                case 1: vy = s.valueG
                default: vz = s.valueG
                }
            }
            @inline(__always) func quantise(_ v: Double) -> Float {
                Float(min(maxLevel, max(minLevel, (v / q).rounded())) * q)
            }
            xs.append(quantise(vx))
            ys.append(quantise(vy))
            zs.append(quantise(vz))
            times.append(t * clockScale + jitterS)
        }
        return SimulatedLegRecording(side: side, timesS: times, x: xs, y: ys, z: zs)
    }

    /// What the leg segment carries at `t`, g, in the leg frame: the "up" vector of the posture in
    /// force, rotated by the lasting rotation and by the movement in progress (if any), plus the
    /// movement's linear acceleration. A posture shift moves smoothly (smoothstep) from the
    /// posture before it to the one after it and takes the lasting rotation back to 0.
    @inline(__always)
    static func segmentG(at t: Double, movement: PlannedMovement?, phase: PosturePhase, lastingRad: Double) -> Vector3 {
        var posture = phase.posture(at: t)
        guard let m = movement else {
            return lastingRad == 0 ? posture.upInLegFrame : posture.upInLegFrame.inFrameRotatedAboutX(by: lastingRad)
        }
        let tau = t - m.onsetS
        var base = lastingRad
        if let after = m.postureAfter {
            // Inside a posture shift: the phase in force is the one before the shift.
            let before = phase.posture(at: m.onsetS)
            let u = tau / m.kinematics.durationS
            let s = u * u * (3 - 2 * u)
            posture = Posture(
                rollDegrees: before.rollDegrees + s * (after.rollDegrees - before.rollDegrees),
                pitchDegrees: before.pitchDegrees + s * (after.pitchDegrees - before.pitchDegrees))
            base = lastingRad * (1 - s)
        }
        let theta = m.kinematics.angle(at: tau)
        let angle = base == 0 ? theta.theta : base + theta.theta
        return posture.upInLegFrame.inFrameRotatedAboutX(by: angle) + m.kinematics.linearAccelerationG(at: tau, theta: theta)
    }

    /// What the sensor reads before noise, clipping and quantisation, g: the segment vector turned
    /// by the strap's slip so far (about the shank's long axis), expressed in the sensor's
    /// mounting, plus the thermal drift of the offset.
    @inline(__always)
    func sensorG(_ segment: Vector3, at t: Double, mounting: Rotation3, conditions: LegSensorConditions) -> Vector3 {
        var v = segment
        if conditions.strapSlipRad != 0 {
            v = v.inFrameRotatedAboutY(by: conditions.strapSlipRad * t / plan.durationS)
        }
        var sensor = mounting.transposeApplied(to: v)
        if conditions.hasThermalDrift {
            sensor = sensor + conditions.thermalDriftGPerC * settings.conditions.temperatureChangeC(at: t)
        }
        return sensor
    }

    /// Time step of the grid on which ``peakDeviationG(of:)`` looks for the peak, seconds: fine
    /// enough for the 0.3-5 Hz content of the movements (a sinusoid's peak is missed by at most
    /// 1 - cos(π 5 Hz 0.01 s) = 1.2 %), and independent of the sample rate.
    static let peakDeviationStepS = 0.01
    /// Grid points per movement at most (movements over 10 s, which are never LMs, get a coarser grid).
    static let peakDeviationMaximumPoints = 1000

    /// The peak change of the noise-free sensor reading from its value at the onset, g
    /// (|a(t) - a(onset)| over the movement: tilt of gravity and linear acceleration together, in
    /// the sensor frame, with slip and drift, before noise, clipping and quantisation), on a fixed
    /// time grid so that it does not depend on the sample rate.
    func peakDeviationG(of m: PlannedMovement) -> Double {
        let mounting = plan.mountings[m.side.index]
        let phase = plan.posturePhase(side: m.side, at: m.onsetS)
        let lastingRad = plan.lastingRotationRad(side: m.side, at: m.onsetS)
        let conditions = plan.legSensors[m.side.index]
        func reading(_ t: Double) -> Vector3 {
            sensorG(Self.segmentG(at: t, movement: m, phase: phase, lastingRad: lastingRad), at: t, mounting: mounting, conditions: conditions)
        }
        let rest = reading(m.onsetS)
        let d = m.kinematics.durationS
        let steps = min(Self.peakDeviationMaximumPoints, max(100, Int((d / Self.peakDeviationStepS).rounded(.up))))
        var peak = 0.0
        for k in 1..<steps {
            peak = max(peak, (reading(m.onsetS + d * Double(k) / Double(steps)) - rest).length)
        }
        return peak
    }

    /// The truth records of the planned movements, in time order, with ids.
    /// - Parameter peakDeviations: Whether to compute each movement's ``SimulatedMovement/peakDeviationMg``
    ///   (the calibration's trial plans skip it).
    func truthMovements(peakDeviations: Bool = true) -> [SimulatedMovement] {
        var out: [SimulatedMovement] = []
        out.reserveCapacity(plan.movements.count)
        for (id, m) in plan.movements.enumerated() {
            let before = plan.posture(side: m.side, at: m.onsetS)
            let lastingRad = plan.lastingRotations[m.side.index].isEmpty ? 0 : plan.lastingRotationRad(side: m.side, at: m.onsetS)
            let up = lastingRad == 0 ? before.upInLegFrame : before.upInLegFrame.inFrameRotatedAboutX(by: lastingRad)
            let tilt: Double
            if let after = m.postureAfter {
                tilt = up.angleDegrees(to: after.upInLegFrame)
            } else if m.kinematics.amplitudeRad != 0 {
                tilt = up.angleDegrees(to: up.inFrameRotatedAboutX(by: m.kinematics.amplitudeRad))
            } else {
                tilt = 0
            }
            let duration = m.offsetS - m.onsetS
            let counts = NightPlanner.lmDurationS.contains(duration) && m.kind != .knock
            let inSleep = plan.sleepSpans.contains { $0.startS <= m.onsetS && m.onsetS < $0.endS }
            var movement = SimulatedMovement(
                id: id, side: m.side, onsetS: m.onsetS, offsetS: roundedToMillisecond(m.offsetS), kind: m.kind,
                countsAsLM: counts, inSleep: inSleep, seriesID: m.seriesID, bilateralGroup: m.bilateralGroup,
                ankleRotationDegrees: roundedTo(abs(m.kinematics.amplitudeRad) * 180 / .pi, digits: 3),
                tiltChangeDegrees: roundedTo(tilt, digits: 3),
                peakLinearAccelerationG: roundedTo(m.kinematics.peakLinearAccelerationG(), digits: 4))
            if peakDeviations {
                movement.peakDeviationMg = roundedTo(peakDeviationG(of: m) * 1000, digits: 1)
            }
            if m.kinematics.amplitudeRad != 0 { movement.riseS = roundedTo(m.kinematics.riseS, digits: 3) }
            if !m.kinematics.extraBursts.isEmpty { movement.burstCount = 1 + m.kinematics.extraBursts.count }
            if m.kinematics.residualRad != 0 {
                movement.lastingTiltDegrees = roundedTo(up.angleDegrees(to: up.inFrameRotatedAboutX(by: m.kinematics.residualRad)), digits: 3)
            }
            out.append(movement)
        }
        return out
    }
}

@inline(__always) func roundedTo(_ v: Double, digits: Int) -> Double {
    let scale = Foundation.pow(10, Double(digits))
    return (v * scale).rounded() / scale
}
