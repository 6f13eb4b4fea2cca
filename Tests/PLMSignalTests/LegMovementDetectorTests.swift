import Foundation
import PLMCore
import PLMReaders
import Testing
@testable import PLMSignal

@Suite struct LegMovementDetectorTests {
    static let truth = [
        ConstructedMovement(onsetS: 30, durationS: 2, amplitudeDegrees: 10),
        ConstructedMovement(onsetS: 60, durationS: 1, amplitudeDegrees: 4),
        ConstructedMovement(onsetS: 90, durationS: 4, amplitudeDegrees: 20),
        ConstructedMovement(onsetS: 120, durationS: 0.8, amplitudeDegrees: 5),
        ConstructedMovement(onsetS: 150, durationS: 6, amplitudeDegrees: 8),
    ]

    /// Each constructed dorsiflexion is found once and nothing else is. Where its onset and offset
    /// can be: the tilt rises as `A/2 (1 - cos(pi t / ramp))`, so it reaches the onset threshold
    /// `T` at `ramp / pi * acos(1 - 2 T / A)` after the onset; the tangential acceleration of a
    /// fast rise may trigger earlier. So the onset lies between the true onset and that crossing,
    /// the offset between the fall through the offset threshold and the true offset, each with
    /// 0.15 s of slack for the filters' spread and the 20 ms tilt bins (0.25 s outwards, where
    /// the edges walk to the ramps' feet).
    @Test(arguments: [0.002, 0.006]) func findsConstructedMovements(noiseG: Double) {
        let recording = constructedRecording(durationS: 180, noiseG: noiseG, movements: Self.truth)
        let settings = DetectionSettings.default
        let detection = LegMovementDetector(settings: settings).detect(recording, side: .right)
        #expect(detection.movements.count == Self.truth.count, "\(detection.movements)")
        for (found, expected) in zip(detection.movements, Self.truth) {
            let a = expected.amplitudeDegrees, ramp = expected.rampS
            let onsetCrossS = expected.onsetS + ramp / Double.pi * acos(1 - 2 * settings.onsetTiltDegrees / a)
            let offsetCrossS = expected.offsetS - ramp / Double.pi * acos(1 - 2 * settings.offsetTiltDegrees / a)
            // The edges walk down the low-passed tilt to the feet of the ramps and may go on a few
            // 40-ms bins into the quiet while the noise keeps falling: 0.25 s of slack outwards.
            #expect(found.onsetS > expected.onsetS - 0.25 && found.onsetS < onsetCrossS + 0.15, "\(found) vs \(expected)")
            #expect(found.offsetS > offsetCrossS - 0.15 && found.offsetS < expected.offsetS + 0.25, "\(found) vs \(expected)")
            #expect(found.side == .right)
            #expect(found.tiltChangeDegrees > 0.8 * a && found.tiltChangeDegrees < 1.2 * a)
        }
        #expect(detection.rejected.isEmpty)
        #expect(detection.excludedSpans.isEmpty)
        #expect(abs(detection.validDurationS - 180) < 1e-9)
    }

    /// A quiet night gives no movement at 6 mg RMS noise (the noisy-sensor end of DOMAIN.md).
    @Test func quietRecordingHasNoMovements() {
        let detection = LegMovementDetector().detect(constructedRecording(durationS: 600, noiseG: 0.006), side: .left)
        #expect(detection.movements.isEmpty)
    }

    /// The resting level of the dynamic channel: for a 3 Hz, 10 mg magnitude oscillation it is
    /// the mean of |10 mg sin|, 2/pi * 10 mg = 6.37 mg (3 Hz passes the 15 Hz low-pass with gain
    /// 1.0000 and the 90-s median baseline is 1 g); dynamic bursts filling 20 % of the time do not
    /// lift it (30th percentile of 1-s bins).
    @Test(arguments: [false, true]) func restingLevelIsRobust(withBursts: Bool) {
        let recording = constructedRecording(durationS: 120, noiseG: 0) { _, _, z in
            for i in z.indices {
                let t = Double(i) / 100
                var extra = 0.01 * sin(2 * Double.pi * 3 * t)
                if withBursts && Int(t) % 10 < 2 { extra += 0.08 * sin(2 * Double.pi * 2 * t) }
                // Along the gravity direction (z carries cos 20 deg of it), so the magnitude moves.
                z[i] += Float(extra / cos(20 * Double.pi / 180))
            }
        }
        let settings = DetectionSettings.default
        let design = ButterworthResponse(band: .lowPass(cutoffHz: settings.dynamicLowPassHz), order: 2, sampleRateHz: 100)
        guard let filter = ZeroPhaseFilter(response: design) else {
            Issue.record("filter")
            return
        }
        let signal = MovementSignal(
            recording, range: 0..<recording.sampleCount, settings: settings, dynamicFilter: filter, tiltFilter: nil,
            tiltBinSamples: 2)
        let expected = 2 / Double.pi * 0.01
        for bin in 20..<100 {
            #expect(abs(signal.restingLevelG[bin] - expected) < 0.0005, "bin \(bin): \(signal.restingLevelG[bin])")
        }
    }

