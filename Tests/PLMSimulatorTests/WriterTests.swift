import Foundation
import PLMCore
import PLMEvaluation
import PLMTestSupport
import Testing

@testable import PLMSimulator

@Suite struct WriterTests {
    static func temporaryDirectory() throws -> String { try TemporaryFolder(prefix: "plm-sim-tests").path }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test(arguments: SimulatedFileLayout.allCases, [false, true])
    func sameSeedGivesIdenticalBytes(layout: SimulatedFileLayout, gzip: Bool) throws {
        let settings = SimulationSettings(profile: .noisy, durationH: 0.25, sampleRateHz: 25, seed: 5)
        let a = try Self.temporaryDirectory(), b = try Self.temporaryDirectory(), c = try Self.temporaryDirectory()
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        let wa = try NightWriter.write(try NightSimulator.simulate(settings), toDirectory: a, layout: layout, gzip: gzip)
        let wb = try NightWriter.write(try NightSimulator.simulate(settings), toDirectory: b, layout: layout, gzip: gzip)
        var other = settings
        other.seed = 6
        let wc = try NightWriter.write(try NightSimulator.simulate(other), toDirectory: c, layout: layout, gzip: gzip)
        for (x, y) in [(wa.leftPath, wb.leftPath), (wa.rightPath, wb.rightPath), (wa.truthPath, wb.truthPath)] {
            let bx = Self.bytes(x)
            #expect(bx.count > 1000)
            #expect(bx == Self.bytes(y))
        }
        #expect(Self.bytes(wa.leftPath) != Self.bytes(wc.leftPath))
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: a).sorted() == ["left" + (gzip ? ".csv.gz" : ".csv"), "right" + (gzip ? ".csv.gz" : ".csv"), "truth.json"])
    }

    /// Expected first lines from FORMATS.md's layouts and the default start
    /// 2026-01-15 22:30:00 at UTC+01:00 = 2026-01-15T21:30:00Z = Unix 1768512600 (Python:
    /// `datetime(2026,1,15,21,30,tzinfo=timezone.utc).timestamp()`).
    @Test(arguments: [
        (SimulatedFileLayout.actigraph, 11, "1/15/2026 22:30:00.000", "1/15/2026 22:30:00.040", 3),
        (.geneactiv, 100, "2026-01-15 22:30:00:000", "2026-01-15 22:30:00:040", 4),
        (.axivity, 0, "1768512600.0000", "1768512600.0400", 6),
        (.generic, 1, "2026-01-15T22:30:00.000+01:00", "2026-01-15T22:30:00.040+01:00", 5),
    ])
    func layoutsWriteTheirHeaderAndRows(layout: SimulatedFileLayout, headerLines: Int, firstTime: String, secondTime: String, decimals: Int) throws {
        let settings = SimulationSettings(profile: .healthy, durationH: 0.25, sampleRateHz: 25, seed: 2)
        let night = try NightSimulator.simulate(settings)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try NightWriter.write(night, toDirectory: dir, layout: layout)
        let raw = Self.bytes(written.leftPath)
        // Split on the LF byte (a Swift String treats CR LF as one Character), then drop the CR.
        let lines = raw.split(separator: 10, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
        }
        // Header + one row per sample (900 s x 25 Hz) + the empty string after the last newline.
        #expect(lines.count == headerLines + 22_500 + 1)
        #expect(raw.contains(13) == (layout != .generic))
        try #require(lines.count > headerLines + 1)
        let first = lines[headerLines].split(separator: ",").map(String.init)
        #expect(first[0] == firstTime)
        #expect(lines[headerLines + 1].hasPrefix(secondTime + ","))
        #expect(first.count == (layout == .geneactiv ? 7 : 4))
        let scale = pow(10.0, Double(decimals))
        for (k, axis) in [night.left.x, night.left.y, night.left.z].enumerated() {
            let written = try #require(Double(first[k + 1]))
            #expect(abs(written - Double(axis[0])) <= 0.5 / scale + 1e-12)
            #expect(first[k + 1].split(separator: ".").last?.count == decimals)
        }
        switch layout {
        case .actigraph:
            #expect(lines[0].hasPrefix("------------ Data File Created By ActiGraph") && lines[0].contains("at 25 Hz"))
            #expect(lines[2] == "Start Time 22:30:00" && lines[3] == "Start Date 1/15/2026")
            #expect(lines[4] == "Epoch Period (hh:mm:ss) 00:00:00")
            #expect(lines[10] == "Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z")
        case .geneactiv:
            #expect(lines[0] == "Device Type,GENEActiv")
            #expect(lines[10] == "Measurement Frequency,25 Hz")
            #expect(lines[11] == "Start Time,2026-01-15 22:30:00:000")
            #expect(lines[14] == "Time Zone,GMT +01:00")
        case .generic:
            #expect(lines[0] == "timestamp,x,y,z")
        case .axivity:
            break
        }
    }

    @Test func unitsScaleTheValues() throws {
        let night = try NightSimulator.simulate(SimulationSettings(profile: .healthy, durationH: 0.25, sampleRateHz: 25, seed: 2))
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (unit, factor) in [(SimulatedFileUnit.mg, 1000.0), (.metresPerSecondSquared, 9.80665)] {
            let written = try NightWriter.write(night, toDirectory: dir, layout: .generic, units: unit)
            let text = String(decoding: Self.bytes(written.leftPath), as: UTF8.self)
            let row = text.split(separator: "\n")[1].split(separator: ",")
            let x = try #require(Double(row[1]))
            #expect(abs(x - Double(night.left.x[0]) * factor) <= 0.005 * factor / 1000 + 0.005)
        }
    }

    @Test func truthFileIsReadByTheEvaluation() throws {
        let night = try NightSimulator.simulate(SimulationSettings(profile: .mild, durationH: 1, sampleRateHz: 25, seed: 4))
        let bytes = try NightWriter.encodeTruth(night.truth)
        let events = try EventSetReader.decodeTruth(bytes, path: "truth.json")
        #expect(events.movements.count == night.truth.movements.count)
        #expect(events.plmIndex == night.truth.expectedScoring?.plmIndex)
        #expect(events.profile == "mild")
        let decoded = try JSONDecoder().decode(SimulationTruth.self, from: Data(bytes))
        #expect(decoded == night.truth)
    }

    @Test func badSettingsAreUsageErrors() {
        #expect(throws: SimulationError.self) {
            try NightSimulator.simulate(SimulationSettings(profile: .mild, durationH: 0, sampleRateHz: 25))
        }
        do {
            _ = try NightSimulator.simulate(SimulationSettings(profile: .mild, durationH: 1, sampleRateHz: 5))
            Issue.record("a 5 Hz rate was accepted")
        } catch {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("rate"))
        }
    }

    @Test(arguments: [
        ("2026-01-15T22:30:00+01:00", RecordingStartTime(year: 2026, month: 1, day: 15, hour: 22, minute: 30, second: 0, utcOffsetMinutes: 60)),
        ("2024-02-29 23:59:59-05:30", RecordingStartTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, utcOffsetMinutes: -330)),
        ("2025-07-01T00:00:00Z", RecordingStartTime(year: 2025, month: 7, day: 1, hour: 0, minute: 0, second: 0, utcOffsetMinutes: 0)),
    ])
    func startTimeParses(text: String, expected: RecordingStartTime) {
        #expect(RecordingStartTime(iso8601: text) == expected)
    }

    @Test(arguments: ["2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T22:00:00", "2025-01-01T22:00:00+1:00", "yesterday"])
    func badStartTimesAreRefused(text: String) {
        #expect(RecordingStartTime(iso8601: text) == nil)
    }

    /// A night starting 23:59:50 local on New Year's Eve crosses midnight, the month and the year:
    /// the rows' dates follow.
    @Test func datesRollOverMidnight() throws {
        var settings = SimulationSettings(profile: .healthy, durationH: 0.25, sampleRateHz: 25, seed: 2)
        settings.recordingStart = RecordingStartTime(year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 50, utcOffsetMinutes: -300)
        let night = try NightSimulator.simulate(settings)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try NightWriter.write(night, toDirectory: dir, layout: .generic)
        let lines = String(decoding: Self.bytes(written.leftPath), as: UTF8.self).split(separator: "\n")
        // Row 1 + 10 s x 25 Hz = row 251 is the first sample of 2026.
        #expect(lines[250].hasPrefix("2025-12-31T23:59:59.960-05:00,"))
        #expect(lines[251].hasPrefix("2026-01-01T00:00:00.000-05:00,"))
        #expect(night.truth.recordingStart == "2025-12-31T23:59:50.000-05:00")
    }
}
