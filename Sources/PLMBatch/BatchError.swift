import PLMKit

/// A batch could not start or finish as a whole: a bad manifest, a missing folder, an unusable
/// results database. (A single recording's failure is not one of these: it is recorded and the
/// batch goes on.)
public struct BatchError: PipelineError, Equatable {
    /// The whole message, naming the file (and the line) and what was expected.
    public var message: String
    /// The `sysexits` family: 64 usage, 65 bad data, 66 missing input, 74 I/O.
    public var exitStatus: ExitStatus

    public init(_ message: String, exitStatus: ExitStatus = .dataError) {
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
