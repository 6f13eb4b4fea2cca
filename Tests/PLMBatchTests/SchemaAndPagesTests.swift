import Foundation
import GRDB
import PLMKit
import Testing
@testable import PLMBatch

@Suite struct SchemaTests {
    /// The `nights` columns are exactly the report's `indices` keys (plm-report/1): a new index in the
    /// report fails here until a migration adds its column.
    @Test func indexColumnsAreTheReportKeys() throws {
        let indices = PLMReport.Indices(
            lmCount: 1, clmCount: 1, plmCount: 0, lmIndex: 1, clmIndex: 1, plmIndex: 0, periodicityIndex: nil,
            timeInBedHours: 1, shortIMICLMIndex: nil, isolatedCLMIndex: nil, leftLMCount: 1, rightLMCount: 0,
            leftCLMCount: 1, rightCLMCount: 0, bilateralCLMCount: 0, seriesCount: 0, plmToClmRatio: 0, asymmetry: 1,
            validHours: 1, hoursBasis: .timeInBed)
        let keys = try BatchSchema.indexDictionary(indices).keys.sorted()
        #expect(BatchSchema.indexColumns.map(\.name).sorted() == keys)
    }

    @Test func migrationIsRecordedAndReopeningKeepsRows() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = folder.file("plm.sqlite")
        let database = try ResultsDatabase(path: path)
        let outcome = RecordingOutcome(
            id: "x", inputs: [BatchInput(role: "left", path: "/l", bytes: 3, xxh64: "ab")],
            settings: BatchSettings(BatchRecording(id: "x")), settingsHash: "h", status: .failed, errorMessage: "bad, \"very\"",
            exitClass: "data", exitCode: 65, toolVersion: "0", startedAt: "t", hashSeconds: 0, analysisSeconds: 0, nights: [])
        try database.store(outcome)
        try database.store(outcome)
        let reopened = try ResultsDatabase(path: path)
        #expect(try reopened.counts().recordings == 1)
        #expect(try reopened.failures().first?.message == "bad, \"very\"")
        if let applied = sqliteShell(path, "SELECT identifier FROM grdb_migrations") {
            #expect(applied == "v1-recordings-and-nights\nv2-night-dates-and-sleep\n")
        }
    }

    /// A database made by the first schema (a batch run by an earlier plm) opens with its rows,
    /// the added columns empty.
    @Test func aVersionOneDatabaseMigratesKeepingItsRows() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = folder.file("plm.sqlite")
        let queue = try DatabaseQueue(path: path)
        try ResultsDatabase.migrator.migrate(queue, upTo: "v1-recordings-and-nights")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO recordings (id, status, settings, settingsHash, toolVersion, startedAt, hashSeconds, analysisSeconds, nightCount)
                VALUES ('old', 'done', '{}', 'h', '0.1.0', 't', 0, 0, 1)
                """)
            try db.execute(sql: """
                INSERT INTO nights (recordingId, night, windowSource, windowStartS, windowEndS, plmIndex)
                VALUES ('old', 1, 'recording', 0, 3600, 12.5)
                """)
        }
        let database = try ResultsDatabase(path: path)
        let nights = try database.nights()
        #expect(nights.rows.count == 1)
        let row = try #require(nights.rows.first)
        func value(_ name: String) throws -> DatabaseValue { row[try #require(nights.columns.firstIndex(of: name))] }
        #expect(Double.fromDatabaseValue(try value("plmIndex")) == 12.5)
        #expect(try value("nightDate").isNull && value("plmsIndexEstimate").isNull)
    }
}

@Suite struct CohortReportTests {
    @Test func histogramBinsByHand() {
        // 5/h bins: 0 and 4.9 in [0,5); 5 in [5,10); 14.99 in [10,15); 15 in [15,20); 40 in [40,45).
        let values: [Double?] = [0, 4.9, 5, 14.99, 15, 40, nil]
        let report = CohortReport(
            title: "t", nights: values.enumerated().map { .init(recordingID: "r\($0.offset)", night: 1, plmIndex: $0.element, severityBand: nil) },
            failures: [])
        #expect(report.histogram() == [2, 1, 1, 1, 0, 0, 0, 0, 1])
        #expect(CohortReport(title: "t", nights: [], failures: []).histogram() == [0, 0, 0])
    }

    @Test func failuresAreListedAndEscaped() {
        let report = CohortReport(
            title: "cohort", nights: [.init(recordingID: "a", night: 1, plmIndex: 12, severityBand: "mild")],
            failures: [.init(recordingID: "b", exitClass: "data", message: "b.csv:3: found <x> & more")])
        let html = report.html()
        #expect(html.contains("<td>b.csv:3: found &lt;x&gt; &amp; more</td>"))
        #expect(html.contains("data-count=\"1\" data-from=\"10\" data-to=\"15\""))
        #expect(html.contains("1 recordings done (1 nights, 1 with a PLM index), 1 failed."))
        // Recordings done in which no night was found count as done.
        let withEmpty = CohortReport(
            title: "c", nights: [.init(recordingID: "a", night: 1, plmIndex: 12, severityBand: "mild")], failures: [], doneRecordingCount: 3)
        #expect(withEmpty.html().contains("3 recordings done (1 nights, 1 with a PLM index; 2 with no night found), 0 failed."))
    }
}

@Suite struct SlurmScriptTests {
    @Test func arrayTasksRunShardsAndNeverTheDatabase() throws {
        let script = SlurmScript(
            executable: "/opt/plm/bin/plm", manifestPath: "/data/it's.csv", outputRoot: "/scratch/out", arraySize: 4,
            partition: "short", timeLimit: "01:00:00")
        let text = script.text
        #expect(text.hasPrefix("#!/bin/bash\n"))
        #expect(text.contains("#SBATCH --array=0-3\n"))
        #expect(text.contains("#SBATCH --partition=short\n"))
        #expect(text.contains("#SBATCH --time=01:00:00\n"))
        #expect(text.contains("exec '/opt/plm/bin/plm' batch run '/data/it'\\''s.csv' --out '/scratch/out' --shard \"$SLURM_ARRAY_TASK_ID\" --of 4"))
        #expect(!text.contains("collect '/scratch/out'\nexec"))
        #expect(script.submitCommand == "sbatch '/scratch/out/slurm/batch.sbatch'")
        var bad = script
        bad.partition = "a b"
        #expect(throws: AnalysisError.self) { try bad.write() }
    }

    /// Paths with spaces (and a quote, and a `%`) reach the task's command line and Slurm's log
    /// path whole: the script's command is run by bash with a stand-in `plm` that records its
    /// arguments, and the `#SBATCH --output` value is quoted as sbatch reads quotes.
    @Test func pathsWithSpacesAreQuoted() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let root = folder.file("my cohort")
        let recorded = folder.file("arguments.txt")
        let executable = try folder.write("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '\(recorded)'\n", to: "bin dir/plm")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable)
        let script = SlurmScript(
            executable: executable, manifestPath: root + "/it's a manifest.csv", outputRoot: root + "/out 100%", arraySize: 2)
        try script.write()
        let text = try String(contentsOfFile: script.path, encoding: .utf8)
        #expect(text.contains("\n#SBATCH --output=\"\(root)/out 100%%/slurm/task-%A_%a.log\"\n"))

        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = [script.path]
        bash.environment = ["SLURM_ARRAY_TASK_ID": "1", "SLURM_CPUS_PER_TASK": "3", "PATH": "/usr/bin:/bin"]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
        let arguments = try String(contentsOfFile: recorded, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(arguments == ["batch", "run", root + "/it's a manifest.csv", "--out", root + "/out 100%", "--shard", "1", "--of", "2", "--jobs", "3"])
    }
}
