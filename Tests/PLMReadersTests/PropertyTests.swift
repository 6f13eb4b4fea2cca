#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

import PLMCore
@testable import PLMReaders
import PLMTestSupport

/// A random valid file and the values it holds, computed independently of the reader
/// (times as integers, values through C `strtod`).
private struct RandomFile {
    var text: String
    var x: [Float] = [], y: [Float] = [], z: [Float] = []
    /// Milliseconds since the first row.
    var timesMs: [Int64] = []
    var layoutName: String

    static func make(seed: UInt64) -> RandomFile {
        var g = SplitMix64(state: seed)
        let rows = Int.random(in: 1...400, using: &g)
        let style = Int.random(in: 0..<4, using: &g)
        let crlf = Bool.random(using: &g)
        let newline = crlf ? "\r\n" : "\n"
        var file = RandomFile(text: "", layoutName: ["iso", "unix-s", "unix-ms", "semicolon-iso-offset"][style])
        switch style {
        case 0: file.text = "timestamp,x,y,z" + newline
        case 3: file.text = "time;acc_x;acc_y;acc_z" + newline
        default: break
        }
        let startMs = Int64.random(in: 1_500_000_000_000...1_800_000_000_000, using: &g)
        var ms: Int64 = 0
        for _ in 0..<rows {
            let values = (0..<3).map { axis -> String in
                let magnitude = axis == 2 ? Double.random(in: -1.2 ... -0.8, using: &g) : Double.random(in: -0.3...0.3, using: &g)
                let decimals = Int.random(in: 1...8, using: &g)
                return DecimalText.fixed(magnitude, decimals)
            }
            let parsed = values.map { Float(strtod($0, nil)) }
            file.x.append(parsed[0]); file.y.append(parsed[1]); file.z.append(parsed[2])
            file.timesMs.append(ms)
            let t = startMs + ms
            let stamp: String
            switch style {
            case 0: stamp = Self.iso(t)
            case 1: stamp = "\(t / 1000)." + String(1000 + t % 1000).dropFirst()
            case 2: stamp = "\(t)"
            default: stamp = Self.iso(t + 3_600_000) + "+01:00"
            }
            file.text += ([stamp] + values).joined(separator: style == 3 ? ";" : ",") + newline
            ms += Int64.random(in: 9...11, using: &g)
        }
        if Bool.random(using: &g) { file.text.removeLast(newline.count) }  // no final newline
        return file
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` of a UTC millisecond count, by Foundation (independent of the reader).
    static func iso(_ ms: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: Double(ms / 1000))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let millis = String(1000 + ms % 1000).dropFirst()
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)).\(millis)"
    }
}

@Suite("Properties: random files read back exactly; corruptions never crash")
struct PropertyTests {
    @Test(arguments: 0..<60)
    func randomValidFileReadsBackExactly(seed: Int) throws {
        let file = RandomFile.make(seed: UInt64(seed) &* 7919 &+ 11)
        let path = try TestFiles.write(file.text)
        let r = try RecordingReader.read(path: path, options: ReadOptions())
        #expect(r.sampleCount == file.x.count, "\(file.layoutName)")
        #expect(r.x == file.x && r.y == file.y && r.z == file.z, "\(file.layoutName)")
        let times = try #require(r.sampleTimesS)
        for (t, ms) in zip(times, file.timesMs) where abs(t - Double(ms) / 1000) > 1e-9 {
            Issue.record("time \(t) vs \(ms) ms (\(file.layoutName))")
            break
        }
        #expect(!r.defects.contains { $0.kind == .gap || $0.kind == .missingValue })
    }

    /// What a corruption did: the reader must either refuse with a `ReadError` (naming the file)
    /// or return a consistent recording. A crash fails the whole run.
    func readSafely(_ bytes: Data, name: String = "corrupt.csv") throws {
        let path = try TestFiles.write(bytes, name: name)
        do {
            let r = try RecordingReader.read(path: path, options: ReadOptions())
            #expect(r.x.count == r.y.count && r.y.count == r.z.count)
            if let times = r.sampleTimesS { #expect(times.count == r.x.count) }
            for d in r.defects { #expect(d.sampleRange.upperBound <= r.sampleCount && !d.detail.isEmpty) }
        } catch let error as ReadError {
            #expect(error.path == path && !error.found.isEmpty && !error.expected.isEmpty)
        }
    }

    @Test(arguments: 0..<40)
    func corruptionsEndInAnErrorOrADefect(seed: Int) throws {
        var g = SplitMix64(state: UInt64(seed) &+ 1000)
        let file = RandomFile.make(seed: UInt64(seed) &+ 5000)
        let original = Data(file.text.utf8)
        guard original.count > 4 else { return }
        // Truncation anywhere.
        try readSafely(original.prefix(Int.random(in: 0..<original.count, using: &g)))
        // Garbage bytes.
        var garbage = original
        for _ in 0..<Int.random(in: 1...5, using: &g) {
            garbage[Int.random(in: 0..<garbage.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
        }
        try readSafely(garbage)
        // A deleted field (from a delimiter to the next one).
        var lines = file.text.components(separatedBy: "\n")
        let victim = Int.random(in: 0..<lines.count, using: &g)
        var fields = lines[victim].components(separatedBy: CharacterSet(charactersIn: ",;"))
        if fields.count > 1 { fields.remove(at: Int.random(in: 0..<fields.count, using: &g)) }
        lines[victim] = fields.joined(separator: ",")
        try readSafely(Data(lines.joined(separator: "\n").utf8))
        // Swapped lines.
        var swapped = file.text.components(separatedBy: "\n")
        if swapped.count > 2 { swapped.swapAt(Int.random(in: 0..<swapped.count, using: &g), Int.random(in: 0..<swapped.count, using: &g)) }
        try readSafely(Data(swapped.joined(separator: "\n").utf8))
        // The same corruptions through gzip are covered by the truncated .gz test in RefusalTests.
    }

    @Test func swappedDataLinesAreReportedAsBackwardsTime() throws {
        // Rows 3 and 4 of a 10 ms file exchanged: time goes back at row 4 (line 5).
        let rows = (0..<10).map { "\(1_700_000_000 + $0 / 100).\($0 % 100 < 10 ? "0" : "")\($0 % 100),0.01,0.02,-0.99\($0)" }
        var order = Array(rows)
        order.swapAt(3, 4)
        let text = order.joined(separator: "\n")
        let r = try RecordingReader.read(path: try TestFiles.write(text), options: ReadOptions())
        let backwards = try #require(r.defects.first { $0.kind == .nonMonotonicTime })
        #expect(backwards.sampleRange == 4..<5 && backwards.line == 5)
    }

    @Test func arbitraryBytesNeverCrash() throws {
        var g = SplitMix64(state: 99)
        for length in [0, 1, 2, 10, 100, 5000] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &g) })
            try readSafely(bytes)
            let printable = Data((0..<length).map { _ in Array("0123456789.,;-:\n\r TZe".utf8).randomElement(using: &g)! })
            try readSafely(printable)
        }
    }
}
