import PLMCore

// What both defect scanners (whole-file and streaming) need to call a run of clipped samples a
// movement's peak or a stuck sensor, in one place.

/// The consecutive samples in which each axis has stayed at the clipping level, ending at the
/// latest clipped sample.
struct AxisStreak {
    private var rows = (x: 0, y: 0, z: 0)

    /// Takes the next clipped sample (which axes are at the level; `continuing` when it directly
    /// follows the previous clipped sample) and returns the longest of the three streaks now.
    @inline(__always)
    mutating func advance(_ x: Bool, _ y: Bool, _ z: Bool, continuing: Bool) -> Int {
        rows = (
            x ? (continuing ? rows.x : 0) + 1 : 0,
            y ? (continuing ? rows.y : 0) + 1 : 0,
            z ? (continuing ? rows.z : 0) + 1 : 0
        )
        return max(rows.x, rows.y, rows.z)
    }
}

/// The kind and the sentence of one clipping defect.
enum ClippingRun {
    /// ``RecordingDefect/Kind-swift.enum/sustainedClipping`` when one axis stayed at the level
    /// for more than ``DefectThresholds/sustainedClippingS`` without a break, else `clipping`.
    static func kind(longestAxisRows: Int, rateHz: Double) -> RecordingDefect.Kind {
        rateHz > 0 && Double(longestAxisRows) > DefectThresholds.sustainedClippingS * rateHz ? .sustainedClipping : .clipping
    }

    static func detail(
        kind: RecordingDefect.Kind, level: Float, longestAxisRows: Int, rateHz: Double, from: String, to: String
    ) -> String {
        let range = "the sensor's range (±\(DecimalText.short(Double(level))) g)"
        guard kind == .sustainedClipping else { return "values at \(range) between \(from) and \(to)" }
        let heldS = rateHz > 0 ? DecimalText.short(Double(longestAxisRows) / rateHz) : "?"
        return "values at \(range) between \(from) and \(to), one axis for \(heldS) s without a break: "
            + "a stuck or overloaded sensor, not a leg movement"
    }
}
