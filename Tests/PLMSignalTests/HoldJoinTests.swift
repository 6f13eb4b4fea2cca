import Foundation
import PLMCore
import PLMReaders
import Testing
@testable import PLMSignal

/// The rise and the fall of a movement whose hold the movement signal cannot see are joined.
@Suite struct HoldJoinTests {
    /// A dorsiflexion of a side-lying leg: a 0.4-s burst of linear acceleration at the rise
    /// (30.0-30.4 s) and at the fall (32.1-32.5 s), and in between the foot held tilted by
    /// `holdDegrees` about the sensor's x axis. 0.35 degree is below the tilt offset level
    /// (0.5 degree), so the hysteresis ends the movement after the rise; the mean direction of
    /// the 1.5-s quiet stretch differs from rest by 0.35 degree, ~18 standard errors at 2 mg
    /// noise (SE = 2 mg x sqrt(1/150 + 1/50) = 0.019 degree), while rest before and after agree:
    /// one movement of about 2.5 s. Without the hold (0 degree) the two bursts stay two movements,
    /// and with the join switched off the held one is two as well.
    @Test(arguments: [(0.35, true, 1), (0.0, true, 2), (0.35, false, 2)])
    func holdJoinsRiseAndFall(holdDegrees: Double, joinOn: Bool, expected: Int) {
        let rate = 100.0
        let recording = constructedRecording(durationS: 120, rateHz: rate, noiseG: 0.002, seed: 7) { _, y, z in
            let base = 20.0 * Double.pi / 180
            for i in y.indices {
                let t = Double(i) / rate
                var extra = 0.0
                for start in [30.0, 32.1] where t >= start && t < start + 0.4 {
                    let u = (t - start) / 0.4
                    extra += 0.1 * sin(2 * Double.pi * 3 * (t - start)) * 0.5 * (1 - cos(2 * Double.pi * u))
                }
                // Along the resting gravity direction, so the magnitude moves.
                y[i] += Float(extra * sin(base))
                z[i] += Float(extra * cos(base))
                if t >= 30.4 && t < 32.1 {
                    let held = base + holdDegrees * Double.pi / 180
                    y[i] += Float(sin(held) - sin(base))
                    z[i] += Float(cos(held) - cos(base))
                }
            }
        }
        var settings = DetectionSettings.default
        if !joinOn { settings.maxHoldGapS = 0 }
        let movements = LegMovementDetector(settings: settings).detect(recording, side: .left).movements
        #expect(movements.count == expected, "\(movements)")
        if expected == 1, let m = movements.first {
            #expect(m.onsetS > 29.8 && m.onsetS < 30.2, "\(m)")
            #expect(m.offsetS > 32.3 && m.offsetS < 32.7, "\(m)")
        }
    }
}