    /// Detection runs for both legs at once from two tasks (the detector is a Sendable value).
    @Test func bothLegsInParallel() async {
        let detector = LegMovementDetector()
        let left = constructedRecording(durationS: 180, movements: Self.truth, seed: 1)
        let right = constructedRecording(durationS: 180, movements: Self.truth, seed: 2)
        async let l = detector.detect(left, side: .left)
        async let r = detector.detect(right, side: .right)
        let (dl, dr) = await (l, r)
        #expect(dl.movements.count == Self.truth.count)
        #expect(dr.movements.count == Self.truth.count)
        #expect(dl.movements.allSatisfy { $0.side == .left })
    }

    /// Same input, same output, bit for bit.
    @Test func deterministic() {
        let recording = constructedRecording(durationS: 180, movements: Self.truth)
        let a = LegMovementDetector().detect(recording, side: .left)
        let b = LegMovementDetector().detect(recording, side: .left)
        #expect(a.movements == b.movements)
        #expect(a.activityTrace == b.activityTrace)
    }

    /// The activity trace has one bin per second and peaks where the movements are.
    @Test func activityTrace() {
        let recording = constructedRecording(durationS: 180, movements: Self.truth)
        let trace = LegMovementDetector().detect(recording, side: .left).activityTrace
        #expect(trace.binWidthS == 1)
        #expect(trace.peakTiltDegrees.count == 180)
        #expect(trace.peakTiltDegrees[31] > 5)
        #expect(trace.peakTiltDegrees[10] < 0.5)
    }

    /// Movements under 0.5 s are kept and flagged (the scorer decides what counts).
    @Test func shortMovementsAreKeptAndFlagged() {
        let recording = constructedRecording(
            durationS: 60, movements: [ConstructedMovement(onsetS: 30, durationS: 0.3, amplitudeDegrees: 6)])
        let movements = LegMovementDetector().detect(recording, side: .left).movements
        #expect(movements.count == 1)
        #expect(movements.first?.isShorterThanMinimumLM == true)
    }

    /// A strong 0.4-s twitch (8 degrees, 0.18 g tangential acceleration) stays under 0.5 s: the
    /// filters' spread is trimmed off on the raw acceleration (edge refinement), so it is kept
    /// and flagged, not turned into a minimum-length LM. Its edges are within 50 ms of the truth.
    @Test func strongTwitchKeepsItsDuration() {
        let twitch = ConstructedMovement(onsetS: 30, durationS: 0.4, amplitudeDegrees: 8)
        let recording = constructedRecording(durationS: 60, noiseG: 0.004, movements: [twitch])
        let movements = LegMovementDetector().detect(recording, side: .left).movements
        #expect(movements.count == 1)
        if let found = movements.first {
            #expect(found.isShorterThanMinimumLM, "\(found)")
            #expect(abs(found.onsetS - twitch.onsetS) < 0.05 && abs(found.offsetS - twitch.offsetS) < 0.05, "\(found)")
        }
    }

    /// Processing in 1-minute chunks gives the movements of a single pass (memory is bounded by
    /// the chunk): movements placed across chunk boundaries (60, 120, ... s) included.
    @Test func chunkedEqualsWhole() {
        var movements: [ConstructedMovement] = []
        for k in 1..<25 {
            let onsetS: Double = Double(k) * 60 - 1 + 0.37 * Double(k % 3)
            let durationS: Double = 1 + Double(k % 5)
            let amplitudeDegrees: Double = 3 + 3 * Double(k % 7)
            movements.append(ConstructedMovement(onsetS: onsetS, durationS: durationS, amplitudeDegrees: amplitudeDegrees))
        }
        let recording = constructedRecording(durationS: 1_560, noiseG: 0.004, movements: movements)
        var chunked = DetectionSettings.default
        chunked.processingChunkS = 60
        var whole = DetectionSettings.default
        whole.processingChunkS = 3_600
        let a = LegMovementDetector(settings: chunked).detect(recording, side: .left)
        let b = LegMovementDetector(settings: whole).detect(recording, side: .left)
        #expect(a.movements.count == movements.count)
        #expect(a.movements.map { $0.onsetS } == b.movements.map { $0.onsetS })
        #expect(a.movements.map { $0.offsetS } == b.movements.map { $0.offsetS })
        #expect(a.activityTrace.peakTiltDegrees.count == b.activityTrace.peakTiltDegrees.count)
        let traceDifference = zip(a.activityTrace.peakTiltDegrees, b.activityTrace.peakTiltDegrees).map { abs($0 - $1) }.max() ?? 0
        #expect(traceDifference < 1e-3)
    }

    /// The settings list every value once, by name, for the report.
    @Test func settingsEntries() throws {
        let entries = DetectionSettings.default.entries
        #expect(Set(entries.map(\.name)).count == entries.count)
        #expect(entries.first { $0.name == "offsetQuietDurationS" }?.value == PublishedRules.offsetQuietDurationS)
        let data = try JSONEncoder().encode(DetectionSettings.default)
        #expect(try JSONDecoder().decode(DetectionSettings.self, from: data) == .default)
    }
}
