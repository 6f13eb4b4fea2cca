import Foundation

/// Reading the small annotation files: the file's bytes, then ``AnnotationCSV`` (PLMCore's one
/// annotation CSV reader) with its errors named after the file.
enum _AnnotationCSV {
    /// Reads a whole file, mapping a missing or unreadable file to ``AnnotationFileError``.
    static func readBytes(path: String) throws(AnnotationFileError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnnotationFileError(
                kind: .missingFile, file: path, found: "nothing at this path", expected: "an existing file")
        }
        guard !isDirectory.boolValue else {
            throw AnnotationFileError(kind: .unreadable, file: path, found: "a directory", expected: "a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnnotationFileError(
                kind: .unreadable, file: path, found: "no permission or an I/O error", expected: "a readable file")
        }
        return [UInt8](data)
    }

    /// Splits bytes into non-blank, non-comment rows (``AnnotationCSV/rows(_:)``, the one reader).
    static func rows(_ bytes: [UInt8], file: String) throws(AnnotationFileError) -> [AnnotationCSV.Row] {
        do {
            return try AnnotationCSV.rows(bytes)
        } catch {
            throw AnnotationFileError(error, file: file)
        }
    }

    /// The column of the first of `names` in `header` (case-insensitive), or nil.
    static func column(_ header: [String], _ names: [String]) -> Int? { AnnotationCSV.column(header, names) }

    /// Whether a row looks like a header (its first field is not a number or a clock time).
    static func isHeader(_ row: AnnotationCSV.Row) -> Bool {
        guard let first = row.fields.first else { return false }
        return Double(first) == nil && _annotationClockSeconds(first) == nil
    }
}

/// Parses `HH:MM:SS` or `HH:MM:SS.fff` into seconds of the day, or nil.
func _annotationClockSeconds(_ text: String) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let s = Double(parts[2]),
        (0..<24).contains(h), (0..<60).contains(m), s >= 0, s < 61, s.isFinite
    else { return nil }
    return Double(h * 3600 + m * 60) + s
}
