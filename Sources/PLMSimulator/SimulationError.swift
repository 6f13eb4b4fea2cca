import PLMCore

/// A simulation that cannot be made or written.
public enum SimulationError: PipelineError, Equatable {
    /// A setting is out of its range.
    case invalidSetting(name: String, found: String, expected: String)
    /// An output file could not be written.
    case writeFailed(path: String, reason: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidSetting: .usage
        case .writeFailed: .ioError
        }
    }

    public var description: String {
        switch self {
        case .invalidSetting(let name, let found, let expected):
            "invalid simulation setting \(name): found \(found), expected \(expected)"
        case .writeFailed(let path, let reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
