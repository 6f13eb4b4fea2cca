import Foundation
import PLMCore
import Testing

@testable import PLMReports

@Suite("Recording clock")
struct RecordingClockTests {
    @Test("Offsets are added on the recording's wall clock, keeping the start's UTC offset", arguments: [
        // (start, offset s, expected) by hand.
        ("2024-03-01T22:41:07.250+01:00", 0.0, "2024-03-01T22:41:07.250+01:00"),
        ("2024-03-01T22:41:07.250+01:00", 4_732.75, "2024-03-02T00:00:00.000+01:00"),
        ("2023-12-31T23:00:00Z", 7_200.0005, "2024-01-01T01:00:00.001Z"),
        ("2023-02-28 23:30:00", 3_600.0, "2023-03-01T00:30:00.000"),
        ("2024-02-28T23:30:00.5", 86_400.0, "2024-02-29T23:30:00.500"),
        // The offset is written in the one ISO 8601 form, +hh:mm, whatever form the start used.
        ("2019-10-16T12:09:01.702+0200", 0.298, "2019-10-16T12:09:02.000+02:00"),
        ("2024-03-01T22:00", 59.9994, "2024-03-01T22:00:59.999"),
    ])
    func addOffsets(start: String, offset: Double, expected: String) throws {
        let clock = try #require(_RecordingClock(iso: start))
        #expect(clock.iso(offset) == expected)
    }

    @Test("Malformed starts are refused", arguments: [
        "", "2024-13-01T00:00:00", "2023-02-29T00:00:00", "2024-03-01", "2024-03-01T25:00:00", "2024-03-01T22:00:00 CET",
        "2024-03-01T22:00:00.", "24-03-01T22:00:00",
    ])
    func malformed(start: String) {
        #expect(_RecordingClock(iso: start) == nil)
    }

    @Test("Whole clock hours")
    func wholeHours() throws {
        let clock = try #require(_RecordingClock(iso: "2024-03-01T22:41:07.250+01:00"))
        // 23:00:00 is 18 min 52.75 s = 1132.75 s after the start.
        #expect(clock.nextWholeHour(atOrAfter: 0) == 1_132.75)
        #expect(clock.nextWholeHour(atOrAfter: 1_132.75) == 1_132.75)
        #expect(clock.hourMinute(1_132.75 + 3_600) == "00:00")
        // Every 15 min: 22:45:00 is 3 min 52.75 s = 232.75 s after the start; 22:41:07.250 itself is not a multiple.
        #expect(clock.nextMultiple(ofSeconds: 900, atOrAfter: 0) == 232.75)
        #expect(clock.nextMultiple(ofSeconds: 900, atOrAfter: 232.75) == 232.75)
        #expect(clock.nextMultiple(ofSeconds: 900, atOrAfter: 232.76) == 1_132.75)
    }
}

@Suite("Recording clock fuzz")
struct RecordingClockFuzzTests {
    @Test("Every prefix and every one-character change of a start parses or is refused, never traps")
    func prefixesAndMutations() {
        let valid = "2024-02-29T23:59:59.999+14:00"
        let chars = Array(valid)
        var parsed = 0
        for n in 0...chars.count {
            if let clock = _RecordingClock(iso: String(chars.prefix(n))) {
                parsed += 1
                _ = clock.iso(1e11)
                _ = clock.nextMultiple(ofSeconds: 900, atOrAfter: -1e11)
            }
        }
        // Parsable prefixes, by hand: "...T23:59" (no seconds), "...T23:59:59", ".9", ".99", ".999", "...+14", "...+14:00".
        #expect(parsed == 7)
        for i in chars.indices {
            for replacement in ["0", "9", "-", ":", "T", " ", "Z", "+", ".", "x", "\u{0}", "é"] {
                var mutated = chars
                mutated[i] = Character(replacement)
                if let clock = _RecordingClock(iso: String(mutated)) { _ = clock.iso(3600.5) }
            }
        }
    }
}
