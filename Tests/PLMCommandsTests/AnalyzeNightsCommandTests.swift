import Foundation
import PLMKit
import PLMTestSupport
import Testing

@testable import PLMCommands

/// `plm analyze` on a recording without lights (nights found), and with lights (unchanged).
@Suite("plm analyze, nights")
struct AnalyzeNightsCommandTests {
    /// A short day, a 3.5-h night from 22:45, a short morning, written as generic CSV at 20 Hz.
    static func writeRecording(in folder: TemporaryFolder) throws -> WrittenNight {
        var settings = MultiDaySettings(
            segments: [.day(hours: 0.75), .night(hours: 3.5, profile: .moderate), .day(hours: 0.5)], sampleRateHz: 20, seed: 4)
        settings.recordingStart = RecordingStartTime(year: 2026, month: 2, day: 3, hour: 22, minute: 0, second: 0, utcOffsetMinutes: 60)
        let recording = try MultiDaySimulator.simulate(settings)
        return try MultiDayWriter.write(recording, toDirectory: folder.file("sim"), layout: .generic)
    }

    @Test("Without lights: summary.json (plm-summary/1) and night-YYYY-MM-DD/ with the night's three files")
    func nightsFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let written = try Self.writeRecording(in: folder)
        let out = folder.file("out")
        let outcome = await runPLM(["analyze", "--left", written.leftPath, "--right", written.rightPath, "--out", out, "--quiet"])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let data = try #require(FileManager.default.contents(atPath: (out as NSString).appendingPathComponent("summary.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["schema"] as? String == "plm-summary/1")
        for key in ["tool", "recording", "settings", "nonWear", "naps", "nights", "summary"] {
            #expect(root[key] != nil, "summary.json lacks \(key)")
        }
        let nights = try #require(root["nights"] as? [[String: Any]])
        #expect(nights.count == 1)
        let night = try #require(nights.first)
        // Bed from 22:45 (the night segment's start): the evening of 2026-02-03.
        #expect(night["date"] as? String == "2026-02-03")
        #expect(night["windowSource"] as? String == "detected")
        #expect(night["report"] as? String == "night-2026-02-03/report.json")
        let indices = try #require(night["indices"] as? [String: Any])
        for key in ["plmIndex", "plmsIndexEstimate", "plmwIndexEstimate", "timeInBedHours"] {
            #expect(indices.keys.contains(key), "indices lack \(key)")
        }
        let sleep = try #require(night["sleep"] as? [String: Any])
        for key in ["sleepOnsetS", "finalAwakeningS", "totalSleepHours", "wakeAfterSleepOnsetMinutes", "sleepEfficiency"] {
            #expect(sleep.keys.contains(key), "sleep lacks \(key)")
        }
        for name in ["report.json", "report.html", "events.csv"] {
            let path = ((out as NSString).appendingPathComponent("night-2026-02-03") as NSString).appendingPathComponent(name)
            #expect(FileManager.default.fileExists(atPath: path), "\(name) missing")
        }
        let report = try #require(FileManager.default.contents(atPath: (out as NSString).appendingPathComponent("night-2026-02-03/report.json")))
        let reportRoot = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect(reportRoot["schema"] as? String == "plm-report/1")
        let settings = try #require(reportRoot["settings"] as? [String: Any])
        #expect(settings["windowSource"] as? String == "detected")
    }

    /// A diary next to lights or --whole-recording would be ignored by the one-night path: it is a
    /// usage error (64) naming --diary, checked before any file is opened (the paths do not exist).
    @Test(arguments: [["--lights-off", "2026-02-03T22:45:00"], ["--lights-on", "2026-02-04T02:00:00"], ["--whole-recording"]])
    func diaryWithOneNightOptionsIsRefused(options: [String]) async {
        let outcome = await runPLM(["analyze", "--left", "/nonexistent/left.csv", "--diary", "/nonexistent/diary.csv"] + options)
        #expect(outcome.exitCode == 64, "\(outcome.message)")
        #expect(outcome.message.contains("--diary"))
    }

    @Test("With lights: the report is byte for byte the one-night pipeline's (today's behaviour)")
    func lightsUnchanged() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let left = folder.file("left.csv")
        try GenericTestCSV(seed: 3).write(to: left)
        let json = folder.file("a.json")
        let lightsOff = "2026-03-01T23:00:20+01:00", lightsOn = "2026-03-01T23:01:40+01:00"
        let outcome = await runPLM([
            "analyze", "--left", left, "--lights-off", lightsOff, "--lights-on", lightsOn, "--json", json, "--quiet",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.message)")
        let direct = try await NightAnalyzer.analyze(
            AnalysisRequest(legs: [.init(side: .left, path: left)], lightsOff: lightsOff, lightsOn: lightsOn))
        #expect(FileManager.default.contents(atPath: json) == (try direct.report.jsonData()))
    }

    @Test("Respiratory events and --events without lights are usage errors")
    func usage() async throws {
        let resp = await runPLM(["analyze", "--left", "x.csv", "--respiratory", "r.csv", "--quiet"])
        // Refused before the (absent) file is read: 64, not 66; the message goes to stderr.
        #expect(resp.exitCode == 64)
        let events = await runPLM(["analyze", "--left", "x.csv", "--events", "e.csv", "--quiet"])
        #expect(events.exitCode == 64 && events.message.contains("--events"))
        let hours = await runPLM(["analyze", "--left", "x.csv", "--night-hours", "0", "--quiet"])
        #expect(hours.exitCode == 64 && hours.message.contains("--night-hours"))
    }
}
