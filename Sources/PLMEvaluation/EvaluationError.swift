import PLMCore

/// A reference or report file that cannot be used for evaluation.
public enum EvaluationError: PipelineError, Equatable {
    /// The file does not exist or cannot be read.
    case cannotRead(path: String, reason: String)
    /// The file's content is not what was expected.
    case badData(path: String, line: Int?, column: Int?, found: String, expected: String)
    /// The command was used incorrectly.
    case usage(String)
    /// An output file could not be written.
    case writeFailed(path: String, reason: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .cannotRead: .noInput
        case .badData: .dataError
        case .usage: .usage
        case .writeFailed: .ioError
        }
    }

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .badData(let path, let line, let column, let found, let expected):
            var place = path
            if let line { place += ":\(line)" }
            if let column { place += ":\(column)" }
            return "\(place): found \(found), expected \(expected)"
        case .usage(let message):
            return message
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}
