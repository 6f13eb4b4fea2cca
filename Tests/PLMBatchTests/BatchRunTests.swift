import Foundation
import PLMKit
import Testing
@testable import PLMBatch

/// A local batch over short constructed recordings and deliberately broken lines.
@Suite struct BatchRunTests {
    /// Two good recordings with lights (one night each), one with a missing file, one with an
    /// unknown rule name, one with no leg. The recordings run 23:00-23:06.
    static func makeCohort(in folder: BatchTestFolder) throws -> String {
        _ = try folder.write(shortRecordingCSV(noiseSeed: 1), to: "data/a/left.csv")
        _ = try folder.write(shortRecordingCSV(noiseSeed: 2), to: "data/a/right.csv")
        _ = try folder.write(shortRecordingCSV(periodS: 31, noiseSeed: 3), to: "data/b/left.csv")
        return try folder.write(
            """
            id,left,right,rules,lights_off,lights_on
            a,data/a/left.csv,data/a/right.csv,,2026-01-15T23:00:30+01:00,2026-01-15T23:05:30+01:00
            b,data/b/left.csv,,,2026-01-15T23:01:00+01:00,
            missing,data/missing/left.csv,,,,
            badrules,data/b/left.csv,,nosuchrules,,
            noleg,,,,,

            """, to: "cohort.csv")
    }

    @Test func runsRecordsFailuresAndResumes() async throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let manifest = try BatchManifest.read(path: try Self.makeCohort(in: folder))
        let out = folder.file("out")
        let options = BatchOptions(outputRoot: out, jobs: 2)

        let first = try await BatchRunner.run(manifest, options: options)
        #expect(first.total == 5)
        #expect(first.done == 2)
        #expect(first.failed == 3)
        #expect(first.analysed == 5)
        #expect(first.failures.map(\.id) == ["missing", "badrules", "noleg"])

        // Each done recording's folder holds exactly what `plm analyze --out` writes.
        let direct = try await NightAnalyzer.analyze(try RecordingJob(recording: manifest.recordings[0], outputRoot: out).analysisRequest())
        try ReportDestinations(outputDirectory: folder.file("direct")).write(direct)
        for name in ["report.json", "report.html", "events.csv"] {
            let batchBytes = FileManager.default.contents(atPath: out + "/a/" + name)
            #expect(batchBytes != nil && batchBytes == FileManager.default.contents(atPath: folder.file("direct/" + name)), "\(name)")
        }

