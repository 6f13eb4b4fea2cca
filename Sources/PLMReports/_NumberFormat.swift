/// Locale-independent, deterministic number formatting shared by every renderer.
///
/// Numbers are rounded half away from zero on a scaled integer, so the same `Double` always gives
/// the same digits on every platform (no `%g`, no shortest-round-trip printing, no locale).
enum _NumberFormat {
    /// Decimal places of every non-integer number in the JSON report and the events CSV:
    /// milliseconds for times, 0.001/h for indices, 1 mg for accelerations.
    static let jsonDecimals = 3

    /// `value` rounded to ``jsonDecimals`` places, trailing zeros (and a bare point) removed:
    /// `34` , `0.5`, `-1.25`. Non-finite values give `null`.
    static func json(_ value: Double) -> String {
        trimmed(value, decimals: jsonDecimals) ?? "null"
    }

    /// `value` rounded to `decimals` places and written with exactly that many decimals
    /// (`fixed(3.14159, 1)` is `3.1`); non-finite values give `-`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard let (negative, whole, fraction) = split(value, decimals: decimals) else { return "-" }
        var text = negative ? "-" : ""
        text += String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }

    /// Like ``json(_:)`` but nil for non-finite values.
    static func trimmed(_ value: Double, decimals: Int) -> String? {
        guard let (negative, whole, fraction) = split(value, decimals: decimals) else { return nil }
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: decimals - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Sign, whole part and fractional digits (as an integer of `decimals` digits) of `value`
    /// rounded half away from zero; nil for non-finite values. Negative zero gives no sign.
    private static func split(_ value: Double, decimals: Int) -> (Bool, UInt64, UInt64)? {
        guard value.isFinite else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else {
            // Far beyond any time or index in a report; keep it exact-looking and deterministic.
            return (value < 0, UInt64(min(value.magnitude, 9.0e18)), 0)
        }
        let integer = UInt64(scaled)
        if integer == 0 { return (false, 0, 0) }
        return (value < 0, integer / scale, integer % scale)
    }
}
