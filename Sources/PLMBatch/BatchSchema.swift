import Foundation
import GRDB
import PLMKit

/// The columns of the results database, in one place: the migration creates them from these lists
/// and the store fills them from a ``RecordingOutcome``. docs/batch.md lists them for readers.
enum BatchSchema {
    /// Columns of `recordings` with their SQL types (created by `v1-recordings-and-nights`: a new
    /// column needs a new migration).
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
    /// list is exactly the keys the report writes, so a new index needs a migration (a new list
    /// added here, never an edit of ``indexColumnsV1``).
    static let indexColumns: [(name: String, type: String)] = indexColumnsV1

    /// The index columns migration `v1-recordings-and-nights` created. Frozen.
    static let indexColumnsV1: [(name: String, type: String)] = [
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

    /// The columns of `nights` migration `v1-recordings-and-nights` created: the recording and night
    /// number, the window, the severity band, the indices. Frozen.
    static let nightColumnsV1: [(name: String, type: String)] = [
        ("recordingId", "TEXT NOT NULL"), ("night", "INTEGER NOT NULL"), ("windowSource", "TEXT NOT NULL"),
        ("windowStart", "TEXT"), ("windowEnd", "TEXT"), ("windowStartS", "REAL NOT NULL"), ("windowEndS", "REAL NOT NULL"),
        ("severityBand", "TEXT"),
    ] + indexColumnsV1

    /// The columns migration `v2-night-dates-and-sleep` added to `nights`: the night's date, and for
    /// nights found in a recording the PLMS/PLMW index estimates and the sleep estimate of plm-summary/1.
    static let nightColumnsAddedV2: [(name: String, type: String)] = [
        ("nightDate", "TEXT"), ("plmsIndexEstimate", "REAL"), ("plmwIndexEstimate", "REAL"), ("sleepSource", "TEXT"),
        ("sleepTotalSleepHours", "REAL"), ("sleepWakeAfterSleepOnsetMinutes", "REAL"), ("sleepEfficiency", "REAL"),
    ]

    /// Every column of `nights` in the order the export writes them: the night and its date, the
    /// window, the severity band, the indices, then the estimates and sleep.
    /// (`nightDate`, the first added column, goes after `night`.)
    static let nightColumns: [(name: String, type: String)] =
        Array(nightColumnsV1.prefix(2)) + nightColumnsAddedV2.prefix(1) + nightColumnsV1.dropFirst(2) + nightColumnsAddedV2.dropFirst()

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

    /// The values of `nightColumns` for one night, in that order.
    static func nightValues(_ n: BatchNight, recordingID: String) throws -> [(any DatabaseValueConvertible)?] {
        var byName: [String: (any DatabaseValueConvertible)?] = [
            "recordingId": recordingID, "night": n.night, "nightDate": n.nightDate, "windowSource": n.windowSource,
            "windowStart": n.windowStart, "windowEnd": n.windowEnd, "windowStartS": n.windowStartS, "windowEndS": n.windowEndS,
            "severityBand": n.severityBand, "plmsIndexEstimate": n.plmsIndexEstimate, "plmwIndexEstimate": n.plmwIndexEstimate,
            "sleepSource": n.sleepSource, "sleepTotalSleepHours": n.sleepTotalSleepHours,
            "sleepWakeAfterSleepOnsetMinutes": n.sleepWakeAfterSleepOnsetMinutes, "sleepEfficiency": n.sleepEfficiency,
        ]
        let indices = try indexDictionary(n.indices)
        for column in indexColumns {
            byName[column.name] = indices[column.name].flatMap { databaseValue($0, type: column.type) }
        }
        return nightColumns.map { byName[$0.name] ?? nil }
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
