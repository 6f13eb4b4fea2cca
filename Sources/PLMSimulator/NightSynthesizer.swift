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
        let noise = settings.effectiveNoiseG
        let q = settings.quantumG
        let maxLevel = Double((1 << (settings.resolutionBits - 1)) - 1)
        let minLevel = -Double(1 << (settings.resolutionBits - 1))
        let clockScale = 1 + defects.clockDriftPPM * 1e-6
        let jitter = defects.timestampJitterS
        var rng = SimulationRandom(seed: settings.seed, stream: SimulationStream.noise(for: side).rawValue)

        var times = [Double](), xs = [Float](), ys = [Float](), zs = [Float]()
        times.reserveCapacity(n)
        xs.reserveCapacity(n)
        ys.reserveCapacity(n)
        zs.reserveCapacity(n)

        var movementIndex = 0, phaseIndex = 0, gapIndex = 0, spikeIndex = 0
        for i in 0..<n {
            let t = Double(i) / rate
            while movementIndex < legMovements.count, legMovements[movementIndex].offsetS <= t { movementIndex += 1 }
            while phaseIndex + 1 < phases.count, phases[phaseIndex + 1].startS <= t { phaseIndex += 1 }
            while gapIndex < gaps.count, gaps[gapIndex].endS <= t { gapIndex += 1 }

            var posture = phases[phaseIndex].posture(at: t)
            var segment: Vector3
            if movementIndex < legMovements.count, legMovements[movementIndex].onsetS <= t {
                let m = legMovements[movementIndex]
                let tau = t - m.onsetS
                if let after = m.postureAfter {
                    // Inside a posture shift: the phase in force is the one before the shift.
                    let before = phases[phaseIndex].posture(at: m.onsetS)
                    let u = tau / m.kinematics.durationS
                    let s = u * u * (3 - 2 * u)
                    posture = Posture(
                        rollDegrees: before.rollDegrees + s * (after.rollDegrees - before.rollDegrees),
                        pitchDegrees: before.pitchDegrees + s * (after.pitchDegrees - before.pitchDegrees))
                }
                let theta = m.kinematics.angle(at: tau)
                segment = posture.upInLegFrame.inFrameRotatedAboutX(by: theta.theta)
                segment = segment + m.kinematics.linearAccelerationG(at: tau, theta: theta)
            } else {
                segment = posture.upInLegFrame
            }
            let sensor = mounting.transposeApplied(to: segment)
            // Noise is drawn for every sample, kept or not, so gaps do not shift the noise.
            var vx = sensor.x + noise * rng.normal()
            var vy = sensor.y + noise * rng.normal()
            var vz = sensor.z + noise * rng.normal()
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

    /// The truth records of the planned movements, in time order, with ids.
    func truthMovements() -> [SimulatedMovement] {
        var out: [SimulatedMovement] = []
        out.reserveCapacity(plan.movements.count)
        for (id, m) in plan.movements.enumerated() {
            let before = plan.posture(side: m.side, at: m.onsetS)
            let up = before.upInLegFrame
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
            out.append(
                SimulatedMovement(
                    id: id, side: m.side, onsetS: m.onsetS, offsetS: roundedToMillisecond(m.offsetS), kind: m.kind,
                    countsAsLM: counts, inSleep: inSleep, seriesID: m.seriesID, bilateralGroup: m.bilateralGroup,
                    ankleRotationDegrees: roundedTo(abs(m.kinematics.amplitudeRad) * 180 / .pi, digits: 3),
                    tiltChangeDegrees: roundedTo(tilt, digits: 3),
                    peakLinearAccelerationG: roundedTo(m.kinematics.peakLinearAccelerationG(), digits: 4)))
        }
        return out
    }
}

@inline(__always) func roundedTo(_ v: Double, digits: Int) -> Double {
    let scale = Foundation.pow(10, Double(digits))
    return (v * scale).rounded() / scale
}
