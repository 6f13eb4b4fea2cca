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

    /// Parses the bytes of an events file (``LegMovementCSV``, the one events parser, which
    /// `plm evaluate` uses too); `file` names it in errors.
    /// - Complexity: O(n) in the file size.
    public static func parse(_ bytes: [UInt8], file: String) throws(AnnotationFileError) -> [LegMovement] {
        do {
            return try LegMovementCSV.parse(bytes)
        } catch {
            throw AnnotationFileError(error, file: file)
        }
    }
}

/// Reads field `column` of `row` through `convert` (``AnnotationCSV/field(_:_:header:expected:_:)``),
/// throwing a bad-data error of `file` that names the line, column, found text and expectation.
func _annotationField<T>(
    _ row: AnnotationCSV.Row, _ column: Int, _ names: [String], file: String, expected: String, _ convert: (String) -> T?
) throws(AnnotationFileError) -> T {
    do {
        return try AnnotationCSV.field(row, column, header: names, expected: expected, convert)
    } catch {
        throw AnnotationFileError(error, file: file)
    }
}
