import Foundation
import PLMCore
import PLMReaders
import Testing
@testable import PLMSignal

/// The detector on several threads (``OrderedPrefetch`` under a ``CoreBudget``) gives what it
/// gives on one: the same movements, rejections and trace, to the bit.
@Suite struct ParallelDetectionTests {
    /// 1 h 4 min at 100 Hz in 5-minute chunks (13 chunks, two valid runs around a zero-filled
    /// stretch), with 150 movements (five batches of candidates) of every size, some across chunk
    /// boundaries.
    static let recording: AccelerationRecording = {
        var movements: [ConstructedMovement] = []
        for k in 0..<150 {
            movements.append(
                ConstructedMovement(
                    onsetS: 10 + 25 * Double(k) + 0.37 * Double(k % 3), durationS: 0.6 + Double(k % 6),
                    amplitudeDegrees: 1.5 + 4 * Double(k % 7)))
        }
        let gap = 200_000..<200_600
        return constructedRecording(
            durationS: 3_840, noiseG: 0.005, movements: movements,
            defects: [
                RecordingDefect(
                    kind: .zeroFill, span: TimeSpan(startS: Double(gap.lowerBound) / 100, endS: Double(gap.upperBound) / 100),
                    sampleRange: gap, sampleCount: gap.count, line: nil, detail: "test")
            ])
    }()

    @Test(arguments: [2, 3, 8]) func sameAsOneThread(threads: Int) {
        var settings = DetectionSettings.default
        settings.processingChunkS = 300
        let one = LegMovementDetector(settings: settings, buildThreads: 1).detect(Self.recording, side: .left)
        let many = LegMovementDetector(settings: settings, buildThreads: threads).detect(Self.recording, side: .left)
        // Enough work to split: more candidates than one classification batch holds.
        #expect(one.movements.count + one.rejected.count > 4 * LegMovementDetector.classificationBatch)
        #expect(one.movements.count >= 100)
        #expect(many.movements == one.movements)
        #expect(many.rejected == one.rejected)
        #expect(many.activityTrace.peakTiltDegrees == one.activityTrace.peakTiltDegrees)
        #expect(many.activityTrace.peakDynamicAccelerationG == one.activityTrace.peakDynamicAccelerationG)
        #expect(many.excludedSpans == one.excludedSpans)
    }

    /// Out-of-range thread counts are clamped, not trusted.
    @Test func threadCountClamped() {
        #expect(LegMovementDetector(buildThreads: 0).buildThreads == 1)
        #expect(LegMovementDetector(buildThreads: -5).buildThreads == 1)
        #expect(LegMovementDetector(buildThreads: 1_000).buildThreads == 16)
        #expect(LegMovementDetector().buildThreads == max(1, min(16, ProcessInfo.processInfo.activeProcessorCount)))
    }
}
