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

/// Files whose rows mostly have the fixed layout the row parser's fast path takes, mixed with rows
/// it must leave to the general path (missing values, `+`, exponents, long numbers, integers,
/// spaces, extra columns, CR LF, other stamp widths, blank lines): read back exactly, with the
/// values from C `strtod` and the times from integers, and the same defects and errors.
@Suite("Row parser fast path: mixed rows read back exactly")
struct FastRowTests {
    struct MixedFile {
        var text = "timestamp,x,y,z\n"
        var x: [Float] = [], y: [Float] = [], z: [Float] = []
        var timesMs: [Int64] = []
        var missingRows: [Int] = []
        var blankLines = 0
    }

    /// `2026-01-15T22:30:00.000+01:00` for `ms` after that instant (all within one day).
    static func stamp(_ ms: Int64, fractionDigits: Int = 3) -> String {
        let total = 22 * 3_600_000 + 30 * 60_000 + ms
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "2026-01-15T\(two(total / 3_600_000)):\(two(total / 60_000 % 60)):\(two(total / 1000 % 60))"
        let millis = String(String(1000 + total % 1000).dropFirst())
        if fractionDigits == 3 { text += "." + millis } else if fractionDigits > 3 { text += "." + millis + String(repeating: "0", count: fractionDigits - 3) }
        return text + "+01:00"
    }

    static func make(seed: UInt64, rows: Int) -> MixedFile {
        var g = SplitMix64(state: seed)
        var file = MixedFile()
        for row in 0..<rows {
            let ms = Int64(row) * 10
            let unusual = row > 20 && Int.random(in: 0..<6, using: &g) == 0
            var missing = false
            let values = (0..<3).map { axis -> (text: String, value: Float) in
                let v = (axis == 2 ? -1 : 0) + Double(Int.random(in: -64...64, using: &g)) / 256
                let decimals = unusual ? Int.random(in: 0...9, using: &g) : 5
                var text = DecimalText.fixed(v, decimals)
                if unusual {
                    switch Int.random(in: 0..<10, using: &g) {
                    case 0: text = ""; missing = true
                    case 1: text = "NaN"; missing = true
                    case 2: if !text.hasPrefix("-") { text = "+" + text }
                    case 3: text += "e0"
                    case 4: text = " " + text
                    case 5: text = "0" + text.replacingOccurrences(of: "-", with: "")  // leading zero, no sign
                    default: break
                    }
                }
                let parsed = text.isEmpty || text == "NaN" ? Float.nan : Float(text.withCString { strtod($0, nil) })
                return (text, parsed)
            }
            var line = ([stamp(ms, fractionDigits: unusual && Bool.random(using: &g) ? 6 : 3)] + values.map(\.text)).joined(separator: ",")
            if unusual && Int.random(in: 0..<4, using: &g) == 0 { line += ",7.5" }  // extra column: ignored
            if unusual && Int.random(in: 0..<4, using: &g) == 0 { line += "\r" }
            file.text += line + "\n"
            if unusual && Int.random(in: 0..<8, using: &g) == 0 {
                file.text += "\n"
                file.blankLines += 1
            }
            file.x.append(values[0].value); file.y.append(values[1].value); file.z.append(values[2].value)
            file.timesMs.append(ms)
            if missing { file.missingRows.append(row) }
        }
        return file
    }

    /// The lines of `text` split at LF bytes only (a Swift `Character` holds CR LF as one).
    static func lines(_ text: String) -> [String] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test(arguments: 0..<12)
    func mixedRowsReadBackExactly(seed: Int) throws {
        let file = Self.make(seed: UInt64(seed) &+ 77, rows: seed < 4 ? 30_000 : 3000)
        let path = try TestFiles.write(file.text)
        let r = try RecordingReader.read(path: path, options: ReadOptions())
        #expect(Self.same(r.x, file.x) && Self.same(r.y, file.y) && Self.same(r.z, file.z))
        let times = try #require(r.sampleTimesS)
        #expect(times.count == file.timesMs.count)
        let wrongTimes = zip(times, file.timesMs).filter { abs($0 - Double($1) / 1000) > 1e-9 }
        #expect(wrongTimes.isEmpty, "\(wrongTimes.prefix(3))")
        // Missing-value defects cover exactly the rows written with a missing value.
        let reported = r.defects.filter { $0.kind == .missingValue }.flatMap { Array($0.sampleRange) }
        #expect(reported == file.missingRows)
    }

    /// A bad field in the middle of fast rows is refused with its line and column, as before.
    @Test func badFieldAmongFastRowsNamesItsLine() throws {
        var file = Self.make(seed: 3, rows: 2000)
        var lines = Self.lines(file.text)
        lines[1500] = Self.stamp(1499 * 10) + ",0.50000,0.2x000,-1.00000"  // line 1501 of the file
        file.text = lines.joined(separator: "\n")
        let path = try TestFiles.write(file.text)
        #expect {
            _ = try RecordingReader.read(path: path, options: ReadOptions())
        } throws: { error in
            guard let error = error as? ReadError else { return false }
            return error.line == 1501 && error.column == 3 && error.found == "'0.2x000'"
        }
    }

    /// A line break inside a stamp of the previous rows' width, or a row cut after its time, is
    /// not taken for a row by the fast path.
    @Test func cutRowsAreRefusedWithTheirLine() throws {
        var lines = Self.lines(Self.make(seed: 5, rows: 500).text)
        lines[300] = String(lines[300].prefix(20))  // "2026-01-15T22:30:02." cut: not a time
        let path = try TestFiles.write(lines.joined(separator: "\n"))
        #expect {
            _ = try RecordingReader.read(path: path, options: ReadOptions())
        } throws: { error in
            (error as? ReadError)?.line == 301
        }
    }
}
