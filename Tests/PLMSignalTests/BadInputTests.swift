import Foundation
import Testing
@testable import PLMSignal

@Suite struct BadInputTests {
    /// Nonsense settings (as could come from a file) are replaced by defaults, not trapped on.
    @Test func nonsenseSettingsAreSanitised() {
        var settings = DetectionSettings.default
        settings.activityTraceBinS = 0
        settings.levelBinS = -1
        settings.tiltRateHz = .nan
        settings.restingQuantile = 3
        settings.dynamicLowPassOrder = 0
        let detector = LegMovementDetector(settings: settings)
        #expect(detector.settings == .default)
        let detection = detector.detect(
            constructedRecording(durationS: 60, movements: [ConstructedMovement(onsetS: 30, durationS: 2, amplitudeDegrees: 10)]),
            side: .left)
        #expect(detection.movements.count == 1)
    }

    /// A recording without a usable rate, with axes of different lengths, or empty, gives no
    /// movements and does not trap.
    @Test func unusableRecordings() {
        var noRate = constructedRecording(durationS: 10)
        noRate.sampleRateHz = 0
        var ragged = constructedRecording(durationS: 10)
        ragged.z.removeLast(5)
        var empty = constructedRecording(durationS: 10)
        empty.x = []
        empty.y = []
        empty.z = []
        var tiny = constructedRecording(durationS: 0.03)
        tiny.defects = []
        for recording in [noRate, ragged, empty, tiny] {
            #expect(LegMovementDetector().detect(recording, side: .right).movements.isEmpty)
        }
    }
}
