#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing results to standard output (`--json -`) the way a Unix filter should: a reader that
/// stops reading (`plm analyze --json - | head`) ends the output quietly, and a real failure (a
/// full disk behind a redirection) is an I/O error naming the destination, exit 74.
///
/// `plm` ignores SIGPIPE (``PLMCommands``' main), so a closed pipe shows up here as `EPIPE`.
public enum StandardOutput {
    /// What became of a write.
    public enum Outcome: Sendable, Equatable {
        /// Every byte was written.
        case written
        /// The reader has gone (`EPIPE`): nothing more will be read, which is a normal end.
        case readerClosed
    }

    /// Writes all of `bytes` to file descriptor 1 (unbuffered).
    /// - Throws: ``FileWriteError`` naming `standard output` for any failure but a closed pipe.
    @discardableResult
    public static func write(_ bytes: [UInt8]) throws(FileWriteError) -> Outcome {
        try write(bytes, toDescriptor: 1, name: "standard output")
    }

    /// Writes all of `bytes` to `fd`; `name` names the destination in errors.
    @discardableResult
    public static func write(_ bytes: [UInt8], toDescriptor fd: Int32, name: String) throws(FileWriteError) -> Outcome {
        let code = bytes.withUnsafeBytes { _writeAll(fd, $0) }
        guard let code else { return .written }
        if code == EPIPE { return .readerClosed }
        throw FileWriteError(path: name, operation: "write", errno: code)
    }
}
