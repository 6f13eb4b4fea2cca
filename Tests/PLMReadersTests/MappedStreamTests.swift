import Foundation
import PLMTestSupport
import Testing

@testable import PLMReaders

/// A plain file read through a mapping (`_ByteStream(mapPlainFile: true)`, `_MappedFile`) hands
/// a line reader exactly what `read(2)` into the buffer hands it: the same bytes refill after
/// refill, the same end-of-file flag, a 0 after the file's last byte, the same error for an
/// endless line; and a file that shrinks while it is read is an I/O error, not a crash.
@Suite("Mapped stream: the same bytes as read(2), window by window")
struct MappedStreamTests {
    /// What a line reader sees, refill by refill: the unread bytes and whether the file ended.
    /// Like `_RowParser`, it consumes every whole line and leaves a partial last line unread
    /// (all of it at the end of the file).
    static func windows(_ path: String, mapped: Bool) throws -> [(bytes: [UInt8], atEnd: Bool, sentinel: UInt8?)] {
        let stream = try _ByteStream(path: path, mapPlainFile: mapped)
        var seen: [(bytes: [UInt8], atEnd: Bool, sentinel: UInt8?)] = []
        while true {
            let readAny = try stream.refill()
            let bytes = Array(UnsafeBufferPointer(start: stream.buffer + stream.start, count: stream.end - stream.start))
            seen.append((bytes, stream.atEndOfFile, stream.atEndOfFile ? stream.buffer[stream.end] : nil))
            if stream.atEndOfFile || !readAny { break }
            if let lastNewline = bytes.lastIndex(of: 0x0A) { stream.start += lastNewline + 1 }
        }
        return seen
    }

    /// `count` bytes of lines of random length (1-200 bytes, so that lines straddle every window
    /// boundary at a different place).
    static func lines(count: Int, seed: UInt64) -> Data {
        var g = SplitMix64(state: seed)
        var bytes = [UInt8](repeating: 0x41, count: count)
        var k = Int.random(in: 1...200, using: &g)
        while k < count {
            bytes[k] = 0x0A
            k += Int.random(in: 1...200, using: &g)
        }
        return Data(bytes)
    }

    static let page = _MappedFile.pageBytes
    static let chunk = _ByteStream.chunkBytes

    @Test(
        "Refill by refill the same bytes and end flag as read(2), and a 0 after the last byte",
        arguments: [1, 100, page - 1, page, page + 1, 2 * page, chunk - 2, chunk - 1, chunk, chunk + 1, 3 * chunk + 12_345])
    func sameWindows(size: Int) throws {
        let data = Self.lines(count: size, seed: UInt64(size))
        let path = try TestFiles.write(data, name: "mapped-\(size).csv")
        let plain = try Self.windows(path, mapped: false)
        let mapped = try Self.windows(path, mapped: true)
        #expect(mapped.count == plain.count)
        for (m, p) in zip(mapped, plain) {
            #expect(m.bytes == p.bytes)
            #expect(m.atEnd == p.atEnd)
        }
        // The read(2) stream writes its sentinel; the mapping has the zero page after the file.
        #expect(mapped.last?.sentinel == 0)
        #expect(plain.last?.sentinel == 0)
    }

    @Test("A file ending exactly at a full window: the end is found by the next refill, as with read(2)")
    func exactWindow() throws {
        // chunkBytes - 1 bytes fill the first refill completely.
        var data = Self.lines(count: Self.chunk - 2, seed: 7)
        data.append(0x0A)
        let path = try TestFiles.write(data, name: "exact.csv")
        let plain = try Self.windows(path, mapped: false)
        let mapped = try Self.windows(path, mapped: true)
        #expect(plain.count == 2 && mapped.count == 2)
        #expect(plain.first?.atEnd == false && mapped.first?.atEnd == false)
        #expect(mapped.map(\.bytes) == plain.map(\.bytes) && mapped.map(\.atEnd) == plain.map(\.atEnd))
    }

    @Test("An endless line gives the same error, with the same byte offset, mapped or read")
    func endlessLine() throws {
        var data = Data("time,x,y,z\n2026-01-01T00:00:00.000,0.01,0.02,0.99\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "7"), count: Self.chunk + 10))
        let path = try TestFiles.write(data, name: "endless.csv")
        func failure(mapped: Bool) -> ReadError? {
            do {
                _ = try Self.windows(path, mapped: mapped)
                return nil
            } catch { return error as? ReadError }
        }
        let plain = try #require(failure(mapped: false))
        let mapped = try #require(failure(mapped: true))
        #expect(mapped.found == plain.found)
        #expect(mapped.found.contains("from byte offset 50"), "\(mapped)")  // after the header (11 bytes) and one row (39)
    }

    #if os(Linux)
    @Test("A file cut short while it is read: an I/O error naming the offset, no crash")
    func shrinkingFile() throws {
        let data = Self.lines(count: 3 * Self.chunk, seed: 9)
        let path = try TestFiles.write(data, name: "shrinking.csv")
        let stream = try _ByteStream(path: path, mapPlainFile: true)
        try stream.refill()
        let firstEnd = stream.end
        #expect(truncate(path, off_t(Self.page)) == 0)
        stream.start = stream.end  // the first window's bytes are not touched again
        do {
            try stream.refill()
            Issue.record("a refill past the new end of the file did not fail")
        } catch let error as ReadError {
            #expect(error.kind == .io)
            #expect(error.byteOffset == firstEnd)
            #expect(error.found.contains("shrank"), "\(error)")
        }
    }
    #endif
}
