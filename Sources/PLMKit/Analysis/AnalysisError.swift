/// A problem with what an analysis was asked to do, as opposed to a problem in a file.
///
/// The readers and annotation parsers throw their own errors (with file, line and column); this
/// type covers requests that cannot be carried out on the given recording, such as a lights-off
/// time outside it.
public struct AnalysisError: PipelineError, Equatable {
    /// What was wrong.
    public var message: String
    /// The exit status it maps to.
    public var exitStatus: ExitStatus

    public init(_ message: String, exitStatus: ExitStatus = .usage) {
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
