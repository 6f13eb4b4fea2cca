import Foundation

/// What one leg's detection cannot see: its sensor's noise and resolution, the tilt onset level
/// they set, and the smallest leg movement found with at least 90 % sensitivity.
///
/// The limit is the tilt a movement's gravity direction must reach so that, with the measured
/// noise of the gravity series added, it crosses the onset level with probability 0.9: the onset
/// level plus 1.28 noise RMS (the 90 % quantile of a normal deviation), read as the change of the
/// acceleration vector a rotation by that angle makes, `2 sin(theta / 2)` g. Faster movements
/// are also seen by the dynamic channel and can be found below it; slower or smaller ones are
/// missed more often than not. `Tests/PLMSignalTests/DetectionLimitTests.swift` checks the
/// figure against constructed movements in constructed noise.
public struct DetectionLimit: Sendable, Hashable, Codable {
    /// The sensor's noise and resolution, measured from its samples.
    public var sensorNoise: SensorNoise
    /// Low-pass corner the gravity series was smoothed with, Hz (lower on noisier sensors).
    public var tiltCornerHz: Double
    /// The tilt onset level in use (the floor or the noise-scaled level), degrees.
    public var tiltOnsetDegrees: Double
    /// Smallest tilt found with at least 90 % sensitivity, degrees.
    public var limitDegrees: Double
    /// The same as a peak change of the acceleration vector, g.
    public var limitPeakDeviationG: Double

    public init(sensorNoise: SensorNoise, tiltCornerHz: Double, tiltOnsetDegrees: Double, seriesNoiseDegrees: Double) {
        self.sensorNoise = sensorNoise
        self.tiltCornerHz = tiltCornerHz
        self.tiltOnsetDegrees = tiltOnsetDegrees
        limitDegrees = tiltOnsetDegrees + Self.ninetyPercentQuantile * seriesNoiseDegrees
        limitPeakDeviationG = 2 * sin(limitDegrees * Double.pi / 180 / 2)
    }

    /// The 90 % quantile of the standard normal distribution.
    static let ninetyPercentQuantile = 1.281_55
}
