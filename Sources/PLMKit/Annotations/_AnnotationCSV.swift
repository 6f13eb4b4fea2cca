import Foundation

/// One non-blank line of a small annotation CSV file, split into trimmed fields.
struct _CSVRow {
    /// 1-based line number in the file.
    var line: Int
    var fields: [String]
}

/// A minimal reader for the small, comma-separated annotation files (no quoting: annotation files
/// hold numbers and short codes). Handles a UTF-8 byte-order mark, CRLF line ends, blank lines and
/// `#` comment lines; fields may also be separated by semicolons or tabs when no comma is present.
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

    /// Splits bytes into non-blank, non-comment rows.
    static func rows(_ bytes: [UInt8], file: String) throws(AnnotationFileError) -> [_CSVRow] {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var rows: [_CSVRow] = []
        var lineNumber = 0
        var i = start
        while i <= bytes.count {
            var j = i
            while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
            lineNumber += 1
            var end = j
            if end > i && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > i {
                guard let text = String(validating: bytes[i..<end], as: UTF8.self) else {
                    throw AnnotationFileError(
                        kind: .badData, file: file, line: lineNumber, found: "bytes that are not UTF-8 text",
                        expected: "a UTF-8 text line")
                }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                    let separator: Character = trimmed.contains(",") ? "," : (trimmed.contains(";") ? ";" : "\t")
                    let fields = trimmed.split(separator: separator, omittingEmptySubsequences: false).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    rows.append(_CSVRow(line: lineNumber, fields: fields))
                }
            }
            i = j + 1
        }
        return rows
    }

    /// Finds the first header name of `names` (case-insensitive), or nil.
    static func column(_ header: [String], _ names: [String]) -> Int? {
        let lower = header.map { $0.lowercased() }
        for n in names { if let k = lower.firstIndex(of: n) { return k } }
        return nil
    }

    /// Whether a row looks like a header (its first field is not a number or a clock time).
    static func isHeader(_ row: _CSVRow) -> Bool {
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
