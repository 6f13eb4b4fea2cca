import ArgumentParser
import PLMCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a subcommand's body and turns a ``PipelineError`` into its message on stderr and its
/// `sysexits` exit status, so that every subcommand fails the same way: `plm: <message>` and
/// 65 for bad data, 66 for a missing input, 74 for an I/O error.
func reportingPipelineErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as any PipelineError {
        writeToStandardError("plm: \(error.description)\n")
        throw ExitCode(error.exitStatus.rawValue)
    }
}

/// Writes a line to stderr without buffering behind stdout.
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}
