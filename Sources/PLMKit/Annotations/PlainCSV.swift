/// A small comma-separated text file (an annotation file, a batch manifest) as rows of trimmed
/// fields: the project's one reader for such files, shared with modules above PLMKit.
///
/// No quoting (the fields are numbers, codes and paths without commas); a UTF-8 byte-order mark,
/// CRLF line ends, blank lines and `#` comment lines are handled; a line without a comma may use
/// semicolons or tabs instead.
public enum PlainCSV {
    /// One non-blank, non-comment line.
    public struct Row: Sendable, Equatable {
        /// 1-based line number in the file.
        public var line: Int
        /// The fields, trimmed of spaces.
        public var fields: [String]
    }

    /// The rows of the file at `path`.
    /// - Throws: ``AnnotationFileError`` naming the file (and the line for text that is not UTF-8).
    public static func rows(path: String) throws(AnnotationFileError) -> [Row] {
        let bytes = try _AnnotationCSV.readBytes(path: path)
        return try _AnnotationCSV.rows(bytes, file: path).map { Row(line: $0.line, fields: $0.fields) }
    }
}
