#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The project's one way to write an output file: readers see either the old file or the complete
/// new one, never half a file. The bytes go to a temporary file beside the destination (created
/// with `mkstemp`), are flushed with `fsync`, and the temporary file is renamed over the
/// destination; a failure removes the temporary file and names the destination and the system's
/// reason (`No space left on device` on a full disk), exit status 74.
///
/// Whole files: ``write(_:to:)-([UInt8],_)``. Streams (the simulator's large CSVs): create a writer,
/// ``write(_:)-([UInt8])`` chunks, then ``commit()``; a writer dropped without committing removes
/// its temporary file. A writer is used by one task at a time.
public final class AtomicFileWriter {
    /// The destination.
    public let path: String
    /// The temporary file the bytes go to until ``commit()``.
    public let temporaryPath: String
    /// The temporary file's descriptor, for layers that write through it themselves (zlib's
    /// `gzdopen` on a `dup` of it); valid until ``commit()`` or ``abandon()``.
    public let fileDescriptor: Int32
    private var isOpen = true

    /// Creates the temporary file beside `path`.
    /// - Throws: ``FileWriteError`` when `path` names a directory or the folder cannot take a file.
    public init(path: String) throws(FileWriteError) {
        let (directory, name) = Self.splitPath(path)
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
        self.path = path
        self.fileDescriptor = fd
        self.temporaryPath = String(decoding: templateBytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        if isOpen {
            close(fileDescriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes`; on failure the temporary file is removed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        guard isOpen else { throw FileWriteError(path: path, operation: "write", reason: "the writer is closed") }
        if let code = _writeAll(fileDescriptor, bytes) {
            abandon()
            throw FileWriteError(path: path, operation: "write", errno: code)
        }
    }

    /// Appends `bytes`; on failure the temporary file is removed.
    public func write(_ bytes: [UInt8]) throws(FileWriteError) {
        let failure: FileWriteError? = bytes.withUnsafeBytes { raw -> FileWriteError? in
            do throws(FileWriteError) {
                try write(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Flushes, closes and renames the temporary file to ``path`` (mode 0644).
    public func commit() throws(FileWriteError) {
        guard isOpen else { throw FileWriteError(path: path, operation: "write", reason: "the writer is closed") }
        isOpen = false
        func fail(_ operation: String, _ code: Int32, closing: Bool) -> FileWriteError {
            if closing { close(fileDescriptor) }
            unlink(temporaryPath)
            return FileWriteError(path: path, operation: operation, errno: code)
        }
        if fchmod(fileDescriptor, 0o644) != 0 { throw fail("set the permissions of", errno, closing: true) }
        if fsync(fileDescriptor) != 0 { throw fail("flush", errno, closing: true) }
        if close(fileDescriptor) != 0 { throw fail("close", errno, closing: false) }
        if rename(temporaryPath, path) != 0 { throw fail("rename a temporary file to", errno, closing: false) }
        let (directory, _) = Self.splitPath(path)
        Self.syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// Closes and removes the temporary file; the destination is untouched.
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        close(fileDescriptor)
        unlink(temporaryPath)
    }

    /// Writes `bytes` to `path` atomically, creating or replacing the file with mode 0644.
    /// - Throws: ``FileWriteError`` (exit status 74) naming the path and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(bytes)
        try writer.commit()
    }

    /// Writes `text` as UTF-8 to `path` atomically (see ``write(_:to:)-([UInt8],_)``).
    public static func write(_ text: String, to path: String) throws(FileWriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Whether `name` (a file name, no folder) is one of this writer's temporary files:
    /// `.NAME.tmp-XXXXXX` as `mkstemp` completes the template. A process killed between creating
    /// and renaming one leaves it behind; ``removeStaleTemporaryFiles(in:)`` cleans them up.
    public static func isTemporaryFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(".tmp-".utf8)
        let suffixLength = 6
        guard bytes.count > 1 + marker.count + suffixLength, bytes[0] == UInt8(ascii: ".") else { return false }
        let markerStart = bytes.count - suffixLength - marker.count
        guard markerStart > 1, Array(bytes[markerStart..<(markerStart + marker.count)]) == marker else { return false }
        return bytes[(bytes.count - suffixLength)...].allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        }
    }

    /// Removes the temporary files (``isTemporaryFileName(_:)``) directly inside `directory`, left
    /// there by a writer whose process was killed before its rename. Only for a folder no other
    /// process is writing into now: a live writer's temporary file would be removed too.
    /// - Returns: the paths removed (a missing or unreadable folder removes nothing).
    @discardableResult
    public static func removeStaleTemporaryFiles(in directory: String) -> [String] {
        guard let folder = opendir(directory) else { return [] }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isTemporaryFileName(name) { names.append(name) }
        }
        closedir(folder)
        var removed: [String] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted() where unlink(prefix + name) == 0 { removed.append(prefix + name) }
        return removed
    }

    /// The directory part (empty for a bare name, `/` for a file in the root) and the last
    /// component of `path`. Plain string work: Foundation's path helpers trap on some inputs on Linux.
    public static func splitPath(_ path: String) -> (directory: String, name: String) {
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

/// Writes all of `bytes` to `fd`, retrying on `EINTR`; returns the `errno` of a failure.
func _writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        #if canImport(Darwin)
            let n = Darwin.write(fd, base + offset, bytes.count - offset)
        #elseif canImport(Glibc)
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
        #else
            let n = Musl.write(fd, base + offset, bytes.count - offset)
        #endif
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return nil
}

/// A report or output file could not be written.
public struct FileWriteError: PipelineError, Equatable {
    /// The destination path (`standard output` for `-`).
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

    public init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    public var exitStatus: ExitStatus { .ioError }

    public var description: String { "\(path): cannot \(operation) the file: \(reason)" }
}
