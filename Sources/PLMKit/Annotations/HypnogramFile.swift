import PLMCore
import PLMScoring

/// A hypnogram CSV: one sleep stage per 30-s epoch, in time order.
///
/// Format: a header line with a `stage` column and optionally an `epoch` column (consecutive
/// integers) or an `onset_s` / `start_s` column (seconds since the recording start, 30 s apart;
/// the first gives the hypnogram's start). Without a time column the epochs start at `startS`.
/// Stage codes (any case): `W`, `Wake`, `0`; `N1`, `S1`, `1`; `N2`, `S2`, `2`; `N3`, `N4`, `S3`, `S4`,
/// `3`, `4` (R&K stage 4 is N3); `R`, `REM`, `5`; and `?`, `U`, `UNS`, `Unscored`, `A`, `Artifact`,
/// `M`, `MT`, `Movement`, `6`, `9` for epochs that are neither sleep nor wake.
public enum HypnogramFile {
    /// Epoch length, s. Source: AASM scoring manual (30-s epochs).
    public static let epochLengthS = 30.0

    /// Reads and parses a hypnogram file.
    /// - Throws: ``AnnotationFileError`` (exit 66 missing, 74 unreadable, 65 bad data).
    public static func read(path: String, startS: Double = 0) throws(AnnotationFileError) -> Hypnogram {
        try parse(_AnnotationCSV.readBytes(path: path), file: path, startS: startS)
    }

    /// Parses the bytes of a hypnogram file; `file` names it in errors.
    public static func parse(
        _ bytes: [UInt8], file: String, startS: Double = 0
    ) throws(AnnotationFileError) -> Hypnogram {
        let rows = try _AnnotationCSV.rows(bytes, file: file)
        let headerText = "a header line with a 'stage' column"
        guard let header = rows.first else {
            throw AnnotationFileError(kind: .badData, file: file, line: 1, found: "an empty file", expected: headerText)
        }
        let names = header.fields
        guard _AnnotationCSV.isHeader(header),
            let stageColumn = _AnnotationCSV.column(names, ["stage", "sleep_stage"])
        else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line, found: "header '\(names.joined(separator: ","))'",
                expected: headerText)
        }
        let epochColumn = _AnnotationCSV.column(names, ["epoch"])
        let onsetColumn = _AnnotationCSV.column(names, ["onset_s", "start_s"])
        var stages: [SleepStage] = []
        var firstOnset: Double?
        var firstEpoch: Int?
        for row in rows.dropFirst() {
            let stage = try _annotationField(
                row, stageColumn, names, file: file, expected: "a sleep stage (W, N1, N2, N3, R or ?)", stageCode)
            if let onsetColumn {
                let onset = try _annotationField(
                    row, onsetColumn, names, file: file, expected: AnnotationCSV.secondsExpectation, AnnotationCSV.seconds)
                if let first = firstOnset {
                    let wanted = first + Double(stages.count) * epochLengthS
                    guard abs(onset - wanted) < 1e-6 else {
                        throw AnnotationFileError(
                            kind: .badData, file: file, line: row.line, column: onsetColumn + 1,
                            columnName: names[onsetColumn], found: "'\(row.fields[onsetColumn])'",
                            expected: "\(DecimalText.short(wanted)) (epochs of 30 s, in order, without gaps)")
                    }
                } else {
                    firstOnset = onset
                }
            } else if let epochColumn {
                let epoch = try _annotationField(
                    row, epochColumn, names, file: file, expected: "an integer epoch number") { Int($0) }
                if let first = firstEpoch {
                    // (Wrapping add: a first epoch near Int.max is bad data, not a trap.)
                    guard epoch == first &+ stages.count else {
                        throw AnnotationFileError(
                            kind: .badData, file: file, line: row.line, column: epochColumn + 1,
                            columnName: names[epochColumn], found: "'\(row.fields[epochColumn])'",
                            expected: "epoch \(first &+ stages.count) (consecutive epochs)")
                    }
                } else {
                    firstEpoch = epoch
                }
            }
            stages.append(stage)
        }
        guard !stages.isEmpty else {
            throw AnnotationFileError(
                kind: .badData, file: file, line: header.line + 1, found: "no epochs",
                expected: "at least one epoch after the header")
        }
        return Hypnogram(startS: firstOnset ?? startS, epochLengthS: epochLengthS, stages: stages)
    }

    /// The stage of a code, or nil for an unknown code.
    static func stageCode(_ text: String) -> SleepStage? {
        switch text.lowercased() {
        case "w", "wake", "0": return .wake
        case "n1", "s1", "1": return .n1
        case "n2", "s2", "2": return .n2
        case "n3", "n4", "s3", "s4", "3", "4": return .n3
        case "r", "rem", "5": return .rem
        case "?", "u", "uns", "unscored", "a", "artifact", "artefact", "m", "mt", "movement", "6", "9": return .unscored
        default: return nil
        }
    }
}
