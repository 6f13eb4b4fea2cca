import Foundation

/// Standard gravity, m/s^2 (CGPM 1901), to express linear acceleration in g.
let standardGravityMPerS2 = 9.806_65

/// How the sensor-carrying segment moves during one simulated movement.
///
/// The ankle rotates about the leg's medio-lateral axis (leg-frame x) by `amplitudeRad` along a
/// minimum-jerk rise, a hold and a minimum-jerk fall (Flash & Hogan, J Neurosci 1985: smooth
/// voluntary-like movement whose angular velocity and acceleration start and end at zero, so the
/// acceleration builds up from the onset as with a real muscle contraction). The sensor sits `leverM` from the centre
/// of rotation along the shank (leg-frame y), so it sees, besides the tilt of gravity, the
/// tangential acceleration `leverM * θ''` (leg-frame z) and the centripetal acceleration
/// `leverM * θ'^2` (towards the centre, leg-frame -y). Irregular movements add band-limited
/// "wiggles" (a few sinusoids under a Hann window) and a knock adds a half-sine pulse.
struct MovementKinematics: Sendable {
    /// Peak rotation, radians (signed).
    var amplitudeRad: Double
    var riseS: Double
    var holdS: Double
    var fallS: Double
    var leverM: Double
    var wiggles: [Wiggle] = []
    var knock: Wiggle?
    /// Rotation the fall ends at, radians (0: a full return). A non-zero value is a partial
    /// return: the leg keeps this rotation after the movement (a lasting change of position,
    /// which the synthesiser carries on as the leg's lasting rotation).
    var residualRad = 0.0
    /// Further bursts of the same movement (multi-burst LMs), each a rise-hold-fall rotation
    /// starting `startS` after the onset and added to the main one.
    var extraBursts: [Burst] = []

    /// One more rotation burst inside a movement.
    struct Burst: Sendable {
        var startS: Double
        var amplitudeRad: Double
        var riseS: Double
        var holdS: Double
        var fallS: Double
        var durationS: Double { riseS + holdS + fallS }
    }

    /// One sinusoidal component of irregular dynamic acceleration in the segment frame, g.
    struct Wiggle: Sendable {
        var amplitudeG: Double
        var frequencyHz: Double
        var phase: Double
        var direction: Vector3
    }

    /// Length of the main rise-hold-fall rotation, seconds.
    var mainDurationS: Double { riseS + holdS + fallS }

    /// Length of the whole movement (main rotation and extra bursts), seconds.
    var durationS: Double {
        var d = riseS + holdS + fallS
        for b in extraBursts { d = max(d, b.startS + b.durationS) }
        return d
    }

    /// A smooth dorsiflexion-like rotation of the given duration: rise and fall of 30 % of the
    /// duration each (0.2-1.5 s), or all rise and fall under 0.5 s.
    static func rotation(durationS: Double, amplitudeDegrees: Double, leverM: Double) -> MovementKinematics {
        let ramp = durationS < 0.5 ? durationS / 2 : min(1.5, max(0.2, 0.3 * durationS))
        return MovementKinematics(
            amplitudeRad: amplitudeDegrees * .pi / 180, riseS: ramp,
            holdS: max(0, durationS - 2 * ramp), fallS: ramp, leverM: leverM)
    }

    /// A rotation of the given duration whose rise lasts `riseS` (a slow LM): the rise is capped
    /// at 60 % of the duration, the fall lasts as long as the rise but at most the rest of the
    /// duration, and whatever remains is the hold.
    static func rotation(durationS: Double, amplitudeDegrees: Double, leverM: Double, riseS: Double) -> MovementKinematics {
        let rise = min(riseS, 0.6 * durationS)
        let fall = min(rise, durationS - rise)
        return MovementKinematics(
            amplitudeRad: amplitudeDegrees * .pi / 180, riseS: rise,
            holdS: max(0, durationS - rise - fall), fallS: fall, leverM: leverM)
    }

