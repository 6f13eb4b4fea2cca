#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out the lines of a `_ByteStream` one at a time (without the line break and a CR before
/// it), with the byte offset where each starts. A line's bytes stay valid until the next call.
struct _LineCursor {
    let stream: _ByteStream
    /// Byte offset (in the uncompressed file) of `stream.buffer[0]`.
    private var bufferOffset = 0
    /// 1-based number of the last line handed out.
    private(set) var lineNumber = 0

    init(stream: _ByteStream) { self.stream = stream }

    /// The next line and its byte offset, or nil at the end of the file.
    mutating func next() throws -> (bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int)? {
        while true {
            let start = stream.start
            let available = stream.end - start
            if available > 0, let found = memchr(stream.buffer + start, 0x0A, available) {
                let newline = UnsafeMutablePointer(found.assumingMemoryBound(to: UInt8.self)) - stream.buffer
                return take(from: start, to: newline, consumed: newline + 1)
            }
            if stream.atEndOfFile {
                guard available > 0 else { return nil }
                return take(from: start, to: stream.end, consumed: stream.end)
            }
            let before = stream.start
            try stream.refill()
            bufferOffset += before  // refill moved the unread bytes to the front
        }
    }

    private mutating func take(from start: Int, to end: Int, consumed: Int) -> (bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int) {
        var last = end
        if last > start && stream.buffer[last - 1] == 0x0D { last -= 1 }
        stream.start = consumed
        lineNumber += 1
        return (UnsafeBufferPointer(start: stream.buffer + start, count: last - start), bufferOffset + start)
    }
}
