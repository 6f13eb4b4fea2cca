#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import PLMReaders
import PLMTestSupport

/// The row parser's `Float` fast path (`_DecimalParser.parseFieldAsFloat`, a multiplication by
/// the reciprocal power of ten instead of the division) must give `Float(strtod(field))` bit for
/// bit, or decline (nil) so that the exact path runs.
@Suite("Decimal parser: the Float fast path equals Float(strtod)")
struct DecimalFloatFastPathTests {
    /// The fast path's answer for `bytes` (nil when it declines) and C `strtod`'s Double as Float.
    static func compare(_ bytes: [UInt8]) -> (fast: Float?, reference: Float, fieldLength: Int) {
        var fast: Float?
        var length = -1
        // The field inside a line, as the reader sees it (the digit loops stop on the delimiter).
        let line = bytes + Array(",0.5\n".utf8)
        line.withUnsafeBufferPointer { b in
            let start = b.baseAddress!
            var end = start
            fast = _DecimalParser.parseFieldAsFloat(
                start, lineEnd: start + b.count - 1, delimiter: 0x2C, decimalMark: 0x2E, fieldEnd: &end)
            length = end - start
        }
        let reference = (bytes + [0]).withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { strtod($0, nil) }
        }
        return (fast, Float(reference), length)
    }

    /// `[-]whole.fraction` with exactly `fractionDigits` digits after the point.
    static func text(_ mantissa: UInt64, fractionDigits: Int, negative: Bool) -> [UInt8] {
        var digits = Array(String(mantissa).utf8)
        while digits.count <= fractionDigits { digits.insert(0x30, at: 0) }
        if fractionDigits > 0 { digits.insert(0x2E, at: digits.count - fractionDigits) }
        return (negative ? [0x2D] : []) + digits
    }

    @Test func everyMantissaOfTheCommonWidths() {
        // Every value of 0 ... 1.99999 at 5 decimals, 0 ... 19.9999 at 4, and so on down to whole
        // numbers: what exporters write (ActiGraph 3 decimals, GENEActiv 4, generic 5-6).
        var declined = 0, checked = 0
        var mismatches: [String] = []
        for fractionDigits in 0...6 {
            for mantissa in stride(from: UInt64(0), to: 200_000, by: fractionDigits == 5 ? 1 : 3) {
                let bytes = Self.text(mantissa, fractionDigits: fractionDigits, negative: mantissa % 2 == 1)
                let r = Self.compare(bytes)
                guard Double(mantissa) < _DecimalParser.floatFastPathLimit * pow(10, Double(fractionDigits)) else {
                    #expect(r.fast == nil)
                    continue
                }
                checked += 1
                guard let fast = r.fast else { declined += 1; continue }
                if fast.bitPattern != r.reference.bitPattern || r.fieldLength != bytes.count {
                    mismatches.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
        // The fast path declines only next to a Float rounding boundary (about 2^-22 of values).
        #expect(declined * 10_000 < checked, "declined \(declined) of \(checked)")
    }

    @Test func randomLongDecimals() {
        var g = SplitMix64(state: 2_026_1202)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let fractionDigits = Int.random(in: 0...18, using: &g)
            let limit = UInt64(min(65_535 * pow(10, Double(fractionDigits)), 9_007_199_254_740_992))
            let mantissa = UInt64.random(in: 0...limit, using: &g)
            let bytes = Self.text(mantissa, fractionDigits: fractionDigits, negative: Bool.random(using: &g))
            let r = Self.compare(bytes)
            if let fast = r.fast, fast.bitPattern != r.reference.bitPattern {
                mismatches.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
    }

    /// Decimals at and a few Double ulps around the midpoint between two neighbouring Floats (where
    /// rounding to Float turns): the fast path must decline or agree.
    @Test func midpointsBetweenFloats() {
        var g = SplitMix64(state: 99)
        var mismatches: [String] = []
        var declined = 0
        for _ in 0..<50_000 {
            let f = Float.random(in: 1e-3..<60_000, using: &g)
            let midpoint = (Double(f) + Double(f.nextUp)) / 2  // exact in Double
            for ulps in -3...3 {
                var value = midpoint
                if ulps < 0 { for _ in 0..<(-ulps) { value = value.nextDown } }
                if ulps > 0 { for _ in 0..<ulps { value = value.nextUp } }
                let bytes = Array("\(value)".utf8)  // the shortest text that reads back as `value`
                guard !bytes.contains(0x65) else { continue }  // no exponent form
                let r = Self.compare(bytes)
                guard let fast = r.fast else { declined += 1; continue }
                if fast.bitPattern != r.reference.bitPattern { mismatches.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(5))")
        #expect(declined > 0)  // the boundary case is exercised, not avoided
    }

    @Test(arguments: ["65536", "65536.0", "-70000.5", "1e3", " 1.5", "1.5 ", "+1.5", "", "NaN", "1.2.3", "12a", "12345678901234567890", "0.00000000000000000000001"])
    func declinesWhatItDoesNotCover(_ text: String) {
        #expect(Self.compare(Array(text.utf8)).fast == nil, "\(text)")
    }

    @Test func valuesItTakesAreFarInsideTheRangeLimit() {
        // The row parser tests the range limit only on the exact path.
        #expect(_DecimalParser.floatFastPathLimit * 2 <= DefectThresholds.largestValueG)
    }
}
