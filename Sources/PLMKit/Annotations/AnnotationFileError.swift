import PLMCore

/// An annotation file (events, respiratory events, arousals, hypnogram) that could not be used.
///
/// Every case names the file; data errors also name the line, the column, what was found and
/// what was expected, so that a person can fix the file.
public struct AnnotationFileError: PipelineError, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        /// The file does not exist (exit 66).
        case missingFile
        /// The file exists but could not be read (exit 74).
        case unreadable
        /// A line does not hold what the format requires (exit 65).
        case badData
    }

    public var kind: Kind
    /// The file's path as given.
    public var file: String
    /// 1-based line number, when the problem is on a line.
    public var line: Int?
    /// 1-based column (field) number, when the problem is in a field.
    public var column: Int?
    /// The column's name from the header, when known.
    public var columnName: String?
    /// What was found (quoted text, or a description such as "end of file").
    public var found: String
    /// What was expected.
    public var expected: String

    public init(
        kind: Kind, file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
        found: String, expected: String
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.found = found
        self.expected = expected
    }

    /// A bad-data error of `file` from the shared annotation CSV reader's ``AnnotationCSV/DataError``.
    init(_ error: AnnotationCSV.DataError, file: String) {
        self.init(
            kind: .badData, file: file, line: error.line, column: error.column, columnName: error.columnName,
            found: error.found, expected: error.expected)
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .missingFile: return .noInput
        case .unreadable: return .ioError
        case .badData: return .dataError
        }
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): "
        if let columnName { text += "column '\(columnName)': " }
        switch kind {
        case .missingFile: text += "no such file"
        case .unreadable: text += "cannot read the file"
        case .badData: break
        }
        if kind == .badData {
            text += "found \(found), expected \(expected)"
        } else {
            text += " (\(found)); expected \(expected)"
        }
        return text
    }
}
