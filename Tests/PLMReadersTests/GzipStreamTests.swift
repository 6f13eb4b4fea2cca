import CSystemZlib
import Foundation
import PLMTestSupport
import Testing

@testable import PLMReaders

/// The streaming gzip layer (`_GzipInflater` under `_ByteStream`): every inflater gives the bytes
/// zlib's deflate was given, members are joined as zlib's gzread joins them, and damage is an
/// error naming the file and the compressed byte offset.
@Suite("Gzip stream: ISA-L and zlib inflate, members, damage")
struct GzipStreamTests {
    /// `text` gzip-compressed by zlib's own deflate (gzwrite), as one member.
    static func gzipMember(_ bytes: [UInt8], level: String = "wb6") throws -> Data {
        let path = try TestFiles.write(Data(), name: "member.gz")
        let file = try #require(gzopen(path, level))
        var offset = 0
        while offset < bytes.count {
            let count = min(1 << 20, bytes.count - offset)
            _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress! + offset, UInt32(count)) }
            offset += count
        }
        #expect(gzclose(file) == Z_OK)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A generic CSV of `rows` 100-Hz rows with random values (the kind exporters write).
    static func randomCSV(rows: Int, seed: UInt64) -> [UInt8] {
        var g = SplitMix64(state: seed)
        var text = "timestamp,x,y,z\n"
        text.reserveCapacity(rows * 60)
        for k in 0..<rows {
            let second = k / 100
            let stamp = String(format: "2026-01-15T%02d:%02d:%02d.%03d+01:00", 22 + second / 3600, second / 60 % 60, second % 60, k % 100 * 10)
            let values = (0..<3).map { _ in String(format: "%.5f", Double.random(in: -2...2, using: &g)) }
            text += stamp + "," + values.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    /// Every byte `_ByteStream` hands out for the file at `path`, with the inflater it used.
    static func streamBytes(_ path: String, preferISAL: Bool) throws -> (bytes: [UInt8], inflater: String?) {
        let stream = try _ByteStream(path: path, preferISAL: preferISAL)
        var bytes: [UInt8] = []
        while try stream.refill() || stream.end > stream.start {
            bytes.append(contentsOf: UnsafeBufferPointer(start: stream.buffer + stream.start, count: stream.end - stream.start))
            stream.start = stream.end
            if stream.atEndOfFile { break }
        }
        return (bytes, stream.inflaterDescription)
    }

    /// Whether this machine's build found ISA-L (its header where Debian's libisal-dev puts it).
    static let isalInstalled = FileManager.default.fileExists(atPath: "/usr/include/isa-l.h")
        || FileManager.default.fileExists(atPath: "/usr/local/include/isa-l.h")

    @Test("ISA-L and zlib both give back exactly the bytes deflated, across many chunks", arguments: [true, false])
    func roundTrip(preferISAL: Bool) throws {
        // About 9 MB of CSV: several 4 MiB output chunks and 1 MiB input chunks.
        let text = Self.randomCSV(rows: 150_000, seed: 15)
        let path = try TestFiles.write(try Self.gzipMember(text), name: "night.csv.gz")
        let (bytes, inflater) = try Self.streamBytes(path, preferISAL: preferISAL)
        #expect(bytes == text)
        let expected = preferISAL && Self.isalInstalled ? "ISA-L" : "zlib"
        #expect(inflater?.hasPrefix(expected) == true, "\(inflater ?? "none")")
    }

    @Test("Concatenated members read as one stream; trailing garbage after a member is ignored (as gzread)", arguments: [true, false])
    func members(preferISAL: Bool) throws {
        let text = Self.randomCSV(rows: 30_000, seed: 16)
        let cut = text.count / 3
        var data = try Self.gzipMember(Array(text[..<cut]), level: "wb1")
        data += try Self.gzipMember([])  // an empty member in between
        data += try Self.gzipMember(Array(text[cut...]), level: "wb9")
        let joined = try Self.streamBytes(try TestFiles.write(data, name: "members.csv.gz"), preferISAL: preferISAL)
        #expect(joined.bytes == text)
        // zlib's gzread stops quietly at bytes after a member that are not a gzip header.
        let garbage = try Self.streamBytes(try TestFiles.write(data + Data("\0\0junk".utf8), name: "tail.csv.gz"), preferISAL: preferISAL)
        #expect(garbage.bytes == text)
        // The reader gives the same recording from the plain file and the members.
        let plain = try RecordingReader.read(path: try TestFiles.write(Data(text), name: "plain.csv"))
        let gz = try RecordingReader.read(path: try TestFiles.write(data, name: "members2.csv.gz"))
        #expect(plain.x == gz.x && plain.y == gz.y && plain.z == gz.z && plain.sampleTimesS == gz.sampleTimesS)
        #expect(plain.sampleCount == 30_000)
    }

    @Test("A truncated member is an error naming the file and the compressed byte offset", arguments: [true, false])
    func truncated(preferISAL: Bool) throws {
        let data = try Self.gzipMember(Self.randomCSV(rows: 20_000, seed: 17))
        for keep in [5, data.count / 2, data.count - 3] {
            let path = try TestFiles.write(data.prefix(keep), name: "cut.csv.gz")
            #expect {
                _ = try Self.streamBytes(path, preferISAL: preferISAL)
            } throws: { error in
                guard let e = error as? ReadError else { return false }
                return e.kind == .malformedData && e.path == path && e.byteOffset == keep && e.description.contains("(byte \(keep))")
                    && e.found.contains("ends inside a member")
            }
        }
    }

    @Test("Damaged deflate data or a wrong CRC is an error with a byte offset inside the file", arguments: [true, false])
    func damaged(preferISAL: Bool) throws {
        let data = try Self.gzipMember(Self.randomCSV(rows: 20_000, seed: 18))
        var g = SplitMix64(state: 19)
        for trial in 0..<12 {
            var bad = data
            // Past the 10-byte header; trial 0 damages the CRC-32 of the trailer.
            let at = trial == 0 ? data.count - 6 : Int.random(in: 10..<(data.count - 8), using: &g)
            bad[at] ^= 0x5A
            let path = try TestFiles.write(bad, name: "bad.csv.gz")
            do {
                let read = try Self.streamBytes(path, preferISAL: preferISAL)
                Issue.record("damage at byte \(at) read \(read.bytes.count) bytes without an error")
            } catch let e as ReadError {
                #expect(e.kind == .malformedData && e.path == path, "\(e)")
                let offset = try #require(e.byteOffset)
                #expect(offset >= 10 && offset <= data.count, "\(e)")
                #expect(e.found.contains(preferISAL && Self.isalInstalled ? "ISA-L" : "zlib"), "\(e)")
            }
        }
    }

    @Test("plm inspect names the inflater of a gzip file and none for a plain file")
    func inspectionNamesTheInflater() throws {
        let text = Self.randomCSV(rows: 2_000, seed: 20)
        let gz = try RecordingReader.inspect(path: try TestFiles.write(try Self.gzipMember(text), name: "i.csv.gz"))
        let expected = Self.isalInstalled ? "gzip, inflated by ISA-L" : "gzip, inflated by zlib"
        #expect(gz.compression?.hasPrefix(expected) == true, "\(gz.compression ?? "nil")")
        let plain = try RecordingReader.inspect(path: try TestFiles.write(Data(text), name: "i.csv"))
        #expect(plain.compression == nil && plain.samples == gz.samples)
    }
}
