import Foundation
import GRDB
import PLMKit
import Testing
@testable import PLMBatch

/// Batch rows on a simulated recording of two nights: without lights a row is analysed as
/// `plm analyze` without lights (``RecordingAnalyzer``: the nights found, one database row each);
/// with a diary the diary's window replaces the detected night. (Rows with lights: BatchRunTests.)
@Suite struct MultiNightBatchTests {
    /// 2026-01-13 09:00-17:15 at UTC+01:00, 10 Hz: half an hour of day, a 3.5-h night (moderate),
    /// half an hour of day, a 3.5-h night (mild), a quarter of an hour of day. Short nights at a low
    /// rate keep the test quick; the nights start before and after noon (09:30 and 13:30), so they
    /// belong to the evenings of the 12th and the 13th.
    static let settings = MultiDaySettings(
        segments: [
            .day(hours: 0.5), .night(hours: 3.5, profile: .moderate), .day(hours: 0.5), .night(hours: 3.5, profile: .mild),
            .day(hours: 0.25),
        ],
        sampleRateHz: 10, seed: 7)

    /// The diary of row `diary`: night 2 from 13:50 to 16:50, 4 h 50 min and 7 h 50 min after the start.
    static let diaryText = "night,lights_off,lights_on\n2026-01-13,2026-01-13T13:50:00+01:00,2026-01-13T16:50:00+01:00\n"

    @Test func nightsAndDiaryRowsAreScoredAsPlmAnalyzeWould() async throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let simulated = try MultiDaySimulator.simulate(Self.settings)
        // One leg (the left), written as `plm simulate --layout generic` writes it, keeps the test
        // quick: writing and reading the samples are most of its time in a debug build.
        let leg = simulated.left
        let start = Self.settings.recordingStart
        let startDays = CivilCalendar.daysSince1970(year: start.year, month: start.month, day: start.day)
        try FileManager.default.createDirectory(atPath: folder.file("data"), withIntermediateDirectories: true)
        try GenericCSVWriter.write(
            path: folder.file("data/left.csv.gz"),
            startLocalMilliseconds: Int64(startDays) * 86_400_000 + Int64(start.hour * 3600 + start.minute * 60 + start.second) * 1000,
            utcOffsetMinutes: start.utcOffsetMinutes, timesS: { leg.timesS[$0] }, x: leg.x, y: leg.y, z: leg.z, decimals: 4)
        _ = try folder.write(Self.diaryText, to: "diaries/p2.csv")
        let manifestPath = try folder.write(
            """
            id,left,right,diary,lights_off,lights_on
            nights,data/left.csv.gz,,,,
            diary,data/left.csv.gz,,diaries/p2.csv,,

            """, to: "cohort.csv")
        let manifest = try BatchManifest.read(path: manifestPath)
        let out = folder.file("out")
        let summary = try await BatchRunner.run(manifest, options: BatchOptions(outputRoot: out, jobs: 1))
        #expect(summary.done == 2)
        #expect(summary.failures.isEmpty, "\(summary.failures)")

        // Row `nights`: the folder holds exactly what RecordingAnalyzer writes for the same file.
        let direct = try await RecordingAnalyzer.analyze(
            RecordingAnalysisRequest(night: AnalysisRequest(legs: [.init(side: .left, path: folder.file("data/left.csv.gz"))])))
        try RecordingDestinations(outputDirectory: folder.file("direct")).write(direct)
        var expectedFiles = ["summary.json", "summary.html"]
        for night in direct.nights { expectedFiles += ["report.json", "report.html", "events.csv"].map { night.folderName + "/" + $0 } }
        for name in expectedFiles {
            let batchBytes = FileManager.default.contents(atPath: out + "/nights/" + name)
            #expect(batchBytes != nil && batchBytes == FileManager.default.contents(atPath: folder.file("direct/" + name)), "\(name)")
        }

