/// The project's one fixed-decimal number formatter: locale-independent and deterministic, used
/// by reports, messages, evaluation tables and the simulator's CSV writer alike.
///
/// Numbers are rounded half away from zero on a scaled integer, so the same `Double` always gives
/// the same digits on every platform (no `%g`, no locale). Magnitudes whose scaled value does not
/// fit an integer exactly (at or beyond 2^53 units of the last decimal, e.g. a PLM index of 1e19
/// in a damaged report) are written with Swift's shortest round-trip form (`1e+19`): still exact,
/// still deterministic, and never a trapping integer conversion.
public enum DecimalText {
    /// Largest scaled magnitude written digit by digit: 2^53, below which every integer is a `Double`.
    public static let largestExactScaled = 9_007_199_254_740_992.0
    /// Decimals allowed; more are clamped (10^9 is the finest scale the integer path uses).
    public static let maximumDecimals = 9

    /// Appends `value` rounded to `decimals` places as ASCII to `bytes`.
    /// - Parameters:
    ///   - trimmingZeros: drop trailing zeros of the fraction (and a bare point): `0.5`, `34`.
    /// - Returns: false (appending nothing) when `value` is not finite.
    @discardableResult
    public static func append(
        _ value: Double, decimals: Int, trimmingZeros: Bool = false, to bytes: inout [UInt8]
    ) -> Bool {
        guard value.isFinite else { return false }
        let places = min(max(0, decimals), maximumDecimals)
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < largestExactScaled else {
            bytes += Array("\(value)".utf8)
            return true
        }
        let units = UInt64(scaled)
        if units != 0 && value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units / scale, minimumWidth: 1, to: &bytes)
        let fraction = units % scale
        guard places > 0, !(trimmingZeros && fraction == 0) else { return true }
        bytes.append(UInt8(ascii: "."))
        var width = places
        var digits = fraction
        if trimmingZeros {
            while digits % 10 == 0 {
                digits /= 10
                width -= 1
            }
        }
        appendDigits(digits, minimumWidth: width, to: &bytes)
        return true
    }

    /// `value` with exactly `decimals` decimals (`fixed(3.14159, 1)` is `3.1`), or `nonFinite`.
    public static func fixed(_ value: Double, _ decimals: Int, nonFinite: String = "-") -> String {
        var bytes: [UInt8] = []
        guard append(value, decimals: decimals, to: &bytes) else { return nonFinite }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` rounded to `decimals` places with trailing zeros removed (`34`, `0.5`, `-1.25`);
    /// nil for a non-finite value.
    public static func trimmed(_ value: Double, decimals: Int) -> String? {
        var bytes: [UInt8] = []
        guard append(value, decimals: decimals, trimmingZeros: true, to: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Exactly three decimals (milliseconds, mg), for messages; `nan`/`inf` spelled out.
    public static func fixed3(_ value: Double) -> String {
        fixed(value, 3, nonFinite: "\(value)")
    }

    /// Short text for messages: up to 3 decimals, trailing zeros dropped; `nan`/`inf` spelled out.
    public static func short(_ value: Double) -> String {
        trimmed(value, decimals: 3) ?? "\(value)"
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumWidth`.
    @inline(__always)
    public static func appendDigits(_ value: UInt64, minimumWidth: Int, to bytes: inout [UInt8]) {
        var divisor: UInt64 = 1
        var digits = 1
        while value / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        if digits < minimumWidth {
            for _ in digits..<minimumWidth { bytes.append(UInt8(ascii: "0")) }
        }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
