import Foundation
import PLMCore
import PLMScoring
import Testing

@testable import PLMKit

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite("Annotation files")
struct AnnotationParserTests {
    // MARK: Leg movement events

    @Test("Events: header, sides, CRLF, comments and blank lines")
    func events() throws {
        let text = "\u{FEFF}onset_s,offset_s,side\r\n# a comment\r\n100.0,101.5,L\r\n\r\n102,103,r\r\n110.25,111,Left\n"
        let m = try LegMovementEventsFile.parse(bytes(text), file: "e.csv")
        #expect(m.count == 3)
        #expect(m[0] == LegMovement(side: .left, onsetS: 100, offsetS: 101.5))
        #expect(m[1].side == .right)
        #expect(m[2].onsetS == 110.25)
    }

    @Test("Events: columns in any order, extra columns ignored")
    func eventsColumnOrder() throws {
        let m = try LegMovementEventsFile.parse(bytes("side,type,offset_s,onset_s\nR,LM,5,4\n"), file: "e.csv")
        #expect(m == [LegMovement(side: .right, onsetS: 4, offsetS: 5)])
    }

    /// Each bad file names the line, the column, what was found and what was expected; exit 65.
    @Test(
        "Events: bad data names line, column, found and expected",
        arguments: [
            ("onset_s,offset_s,side\n1,2,L\n3,x,R\n", 3, 2, "'x'", "a number of seconds within ±10^9"),
            // Issue 12: numbers that would overflow sums and counts downstream are bad data at their line.
            ("onset_s,offset_s,side\n1e23,2e23,L\n", 2, 1, "'1e23'", "a number of seconds within ±10^9"),
            ("onset_s,offset_s,side\n1,2,B\n", 2, 3, "'B'", "L or R"),
            ("onset_s,offset_s,side\n5,4,L\n", 2, 2, "'4'", "an offset at or after the onset 5"),
            ("onset_s,offset_s,side\n1,2\n", 2, 3, "2 fields", "3 fields"),
            ("onset_s,offset_s,side\nnan,2,L\n", 2, 1, "'nan'", "a number of seconds within ±10^9"),
            ("1,2,L\n", 1, 1, "'1'", "a header line 'onset_s,offset_s,side'"),
        ])
    func eventsBad(text: String, line: Int, column: Int, found: String, expected: String) {
        #expect {
            _ = try LegMovementEventsFile.parse(bytes(text), file: "bad.csv")
        } throws: { error in
            guard let e = error as? AnnotationFileError else { return false }
            return e.kind == .badData && e.exitStatus == .dataError && e.file == "bad.csv" && e.line == line
                && e.column == column && e.found == found && e.expected == expected
                && e.description.contains("bad.csv:\(line):\(column)")
        }
    }

    @Test("Events: a header without a side column")
    func eventsMissingColumn() {
        #expect(throws: AnnotationFileError.self) {
            try LegMovementEventsFile.parse(bytes("onset_s,offset_s\n1,2\n"), file: "e.csv")
        }
        #expect(throws: AnnotationFileError.self) {
            try LegMovementEventsFile.parse([], file: "empty.csv")
        }
    }

    @Test("Missing file exits 66; a real file is read")
    func files() throws {
        let missing = "/nonexistent-dir-plm/events.csv"
        #expect {
            _ = try LegMovementEventsFile.read(path: missing)
        } throws: { error in
            (error as? AnnotationFileError)?.exitStatus == .noInput && (error as? AnnotationFileError)?.file == missing
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plm-annotations-\(UUID().uuidString).csv")
        try Data("onset_s,offset_s,side\n1,2,L\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try LegMovementEventsFile.read(path: url.path).count == 1)
    }

    // MARK: Respiratory events and arousals

    @Test("Spans: start/end, duration, extra columns")
    func spans() throws {
        let a = try TimeSpanAnnotationsFile.parse(
            bytes("start_s,end_s,type\n10,20,OA\n30.5,41,H\n"), file: "r.csv", content: .respiratoryEvents)
        #expect(a == [TimeSpan(startS: 10, endS: 20), TimeSpan(startS: 30.5, endS: 41)])
        let b = try TimeSpanAnnotationsFile.parse(bytes("onset_s,duration_s\n10,3\n"), file: "a.csv", content: .arousals)
        #expect(b == [TimeSpan(startS: 10, endS: 13)])
    }

    /// Recording starts 22:30:00 (81000 s of the day): 22:31:00 is 60 s, 00:00:10 the next day is
    /// 90 min + 10 s = 5410 s.
    @Test("Spans: clock times relative to the recording start, past midnight")
    func spansClock() throws {
        let a = try TimeSpanAnnotationsFile.parse(
            bytes("start,end\n22:31:00,22:31:12.5\n00:00:10,00:00:20\n"), file: "r.csv", content: .respiratoryEvents,
            recordingStartSecondsOfDay: 81_000)
        #expect(a == [TimeSpan(startS: 60, endS: 72.5), TimeSpan(startS: 5410, endS: 5420)])
        // Without the start time a clock time is bad data.
        #expect(throws: AnnotationFileError.self) {
            try TimeSpanAnnotationsFile.parse(bytes("start,end\n22:31:00,22:31:12\n"), file: "r.csv", content: .arousals)
        }
    }

    @Test("Spans: an end before its start")
    func spansBad() {
        #expect {
            _ = try TimeSpanAnnotationsFile.parse(bytes("start_s,end_s\n10,9\n"), file: "r.csv", content: .arousals)
        } throws: { error in
            let e = error as? AnnotationFileError
            return e?.line == 2 && e?.column == 2 && e?.expected == "an end at or after the start 10"
        }
    }

    // MARK: Hypnogram

    @Test("Hypnogram: stage codes, epochs of 30 s")
    func hypnogram() throws {
        let h = try HypnogramFile.parse(bytes("epoch,stage\n1,W\n2,N1\n3,2\n4,S4\n5,REM\n6,?\n"), file: "h.csv")
        #expect(h.stages == [.wake, .n1, .n2, .n3, .rem, .unscored])
        #expect(h.epochLengthS == 30)
        #expect(h.startS == 0)
        #expect(h.stage(at: 95) == .n3)  // epoch 4 covers 90-120 s
    }

    @Test("Hypnogram: onset column gives the start and must step by 30 s")
    func hypnogramOnsets() throws {
        let h = try HypnogramFile.parse(bytes("onset_s,stage\n60,W\n90,N2\n"), file: "h.csv")
        #expect(h.startS == 60)
        #expect(h.stages == [.wake, .n2])
        #expect {
            _ = try HypnogramFile.parse(bytes("onset_s,stage\n60,W\n100,N2\n"), file: "h.csv")
        } throws: { error in
            let e = error as? AnnotationFileError
            return e?.line == 3 && e?.column == 1 && e?.found == "'100'" && e?.exitStatus == .dataError
        }
    }

    @Test("Hypnogram: unknown stage and skipped epoch")
    func hypnogramBad() {
        #expect {
            _ = try HypnogramFile.parse(bytes("stage\nW\nN7\n"), file: "h.csv")
        } throws: { error in
            let e = error as? AnnotationFileError
            return e?.line == 3 && e?.column == 1 && e?.found == "'N7'"
        }
        #expect {
            _ = try HypnogramFile.parse(bytes("epoch,stage\n1,W\n3,W\n"), file: "h.csv")
        } throws: { error in
            (error as? AnnotationFileError)?.expected == "epoch 2 (consecutive epochs)"
        }
    }
}

/// Issue 12: numbers in annotation files that used to trap or overflow are bad data at their line.
@Suite("Annotation files: extreme numbers")
struct AnnotationExtremeNumberTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("A hypnogram whose first epoch is Int.max: the next epoch is bad data, not an overflow trap")
    func epochNearIntMax() {
        #expect {
            _ = try HypnogramFile.parse(bytes("epoch,stage\n\(Int.max),W\n\(Int.max),N2\n"), file: "h.csv")
        } throws: { error in
            (error as? AnnotationFileError).map { $0.line == 3 && $0.exitStatus == .dataError } ?? false
        }
    }

    @Test("Span files: a start of 1e300 s or a duration of 1e300 s is bad data at its line")
    func hugeSpans() {
        for text in ["start_s,end_s\n0,1\n1e300,2e300\n", "start_s,duration_s\n0,1\n5,1e300\n"] {
            #expect {
                _ = try TimeSpanAnnotationsFile.parse(bytes(text), file: "a.csv", content: .arousals)
            } throws: { error in
                (error as? AnnotationFileError).map { $0.line == 3 && $0.exitStatus == .dataError } ?? false
            }
        }
    }
}
