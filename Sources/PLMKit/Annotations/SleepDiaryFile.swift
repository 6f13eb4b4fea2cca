/// A sleep diary: CSV with the header `night,lights_off,lights_on` and one row per night, the
/// times as ISO 8601 date-times on the recording's clock (e.g. `2026-01-15,2026-01-15T23:10,
/// 2026-01-16T06:40`). The `night` column is the evening's date, kept as a label.
///
/// Rows override the detected in-bed period they overlap (clinicians' diaries are the
/// reference when given).
public enum SleepDiaryFile {
    /// One night of the diary.
    public struct Entry: Sendable, Hashable {
        public var night: String
        public var lightsOff: RecordingClockTime
        public var lightsOn: RecordingClockTime
        /// 1-based line in the file.
        public var line: Int
    }

    /// Reads and checks a diary.
    /// - Throws: ``AnnotationFileError`` naming the file, line and column of anything wrong.
    public static func read(path: String) throws(AnnotationFileError) -> [Entry] {
        let rows = try _AnnotationCSV.rows(try _AnnotationCSV.readBytes(path: path), file: path)
        guard let header = rows.first, _AnnotationCSV.isHeader(header) else {
            throw AnnotationFileError(
                kind: .badData, file: path, line: rows.first?.line ?? 1,
                found: rows.first.map { $0.fields.joined(separator: ",") } ?? "an empty file",
                expected: "the header night,lights_off,lights_on")
        }
        guard let nightColumn = _AnnotationCSV.column(header.fields, ["night", "date"]),
            let offColumn = _AnnotationCSV.column(header.fields, ["lights_off", "lightsoff"]),
            let onColumn = _AnnotationCSV.column(header.fields, ["lights_on", "lightson"])
        else {
            throw AnnotationFileError(
                kind: .badData, file: path, line: header.line, found: header.fields.joined(separator: ","),
                expected: "the columns night, lights_off and lights_on")
        }
        var entries: [Entry] = []
        for row in rows.dropFirst() {
            guard row.fields.count > max(nightColumn, offColumn, onColumn) else {
                throw AnnotationFileError(
                    kind: .badData, file: path, line: row.line, found: "\(row.fields.count) fields",
                    expected: "\(header.fields.count) fields: night,lights_off,lights_on")
            }
            func clock(_ column: Int, _ name: String) throws(AnnotationFileError) -> RecordingClockTime {
                guard let time = RecordingClockTime(iso8601: row.fields[column]) else {
                    throw AnnotationFileError(
                        kind: .badData, file: path, line: row.line, column: column + 1, columnName: name,
                        found: "\"\(row.fields[column])\"", expected: "an ISO 8601 date-time such as 2026-01-15T23:10:00")
                }
                return time
            }
            let off = try clock(offColumn, "lights_off")
            let on = try clock(onColumn, "lights_on")
            guard on.secondsSince1970 > off.secondsSince1970 else {
                throw AnnotationFileError(
                    kind: .badData, file: path, line: row.line, column: onColumn + 1, columnName: "lights_on",
                    found: "\(row.fields[onColumn]), not after lights_off \(row.fields[offColumn])",
                    expected: "lights on after lights off")
            }
            entries.append(Entry(night: row.fields[nightColumn], lightsOff: off, lightsOn: on, line: row.line))
        }
        return entries
    }
}
