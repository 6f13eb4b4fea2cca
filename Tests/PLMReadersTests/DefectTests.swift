import Foundation
import Testing
import PLMCore

@testable import PLMReaders

/// A generic 10 Hz unix-seconds file with one defect of each kind, built row by row so that every
/// expected span can be worked out by hand (times in hundredths of a second after 1700000000 s):
///
/// | rows | times (s) | content |
/// |---|---|---|
/// | 0-9 | 0.00 ... 0.90 | regular |
/// | 10 | 0.90 | duplicate of row 9's time |
/// | 11 | 1.00 | regular |
/// | 12 | 0.95 | backwards |
/// | 13-19 | 1.05 ... 1.65 | regular; row 15 has an empty y, row 16 x = NaN |
/// | 20-149 | 3.05 + 0.1 (i - 20) | after a 1.40 s step: a gap of 14 periods, 13 missing samples |
/// | 20-22 | | 0,0,0 |
/// | 23-142 | | 120 identical rows (12 s >= 10 s): idle fill |
/// | 144, 145 | | x = +8 and -8 g: clipping at the ±8 g range |
///
/// File line of row i is i + 2 (line 1 is the header).
func defectFile() -> String {
    func time(_ row: Int) -> Int {
        switch row {
        case 0...9: return row * 10
        case 10: return 90
        case 11: return 100
        case 12: return 95
        case 13...19: return 105 + (row - 13) * 10
        default: return 305 + (row - 20) * 10
        }
    }
    var text = "time,x,y,z\n"
    for row in 0..<150 {
        let h = time(row)
        let stamp = "\(1_700_000_000 + h / 100)." + (h % 100 < 10 ? "0" : "") + "\(h % 100)"
        let values: String
        switch row {
        case 15: values = "0.015,,-0.99"
        case 16: values = "NaN,0.016,-0.99"
        case 20...22: values = "0,0,0"
        case 23...142: values = "0.01,0.02,-0.99"
        case 144: values = "8.0,0.1,-0.9"
        case 145: values = "-8.0,0.1,-0.9"
        default: values = "0.\(100 + row),0.05,-0.98"
        }
        text += stamp + "," + values + "\n"
    }
    return text
}

@Suite("Defects: found, reported with spans, never filled")
struct DefectTests {
    let recording: AccelerationRecording

    init() throws {
        recording = try RecordingReader.read(path: try TestFiles.write(defectFile()), options: ReadOptions())
    }

    func only(_ kind: RecordingDefect.Kind) throws -> RecordingDefect {
        let found = recording.defects.filter { $0.kind == kind }
        #expect(found.count == 1, "\(kind): \(found.map(\.detail))")
        return try #require(found.first)
    }

    @Test func rowsAreKeptOnePerLine() {
        #expect(recording.sampleCount == 150)
        // Regular steps: 9 + 1 + 1 + 6 + 129 = 146 of 0.1 s: exactly 10 Hz.
        #expect(close(recording.sampleRateHz, 10, 1e-6))
        #expect(recording.defects.count == 7)
    }

    @Test func gap() throws {
        let d = try only(.gap)
        #expect(close(d.span.startS, 1.75, 1e-6) && close(d.span.endS, 3.05, 1e-6))
        #expect(d.sampleRange == 20..<20 && d.sampleCount == 13 && d.line == 22)
    }

    @Test func duplicateTime() throws {
        let d = try only(.duplicateTime)
        #expect(d.sampleRange == 10..<11 && d.line == 12)
        #expect(close(d.span.startS, 0.9, 1e-6) && close(d.span.endS, 1.0, 1e-6))
    }

    @Test func backwardsTime() throws {
        let d = try only(.nonMonotonicTime)
        #expect(d.sampleRange == 12..<13 && d.line == 14)
        #expect(close(d.span.startS, 0.95, 1e-6) && close(d.span.endS, 1.05, 1e-6))
    }

    @Test func missingValuesStayNaN() throws {
        let d = try only(.missingValue)
        #expect(d.sampleRange == 15..<17 && d.sampleCount == 2 && d.line == 17)
        #expect(close(d.span.startS, 1.25, 1e-6) && close(d.span.endS, 1.45, 1e-6))
        #expect(recording.y[15].isNaN && recording.x[16].isNaN)
        #expect(recording.x[15] == Float(0.015) && recording.y[16] == Float(0.016))
    }

    @Test func zeroFill() throws {
        let d = try only(.zeroFill)
        #expect(d.sampleRange == 20..<23 && d.line == 22)
        #expect(close(d.span.startS, 3.05, 1e-6) && close(d.span.endS, 3.35, 1e-6))
    }

    @Test func idleFill() throws {
        let d = try only(.idleFill)
        #expect(d.sampleRange == 23..<143 && d.sampleCount == 120 && d.line == 25)
        #expect(close(d.span.startS, 3.35, 1e-6) && close(d.span.endS, 15.35, 1e-6))
    }

    @Test func clipping() throws {
        let d = try only(.clipping)
        #expect(d.sampleRange == 144..<146 && d.sampleCount == 2 && d.line == 146)
        #expect(close(d.span.startS, 15.45, 1e-6) && close(d.span.endS, 15.65, 1e-6))
        // 0.2 s at the range is a movement's peak: reported, kept in detection and scoring.
        #expect(!d.excludesFromScoring)
    }

    /// A clipping run longer than the longest leg movement (10 s, WASM 2016) is not one
    /// movement's peak and is excluded; one of 10 s or less is kept.
    @Test func longClippingIsExcluded() {
        func clipping(seconds: Double) -> RecordingDefect {
            RecordingDefect(
                kind: .clipping, span: TimeSpan(startS: 100, endS: 100 + seconds), sampleRange: 0..<1, sampleCount: 1,
                line: nil, detail: "test")
        }
        #expect(!clipping(seconds: 10).excludesFromScoring)
        #expect(clipping(seconds: 10.04).excludesFromScoring)
    }

    @Test func defectsAreInTimeOrderAndDescribed() {
        let starts = recording.defects.map(\.span.startS)
        #expect(starts == starts.sorted())
        #expect(recording.defects.allSatisfy { !$0.detail.isEmpty })
        // All but the short clipping run (a movement's peak) exclude their time.
        #expect(recording.defects.filter { !$0.excludesFromScoring }.map(\.kind) == [.clipping])
    }

    @Test func shortIdenticalRunIsNotIdleFill() throws {
        // 50 identical rows at 10 Hz = 5 s < 10 s: a still sensor, not fill.
        var text = "time,x,y,z\n"
        for i in 0..<60 { text += "\(1_700_000_000 + i / 10).\(i % 10),\(i < 50 ? "0.01" : "0.0\(i - 40)"),0.02,-0.99\n" }
        let r = try RecordingReader.read(path: try TestFiles.write(text), options: ReadOptions())
        #expect(r.defects.isEmpty, "\(r.defects.map(\.detail))")
    }
}
