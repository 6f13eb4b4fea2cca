import Foundation
import PLMCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a
/// half-written file: the bytes go to a temporary file in the same directory, are flushed to
/// disk with `fsync`, and the temporary file is renamed over the destination.
public enum AtomicFileWriter {
    /// Writes `data` to `path` atomically, creating or replacing the file with mode 0644.
    /// - Parameters:
    ///   - data: The complete contents.
    ///   - path: The destination; its directory must exist.
    /// - Throws: ``FileWriteError`` (exit status 74) naming the path and the system's reason.
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let (directory, name) = splitPath(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw FileWriteError(path: path, operation: "write", reason: "the path names a directory, not a file")
        }
        let template = (directory.isEmpty ? "" : directory.hasSuffix("/") ? directory : directory + "/") + ".\(name).tmp-XXXXXX"
        var templateBytes = Array(template.utf8CString)
        let fd = templateBytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw FileWriteError(path: path, operation: "create a temporary file for", errno: errno) }
        let temporaryPath = String(
            decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let failure = fill(fd, with: data, path: path, temporaryPath: temporaryPath) {
            unlink(temporaryPath)
            throw failure
        }
        syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// Writes `text` as UTF-8 to `path` atomically (see ``write(_:to:)-(Data,_)``).
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes all of `data` to `fd`, flushes and closes it, then renames the temporary file to
    /// `path`. Closes `fd` in every case; returns the first failure.
    private static func fill(_ fd: Int32, with data: Data, path: String, temporaryPath: String) -> FileWriteError? {
        let writeErrno: Int32? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let n = Glibc_write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let code = writeErrno {
            close(fd)
            return FileWriteError(path: path, operation: "write", errno: code)
        }
        if fchmod(fd, 0o644) != 0 {
            let code = errno
            close(fd)
            return FileWriteError(path: path, operation: "set the permissions of", errno: code)
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            return FileWriteError(path: path, operation: "flush", errno: code)
        }
        if close(fd) != 0 { return FileWriteError(path: path, operation: "close", errno: errno) }
        if rename(temporaryPath, path) != 0 {
            return FileWriteError(path: path, operation: "rename a temporary file to", errno: errno)
        }
        return nil
    }

    /// The directory part (empty for a bare name, `/` for a file in the root) and the last
    /// component of `path`. Plain string work: Foundation's path helpers trap on some inputs on Linux.
    static func splitPath(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let name = String(path[path.index(after: slash)...])
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, name)
    }

    /// Flushes the directory entry of the rename; best effort (some file systems refuse it).
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// `write(2)`, named apart from the static `write` methods above.
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        return Darwin.write(fd, buffer, count)
    #elseif canImport(Glibc)
        return Glibc.write(fd, buffer, count)
    #else
        return Musl.write(fd, buffer, count)
    #endif
}

/// A report or output file could not be written.
public struct FileWriteError: PipelineError, Equatable {
    /// The destination path.
    public var path: String
    /// What was being done, e.g. `write`, `rename a temporary file to`.
    public var operation: String
    /// Why, in the system's words.
    public var reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    public var exitStatus: ExitStatus { .ioError }

    public var description: String { "\(path): cannot \(operation) the file: \(reason)" }
}
