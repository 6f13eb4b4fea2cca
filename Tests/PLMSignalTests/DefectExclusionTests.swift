import Foundation
import PLMCore
import PLMReaders
import Testing
@testable import PLMSignal

@Suite struct DefectExclusionTests {
    func defect(_ kind: RecordingDefect.Kind, samples: Range<Int>, rateHz: Double = 100) -> RecordingDefect {
        RecordingDefect(
            kind: kind, span: TimeSpan(startS: Double(samples.lowerBound) / rateHz, endS: Double(samples.upperBound) / rateHz),
            sampleRange: samples, sampleCount: samples.count, line: nil, detail: "test")
    }

    /// Valid runs are the samples between excluding defects; a rate mismatch excludes nothing.
    @Test func segmentsBetweenDefects() {
        let recording = constructedRecording(
            durationS: 100,
            defects: [
                defect(.zeroFill, samples: 1_000..<1_500), defect(.clipping, samples: 4_000..<4_010),
                defect(.rateMismatch, samples: 0..<10_000),
            ])
        let segments = ValidSegments(recording)
        #expect(segments.sampleRanges == [0..<1_000, 1_500..<4_000, 4_010..<10_000])
        #expect(segments.excludedSpans == [TimeSpan(startS: 10, endS: 15), TimeSpan(startS: 40, endS: 40.1)])
        #expect(abs(segments.validDurationS - (100 - 5 - 0.1)) < 1e-9)
    }

    /// A gap covers no sample but still separates the samples on its two sides.
    @Test func gapSplitsWithoutSamples() {
        var times = (0..<2_000).map { Double($0) / 100 }
        for i in 1_000..<2_000 { times[i] += 30 }  // 30 s without samples after sample 999
        var recording = constructedRecording(durationS: 20)
        recording.sampleTimesS = times
        recording.defects = [
            RecordingDefect(
                kind: .gap, span: TimeSpan(startS: 10, endS: 40), sampleRange: 1_000..<1_000, sampleCount: 3_000,
                line: 1_001, detail: "30 s without samples")
        ]
        let segments = ValidSegments(recording)
        #expect(segments.sampleRanges == [0..<1_000, 1_000..<2_000])
        #expect(segments.excludedSpans == [TimeSpan(startS: 10, endS: 40)])
        #expect(abs(segments.validDurationS - 20) < 1e-9)
    }

    /// No movement is invented at a defect: the sensor's orientation differs by 25 degrees (20 to 45) on the
    /// two sides of a zero-filled stretch (it was taken off and put back), which would be a huge
    /// tilt step if filtered across.
    @Test func noMovementInventedAcrossDefect() {
        let recording = constructedRecording(
            durationS: 120,
            defects: [defect(.zeroFill, samples: 6_000..<6_500)]
        ) { x, y, z in
            let turned = 45 * Double.pi / 180
            for i in 6_000..<6_500 {
                x[i] = 0
                y[i] = 0
                z[i] = 0
            }
            for i in 6_500..<x.count {
                y[i] = Float(sin(turned)) + (y[i] - Float(sin(20 * Double.pi / 180)))
                z[i] = Float(cos(turned)) + (z[i] - Float(cos(20 * Double.pi / 180)))
            }
        }
        let detection = LegMovementDetector().detect(recording, side: .left)
        #expect(detection.movements.isEmpty, "\(detection.movements)")
        #expect(detection.excludedSpans == [TimeSpan(startS: 60, endS: 65)])
        #expect(abs(detection.validDurationS - 115) < 1e-9)
    }

    /// A movement cut by a long defect is not split into two movements: both parts are rejected
    /// as cut (their onset or offset is unknown). One cut by a short defect (clipping at its peak,
    /// 0.3 s) is kept whole across it.
    @Test func movementAcrossDefect() {
        let movement = ConstructedMovement(onsetS: 30, durationS: 6, amplitudeDegrees: 15)
        let long = constructedRecording(
            durationS: 60, movements: [movement], defects: [defect(.idleFill, samples: 3_200..<3_400)])
        let longDetection = LegMovementDetector().detect(long, side: .left)
        #expect(longDetection.movements.isEmpty, "\(longDetection.movements)")
        #expect(longDetection.rejected.map(\.reason) == [.cutByExcludedTime, .cutByExcludedTime])

        let short = constructedRecording(
            durationS: 60, movements: [movement], defects: [defect(.clipping, samples: 3_200..<3_230)])
        let shortDetection = LegMovementDetector().detect(short, side: .left)
        #expect(shortDetection.movements.count == 1, "\(shortDetection.movements)")
        if let found = shortDetection.movements.first {
            #expect(found.onsetS < 31 && found.offsetS > 35)
        }
    }
}
