import Foundation
import GRDB
import PLMKit

/// Writes `DIR/cohort.html` from the results database (see ``CohortReport``).
public enum CohortPage {
    /// The page's file name inside the batch folder.
    public static let fileName = "cohort.html"

    /// Writes the page atomically.
    /// - Returns: its path.
    @discardableResult
    public static func write(from database: ResultsDatabase, outputRoot: String) throws -> String {
        let table = try database.nights()
        let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        func value(_ row: [DatabaseValue], _ name: String) -> DatabaseValue {
            guard let k = column[name], k < row.count else { return .null }
            return row[k]
        }
        let nights = table.rows.map { row in
            CohortReport.Night(
                recordingID: String.fromDatabaseValue(value(row, "recordingId")) ?? "",
                night: Int.fromDatabaseValue(value(row, "night")) ?? 0,
                plmIndex: Double.fromDatabaseValue(value(row, "plmIndex")),
                severityBand: String.fromDatabaseValue(value(row, "severityBand")))
        }
        let failures = try database.failures().map {
            CohortReport.Failure(recordingID: $0.id, exitClass: $0.exitClass, message: $0.message)
        }
        let folderName = (outputRoot as NSString).lastPathComponent
        let done = try database.statuses().values.filter { $0 == .done }.count
        let report = CohortReport(title: "PLM cohort: \(folderName)", nights: nights, failures: failures, doneRecordingCount: done)
        let path = (outputRoot as NSString).appendingPathComponent(fileName)
        try AtomicFileWriter.write(report.html(), to: path)
        return path
    }
}

/// `plm batch collect DIR`: loads every finished recording's result file into the database.
public enum BatchCollector {
    /// What a collect did.
    public struct Summary: Sendable, Equatable {
        /// Result files found.
        public var found = 0
        /// Of those, stored now (new or changed since the last collect).
        public var stored = 0
        /// Recordings done and failed in the database afterwards.
        public var done = 0
        public var failed = 0
    }

    /// Loads `DIR/*/batch-result.json` into `DIR/plm.sqlite` and rewrites `DIR/cohort.html`.
    /// Idempotent, and safe while array tasks still run (result files appear by atomic rename).
    /// - Throws: ``AnalysisError`` when the folder is missing (66) or the database cannot be written (74).
    public static func collect(outputRoot: String) throws -> Summary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AnalysisError("\(outputRoot): no such batch folder", exitStatus: .noInput)
        }
        let database = try ResultsDatabase(path: (outputRoot as NSString).appendingPathComponent(ResultsDatabase.fileName))
        let stamps = try database.runStamps()
        var summary = Summary()
        var unstored: [RecordingOutcome] = []
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: outputRoot)) ?? []).sorted()
        for entry in entries where BatchManifest.idProblem(entry) == nil {
            let path = ((outputRoot as NSString).appendingPathComponent(entry) as NSString).appendingPathComponent(RecordingOutcome.fileName)
            guard let outcome = RecordingOutcome.load(path: path), outcome.id == entry else { continue }
            summary.found += 1
            if stamps[outcome.id] != outcome.startedAt { unstored.append(outcome) }
            if unstored.count >= 256 {
                try database.store(unstored)
                summary.stored += unstored.count
                unstored.removeAll()
            }
        }
        try database.store(unstored)
        summary.stored += unstored.count
        let statuses = try database.statuses()
        summary.done = statuses.values.filter { $0 == .done }.count
        summary.failed = statuses.values.filter { $0 == .failed }.count
        try CohortPage.write(from: database, outputRoot: outputRoot)
        return summary
    }
}

/// `plm batch export DIR --csv FILE`: one row per night, the columns of `nights`.
public enum BatchExport {
    /// The CSV text: a header of the `nights` column names, then one row per night of every done
    /// recording, ordered by recording id and night; SQL NULL is an empty cell.
    public static func nightsCSV(from database: ResultsDatabase) throws -> String {
        let table = try database.nights()
        var out = table.columns.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map(cell).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Opens the database of an existing batch folder (it must have one).
    public static func openDatabase(outputRoot: String) throws -> ResultsDatabase {
        let path = (outputRoot as NSString).appendingPathComponent(ResultsDatabase.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw AnalysisError("\(path): no results database here; run plm batch or plm batch collect first", exitStatus: .noInput)
        }
        return try ResultsDatabase(path: path)
    }

    private static func cell(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .string(let s):
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .blob: return ""
        }
    }
}
