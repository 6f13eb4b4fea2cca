import PLMCore

/// Files of time spans: respiratory events (apnoeas, hypopnoeas, RERAs) and arousals.
///
/// Format: a header line with a start column (`start_s`, `onset_s`, `start` or `onset`) and either an
/// end column (`end_s`, `offset_s`, `end`, `stop` or `offset`) or a `duration_s` column; other
/// columns (such as the event type) are ignored. Times are seconds since the recording start, or
/// clock times `HH:MM:SS[.fff]` when the recording's start time of day is given (a clock time
/// before the start is taken as the next day).
public enum TimeSpanAnnotationsFile {
    /// What kind of spans a file holds (used in messages).
    public enum Content: String, Sendable {
        case respiratoryEvents = "respiratory events"
        case arousals = "arousals"
    }

    /// Reads and parses a span file.
    /// - Parameters:
    ///   - path: the file.
    ///   - content: what the spans are, for messages.
    ///   - recordingStartSecondsOfDay: the recording start as seconds after midnight, needed for clock times.
    /// - Throws: ``AnnotationFileError`` (exit 66 missing, 74 unreadable, 65 bad data).
    public static func read(
        path: String, content: Content, recordingStartSecondsOfDay: Double? = nil
    ) throws(AnnotationFileError) -> [TimeSpan] {
        try parse(
            _AnnotationCSV.readBytes(path: path), file: path, content: content,
            recordingStartSecondsOfDay: recordingStartSecondsOfDay)
    }

    /// Parses the bytes of a span file; `file` names it in errors.
    public static func parse(
        _ bytes: [UInt8], file: String, content: Content, recordingStartSecondsOfDay: Double? = nil
    ) throws(AnnotationFileError) -> [TimeSpan] {
        let rows = try _AnnotationCSV.rows(bytes, file: file)
        let headerText = "a header line such as 'start_s,end_s' for \(content.rawValue)"
        guard let header = rows.first else {
            throw AnnotationFileError(kind: .badData, file: file, line: 1, found: "an empty file", expected: headerText)
        }
        guard _AnnotationCSV.isHeader(header) else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line, column: 1, found: "'\(header.fields[0])'",
                expected: headerText)
        }
        let names = header.fields
        guard let startColumn = _AnnotationCSV.column(names, ["start_s", "onset_s", "start", "onset"]) else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line, found: "header '\(names.joined(separator: ","))'",
                expected: "a column named 'start_s'")
        }
        let endColumn = _AnnotationCSV.column(names, ["end_s", "offset_s", "end", "stop", "offset"])
        let durationColumn = _AnnotationCSV.column(names, ["duration_s", "duration"])
        guard endColumn != nil || durationColumn != nil else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line, found: "header '\(names.joined(separator: ","))'",
                expected: "a column named 'end_s' or 'duration_s'")
        }
        let timeExpectation =
            recordingStartSecondsOfDay == nil
            ? AnnotationCSV.secondsExpectation : AnnotationCSV.secondsExpectation + " or a clock time HH:MM:SS"
        func time(_ text: String) -> Double? {
            if let s = Double(text) { return TimeSpan.isAcceptableTime(s) ? s : nil }
            guard let start = recordingStartSecondsOfDay, let clock = _annotationClockSeconds(text) else { return nil }
            let t = clock - start
            return t < 0 ? t + 86_400 : t
        }
        var spans: [TimeSpan] = []
        for row in rows.dropFirst() {
            let start = try _annotationField(row, startColumn, names, file: file, expected: timeExpectation, time)
            let end: Double
            let column: Int
            if let endColumn {
                end = try _annotationField(row, endColumn, names, file: file, expected: timeExpectation, time)
                column = endColumn
            } else {
                let durationColumn = durationColumn ?? 0
                let duration = try _annotationField(
                    row, durationColumn, names, file: file, expected: "a duration of seconds >= 0"
                ) {
                    Double($0).flatMap { TimeSpan.isAcceptableTime($0) && $0 >= 0 ? $0 : nil }
                }
                end = start + duration
                column = durationColumn
            }
            guard end >= start else {
                throw AnnotationFileError(
                    kind: .badData, file: file, line: row.line, column: column + 1, columnName: names[column],
                    found: "'\(row.fields[column])'", expected: "an end at or after the start \(row.fields[startColumn])")
            }
            spans.append(TimeSpan(startS: start, endS: end))
        }
        return spans
    }
}
