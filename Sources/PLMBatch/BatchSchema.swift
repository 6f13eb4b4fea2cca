import Foundation
import GRDB
import PLMKit

/// The columns of the results database, in one place: the migration creates them from these lists
/// and the store fills them from a ``RecordingOutcome``. docs/batch.md lists them for readers.
enum BatchSchema {
    /// Columns of `recordings` with their SQL types.
    static let recordingColumns: [(name: String, type: String)] = [
        ("id", "TEXT NOT NULL PRIMARY KEY"), ("status", "TEXT NOT NULL"),
        ("leftPath", "TEXT"), ("leftBytes", "INTEGER"), ("leftXXH64", "TEXT"),
        ("rightPath", "TEXT"), ("rightBytes", "INTEGER"), ("rightXXH64", "TEXT"),
        ("diaryPath", "TEXT"), ("diaryBytes", "INTEGER"), ("diaryXXH64", "TEXT"),
        ("settings", "TEXT NOT NULL"), ("settingsHash", "TEXT NOT NULL"),
        ("errorMessage", "TEXT"), ("exitClass", "TEXT"), ("exitCode", "INTEGER"),
        ("toolVersion", "TEXT NOT NULL"), ("startedAt", "TEXT NOT NULL"),
        ("hashSeconds", "REAL NOT NULL"), ("analysisSeconds", "REAL NOT NULL"), ("nightCount", "INTEGER NOT NULL"),
    ]

    /// The `indices` of plm-report/1, by their report names and SQL types. A test checks that this
    /// list is exactly the keys the report writes, so a new index needs a migration here.
    static let indexColumns: [(name: String, type: String)] = [
        ("lmCount", "INTEGER"), ("clmCount", "INTEGER"), ("plmCount", "INTEGER"), ("lmIndex", "REAL"),
        ("clmIndex", "REAL"), ("plmIndex", "REAL"), ("periodicityIndex", "REAL"), ("timeInBedHours", "REAL"),
        ("plmsIndex", "REAL"), ("plmwIndex", "REAL"), ("nonRespiratoryPLMIndex", "REAL"), ("shortIMICLMIndex", "REAL"),
        ("isolatedCLMIndex", "REAL"), ("leftLMCount", "INTEGER"), ("rightLMCount", "INTEGER"),
        ("leftCLMCount", "INTEGER"), ("rightCLMCount", "INTEGER"), ("bilateralCLMCount", "INTEGER"),
        ("seriesCount", "INTEGER"), ("plmToClmRatio", "REAL"), ("asymmetry", "REAL"), ("validHours", "REAL"),
        ("hoursBasis", "TEXT"), ("plmsCount", "INTEGER"), ("plmwCount", "INTEGER"), ("totalSleepHours", "REAL"),
        ("wakeHours", "REAL"), ("meanSeriesLength", "REAL"), ("maxSeriesLength", "INTEGER"),
        ("respiratoryCLMCount", "INTEGER"), ("arousalPLMCount", "INTEGER"),
    ]

    /// Columns of `nights`: the recording and night number, the window, the severity band, the indices.
    static let nightColumns: [(name: String, type: String)] = [
        ("recordingId", "TEXT NOT NULL"), ("night", "INTEGER NOT NULL"), ("windowSource", "TEXT NOT NULL"),
        ("windowStart", "TEXT"), ("windowEnd", "TEXT"), ("windowStartS", "REAL NOT NULL"), ("windowEndS", "REAL NOT NULL"),
        ("severityBand", "TEXT"),
    ] + indexColumns

    /// The values of `recordingColumns` for `outcome`.
    static func recordingValues(_ o: RecordingOutcome) -> [(any DatabaseValueConvertible)?] {
        func input(_ role: String) -> BatchInput? { o.inputs.first { $0.role == role } }
        let settingsJSON = (try? DeterministicJSON.string(o.settings)) ?? ""
        var values: [(any DatabaseValueConvertible)?] = [o.id, o.status.rawValue]
        for role in ["left", "right", "diary"] {
            let file = input(role)
            values += [file?.path, file?.bytes, file?.xxh64]
        }
        values += [
            settingsJSON, o.settingsHash, o.errorMessage, o.exitClass, o.exitCode, o.toolVersion, o.startedAt,
            o.hashSeconds, o.analysisSeconds, o.nights.count,
        ]
        return values
    }

    /// The values of `nightColumns` for one night.
    static func nightValues(_ n: BatchNight, recordingID: String) throws -> [(any DatabaseValueConvertible)?] {
        var values: [(any DatabaseValueConvertible)?] = [
            recordingID, n.night, n.windowSource, n.windowStart, n.windowEnd, n.windowStartS, n.windowEndS, n.severityBand,
        ]
        let indices = try indexDictionary(n.indices)
        for column in indexColumns {
            values.append(indices[column.name].flatMap { databaseValue($0, type: column.type) })
        }
        return values
    }

    /// The indices as the report's JSON names them, values as JSON numbers, strings or null.
    static func indexDictionary(_ indices: PLMReport.Indices) throws -> [String: Any] {
        let data = try DeterministicJSON.data(indices)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A JSON value as the column's SQL type: INTEGER columns hold counts (whole numbers).
    private static func databaseValue(_ value: Any, type: String) -> (any DatabaseValueConvertible)? {
        if value is NSNull { return nil }
        if let text = value as? String { return text }
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        if type == "INTEGER", let whole = Int64(exactly: double) { return whole }
        return double
    }
}