        let database = try ResultsDatabase(path: out + "/plm.sqlite")
        let table = try database.nights()
        func rows(_ id: String) -> [[String: DatabaseValue]] {
            table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }.filter { String.fromDatabaseValue($0["recordingId"] ?? .null) == id }
        }

        // Two nights found, as simulated; each within 15 min of the simulated lights; dated by the evening.
        let found = rows("nights")
        #expect(found.count == simulated.truth.nights.count && found.count == 2)
        #expect(found.map { String.fromDatabaseValue($0["nightDate"] ?? .null) } == ["2026-01-12", "2026-01-13"])
        for (row, truth) in zip(found, simulated.truth.nights) {
            #expect(String.fromDatabaseValue(row["windowSource"] ?? .null) == "detected")
            #expect(abs((Double.fromDatabaseValue(row["windowStartS"] ?? .null) ?? -1) - truth.lights.startS) <= 15 * 60)
            #expect(abs((Double.fromDatabaseValue(row["windowEndS"] ?? .null) ?? -1) - truth.lights.endS) <= 15 * 60)
        }
        // Each row holds the values of its night in summary.json and in the night's report.json.
        try expectRowsMatchFiles(found, folder: out + "/nights")

        // Row `diary`: night 1 as detected, night 2 the diary's window.
        let diaryRows = rows("diary")
        #expect(diaryRows.count == 2)
        #expect(diaryRows.map { String.fromDatabaseValue($0["windowSource"] ?? .null) } == ["detected", "diary"])
        #expect(diaryRows.first?["windowStartS"] == found.first?["windowStartS"])
        #expect(Double.fromDatabaseValue(diaryRows[1]["windowStartS"] ?? .null) == 17_400)
        #expect(Double.fromDatabaseValue(diaryRows[1]["windowEndS"] ?? .null) == 28_200)
        #expect(String.fromDatabaseValue(diaryRows[1]["windowStart"] ?? .null)?.hasPrefix("2026-01-13T13:50:00") == true)
        try expectRowsMatchFiles(diaryRows, folder: out + "/diary")

        // The export: the header, then one row per night (2 + 2).
        let csv = try BatchExport.nightsCSV(from: database)
        let lineCount: Int = csv.split(separator: "\n").count
        #expect(lineCount == 5)
    }

    /// Every row equals its night in `folder/summary.json` (date, window, source, estimates, sleep)
    /// and in the night's `report.json` (every index).
    private func expectRowsMatchFiles(_ rows: [[String: DatabaseValue]], folder: String) throws {
        let summary = try jsonObject(folder + "/summary.json")
        let nights = try #require(summary["nights"] as? [[String: Any]])
        #expect(rows.count == nights.count)
        for (row, night) in zip(rows, nights) {
            let date = try #require(night["date"] as? String)
            func text(_ column: String) -> String? { String.fromDatabaseValue(row[column] ?? .null) }
            func number(_ column: String) -> Double? { Double.fromDatabaseValue(row[column] ?? .null) }
            #expect(text("nightDate") == date)
            #expect(text("windowSource") == night["windowSource"] as? String)
            let inBed = try #require(night["inBed"] as? [String: Any])
            #expect(text("windowStart") == inBed["start"] as? String && text("windowEnd") == inBed["end"] as? String)
            #expect(number("windowStartS") == inBed["startS"] as? Double && number("windowEndS") == inBed["endS"] as? Double)
            let estimates = try #require(night["indices"] as? [String: Any])
            #expect(number("plmsIndexEstimate") == estimates["plmsIndexEstimate"] as? Double, "\(date)")
            #expect(number("plmwIndexEstimate") == estimates["plmwIndexEstimate"] as? Double, "\(date)")
            let sleep = try #require(night["sleep"] as? [String: Any])
            #expect(text("sleepSource") == sleep["source"] as? String)
            #expect(number("sleepTotalSleepHours") == sleep["totalSleepHours"] as? Double)
            #expect(number("sleepWakeAfterSleepOnsetMinutes") == sleep["wakeAfterSleepOnsetMinutes"] as? Double)
            #expect(number("sleepEfficiency") == sleep["sleepEfficiency"] as? Double)
            let report = try jsonObject(folder + "/night-\(date)/report.json")
            let indices = try #require(report["indices"] as? [String: Any])
            #expect(!indices.isEmpty)
            for (key, value) in indices {
                let cell = try #require(row[key], "no column \(key)")
                switch value {
                case is NSNull: #expect(cell.isNull, "\(date) \(key)")
                case let string as String: #expect(String.fromDatabaseValue(cell) == string, "\(date) \(key)")
                case let number as NSNumber: #expect(Double.fromDatabaseValue(cell) == number.doubleValue, "\(date) \(key)")
                default: Issue.record("\(date) \(key): unexpected \(value)")
                }
            }
        }
    }

    private func jsonObject(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "\(path)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path)")
    }
}
