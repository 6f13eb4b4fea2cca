#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading binary blocks at given offsets (`pread`), so that a reader can walk
/// a large file in chunks without holding it all in memory.
///
/// Not `Sendable`: one reader owns it for the length of one read.
final class _BinaryFile {
    let path: String
    private let descriptor: Int32
    /// File size in bytes.
    let size: Int

    /// Opens `path`; throws `.missingFile` when it does not exist or cannot be opened.
    init(path: String) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) != 0 {
            let reason = errno == ENOENT ? "no such file" : "cannot be examined (errno \(errno))"
            throw ReadError(kind: .missingFile, path: path, found: reason, expected: "a readable sensor file")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(kind: .missingFile, path: path, found: "a directory", expected: "a readable sensor file")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ReadError(kind: .missingFile, path: path, found: "cannot be opened (errno \(errno))", expected: "a readable sensor file")
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes at `offset` into `buffer`; fewer only at the end of the file.
    /// - Returns: the number of bytes read.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        var done = 0
        while done < count {
            let got = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(kind: .io, path: path, byteOffset: offset + done, found: "a read error (errno \(errno))", expected: "a readable file")
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// The first `count` bytes of the file (fewer for a shorter file).
    func prefix(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: min(count, size))
        let got = try bytes.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return try read(into: base, count: raw.count, at: 0)
        }
        return Array(bytes.prefix(got))
    }
}
