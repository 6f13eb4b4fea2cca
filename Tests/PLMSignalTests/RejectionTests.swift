import Foundation
import Testing
@testable import PLMSignal

@Suite struct RejectionTests {
    /// Single-sample spikes of 1-6 g on a quiet leg never become movements.
    @Test(arguments: [1.0, 3.0, 6.0]) func spikesAreNotMovements(spikeG: Float) {
        let recording = constructedRecording(durationS: 120, noiseG: 0.004) { x, y, z in
            x[2_000] += spikeG
            y[5_000] -= spikeG
            z[8_000] += spikeG
        }
        let detection = LegMovementDetector().detect(recording, side: .left)
        #expect(detection.movements.filter { !$0.isShorterThanMinimumLM }.isEmpty, "\(detection.movements)")
        #expect(detection.movements.isEmpty, "\(detection.movements)")
    }

    /// The same at the low rates of real devices (30 Hz ActiGraph, 50 Hz): the spectral bands move
    /// inside the spectrum, and a constructed movement is still found.
    @Test(arguments: [30.0, 50.0]) func lowRates(rateHz: Double) {
        let recording = constructedRecording(
            durationS: 120, rateHz: rateHz, noiseG: 0.004,
            movements: [ConstructedMovement(onsetS: 60, durationS: 2, amplitudeDegrees: 8)]
        ) { x, y, _ in
            x[Int(20 * rateHz)] += 3
            y[Int(90 * rateHz)] -= 3
        }
        let detection = LegMovementDetector().detect(recording, side: .left)
        #expect(detection.movements.count == 1, "\(detection.movements)")
        if let found = detection.movements.first { #expect(abs(found.onsetS - 60) < 0.3) }
    }

    /// A spike inside a leg movement does not make it look like a spike.
    @Test func spikeInsideMovementKeepsIt() {
        let recording = constructedRecording(
            durationS: 60, noiseG: 0.006, movements: [ConstructedMovement(onsetS: 30, durationS: 3, amplitudeDegrees: 4)]
        ) { x, _, _ in x[3_150] += 4 }
        let detection = LegMovementDetector().detect(recording, side: .left)
        #expect(detection.movements.count == 1, "\(detection.movements) \(detection.rejected)")
    }

    /// A 12 Hz vibration (a phone buzzing on the mattress) of 50 mg for 3 s is rejected as vibration.
    @Test func vibrationIsRejected() {
        let recording = constructedRecording(durationS: 60, noiseG: 0.004) { _, y, z in
            for i in 3_000..<3_300 {
                let v = Float(0.05 * sin(2 * Double.pi * 12 * Double(i) / 100))
                y[i] += v * Float(sin(20 * Double.pi / 180))
                z[i] += v * Float(cos(20 * Double.pi / 180))
            }
        }
        let detection = LegMovementDetector().detect(recording, side: .left)
        #expect(detection.movements.isEmpty, "\(detection.movements)")
        #expect(detection.rejected.contains { $0.reason == .vibration })
    }
}
