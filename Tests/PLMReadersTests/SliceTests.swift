import PLMCore
import Testing

@testable import PLMReaders

@Suite("Recording slices")
struct SliceTests {
    /// 100 samples at 10 Hz with per-sample times, a clock, a clipping defect on samples 40..<50
    /// and a gap between samples 69 and 70 (times jump by 5 s from sample 70 on).
    func recording() -> AccelerationRecording {
        let times = (0..<100).map { i in Double(i) / 10 + (i >= 70 ? 5 : 0) }
        return AccelerationRecording(
            path: "a.csv", layout: .generic, start: RecordingClockTime(secondsSince1970: 1000, utcOffsetS: 3600),
            declaredRateHz: 10, sampleRateHz: 10, x: (0..<100).map(Float.init), y: [Float](repeating: 0, count: 100),
            z: [Float](repeating: 1, count: 100), sampleTimesS: times,
            defects: [
                RecordingDefect(kind: .clipping, span: TimeSpan(startS: 4, endS: 4.9), sampleRange: 40..<50, sampleCount: 10, line: 41, detail: "c"),
                RecordingDefect(kind: .gap, span: TimeSpan(startS: 6.9, endS: 12), sampleRange: 70..<70, sampleCount: 50, line: 71, detail: "g"),
            ])
    }

    @Test("A slice starts at its first sample; its clock, times and defects move with it")
    func slice() {
        let r = recording()
        // [4.5 s, 13 s): samples 45...69 (4.5-6.9 s) and 70...79 (12.0-12.9 s).
        let s = r.slice(fromS: 4.5, toS: 13)
        #expect(s.sampleCount == 35)
        #expect(s.x.first == 45 && s.x.last == 79)
        #expect(s.start == RecordingClockTime(secondsSince1970: 1004.5, utcOffsetS: 3600))
        #expect(abs((s.sampleTimesS?.first ?? -1) - 0) < 1e-12)
        #expect(abs((s.sampleTimesS?.last ?? -1) - 8.4) < 1e-9)
        #expect(s.defects.count == 2)
        let clip = s.defects[0], gap = s.defects[1]
        #expect(clip.sampleRange == 0..<5 && clip.sampleCount == 5)
        #expect(abs(clip.span.startS - 0) < 1e-9 && abs(clip.span.endS - 0.4) < 1e-9)
        #expect(gap.sampleRange.isEmpty && abs(gap.span.startS - 2.4) < 1e-9 && abs(gap.span.endS - 7.5) < 1e-9)
    }

    @Test("First sample at or after a time: binary search, and the ends")
    func search() {
        let r = recording()
        #expect(r.firstSample(atOrAfter: -1) == 0)
        #expect(r.firstSample(atOrAfter: 6.95) == 70)
        #expect(r.firstSample(atOrAfter: 1000) == 100)
    }
}
