import Foundation

/// The text `plm inspect` prints: aligned "label: value" lines, then one line per defect.
extension FileInspection {
    public var summaryText: String {
        var lines: [(String, String)] = [
            ("File", path),
            ("Layout", "\(layout.rawValue) (\(layoutReason))"),
            ("Sample rate", rateText),
            ("Start", start ?? "unknown (no time stamps)"),
            ("End", end ?? "unknown"),
            ("Samples", String(samples)),
            ("Duration", Self.durationText(durationS)),
        ]
        if let compression { lines.append(("Compression", compression)) }
        for entry in metadata { lines.append(("  " + entry.key, entry.value)) }
        lines.append(("Defects", defectsCountText))
        let width = lines.map(\.0.count).max() ?? 0
        let text = lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        return text + defectLines
    }

    /// "Defects: N (... left out of scoring)" and one line per defect, for `plm convert`.
    public var defectsText: String { "Defects: \(defectsCountText)\n" + defectLines }

    private var defectsCountText: String {
        let excluded = defects.filter(\.excludesFromScoring)
        let excludedS = excluded.map(\.span).mergedUnion().reduce(0) { $0 + $1.durationS }
        return defects.isEmpty ? "none" : "\(defects.count) (\(Self.durationText(excludedS)) left out of scoring)"
    }

    private var defectLines: String {
        var text = ""
        for defect in defects {
            let line = defect.line.map { "line \($0)" } ?? defect.byteOffset.map { "byte \($0)" } ?? "-"
            // A defect that excludes nothing says so (a rate mismatch; a clipping run short enough
            // to be a movement's peak, `RecordingDefect.excludesFromScoring`).
            let kept = defect.excludesFromScoring ? "" : " (kept in scoring)"
            text += "  \(defect.kind.rawValue) at \(Self.seconds(defect.span.startS))-\(Self.seconds(defect.span.endS)) s (\(line)): \(defect.detail)\(kept)\n"
        }
        return text
    }

    private var rateText: String {
        var parts = ["\(Self.seconds(sampleRateHz)) Hz used"]
        if let declaredRateHz { parts.append("declared \(Self.seconds(declaredRateHz)) Hz") }
        if let measuredRateHz { parts.append("measured \(Self.seconds(measuredRateHz)) Hz") }
        return parts.joined(separator: ", ")
    }

    /// `7 h 59 min 58.0 s` style.
    static func durationText(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "unknown" }
        let hours = Int(clamping: seconds / 3600, to: 0...Int(Int32.max))
        let minutes = Int(clamping: (seconds - Double(hours) * 3600) / 60, to: 0...59)
        let rest = seconds - Double(hours) * 3600 - Double(minutes) * 60
        var text = hours > 0 ? "\(hours) h " : ""
        if hours > 0 || minutes > 0 { text += "\(minutes) min " }
        return text + "\(Self.seconds(rest)) s"
    }

    /// Up to 3 decimals, trailing zeros removed (``DecimalText/short(_:)``, the one formatter).
    static func seconds(_ value: Double) -> String { DecimalText.short(value) }
}
