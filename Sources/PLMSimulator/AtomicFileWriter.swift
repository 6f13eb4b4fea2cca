import CSystemZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file atomically: bytes go to a temporary file beside the target (optionally through
/// zlib's gzip stream), which is renamed over the target only when everything was written.
/// A failed write leaves no partial file behind.
struct AtomicFileWriter {
    let path: String
    let temporaryPath: String
    private let gzip: Bool
    private var plain: UnsafeMutablePointer<FILE>?
    private var compressed: gzFile?

    /// Opens the temporary file.
    /// - Parameters:
    ///   - path: The final path.
    ///   - gzip: Whether to write a gzip stream (zlib, level 6, no file name or time in the header,
    ///     so the output is byte-identical for identical input).
    init(path: String, gzip: Bool) throws(SimulationError) {
        self.path = path
        self.temporaryPath = path + ".partial-\(getpid())"
        self.gzip = gzip
        if gzip {
            compressed = gzopen(temporaryPath, "wb6")
            if compressed == nil { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
            gzbuffer(compressed, 1 << 18)
        } else {
            plain = fopen(temporaryPath, "wb")
            if plain == nil { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        }
    }

    /// Appends bytes.
    mutating func write(_ bytes: [UInt8]) throws(SimulationError) {
        guard !bytes.isEmpty else { return }
        let ok: Bool = bytes.withUnsafeBytes { raw in
            if let gz = compressed {
                return gzwrite(gz, raw.baseAddress, UInt32(raw.count)) == Int32(raw.count)
            }
            if let f = plain {
                return fwrite(raw.baseAddress, 1, raw.count, f) == raw.count
            }
            return false
        }
        if !ok {
            let reason = String(cString: strerror(errno))
            abandon()
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Closes the temporary file and renames it to the final path.
    mutating func commit() throws(SimulationError) {
        var closed = true
        if let gz = compressed { closed = gzclose(gz) == Z_OK }
        if let f = plain { closed = fclose(f) == 0 }
        compressed = nil
        plain = nil
        guard closed else {
            unlink(temporaryPath)
            throw .writeFailed(path: path, reason: "closing the file failed")
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Closes and deletes the temporary file.
    mutating func abandon() {
        if let gz = compressed { gzclose(gz) }
        if let f = plain { fclose(f) }
        compressed = nil
        plain = nil
        unlink(temporaryPath)
    }

    /// Writes `bytes` to `path` atomically in one go.
    static func writeAll(_ bytes: [UInt8], to path: String, gzip: Bool = false) throws(SimulationError) {
        var writer = try AtomicFileWriter(path: path, gzip: gzip)
        try writer.write(bytes)
        try writer.commit()
    }
}
