/// Exit status families from BSD `sysexits.h`, used by every error the pipeline throws so that
/// the command line can exit with the right code.
public enum ExitStatus: Int32, Sendable {
    /// EX_USAGE: the command was used incorrectly (bad option or argument).
    case usage = 64
    /// EX_DATAERR: the input data was incorrect in some way.
    case dataError = 65
    /// EX_NOINPUT: an input file did not exist or was not readable.
    case noInput = 66
    /// EX_SOFTWARE: an internal software error.
    case software = 70
    /// EX_IOERR: an error occurred while doing I/O on some file.
    case ioError = 74
}

/// An error that knows which exit status it maps to and describes itself for a person:
/// the file, the line and column where they apply, what was found and what was expected.
public protocol PipelineError: Error, CustomStringConvertible, Sendable {
    /// The sysexits status the command line exits with.
    var exitStatus: ExitStatus { get }
}
