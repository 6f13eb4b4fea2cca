import Foundation
import PLMCore
import PLMReaders
import Testing

@testable import PLMSignal

/// Movements on the energy of the acceleration vector (``DetectionSettings/energyMeanWindowS``,
/// branch `weak8`): on an 8-bit +-4 g 20-Hz leg with 9 mg of noise, small LMs that hardly tilt
/// the leg but shake it across gravity are found on the energy, and a still leg gains nothing.
struct EnergyRuleTests {
    /// Branch weak7's right leg (`linearPartnersAcrossGravityStayUnseenOnTheMagnitude`): eight
    /// 1.5-s LMs of 0.3 degree (0.4-s ramps, 0.7-s hold), 40 s apart, each with a 50-mg sine
    /// pulse of linear acceleration across gravity (x) of period 0.3 s in its hold, lasting
    /// `pulseS` from 0.5 s after the onset (weak7: one period, 0.3 s), in 30 minutes of 9-mg noise
    /// rounded to 8-bit +-4 g steps at 20 Hz.
    static func shakenLeg(pulseS: Double) -> (lms: [ShapedMovement], recording: AccelerationRecording) {
        let times = (0..<8).map { 600 + 40 * Double($0) }
        let small = times.map { ShapedMovement(onsetS: $0, riseS: 0.4, holdS: 0.7, fallS: 0.4, amplitudeDegrees: 0.3) }
        var right = shapedRecording(durationS: 1800, rateHz: 20, noiseG: 0, movements: small, seed: 42)
        var rng = SeededGenerator(seed: 44)
        let quantum = 8.0 / 256
        func coarse(_ v: Double) -> Float { Float((v / quantum).rounded() * quantum) }
        for i in 0..<right.sampleCount {
            let t = Double(i) / 20
            var linear = 0.0
            for lm in small where t >= lm.onsetS + 0.5 && t < lm.onsetS + 0.5 + pulseS {
                linear = 0.05 * sin(2 * Double.pi * (t - lm.onsetS - 0.5) / 0.3)
            }
            right.x[i] = coarse(Double(right.x[i]) + linear + 0.009 * rng.gaussian())
            right.y[i] = coarse(Double(right.y[i]) + 0.009 * rng.gaussian())
            right.z[i] = coarse(Double(right.z[i]) + 0.009 * rng.gaussian())
        }
        return (small, right)
    }

    static var energyOff: LegMovementDetector {
        var settings = DetectionSettings.default
        settings.energyMeanWindowS = 0
        return LegMovementDetector(settings: settings)
    }

    /// With a 0.6-s pulse (two periods): without the rule at most 2 of the 8 are found (0 when
    /// written), with it at least 5 (5, 0.55-0.8 s long, starting at the pulse: the LM's 0.3-degree
    /// ramps are not in the extent), and nothing of at least 0.5 s away from them. (weak7's single 0.3-s period
    /// lifts the statistic to only 0.8-1.0 of its level, a numpy copy of this leg: the rule does
    /// not reach those; docs/detection.md, "Investigated on branch weak8".)
    @Test func smallLMsAcrossGravityAreFoundOnTheEnergy() {
        let (lms, recording) = Self.shakenLeg(pulseS: 0.6)
        let with = LegMovementDetector().detect(recording, side: .right).movements.filter { !$0.isShorterThanMinimumLM }
        let without = Self.energyOff.detect(recording, side: .right).movements.filter { !$0.isShorterThanMinimumLM }
        func matched(_ found: [LegMovement]) -> Int {
            lms.filter { lm in found.contains { $0.onsetS < lm.offsetS && $0.offsetS > lm.onsetS } }.count
        }
        let unmatched = with.filter { m in !lms.contains { m.onsetS < $0.offsetS + 2 && m.offsetS > $0.onsetS - 2 } }
        print("energy: with \(matched(with)) of 8 \(with.map { ($0.onsetS, $0.durationS) }), without \(matched(without))")
        #expect(matched(without) <= 2, "without: \(without.map { ($0.onsetS, $0.durationS) })")
        #expect(matched(with) >= 5, "with: \(with.map { ($0.onsetS, $0.durationS) })")
        #expect(unmatched.isEmpty, "\(unmatched.map { ($0.onsetS, $0.durationS) })")
    }

    /// A still 8-bit hour (8 and 9 mg of noise, the seeds of `stillEightBitHourHasNoMovement`
    /// and two more) gains nothing: the same movements with the rule as without it.
    @Test(arguments: [(0.008, UInt64(13)), (0.009, UInt64(13)), (0.008, UInt64(14)), (0.009, UInt64(15))])
    func stillEightBitHourGainsNothing(noiseG: Double, seed: UInt64) {
        let recording = shapedRecording(
            durationS: 3600, rateHz: 20, noiseG: noiseG, movements: [], quantumG: 8.0 / 256, seed: seed)
        let with = LegMovementDetector().detect(recording, side: .left).movements
        let without = Self.energyOff.detect(recording, side: .left).movements
        #expect(with == without, "with \(with.map { ($0.onsetS, $0.durationS) })")
    }
}
