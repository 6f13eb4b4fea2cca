import Foundation
import PLMCore

/// Tick arithmetic for the report's plots.
enum _Axis {
    /// The smallest 1, 2 or 5 times a power of ten that is >= `value` (1 for non-positive input).
    static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= value * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving about `target` intervals over `[0, top]`.
    static func step(top: Double, target: Int = 4) -> Double {
        guard top > 0, top.isFinite else { return 1 }
        let raw = top / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Ticks `0, step, 2 step, ...` up to `top` inclusive.
    static func ticks(top: Double, target: Int = 4) -> [Double] {
        let s = step(top: top, target: target)
        var out: [Double] = []
        var k = 0
        while Double(k) * s <= top * (1 + 1e-9), k < 1000 {
            out.append(Double(k) * s)
            k += 1
        }
        return out
    }

    /// A tick label: integers without decimals, others with up to 3 decimals.
    static func label(_ value: Double) -> String { DecimalText.json(value) }
}
