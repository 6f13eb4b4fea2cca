#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import PLMReaders
import PLMTestSupport

/// The decimal parser must give C `strtod`'s Double, bit for bit.
@Suite("Decimal parser matches strtod")
struct DecimalParserTests {
    /// Parses `text` with the reader's parser (both entry points) and with strtod.
    func compare(_ text: String, decimalMark: UInt8 = 0x2E) -> (ours: Double, field: Double, strtod: Double, status: _FieldStatus) {
        var bytes = Array(text.utf8)
        var status = _FieldStatus.invalid
        var fieldStatus = _FieldStatus.invalid
        var ours = 0.0, field = 0.0
        // parseField may look at the byte at lineEnd (a line break in the reader): give it one.
        (bytes + [0x0A]).withUnsafeBufferPointer { b in
            let start = b.baseAddress!
            ours = _DecimalParser.parse(start, start + b.count - 1, decimalMark: decimalMark, status: &status)
            var end = start
            field = _DecimalParser.parseField(start, lineEnd: start + b.count - 1, delimiter: 0x2C, decimalMark: decimalMark, fieldEnd: &end, status: &fieldStatus)
        }
        #expect(status == fieldStatus)
        // The same field inside a longer line (the 8-digits-at-a-time path needs 8 bytes ahead).
        let line = bytes + Array(",0.25,-0.75\r".utf8)
        line.withUnsafeBufferPointer { b in
            let start = b.baseAddress!
            var end = start
            var lineStatus = _FieldStatus.invalid
            let inLine = _DecimalParser.parseField(start, lineEnd: start + b.count - 1, delimiter: 0x2C, decimalMark: decimalMark, fieldEnd: &end, status: &lineStatus)
            #expect(lineStatus == status && end - start == bytes.count)
            #expect(inLine.bitPattern == field.bitPattern || (inLine.isNaN && field.isNaN))
        }
        if decimalMark != 0x2E { bytes = bytes.map { $0 == decimalMark ? 0x2E : $0 } }
        bytes.append(0)
        let reference = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { strtod($0, nil) }
        }
        return (ours, field, reference, status)
    }

    static func randomDecimal(_ g: inout SplitMix64) -> String {
        var text = Int.random(in: 0..<4, using: &g) == 0 ? "-" : ""
        let wholeDigits = Int.random(in: 0...(Int.random(in: 0..<8, using: &g) == 0 ? 25 : 6), using: &g)
        for i in 0..<wholeDigits { text += String(Int.random(in: (i == 0 && wholeDigits > 1 ? 1 : 0)...9, using: &g)) }
        let fractionDigits = Int.random(in: 0...(Int.random(in: 0..<5, using: &g) == 0 ? 30 : 8), using: &g)
        if wholeDigits == 0 && fractionDigits == 0 { text += "0" }
        if fractionDigits > 0 || Bool.random(using: &g) { text += "." }
        for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &g)) }
        if Int.random(in: 0..<6, using: &g) == 0 { text += "e\(Int.random(in: -320...310, using: &g))" }
        return text
    }

    @Test func manyRandomValues() {
        var g = SplitMix64(state: 20_261_126)
        var mismatches: [String] = []
        for _ in 0..<300_000 {
            let text = Self.randomDecimal(&g)
            let r = compare(text)
            if r.status != .value || r.ours.bitPattern != r.strtod.bitPattern || r.field.bitPattern != r.strtod.bitPattern {
                mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    @Test func shortestRoundTripOfRandomDoubles() {
        // Swift prints the shortest text that round-trips; strtod and we must both read it back.
        var g = SplitMix64(state: 7)
        for _ in 0..<100_000 {
            let value = Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random(using: &g) ? 1 : -1)
            guard value.isFinite else { continue }
            let r = compare("\(value)")
            #expect(r.ours.bitPattern == r.strtod.bitPattern && r.ours == value, "\(value)")
        }
    }

    @Test(arguments: [
        "0", "-0", "0.0", "-0.000", "1", "-1.5", "0.1", "0.3", "9007199254740993", "1.000000000000000111",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1e22", "1e23", "4.9e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "0.984375", "1551178506.0100", "1.234432211285849013", "+3.25", "5.", ".5", "1E-5",
    ])
    func edgeCases(_ text: String) {
        let r = compare(text)
        #expect(r.status == .value)
        #expect(r.ours.bitPattern == r.strtod.bitPattern && r.field.bitPattern == r.strtod.bitPattern, "\(text): \(r.ours) vs \(r.strtod)")
    }

    @Test func decimalComma() {
        let r = compare("-0,998", decimalMark: 0x2C)
        #expect(r.ours == -0.998)
    }

    @Test(arguments: ["", " ", "NaN", "nan", "NA", "\"\""])
    func missingValues(_ text: String) {
        #expect(compare(text).status == .missing)
    }

    @Test(arguments: ["abc", "1.2.3", "--1", "1e", "0x10", "1,5", "12a", "inf"])
    func invalidValues(_ text: String) {
        var bytes = Array(text.utf8)
        var status = _FieldStatus.value
        _ = bytes.withUnsafeMutableBufferPointer { b in
            _DecimalParser.parse(b.baseAddress!, b.baseAddress! + b.count, decimalMark: 0x2E, status: &status)
        }
        #expect(status == .invalid)
    }
}
