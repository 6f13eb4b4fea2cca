import Foundation
import PLMTestSupport

/// One constructed ankle movement: the foot rotates about a horizontal axis by `degrees`, with a
/// raised-cosine rise of `rampS`, a hold (with a small oscillation) and a raised-cosine fall of
/// `rampS`. Onset = start of the rise, offset = end of the fall, seconds since the file's first sample.
struct ConstructedMovement: Sendable {
    var onsetS: Double
    var durationS: Double
    var degrees: Double
    var rampS: Double = 0.15
    /// Peak-to-zero amplitude of the oscillation during the hold, degrees (0 for a plain hold).
    var holdOscillationDegrees: Double = 2
    var holdOscillationHz: Double = 1.5

    var offsetS: Double { onsetS + durationS }

    /// Rotation angle at `t` (seconds since the file's first sample), radians.
    func angle(at t: Double) -> Double {
        let u = t - onsetS
        guard u > 0, u < durationS else { return 0 }
        let peak = degrees * .pi / 180
        if u < rampS { return peak * (1 - Foundation.cos(.pi * u / rampS)) / 2 }
        let holdS = durationS - 2 * rampS
        if u > durationS - rampS {
            let v = u - (durationS - rampS)
            return peak * (1 + Foundation.cos(.pi * v / rampS)) / 2
        }
        // Hold: an oscillation whose envelope is zero at both ends of the hold keeps the angle smooth.
        let h = u - rampS
        let envelope = Foundation.sin(.pi * h / holdS)
        let wobble = holdOscillationDegrees * .pi / 180 * envelope * Foundation.sin(2 * .pi * holdOscillationHz * h)
        return peak + wobble
    }
}

/// Builds a generic `timestamp,x,y,z` CSV (ISO 8601 with milliseconds and UTC offset, values in g)
/// of a resting ankle with the given movements: gravity (1 g) in a fixed, tilted orientation,
/// rotated about a horizontal axis during each movement, plus the tangential (r θ'') and centripetal
/// (r θ'^2) acceleration of a sensor on a 0.1 m lever, plus white noise.
struct SyntheticAnkleCSV {
    var startClock = WallClock(year: 2026, month: 3, day: 1, hour: 23, minute: 0, second: 0, utcOffset: "+01:00")
    var durationS: Double = 180
    var sampleRateHz: Double = 50
    var noiseG: Double = 0.003
    var seed: UInt64 = 1
    var leverM: Double = 0.1
    var movements: [ConstructedMovement] = []

    static let standardGravity = 9.80665

    var sampleCount: Int { Int((durationS * sampleRateHz).rounded()) }

    /// The CSV text: a header line and `sampleCount` data rows.
    func csv() -> String {
        // Resting gravity direction in the sensor frame (tilted, not on an axis) and a horizontal
        // rotation axis (perpendicular to it).
        let up = normalized((0.26, -0.17, 0.95))
        let axis = normalized(cross(up, (0, 0, 1)))
        let along = normalized(cross(axis, up))  // horizontal, perpendicular to the axis
        // The lever from the joint to the sensor, perpendicular to the axis; the tangential direction.
        let c30 = Foundation.cos(Double.pi / 6), s30 = Foundation.sin(Double.pi / 6)
        let lever = (c30 * up.0 + s30 * along.0, c30 * up.1 + s30 * along.1, c30 * up.2 + s30 * along.2)
        let tangential = cross(axis, lever)

        var random = SplitMix64(seed: seed)
        var text = "timestamp,x,y,z\n"
        text.reserveCapacity(sampleCount * 48)
        let h = 1e-4
        for k in 0..<sampleCount {
            let t = Double(k) / sampleRateHz
            var theta = 0.0, thetaDot = 0.0, thetaDDot = 0.0
            for m in movements where t > m.onsetS - 0.01 && t < m.offsetS + 0.01 {
                let a0 = m.angle(at: t), ap = m.angle(at: t + h), am = m.angle(at: t - h)
                theta += a0
                thetaDot += (ap - am) / (2 * h)
                thetaDDot += (ap - 2 * a0 + am) / (h * h)
            }
            // The sensor turns by theta about the axis, so gravity turns by -theta in its frame.
            let g = rotate(up, about: axis, by: -theta)
            let at = leverM * thetaDDot / Self.standardGravity
            let ac = -leverM * thetaDot * thetaDot / Self.standardGravity
            let x = g.0 + at * tangential.0 + ac * lever.0 + noiseG * random.gaussian()
            let y = g.1 + at * tangential.1 + ac * lever.1 + noiseG * random.gaussian()
            let z = g.2 + at * tangential.2 + ac * lever.2 + noiseG * random.gaussian()
            let millis = Int64((t * 1000).rounded())
            text += startClock.adding(milliseconds: millis) + "," + fixed5(x) + "," + fixed5(y) + "," + fixed5(z) + "\n"
        }
        return text
    }

    /// Writes the CSV to `path`.
    func write(to path: String) throws {
        try csv().write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// A wall clock written as ISO 8601 text, independent of the readers' clock code.
struct WallClock: Sendable {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    var utcOffset: String

    /// `yyyy-MM-ddTHH:mm:ss.fff+hh:mm`, `milliseconds` after this clock (within the same day).
    func adding(milliseconds: Int64) -> String {
        let total = Int64(((hour * 60 + minute) * 60 + second) * 1000) + milliseconds
        precondition(total < 86_400_000, "the test clock does not cross midnight")
        let ms = Int(total % 1000), s = Int(total / 1000)
        return "\(year)-\(two(month))-\(two(day))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)).\(three(ms))\(utcOffset)"
    }

    private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private func three(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
}

/// Five decimals without locale or exponent.
func fixed5(_ value: Double) -> String {
    let scaled = Int64((value * 100_000).rounded())
    let sign = scaled < 0 ? "-" : ""
    let a = abs(scaled)
    var fraction = String(a % 100_000)
    while fraction.count < 5 { fraction = "0" + fraction }
    return sign + String(a / 100_000) + "." + fraction
}

typealias Vector3 = (Double, Double, Double)

func cross(_ a: Vector3, _ b: Vector3) -> Vector3 {
    (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
}

func normalized(_ v: Vector3) -> Vector3 {
    let n = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
    return (v.0 / n, v.1 / n, v.2 / n)
}

/// Rodrigues' rotation of `v` about the unit vector `k` by `angle` radians.
func rotate(_ v: Vector3, about k: Vector3, by angle: Double) -> Vector3 {
    let c = Foundation.cos(angle), s = Foundation.sin(angle)
    let kxv = cross(k, v)
    let kdotv = k.0 * v.0 + k.1 * v.1 + k.2 * v.2
    return (
        v.0 * c + kxv.0 * s + k.0 * kdotv * (1 - c),
        v.1 * c + kxv.1 * s + k.1 * kdotv * (1 - c),
        v.2 * c + kxv.2 * s + k.2 * kdotv * (1 - c)
    )
}

