import Testing

@testable import PLMCore

@Suite("DecimalText: the one fixed-decimal formatter")
struct DecimalTextTests {
    @Test("Fixed decimals, half away from zero, no negative zero", arguments: [
        (3.14159, 1, "3.1"), (2.5, 0, "3"), (-2.5, 0, "-3"), (0.125, 2, "0.13"), (-0.0004, 3, "0.000"),
        (1234.5, 3, "1234.500"), (-0.05, 1, "-0.1"), (7, 0, "7"),
    ])
    func fixed(value: Double, decimals: Int, text: String) {
        #expect(DecimalText.fixed(value, decimals) == text)
    }

    @Test("Trimmed: trailing zeros and a bare point go", arguments: [
        (34.0, "34"), (0.5, "0.5"), (-1.25, "-1.25"), (0.0004, "0"), (1.0005, "1.001"), (0.0625, "0.063"),
    ])
    func trimmed(value: Double, text: String) {
        #expect(DecimalText.trimmed(value, decimals: 3) == text)
    }

    @Test("Non-finite values give the caller's text; huge values never trap (issue 12: 1e19)")
    func extremes() {
        #expect(DecimalText.fixed(.nan, 1) == "-")
        #expect(DecimalText.trimmed(.infinity, decimals: 3) == nil)
        #expect(DecimalText.short(-.infinity) == "-inf")
        #expect(DecimalText.fixed(1e19, 1) == "1e+19")
        #expect(DecimalText.fixed(-Double.greatestFiniteMagnitude, 9) == "-1.7976931348623157e+308")
        // Below 2^53 units of the last decimal, digits are written one by one (x.5 is exact in binary).
        #expect(DecimalText.fixed(123_456_789_012.5, 3) == "123456789012.500")
        #expect(DecimalText.fixed(1.5, 40) == "1.500000000")  // decimals clamped to 9
    }

    @Test("Saturating Int conversion: NaN, infinities and 1e23 clamp instead of trapping")
    func clamping() {
        #expect(Int(clamping: .nan, to: 0...10) == 0)
        #expect(Int(clamping: .infinity, to: 0...10) == 10)
        #expect(Int(clamping: -1e23, to: Int.min...Int.max) == Int.min)
        #expect(Int(clamping: 1e23, to: Int.min...Int.max) == Int.max)
        #expect(Int(clamping: 7.9, to: 0...10) == 7)
    }
}
