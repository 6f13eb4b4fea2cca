import PLMCore

/// Why a file could not be read, with where and what: the file, the line and column when they
/// apply, what was found there and what was expected, and a hint saying what to do about it.
public struct ReadError: PipelineError, Equatable {
    /// The family of problem; decides the exit status.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The file does not exist or cannot be opened for reading (exit 66).
        case missingFile
        /// The bytes are not what the layout says (exit 65).
        case malformedData
        /// The file is an epoch/count export, not raw acceleration (exit 65).
        case notRawAcceleration
        /// The values do not fit the declared unit (exit 65).
        case implausibleUnits
        /// The layout could not be recognised, or needs options to be described (exit 65).
        case unknownLayout
        /// Reading failed below the data (exit 74).
        case io
    }

    public var kind: Kind
    /// The file as given by the user.
    public var path: String
    /// 1-based line, when the problem is at one.
    public var line: Int?
    /// 1-based field (column) in that line, when the problem is in one field.
    public var column: Int?
    /// 0-based byte offset in a binary file, when the problem is at one.
    public var byteOffset: Int?
    /// What the reader found.
    public var found: String
    /// What it expected instead.
    public var expected: String
    /// What the user can do (options to give, first lines of the file), when there is something.
    public var hint: String?

    public init(
        kind: Kind, path: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, found: String,
        expected: String, hint: String? = nil
    ) {
        self.byteOffset = byteOffset
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.found = found
        self.expected = expected
        self.hint = hint
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .missingFile: .noInput
        case .io: .ioError
        case .malformedData, .notRawAcceleration, .implausibleUnits, .unknownLayout: .dataError
        }
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        if let byteOffset { place += " (byte \(byteOffset))" }
        var text = "\(place): \(found); expected \(expected)"
        if let hint { text += "\n" + hint }
        return text
    }
}
