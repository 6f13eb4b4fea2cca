import PLMCore
/// Refuses values that do not fit the declared unit: the median vector magnitude of a worn or
/// resting sensor is close to 1 g (gravity), whatever the movement.
enum _UnitCheck {
    /// Median magnitude (g, after unit conversion) of up to ~20 000 evenly spread rows that are
    /// neither 0,0,0 nor missing; nil when there are none.
    static func medianMagnitude(_ rows: _ParsedRows) -> Double? {
        let n = rows.x.count
        let stride = max(1, n / 20_000)
        var magnitudes: [Double] = []
        var i = 0
        while i < n {
            let x = Double(rows.x[i]), y = Double(rows.y[i]), z = Double(rows.z[i])
            if x.isFinite && y.isFinite && z.isFinite && !(x == 0 && y == 0 && z == 0) {
                magnitudes.append((x * x + y * y + z * z).squareRoot())
            }
            i += stride
        }
        guard !magnitudes.isEmpty else { return nil }
        magnitudes.sort()
        return magnitudes[magnitudes.count / 2]
    }

    /// Key of the metadata entry that carries the warning when the user's `--units` is taken
    /// against the gravity check (shown by `plm inspect` and in the report's leg metadata).
    static let warningKey = "unitWarning"

    /// Checks the median magnitude against gravity.
    /// - Returns: nil when plausible; a warning (with the measured magnitude) when it is not but
    ///   the unit was given with `--units`, which then wins, as GGIR lets an explicit setting win.
    /// - Throws: `.implausibleUnits` when it is not plausible and the unit was detected or assumed.
    static func check(_ rows: _ParsedRows, plan: _ParsePlan, path: String) throws -> String? {
        try check(median: medianMagnitude(rows), firstRows: rows, plan: plan, path: path)
    }

    /// The same from the median magnitude and the file's first rows (at least its first 5000,
    /// or all of them): what a reader streaming the file in chunks keeps for the check.
    static func check(median: Double?, firstRows rows: _ParsedRows, plan: _ParsePlan, path: String) throws -> String? {
        guard let median, !DefectThresholds.plausibleMedianMagnitudeG.contains(median) else { return nil }
        if plan.unitGivenByUser {
            return "the median vector magnitude is \(DecimalText.short(median)) g, not about 1 g (gravity) as for a worn "
                + "or resting sensor; read as \(plan.unit.argumentSpelling) because --units was given"
        }
        // Back to the numbers as written in the file.
        let rawMedian = median * plan.unit.perG
        var allIntegers = true
        var minimum = Double.infinity, maximum = -Double.infinity
        let perG = plan.unit.perG, zero = plan.unit.zeroOffset
        for axis in [rows.x, rows.y, rows.z] {
            for v in axis.prefix(5000) where v.isFinite {
                let raw = Double(v) * perG + zero
                if abs(raw - raw.rounded()) > 1e-6 { allIntegers = false }
                minimum = min(minimum, raw)
                maximum = max(maximum, raw)
            }
        }
        let likely: String
        if case .counts = plan.unit {
            likely = "the counts per g or zero offset given are wrong"
        } else if allIntegers && minimum >= 0 && maximum <= 255 {
            likely = "unsigned 8-bit raw values (\(DecimalText.short(minimum))...\(DecimalText.short(maximum))); give their scale with --units counts:PER_G:ZERO (e.g. counts:64:128 for ±2 g)"
        } else if (500...2000).contains(rawMedian) {
            likely = "milli-g: give --units mg"
        } else if (4.9...19.6).contains(rawMedian) {
            likely = "m/s²: give --units m/s2"
        } else if allIntegers {
            likely = "raw integer counts (LSB, about \(DecimalText.short(rawMedian.rounded())) per g if the sensor was at rest); give --units counts:PER_G"
        } else {
            likely = "an unknown unit; give --units g|mg|m/s2|counts:PER_G"
        }
        throw ReadError(
            kind: .implausibleUnits, path: path,
            found: "a median vector magnitude of \(DecimalText.short(rawMedian)) in the file's numbers, read as \(plan.unit.argumentSpelling) (\(plan.unitSource)) = \(DecimalText.short(median)) g",
            expected: "about 1 g (gravity) for a worn or resting sensor",
            hint: "the values look like \(likely).")
    }
}
