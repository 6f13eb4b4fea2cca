import CSystemZlib
import PLMCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A simulated leg file on its way to disk: the project's ``AtomicFileWriter`` (temporary file,
/// rename on commit), with zlib's gzip stream in front of it when asked (level 6; zlib writes no
/// file name and a zero time in the header, so the output is byte-identical for identical input).
struct _LegFileSink {
    private let file: AtomicFileWriter
    private var compressed: gzFile?

    init(path: String, gzip: Bool) throws(SimulationError) {
        do {
            file = try AtomicFileWriter(path: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
        guard gzip else { return }
        // zlib closes the descriptor it is given: give it a duplicate, so that the writer can
        // still flush and close its own after zlib has finished the stream.
        let duplicate = dup(file.fileDescriptor)
        guard duplicate >= 0, let handle = gzdopen(duplicate, "wb6") else {
            let reason = String(cString: strerror(errno))
            if duplicate >= 0 { close(duplicate) }
            file.abandon()
            throw .writeFailed(path: path, reason: reason)
        }
        gzbuffer(handle, 1 << 18)
        compressed = handle
    }

    /// Appends bytes (compressed when the sink is gzip).
    mutating func write(_ bytes: [UInt8]) throws(SimulationError) {
        guard !bytes.isEmpty else { return }
        if let gz = compressed {
            let ok = bytes.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) == Int32($0.count) }
            if !ok {
                let reason = String(cString: strerror(errno))
                gzclose(gz)
                compressed = nil
                file.abandon()
                throw .writeFailed(path: file.path, reason: reason)
            }
            return
        }
        do {
            try file.write(bytes)
        } catch {
            throw .writeFailed(path: file.path, reason: error.reason)
        }
    }

    /// Ends the gzip stream, then flushes and renames the file into place.
    mutating func commit() throws(SimulationError) {
        if let gz = compressed {
            compressed = nil
            guard gzclose(gz) == Z_OK else {
                file.abandon()
                throw .writeFailed(path: file.path, reason: "finishing the gzip stream failed")
            }
        }
        do {
            try file.commit()
        } catch {
            throw .writeFailed(path: file.path, reason: error.reason)
        }
    }

    /// Drops the unfinished file (nothing is left at the path).
    mutating func abandon() {
        if let gz = compressed {
            compressed = nil
            gzclose(gz)
        }
        file.abandon()
    }

    /// Writes `bytes` to `path` atomically in one go.
    static func writeAll(_ bytes: [UInt8], to path: String) throws(SimulationError) {
        var sink = try _LegFileSink(path: path, gzip: false)
        try sink.write(bytes)
        try sink.commit()
    }
}
