import Foundation
import PLMCore
import PLMReaders

/// Deterministic pseudo-random numbers (SplitMix64) for constructed test signals.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Standard normal deviate (Box-Muller).
    mutating func gaussian() -> Double {
        let u1 = max(Double.leastNonzeroMagnitude, Double(next() >> 11) / Double(1 << 53))
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// A leg movement built into a constructed recording: the foot tilts by `amplitudeDegrees` about
/// the sensor's x axis along a raised-cosine rise, a hold and a raised-cosine fall (each ramp 30 %
/// of the duration, 0.2-1.5 s; half the duration under 0.5 s), as a dorsiflexion does, and the
/// sensor 10 cm from the ankle feels the tangential acceleration `0.1 m * theta''` along the
/// gravity direction (a supine shank, whose anterior axis points up).
struct ConstructedMovement {
    var onsetS: Double
    var durationS: Double
    var amplitudeDegrees: Double
    var offsetS: Double { onsetS + durationS }

    var rampS: Double { durationS < 0.5 ? durationS / 2 : min(1.5, max(0.2, 0.3 * durationS)) }

    /// Angle (radians) and angular acceleration (rad/s^2) at time `t`.
    func angle(atS t: Double) -> (theta: Double, acceleration: Double) {
        let tau = t - onsetS
        guard tau > 0, tau < durationS else { return (0, 0) }
        let a = amplitudeDegrees * Double.pi / 180, ramp = rampS, w = Double.pi / ramp
        if tau < ramp { return (0.5 * a * (1 - cos(w * tau)), 0.5 * a * w * w * cos(w * tau)) }
        if tau < durationS - ramp { return (a, 0) }
        let u = tau - (durationS - ramp)
        return (0.5 * a * (1 + cos(w * u)), -0.5 * a * w * w * cos(w * u))
    }
}

/// Builds a recording of a resting ankle (gravity along a tilted z axis) with the given movements,
/// white noise of `noiseG` RMS per axis, and optional extra edits.
func constructedRecording(
    durationS: Double, rateHz: Double = 100, noiseG: Double = 0.004, movements: [ConstructedMovement] = [],
    seed: UInt64 = 1, defects: [RecordingDefect] = [], edit: ((inout [Float], inout [Float], inout [Float]) -> Void)? = nil
) -> AccelerationRecording {
    let n = Int(durationS * rateHz)
    var x = [Float](repeating: 0, count: n), y = x, z = x
    var rng = SeededGenerator(seed: seed)
    let baseTilt = 20.0 * Double.pi / 180  // resting orientation: 20 degrees about x
    let lever = 0.1  // m
    for i in 0..<n {
        let t = Double(i) / rateHz
        var angle = baseTilt
        var angularAcceleration = 0.0
        for m in movements where t > m.onsetS && t < m.offsetS {
            let state = m.angle(atS: t)
            angle += state.theta
            angularAcceleration += state.acceleration
        }
        let scale = 1 + lever * angularAcceleration / 9.81
        x[i] = Float(0.02 + noiseG * rng.gaussian())
        y[i] = Float(sin(angle) * scale + noiseG * rng.gaussian())
        z[i] = Float(cos(angle) * scale + noiseG * rng.gaussian())
    }
    edit?(&x, &y, &z)
    return AccelerationRecording(
        path: "constructed", layout: .generic, start: nil, declaredRateHz: rateHz, sampleRateHz: rateHz,
        x: x, y: y, z: z, sampleTimesS: nil, defects: defects)
}

/// A movement of a constructed recording with its own shape: a raised-cosine rise of `riseS` to
/// `amplitudeDegrees` about the sensor's x axis, a hold of `holdS`, and a raised-cosine fall of
/// `fallS` to `residualDegrees`, where the leg then stays (a lasting change of position).
struct ShapedMovement {
    var onsetS: Double
    var riseS: Double
    var holdS: Double
    var fallS: Double
    var amplitudeDegrees: Double
    var residualDegrees = 0.0
    var offsetS: Double { onsetS + riseS + holdS + fallS }

    /// Rotation at time `t`, degrees (the residual after the movement).
    func degrees(atS t: Double) -> Double {
        let tau = t - onsetS
        if tau <= 0 { return 0 }
        if tau < riseS { return amplitudeDegrees * 0.5 * (1 - cos(Double.pi * tau / riseS)) }
        if tau < riseS + holdS { return amplitudeDegrees }
        let u = tau - riseS - holdS
        if u < fallS {
            return residualDegrees + (amplitudeDegrees - residualDegrees) * 0.5 * (1 + cos(Double.pi * u / fallS))
        }
        return residualDegrees
    }
}

/// A recording of a resting ankle (gravity 20 degrees off z about x) with shaped movements (pure
/// rotations: the acceleration vector changes by `2 sin(theta / 2)` g), white noise of `noiseG`
/// per axis, an offset `offsetG(t)` added to every axis (thermal drift), and, when `quantumG` is
/// given, every value rounded to a multiple of it (a coarse converter).
func shapedRecording(
    durationS: Double, rateHz: Double, noiseG: Double, movements: [ShapedMovement], quantumG: Double? = nil,
    seed: UInt64, offsetG: ((Double) -> Double)? = nil
) -> AccelerationRecording {
    let n = Int(durationS * rateHz)
    var x = [Float](repeating: 0, count: n), y = x, z = x
    var rng = SeededGenerator(seed: seed)
    let base = 20.0
    func quantized(_ v: Double) -> Float {
        guard let q = quantumG else { return Float(v) }
        return Float((v / q).rounded() * q)
    }
    for i in 0..<n {
        let t = Double(i) / rateHz
        let angle = (base + movements.reduce(0) { $0 + $1.degrees(atS: t) }) * Double.pi / 180
        let offset = offsetG?(t) ?? 0
        x[i] = quantized(0.02 + offset + noiseG * rng.gaussian())
        y[i] = quantized(sin(angle) + offset + noiseG * rng.gaussian())
        z[i] = quantized(cos(angle) + offset + noiseG * rng.gaussian())
    }
    return AccelerationRecording(
        path: "shaped", layout: .generic, start: nil, declaredRateHz: rateHz, sampleRateHz: rateHz,
        x: x, y: y, z: z, sampleTimesS: nil, defects: [])
}
