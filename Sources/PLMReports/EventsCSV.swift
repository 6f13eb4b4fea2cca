import Foundation
import PLMCore

/// The `--events` CSV: every leg movement and every candidate movement of a report, one per row.
///
/// Columns (RFC 4180, comma-separated, `\n` line ends, a header row):
/// `kind,side,onset_s,offset_s,onset_time,offset_time,duration_s,peak_g,tilt_deg,
/// shorter_than_minimum,in_window,components,is_clm,periodic,series,imi_s,exclusion_reason,
/// respiratory,arousal,in_sleep`.
/// `kind` is `LM` (a detected leg movement) or `CM` (a candidate movement formed by the scorer);
/// LM rows come first in report order, then CM rows. Times in seconds use the JSON number format
/// (0.001 s); `*_time` columns are ISO 8601 on the recording's clock. Cells that do not apply to
/// a row's kind, and unknown values, are empty. Flags are `1`/`0`.
public enum EventsCSV {
    /// The header row's column names.
    public static let columns = [
        "kind", "side", "onset_s", "offset_s", "onset_time", "offset_time", "duration_s", "peak_g",
        "tilt_deg", "shorter_than_minimum", "in_window", "components", "is_clm", "periodic", "series",
        "imi_s", "exclusion_reason", "respiratory", "arousal", "in_sleep",
    ]

    /// The CSV text of `report`.
    /// - Complexity: O(events).
    public static func render(_ report: PLMReport) -> String {
        let clock = _RecordingClock(iso: report.recording.start)
        func time(_ s: Double) -> String { clock?.iso(s) ?? "" }
        func number(_ d: Double) -> String { DecimalText.trimmed(d, decimals: DecimalText.jsonDecimals) ?? "" }
        func flag(_ b: Bool) -> String { b ? "1" : "0" }
        func flag(_ b: Bool?) -> String { b.map(flag) ?? "" }

        var out = columns.joined(separator: ",") + "\n"
        out.reserveCapacity(out.count + 160 * (report.legMovements.count + report.candidateMovements.count))
        for lm in report.legMovements {
            let cells = [
                "LM", lm.side.rawValue, number(lm.onsetS), number(lm.offsetS), time(lm.onsetS), time(lm.offsetS),
                number(lm.durationS), number(lm.peakAccelerationG), number(lm.tiltChangeDegrees),
                flag(lm.shorterThanMinimum), flag(lm.inAnalysisWindow), "", "", "", "", "", "", "", "", "",
            ]
            out += cells.map(escape).joined(separator: ",") + "\n"
        }
        for cm in report.candidateMovements {
            let cells = [
                "CM", cm.side.rawValue, number(cm.onsetS), number(cm.offsetS), time(cm.onsetS), time(cm.offsetS),
                number(cm.durationS), "", "", "", "", String(cm.componentCount), flag(cm.isCandidate),
                flag(cm.periodic), cm.seriesNumber.map(String.init) ?? "", cm.imiS.map(number) ?? "",
                cm.exclusionReason ?? "", flag(cm.respiratory), flag(cm.arousal), flag(cm.inSleep),
            ]
            out += cells.map(escape).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A cell quoted when it holds a comma, quote, or line break (RFC 4180).
    static func escape(_ cell: String) -> String {
        guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PLMReport {
    /// The events CSV (see ``EventsCSV``).
    public func eventsCSV() -> String { EventsCSV.render(self) }
}
