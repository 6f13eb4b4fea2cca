import PLMCore

/// The event list that `plm score EVENTS.csv` scores: one leg movement per line.
///
/// Format: a header line naming the columns `onset_s`, `offset_s` and `side` (any order, any
/// case; other columns are ignored), then one movement per line: onset and offset in seconds since
/// the recording start, side `L` or `R` (also `left` / `right`). Blank lines and `#` comments are
/// skipped.
public enum LegMovementEventsFile {
    /// Reads and parses an events file.
    /// - Throws: ``AnnotationFileError``: missing file (exit 66), unreadable (74), bad data (65).
    public static func read(path: String) throws(AnnotationFileError) -> [LegMovement] {
        try parse(_AnnotationCSV.readBytes(path: path), file: path)
    }

    /// Parses the bytes of an events file; `file` names it in errors.
    /// - Complexity: O(n) in the file size.
    public static func parse(_ bytes: [UInt8], file: String) throws(AnnotationFileError) -> [LegMovement] {
        let rows = try _AnnotationCSV.rows(bytes, file: file)
        guard let header = rows.first else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: 1, found: "an empty file",
                expected: "a header line 'onset_s,offset_s,side'")
        }
        guard _AnnotationCSV.isHeader(header) else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line, column: 1, found: "'\(header.fields[0])'",
                expected: "a header line 'onset_s,offset_s,side'")
        }
        let names = header.fields
        func require(_ wanted: [String]) throws(AnnotationFileError) -> Int {
            guard let k = _AnnotationCSV.column(names, wanted) else {
                throw AnnotationFileError(
                    kind: .badData, file: file, line: header.line,
                    found: "header '\(names.joined(separator: ","))'", expected: "a column named '\(wanted[0])'")
            }
            return k
        }
        let onsetColumn = try require(["onset_s", "onset"])
        let offsetColumn = try require(["offset_s", "offset"])
        let sideColumn = try require(["side", "leg"])
        var movements: [LegMovement] = []
        movements.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            let seconds = _secondsExpectation
            let onset = try _annotationField(row, onsetColumn, names, file: file, expected: seconds, _finiteSeconds)
            let offset = try _annotationField(row, offsetColumn, names, file: file, expected: seconds, _finiteSeconds)
            let side = try _annotationField(row, sideColumn, names, file: file, expected: "L or R") { text -> LegSide? in
                switch text.lowercased() {
                case "l", "left": return .left
                case "r", "right": return .right
                default: return nil
                }
            }
            guard offset >= onset else {
                throw AnnotationFileError(
                    kind: .badData, file: file, line: row.line, column: offsetColumn + 1,
                    columnName: names[offsetColumn], found: "'\(row.fields[offsetColumn])'",
                    expected: "an offset at or after the onset \(row.fields[onsetColumn])")
            }
            movements.append(LegMovement(side: side, onsetS: onset, offsetS: offset))
        }
        return movements
    }
}

/// Reads field `column` of `row` through `convert`, throwing a bad-data error that names the line,
/// column, found text and expectation.
func _annotationField<T>(
    _ row: _CSVRow, _ column: Int, _ names: [String], file: String, expected: String, _ convert: (String) -> T?
) throws(AnnotationFileError) -> T {
    guard column < row.fields.count else {
        throw AnnotationFileError(
            kind: .badData, file: file, line: row.line, column: column + 1,
            columnName: column < names.count ? names[column] : nil,
            found: "\(row.fields.count) field\(row.fields.count == 1 ? "" : "s")", expected: "\(names.count) fields")
    }
    let text = row.fields[column]
    guard let value = convert(text) else {
        throw AnnotationFileError(
            kind: .badData, file: file, line: row.line, column: column + 1,
            columnName: column < names.count ? names[column] : nil,
            found: text.isEmpty ? "an empty field" : "'\(text)'", expected: expected)
    }
    return value
}

/// A number of seconds within ±``TimeSpan/largestTimeMagnitudeS``, or nil.
func _finiteSeconds(_ text: String) -> Double? {
    guard let value = Double(text), TimeSpan.isAcceptableTime(value) else { return nil }
    return value
}

/// What `_finiteSeconds` accepts, for messages.
let _secondsExpectation = "a number of seconds within ±10^9"