        // The database, read with the sqlite3 shell when it is there, holds one row per recording
        // and one night per done recording, with the index of the report file.
        let database = out + "/plm.sqlite"
        let reportJSON = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: out + "/a/report.json")))
        let plmIndex = try #require(((reportJSON as? [String: Any])?["indices"] as? [String: Any])?["plmIndex"] as? Double)
        let db = try ResultsDatabase(path: database)
        #expect(try db.counts().recordings == 5 && db.counts().nights == 2)
        let nights = try db.nights()
        let plmColumn = try #require(nights.columns.firstIndex(of: "plmIndex"))
        #expect(Double.fromDatabaseValue(nights.rows[0][plmColumn]) == plmIndex)
        // Row a: one night over its lights, 30 s to 330 s after the 23:00:00 start, of the 15th's evening.
        let a = Dictionary(uniqueKeysWithValues: zip(nights.columns, nights.rows[0]))
        #expect(String.fromDatabaseValue(a["windowSource"] ?? .null) == "lights")
        #expect(Double.fromDatabaseValue(a["windowStartS"] ?? .null) == 30 && Double.fromDatabaseValue(a["windowEndS"] ?? .null) == 330)
        #expect(String.fromDatabaseValue(a["nightDate"] ?? .null) == "2026-01-15")
        #expect(a["plmsIndexEstimate"]?.isNull == true && a["sleepSource"]?.isNull == true)
        if let rows = sqliteShell(database, "SELECT id, status, exitClass FROM recordings ORDER BY id") {
            #expect(rows == "a,done,\nb,done,\nbadrules,failed,usage\nmissing,failed,no-input\nnoleg,failed,usage\n")
        }

        // A rerun with nothing changed analyses nothing and changes nothing.
        let second = try await BatchRunner.run(manifest, options: options)
        #expect(second.analysed == 0)
        #expect(second.unchanged == 5)
        #expect(second.failed == 3)
        #expect(try db.counts().recordings == 5 && db.counts().nights == 2)

        // The missing file appears: only that recording is redone (its inputs changed). Without
        // lights it is analysed as `plm analyze` without lights: its 6 minutes hold no in-bed
        // period of a night's length (3 h), so it is done with no night, and its folder holds the
        // summary, not a one-night report.
        _ = try folder.write(shortRecordingCSV(noiseSeed: 9), to: "data/missing/left.csv")
        // Temporary files a killed run would leave (AtomicFileWriter's names): in the folder of a
        // recording that is redone, of one that is skipped, and of the batch; the run removes them.
        let stale = ["missing/.report.json.tmp-AbC123", "a/.events.csv.tmp-xyz789", ".cohort.html.tmp-QQ12qq"].map { out + "/" + $0 }
        for path in stale { #expect(FileManager.default.createFile(atPath: path, contents: Data("half".utf8))) }
        let third = try await BatchRunner.run(manifest, options: options)
        for path in stale { #expect(!FileManager.default.fileExists(atPath: path), "\(path)") }
        #expect(third.analysed == 1)
        #expect(third.done == 3)
        #expect(third.failures.map(\.id) == ["badrules", "noleg"])
        #expect(try db.counts().recordings == 5 && db.counts().nights == 2)
        #expect(FileManager.default.fileExists(atPath: out + "/missing/summary.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/missing/report.json"))

        // Failed recordings with unchanged inputs are tried again only when asked.
        let retry = try await BatchRunner.run(manifest, options: BatchOptions(outputRoot: out, jobs: 2, retryFailed: true))
        #expect(retry.analysed == 2)
        #expect(retry.failed == 2)

        // A changed setting (lights off) redoes that recording alone.
        var changed = manifest
        changed.recordings[1].lightsOff = "2026-01-15T23:02:00+01:00"
        let fourth = try await BatchRunner.run(changed, options: options)
        #expect(fourth.analysed == 1)
        #expect(try db.counts().recordings == 5 && db.counts().nights == 2)
        let html = try String(contentsOfFile: out + "/cohort.html", encoding: .utf8)
        #expect(html.contains("3 recordings done (2 nights, 2 with a PLM index; 1 with no night found), 2 failed."))
        #expect(html.contains("nosuchrules"))

        // Lights taken away: b is analysed as plm analyze without lights; its one-night reports
        // go, the summary comes, and its night leaves the database (6 minutes hold no night).
        changed.recordings[1].lightsOff = nil
        let fifth = try await BatchRunner.run(changed, options: options)
        #expect(fifth.analysed == 1)
        let bFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/b").sorted()
        #expect(bFiles == ["batch-result.json", "summary.html", "summary.json"])
        #expect(try db.counts().recordings == 5 && db.counts().nights == 1)
    }

    /// Diary problems fail the recording with a message naming the manifest line that gave the
    /// diary (and the diary's own line); a good diary on a short recording is read and its night
    /// scored from the diary's window (the 6 minutes hold no detected night).
    @Test func diaryColumn() async throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        _ = try folder.write(shortRecordingCSV(noiseSeed: 4), to: "data/left.csv")
        _ = try folder.write("night,lights_off,lights_on\n2026-01-15,2026-01-15T23:01:00+01:00,2026-01-15T23:05:00+01:00\n", to: "diaries/good.csv")
        _ = try folder.write("night,lights_off,lights_on\n2026-01-15,2026-01-15T25:00,2026-01-15T23:05\n", to: "diaries/bad.csv")
        let manifestPath = try folder.write(
            """
            id,left,diary,lights_off
            good,data/left.csv,diaries/good.csv,
            bad,data/left.csv,diaries/bad.csv,
            absent,data/left.csv,diaries/absent.csv,
            withlights,data/left.csv,diaries/good.csv,2026-01-15T23:01:00+01:00

            """, to: "cohort.csv")
        let out = folder.file("out")
        let summary = try await BatchRunner.run(try BatchManifest.read(path: manifestPath), options: BatchOptions(outputRoot: out, jobs: 2))
        #expect(summary.done == 1)
        let messages = Dictionary(uniqueKeysWithValues: summary.failures.map { ($0.id, $0.message) })
        let bad = "\(manifestPath):3: recording bad: diary: \(folder.file("diaries/bad.csv")):2:2: column 'lights_off': found \"2026-01-15T25:00\""
        #expect(messages["bad"]?.hasPrefix(bad) == true, "\(messages)")
        #expect(messages["absent"]?.hasPrefix("\(manifestPath):4: recording absent: diary: \(folder.file("diaries/absent.csv")): no such file") == true, "\(messages)")
        #expect(messages["withlights"]?.hasPrefix("\(manifestPath):5: recording withlights: diary \(folder.file("diaries/good.csv")) with lights_off") == true)
        // The diary's window, 60 s to 300 s after the 23:00:00 start.
        let database = try ResultsDatabase(path: out + "/plm.sqlite")
        let nights = try database.nights()
        #expect(nights.rows.count == 1)
        let row = Dictionary(uniqueKeysWithValues: zip(nights.columns, nights.rows.first ?? []))
        #expect(String.fromDatabaseValue(row["windowSource"] ?? .null) == "diary")
        #expect(Double.fromDatabaseValue(row["windowStartS"] ?? .null) == 60 && Double.fromDatabaseValue(row["windowEndS"] ?? .null) == 300)
        #expect(String.fromDatabaseValue(row["nightDate"] ?? .null) == "2026-01-15")
        #expect(FileManager.default.fileExists(atPath: out + "/good/night-2026-01-15/report.json"))
        if let diaryHash = sqliteShell(out + "/plm.sqlite", "SELECT diaryBytes FROM recordings WHERE id = 'good'") {
            #expect(diaryHash == "\(try FileManager.default.attributesOfItem(atPath: folder.file("diaries/good.csv"))[.size] as? Int ?? -1)\n")
        }
    }

    @Test func collectedShardsEqualTheLocalRun() async throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let manifest = try BatchManifest.read(path: try Self.makeCohort(in: folder))
        let local = folder.file("local")
        _ = try await BatchRunner.run(manifest, options: BatchOptions(outputRoot: local, jobs: 2))

        // Two array tasks analyse the same manifest into another folder, writing result files only;
        // collecting them must give the database the local run gave.
        let cluster = folder.file("cluster")
        for shard in 0..<2 {
            let summary = try await BatchRunner.runShard(manifest, shard: shard, of: 2, options: BatchOptions(outputRoot: cluster, jobs: 1))
            #expect(summary.total == (shard == 0 ? 3 : 2))
        }
        #expect(!FileManager.default.fileExists(atPath: cluster + "/plm.sqlite"))
        let first = try BatchCollector.collect(outputRoot: cluster)
        #expect(first.found == 5)
        #expect(first.stored == 5)
        let again = try BatchCollector.collect(outputRoot: cluster)
        #expect(again.stored == 0)
        #expect(again.done == 2 && again.failed == 3)

        let localCSV = try BatchExport.nightsCSV(from: try BatchExport.openDatabase(outputRoot: local))
        let clusterCSV = try BatchExport.nightsCSV(from: try BatchExport.openDatabase(outputRoot: cluster))
        #expect(localCSV == clusterCSV)
        #expect(localCSV.split(separator: "\n").count == 3)
        #expect(localCSV.hasPrefix("recordingId,night,nightDate,windowSource,windowStart,windowEnd,windowStartS,windowEndS,severityBand,lmCount,"))
        #expect(localCSV.split(separator: "\n")[0].hasSuffix(
            ",plmsIndexEstimate,plmwIndexEstimate,sleepSource,sleepTotalSleepHours,sleepWakeAfterSleepOnsetMinutes,sleepEfficiency"))
    }
}