    /// Rotation angle, angular velocity and angular acceleration at `tau` seconds after onset
    /// (main rotation plus extra bursts; 0 outside the movement, where the synthesiser carries
    /// any lasting rotation itself).
    @inline(__always)
    func angle(at tau: Double) -> (theta: Double, velocity: Double, acceleration: Double) {
        if tau <= 0 || tau >= durationS { return (0, 0, 0) }
        var result = mainAngle(at: tau)
        for b in extraBursts {
            let u = tau - b.startS
            guard u > 0, u < b.durationS else { continue }
            let p = Self.riseHoldFall(at: u, amplitude: b.amplitudeRad, end: 0, riseS: b.riseS, holdS: b.holdS, fallS: b.fallS)
            result = (result.theta + p.theta, result.velocity + p.velocity, result.acceleration + p.acceleration)
        }
        return result
    }

    /// The main rotation at `tau` (inside the movement): after its fall it rests at `residualRad`.
    @inline(__always)
    private func mainAngle(at tau: Double) -> (theta: Double, velocity: Double, acceleration: Double) {
        if tau >= mainDurationS { return (residualRad, 0, 0) }
        return Self.riseHoldFall(at: tau, amplitude: amplitudeRad, end: residualRad, riseS: riseS, holdS: holdS, fallS: fallS)
    }

    /// A minimum-jerk rise from 0 to `amplitude`, a hold, and a minimum-jerk fall to `end`,
    /// at `tau` in (0, rise + hold + fall).
    @inline(__always)
    static func riseHoldFall(
        at tau: Double, amplitude a: Double, end: Double, riseS: Double, holdS: Double, fallS: Double
    ) -> (theta: Double, velocity: Double, acceleration: Double) {
        if tau < riseS {
            let m = Self.minimumJerk(tau / riseS)
            return (a * m.s, a * m.ds / riseS, a * m.dds / (riseS * riseS))
        }
        if tau < riseS + holdS { return (a, 0, 0) }
        let m = Self.minimumJerk((tau - riseS - holdS) / fallS)
        if end == 0 {
            return (a * (1 - m.s), -a * m.ds / fallS, -a * m.dds / (fallS * fallS))
        }
        let drop = a - end
        return (a - drop * m.s, -drop * m.ds / fallS, -drop * m.dds / (fallS * fallS))
    }

    /// The minimum-jerk step s(u) = 10u^3 - 15u^4 + 6u^5 on [0, 1] and its first two derivatives.
    @inline(__always)
    static func minimumJerk(_ u: Double) -> (s: Double, ds: Double, dds: Double) {
        let u2 = u * u
        return (u2 * u * (10 - 15 * u + 6 * u2), 30 * u2 * (1 - u) * (1 - u), 60 * u * (1 - u) * (1 - 2 * u))
    }

    /// Linear acceleration of the sensor in the rotating segment frame, g, at `tau`
    /// (rotation, wiggles and knock together).
    @inline(__always)
    func linearAccelerationG(at tau: Double, theta: (theta: Double, velocity: Double, acceleration: Double)) -> Vector3 {
        // d2/dt2 (Rx(θ) r0) expressed in the rotated frame: θ'' (x̂ × r0) + θ'^2 x̂ × (x̂ × r0),
        // with r0 = (0, lever, 0): tangential (0, 0, lever θ''), centripetal (0, -lever θ'^2, 0).
        var acc = Vector3(
            0, -leverM * theta.velocity * theta.velocity / standardGravityMPerS2,
            leverM * theta.acceleration / standardGravityMPerS2)
        let d = durationS
        if !wiggles.isEmpty, tau > 0, tau < d {
            let window = 0.5 * (1 - cos(2 * Double.pi * tau / d))
            for w in wiggles {
                let s = w.amplitudeG * window * sin(2 * Double.pi * w.frequencyHz * tau + w.phase)
                acc = acc + w.direction * s
            }
        }
        if let k = knock, tau > 0, tau < d {
            acc = acc + k.direction * (k.amplitudeG * sin(Double.pi * tau / d))
        }
        return acc
    }

