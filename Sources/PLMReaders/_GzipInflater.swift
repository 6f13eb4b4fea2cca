internal import CInflate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming gzip inflate of one open file (RFC 1952) through CInflate: Intel ISA-L's
/// `isal_inflate` when the build found ISA-L, zlib's `inflate` otherwise. The compressed side
/// is read 1 MiB at a time and inflated into the caller's buffer, so memory does not grow with
/// the file (week-long recordings included).
///
/// Members are handled as zlib's `gzread` does: after a member ends, bytes starting with the gzip
/// magic begin the next member; anything else after a complete member is trailing garbage and
/// ends the data. Each member's CRC-32 and length are checked. A stream that ends inside a
/// member, or corrupt data, is an error naming the compressed byte offset.
///
/// `PLM_INFLATER=zlib` in the environment makes a build with ISA-L use zlib (to compare them).
final class _GzipInflater {
    private let descriptor: Int32
    private let path: String
    private let inflater: OpaquePointer
    /// Compressed bytes `[inputStart, inputEnd)` of `input` are not inflated yet.
    private let input: UnsafeMutablePointer<UInt8>
    private var inputStart = 0
    private var inputEnd = 0
    private var inputAtEnd = false
    /// Compressed bytes read from the file so far.
    private var bytesRead = 0
    private var memberEnded = false
    private var finished = false
    /// The library and its version.
    let description: String

    /// Compressed input read per `read(2)`.
    static let inputChunkBytes = 1 << 20

    /// An inflater for the file at `descriptor` (at offset 0) when it starts with the gzip magic
    /// bytes 1f 8b; nil (and the offset back at 0) for any other file.
    static func openIfCompressed(descriptor: Int32, path: String, preferISAL: Bool) throws -> _GzipInflater? {
        var magic: (UInt8, UInt8) = (0, 0)
        let got = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress, 2, 0) }
        guard got == 2, magic == (0x1F, 0x8B) else { return nil }
        guard let handle = plm_inflater_create(preferISAL ? 1 : 0) else {
            throw ReadError(kind: .io, path: path, found: "no memory for the gzip inflater", expected: "a few hundred KiB free")
        }
        return _GzipInflater(descriptor: descriptor, path: path, inflater: handle)
    }

    private init(descriptor: Int32, path: String, inflater: OpaquePointer) {
        self.descriptor = descriptor
        self.path = path
        self.inflater = inflater
        input = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.inputChunkBytes)
        description = String(cString: plm_inflater_description(inflater))
    }

    deinit {
        plm_inflater_destroy(inflater)
        input.deallocate()
    }

    /// ISA-L unless the environment says `PLM_INFLATER=zlib`.
    static var preferISALByDefault: Bool { getenv("PLM_INFLATER").map { String(cString: $0) != "zlib" } ?? true }

    /// Whether this build can inflate with ISA-L (whatever the environment asks).
    static var isalBuilt: Bool { plm_inflater_isal_built() != 0 }

    /// Offset in the compressed file of the next byte to inflate.
    var compressedOffset: Int { bytesRead - (inputEnd - inputStart) }

    /// Inflates up to `count` bytes into `destination`.
    /// - Parameter uncompressedOffset: bytes of uncompressed data before `destination` (for messages).
    /// - Returns: the bytes made; 0 at the end of the data.
    func inflate(into destination: UnsafeMutablePointer<UInt8>, count: Int, uncompressedOffset: Int) throws -> Int {
        while !finished {
            if memberEnded {
                try fillInput(atLeast: 2)
                guard inputEnd - inputStart >= 2, input[inputStart] == 0x1F, input[inputStart + 1] == 0x8B else {
                    finished = true  // end of file, or trailing garbage after a complete member (as gzread)
                    break
                }
                guard plm_inflater_start_member(inflater) == 0 else { throw corrupt(uncompressedOffset, "cannot reset the inflater") }
                memberEnded = false
            }
            if inputStart == inputEnd { try fillInput(atLeast: 1) }
            var used = 0, made = 0
            let status = plm_inflate(inflater, input + inputStart, inputEnd - inputStart, &used, destination, count, &made)
            inputStart += used
            if status == PLM_INFLATE_ERROR {
                throw corrupt(uncompressedOffset + made, String(cString: plm_inflater_message(inflater)))
            }
            if status == PLM_INFLATE_MEMBER_END { memberEnded = true }
            if made > 0 { return made }
            if used == 0 && !memberEnded {
                // Nothing moved: the inflater needs bytes the file does not have.
                if inputAtEnd && inputStart == inputEnd {
                    throw ReadError(
                        kind: .malformedData, path: path, byteOffset: compressedOffset,
                        found: "the gzip stream ends inside a member (truncated) after \(uncompressedOffset) bytes of uncompressed data",
                        expected: "a complete, valid gzip stream")
                }
                try fillInput(atLeast: inputEnd - inputStart + 1)
            }
        }
        return 0
    }

    /// Reads until at least `bytes` compressed bytes are pending or the file ends (unread bytes
    /// move to the front of the input buffer first).
    private func fillInput(atLeast bytes: Int) throws {
        guard inputEnd - inputStart < bytes, !inputAtEnd else { return }
        let pending = inputEnd - inputStart
        if pending > 0 && inputStart > 0 { input.update(from: input + inputStart, count: pending) }
        inputStart = 0
        inputEnd = pending
        guard inputEnd < Self.inputChunkBytes else {
            throw corrupt(nil, "the inflater made no progress on \(pending) bytes")
        }
        while inputEnd < bytes && !inputAtEnd {
            let got = read(descriptor, input + inputEnd, Self.inputChunkBytes - inputEnd)
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(
                    kind: .io, path: path, byteOffset: bytesRead, found: "a read error (errno \(errno))", expected: "a readable file")
            }
            if got == 0 { inputAtEnd = true }
            inputEnd += got
            bytesRead += got
        }
    }

    private func corrupt(_ uncompressedOffset: Int?, _ reason: String) -> ReadError {
        ReadError(
            kind: .malformedData, path: path, byteOffset: compressedOffset,
            found: "corrupt compressed data (\(description): \(reason))"
                + (uncompressedOffset.map { " after \($0) bytes of uncompressed data" } ?? ""),
            expected: "a complete, valid gzip stream")
    }
}
