import ArgumentParser
import PLMCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipeline failure on its way out of `plm`: the message and the `sysexits` status of a
/// ``PipelineError``, carried to ``PLMCommand/runAsMain()`` (which prints `plm: <message>` and
/// exits) so that in-process callers (tests) see both.
public struct PipelineFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public var status: ExitStatus
}

/// Runs a subcommand's body and turns a ``PipelineError`` into a ``PipelineFailure``, so that
/// every subcommand fails the same way: `plm: <message>` and 65 for bad data, 66 for a missing
/// input, 74 for an I/O error.
func reportingPipelineErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as any PipelineError {
        throw PipelineFailure(description: error.description, status: error.exitStatus)
    }
}

/// Writes a line to stderr without buffering behind stdout.
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

extension PLMCommand {
    /// The exit status `plm` ends with after `error`: a pipeline failure's sysexits status, else
    /// what ArgumentParser gives (64 for usage errors, 0 for `--help`).
    public static func exitStatus(for error: any Error) -> Int32 {
        if let failure = error as? PipelineFailure { return failure.status.rawValue }
        return exitCode(for: error).rawValue
    }

    /// The message `plm` prints for `error` (usage included for usage errors).
    public static func message(for error: any Error) -> String {
        if let failure = error as? PipelineFailure { return "plm: \(failure.description)" }
        return fullMessage(for: error)
    }

    /// The `plm` executable's main: parses the arguments, runs the subcommand, prints a failure
    /// and exits with its status.
    ///
    /// SIGPIPE is ignored, so writing to a closed pipe (`plm analyze --json - | head`) is an
    /// `EPIPE` error that the writers treat as the reader having had enough, not a signal death.
    public static func runAsMain() async -> Never {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as PipelineFailure {
            writeToStandardError(message(for: failure) + "\n")
            _exitProcess(failure.status.rawValue)
        } catch {
            exit(withError: error)
        }
        _exitProcess(0)
    }
}

/// `exit(3)`, named apart from ArgumentParser's `exit(withError:)`.
private func _exitProcess(_ status: Int32) -> Never {
    #if canImport(Darwin)
        Darwin.exit(status)
    #else
        Glibc.exit(status)
    #endif
}