    /// Largest magnitude of the linear acceleration over the movement, g, on a 200-point grid.
    func peakLinearAccelerationG() -> Double {
        let d = durationS
        guard d > 0 else { return 0 }
        var peak = 0.0
        for k in 1..<200 {
            let tau = d * Double(k) / 200
            let a = linearAccelerationG(at: tau, theta: angle(at: tau))
            peak = max(peak, a.length)
        }
        return peak
    }
}

/// A small 3-vector of doubles.
struct Vector3: Sendable, Hashable {
    var x: Double, y: Double, z: Double
    init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }
    static func + (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x + b.x, a.y + b.y, a.z + b.z) }
    static func - (a: Vector3, b: Vector3) -> Vector3 { Vector3(a.x - b.x, a.y - b.y, a.z - b.z) }
    static func * (a: Vector3, s: Double) -> Vector3 { Vector3(a.x * s, a.y * s, a.z * s) }
    func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }
    var length: Double { dot(self).squareRoot() }

    /// This vector expressed in a frame rotated by `theta` about x: `Rx(θ)^T v`.
    @inline(__always)
    func inFrameRotatedAboutX(by theta: Double) -> Vector3 {
        let c = cos(theta), s = sin(theta)
        return Vector3(x, c * y + s * z, -s * y + c * z)
    }

    /// This vector expressed in a frame rotated by `phi` about y (the shank's long axis):
    /// `Ry(φ)^T v`. Used for the strap slipping round the shank.
    @inline(__always)
    func inFrameRotatedAboutY(by phi: Double) -> Vector3 {
        let c = cos(phi), s = sin(phi)
        return Vector3(c * x - s * z, y, s * x + c * z)
    }

    /// Angle between two vectors, degrees.
    func angleDegrees(to b: Vector3) -> Double {
        let c = dot(b) / (length * b.length)
        return acos(max(-1, min(1, c))) * 180 / .pi
    }
}

/// A 3x3 rotation matrix (rows), used for the sensor's mounting on the leg.
struct Rotation3: Sendable, Hashable {
    var r0: Vector3, r1: Vector3, r2: Vector3

    /// `R^T v`: a segment-frame vector expressed in the sensor frame when `R` maps sensor to segment.
    @inline(__always)
    func transposeApplied(to v: Vector3) -> Vector3 {
        Vector3(
            r0.x * v.x + r1.x * v.y + r2.x * v.z,
            r0.y * v.x + r1.y * v.y + r2.y * v.z,
            r0.z * v.x + r1.z * v.y + r2.z * v.z)
    }

    /// A uniformly distributed random rotation (Shoemake's method via a random unit quaternion).
    static func random(using rng: inout SimulationRandom) -> Rotation3 {
        let u1 = rng.unit(), u2 = rng.unit(), u3 = rng.unit()
        let a = (1 - u1).squareRoot(), b = u1.squareRoot()
        let w = a * sin(2 * .pi * u2), x = a * cos(2 * .pi * u2)
        let y = b * sin(2 * .pi * u3), z = b * cos(2 * .pi * u3)
        return Rotation3(
            r0: Vector3(1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)),
            r1: Vector3(2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)),
            r2: Vector3(2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)))
    }
}

/// The leg's lying posture: roll about the shank's long axis (0 supine, about +-65 on a side,
/// 180 prone) and pitch of the shank against the horizontal, degrees.
struct Posture: Sendable, Hashable {
    var rollDegrees: Double
    var pitchDegrees: Double

    /// The "up" direction (opposite to gravity) in the leg frame (x medio-lateral, y along the
    /// shank, z anterior): what a resting accelerometer aligned with the leg reads, g.
    var upInLegFrame: Vector3 {
        let r = rollDegrees * .pi / 180, p = pitchDegrees * .pi / 180
        return Vector3(sin(r) * cos(p), sin(p), cos(r) * cos(p))
    }
}
