#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The direction gravity takes in the sensor's frame when the leg is upright, found from walking.
///
/// The sensor's mounting on the ankle is unknown (and differs between devices and wearers), so
/// the shank's axis cannot be taken from the device's axes. Walking is the one activity certain
/// to keep the shank upright on average (it swings +-30 degrees about vertical), so the mean of
/// the walking minutes' gravity directions is the upright direction.
public struct UprightDirection: Sendable, Hashable {
    /// Unit vector, sensor frame.
    public var x: Double, y: Double, z: Double

    /// The upright direction of one leg, or nil when it walked too little or its walking
    /// minutes disagree (resultant of their unit vectors below 0.8: not one consistent direction).
    public static func estimate(_ epochs: [MinuteEpoch], rules: InBedRules = .standard) -> UprightDirection? {
        var sx = 0.0, sy = 0.0, sz = 0.0
        var count = 0
        for epoch in epochs where epoch.walkingSeconds >= rules.walkingEpochSeconds {
            guard let unit = unitMean(epoch) else { continue }
            sx += unit.x
            sy += unit.y
            sz += unit.z
            count += 1
        }
        guard count >= rules.minimumWalkingEpochs else { return nil }
        let length = (sx * sx + sy * sy + sz * sz).squareRoot()
        guard length >= 0.8 * Double(count) else { return nil }
        return UprightDirection(x: sx / length, y: sy / length, z: sz / length)
    }

    /// Angle between the epoch's mean gravity direction and upright, degrees; nil without samples
    /// or with a near-zero mean (not a physical reading).
    public func tiltDegrees(of epoch: MinuteEpoch) -> Double? {
        guard let unit = Self.unitMean(epoch) else { return nil }
        let c = max(-1, min(1, unit.x * x + unit.y * y + unit.z * z))
        return acosDegrees(c)
    }

    static func unitMean(_ epoch: MinuteEpoch) -> (x: Double, y: Double, z: Double)? {
        guard let m = epoch.mean else { return nil }
        let length = (m.x * m.x + m.y * m.y + m.z * m.z).squareRoot()
        guard length > 0.1 else { return nil }
        return (m.x / length, m.y / length, m.z / length)
    }
}

/// Arc cosine in degrees.
@inline(__always) func acosDegrees(_ c: Double) -> Double { acos(c) * 180 / .pi }
