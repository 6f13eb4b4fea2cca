#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import PLMReaders
import PLMTestSupport

/// The eight-bytes-at-a-time parser of `[-]d{1,7}.d{1,7}` must give C `strtod`'s Double bit for
/// bit, stop where the digits stop, and decline every other shape.
@Suite("Fixed-width decimal fast path matches strtod")
struct FixedWidthDecimalTests {
    /// `text` followed by `after` and padding (the parser may read 18 bytes from the start).
    /// Parsed with every guess of the widths from a table (the true ones, shorter, longer): the
    /// guess may only change the speed, never the result; the widths left behind are the true ones.
    func parse(_ text: String, after: String = ",", decimalMark: UInt8 = 0x2E) -> (value: Double, length: Int)? {
        let bytes = Array((text + after).utf8) + [UInt8](repeating: 0x0A, count: 24)
        var results: [(Double, Int)?] = []
        for guess in [(1, 1), (1, 5), (2, 3), (7, 7), (3, 1)] {
            var widths: (integer: Int, fraction: Int) = guess
            let r = bytes.withUnsafeBufferPointer { b -> (Double, Int)? in
                let start = b.baseAddress!
                guard let r = _DecimalParser.parseFixedWidth(start, decimalMark: decimalMark, widths: &widths) else { return nil }
                return (r.value, r.end - start)
            }
            if let r {
                // The widths now describe the field: parsing again with them gives the same.
                let again = bytes.withUnsafeBufferPointer { b in
                    _DecimalParser.parseFixedWidth(b.baseAddress!, decimalMark: decimalMark, widths: &widths)
                }
                #expect(again?.value.bitPattern == r.0.bitPattern && again.map { $0.end - bytes.withUnsafeBufferPointer { $0.baseAddress! } } == r.1)
            }
            results.append(r)
        }
        let first = results[0]
        for r in results.dropFirst() {
            #expect(r?.0.bitPattern == first?.0.bitPattern && r?.1 == first?.1, "\(text): guesses disagree")
        }
        return first
    }

    func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    func digits(_ count: Int, _ g: inout SplitMix64) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &g))) })
    }

    @Test func everyWidthAndSignAgainstStrtod() {
        var g = SplitMix64(state: 15)
        var failures: [String] = []
        for integerDigits in 1...7 {
            for fractionDigits in 1...7 {
                var texts = [
                    String(repeating: "0", count: integerDigits) + "." + String(repeating: "0", count: fractionDigits),
                    String(repeating: "9", count: integerDigits) + "." + String(repeating: "9", count: fractionDigits),
                    "1" + String(repeating: "0", count: integerDigits - 1) + "." + String(repeating: "0", count: fractionDigits - 1) + "1",
                ]
                for _ in 0..<300 { texts.append(digits(integerDigits, &g) + "." + digits(fractionDigits, &g)) }
                for text in texts {
                    for signed in [text, "-" + text] {
                        for after in [",", "\n", "\r\n", ";", "e5"] {
                            guard let r = parse(signed, after: after) else {
                                failures.append("declined \(signed)")
                                continue
                            }
                            let expected = strtodValue(signed)
                            if r.value.bitPattern != expected.bitPattern || r.length != signed.utf8.count {
                                failures.append("\(signed)\(after): \(r.value) (\(r.length) bytes) vs \(expected)")
                            }
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, e.g. \(failures.prefix(5))")
    }

    /// As a Float (what the reader stores), against `Float(strtod)` and the general field parser,
    /// on values of the form exporters write (1/256 g steps, 3-6 decimals).
    @Test func floatValuesAgreeWithTheFieldParser() {
        var g = SplitMix64(state: 2026)
        for _ in 0..<200_000 {
            let decimals = Int.random(in: 3...6, using: &g)
            let value = Double(Int.random(in: -2048...2048, using: &g)) / 256
            var text = value < 0 ? "-" : ""
            let scaled = Int((value.magnitude * pow(10, Double(decimals))).rounded())
            var fraction = String(scaled % Int(pow(10, Double(decimals))))
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            text += "\(scaled / Int(pow(10, Double(decimals))))." + fraction
            guard let r = parse(text) else {
                Issue.record("declined \(text)")
                return
            }
            var status = _FieldStatus.invalid
            let general = Array(text.utf8 + [0x2C, 0x0A]).withUnsafeBufferPointer { b -> Double in
                var end = b.baseAddress!
                return _DecimalParser.parseField(
                    b.baseAddress!, lineEnd: b.baseAddress! + b.count - 1, delimiter: 0x2C, decimalMark: 0x2E, fieldEnd: &end,
                    status: &status)
            }
            #expect(status == .value)
            #expect(Float(r.value).bitPattern == Float(strtodValue(text)).bitPattern, "\(text)")
            #expect(r.value.bitPattern == general.bitPattern, "\(text)")
        }
    }

    @Test func decimalComma() {
        let r = parse("-0,99805", after: ";", decimalMark: 0x2C)
        #expect(r?.value == -0.99805 && r?.length == 8)
    }

    /// Shapes the fast path leaves to the general parser.
    @Test(arguments: [
        "", "+0.5", "1", "1.", ".5", "-.5", "--1.5", "12345678.5", "1.12345678", "00000000.1", "0.5e", "NaN", " 0.5",
        "\"0.5\"", "1,5", "0x1.8", "-", "\u{FF}0.5",
    ])
    func declined(_ text: String) {
        // "0.5e" is taken up to the e (the caller refuses the terminator); the others are declined outright.
        if text == "0.5e" {
            #expect(parse(text, after: "")?.length == 3)
        } else {
            #expect(parse(text, after: "") == nil, "\(text)")
        }
    }

    /// Every byte value, at every position after a run of digits, ends the run exactly when it is
    /// not a digit (including bytes >= 0xFA, whose per-byte + 6 carries into the next byte).
    @Test func leadingDigitCountOfEveryByte() {
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes = [UInt8](repeating: 0x35, count: 8)
                bytes[position] = UInt8(byte)
                if position + 1 < 8 { bytes[position + 1] = 0x39 }
                let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                let isDigit = byte >= 0x30 && byte <= 0x39
                let expected = isDigit ? 8 : position
                #expect(_leadingDigitCount(word) == expected, "byte \(byte) at \(position)")
            }
        }
    }

    @Test func leadingDigitsValueOfEveryCount() {
        var g = SplitMix64(state: 8)
        for count in 1...8 {
            for _ in 0..<2000 {
                let text = digits(count, &g) + "xxxxxxxx"
                let word = Array(text.utf8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                #expect(_leadingDigitsValue(word, count: count) == UInt64(text.prefix(count))!, "\(text)")
            }
        }
    }
}
