import Foundation
import Testing

@testable import PLMSimulator

/// The sensor's linear acceleration from the lever model agrees with the second derivative of its
/// position, taken numerically (central differences), and the rotation profile is smooth.
@Suite struct KinematicsTests {
    /// Sensor position in the leg frame: the lever (0, l, 0) rotated by θ about x:
    /// p = (0, l cos θ, l sin θ). Its acceleration, expressed in the rotated (sensor-carrying)
    /// frame and divided by 9.80665 m/s^2, must equal `linearAccelerationG`.
    @Test(arguments: [0.6, 2.0, 7.5])
    func leverAccelerationIsTheSecondDerivativeOfPosition(durationS: Double) {
        let kin = MovementKinematics.rotation(durationS: durationS, amplitudeDegrees: 25, leverM: 0.4)
        let h = 1e-4
        func position(_ t: Double) -> (Double, Double) {
            let theta = kin.angle(at: t).theta
            return (0.4 * cos(theta), 0.4 * sin(theta))
        }
        for k in 1..<40 {
            let t = durationS * Double(k) / 40
            let (y0, z0) = position(t), (y1, z1) = position(t + h), (ym, zm) = position(t - h)
            let ay = (y1 - 2 * y0 + ym) / (h * h), az = (z1 - 2 * z0 + zm) / (h * h)
            let theta = kin.angle(at: t).theta
            // Rx(θ)^T applied to (0, ay, az).
            let rotatedY = cos(theta) * ay + sin(theta) * az
            let rotatedZ = -sin(theta) * ay + cos(theta) * az
            let model = kin.linearAccelerationG(at: t, theta: kin.angle(at: t))
            #expect(abs(model.y * 9.80665 - rotatedY) < 1e-3, "t = \(t)")
            #expect(abs(model.z * 9.80665 - rotatedZ) < 1e-3, "t = \(t)")
            #expect(model.x == 0)
        }
    }

    /// The profile starts and ends at rest, holds the amplitude, and its derivatives match
    /// finite differences of the angle.
    @Test func rotationProfileIsSmooth() {
        let kin = MovementKinematics.rotation(durationS: 3, amplitudeDegrees: 20, leverM: 0.4)
        let a = 20 * Double.pi / 180
        // 30 % of 3 s = 0.9 s rise and fall, 1.2 s hold.
        #expect(abs(kin.riseS - 0.9) < 1e-12 && abs(kin.holdS - 1.2) < 1e-12 && abs(kin.fallS - 0.9) < 1e-12)
        #expect(abs(kin.angle(at: 1.5).theta - a) < 1e-12)
        let start = kin.angle(at: 1e-6), end = kin.angle(at: 3 - 1e-6)
        #expect(abs(start.theta) < 1e-9 && abs(start.velocity) < 1e-6 && abs(start.acceleration) < 1e-3)
        #expect(abs(end.theta) < 1e-9 && abs(end.velocity) < 1e-6 && abs(end.acceleration) < 1e-3)
        let h = 1e-5
        for t in stride(from: 0.05, to: 2.95, by: 0.1) {
            let v = (kin.angle(at: t + h).theta - kin.angle(at: t - h).theta) / (2 * h)
            let acc = (kin.angle(at: t + h).velocity - kin.angle(at: t - h).velocity) / (2 * h)
            #expect(abs(v - kin.angle(at: t).velocity) < 1e-6)
            #expect(abs(acc - kin.angle(at: t).acceleration) < 1e-4)
        }
    }
}
