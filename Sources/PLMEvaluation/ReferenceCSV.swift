import PLMCore

extension EventSetReader {
    /// Parses a reference events CSV: a header row naming the columns `onset_s`, `offset_s` and
    /// `side` (any order, other columns ignored), then one row per leg movement; times in seconds
    /// since the recording start, side `L`/`R`/`left`/`right` (any case). `,` or `;` separated;
    /// blank lines and lines starting with `#` are skipped. An optional `peak_deviation_mg`
    /// column gives each movement's peak deviation from rest in milli-g (empty: unknown). Every
    /// row is a real movement whatever other columns (such as `kind`) say.
    /// - Throws: ``EvaluationError/badData(path:line:column:found:expected:)`` naming the line and
    ///   column of the first bad field.
    public static func parseReferenceCSV(_ bytes: [UInt8], path: String) throws(EvaluationError) -> EventSet {
        var lines: [(number: Int, fields: [String])] = []
        var lineNumber = 0
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var i = start
        while start < bytes.count {
            while i < bytes.count, bytes[i] != 10 { i += 1 }
            lineNumber += 1
            var end = i
            if end > start, bytes[end - 1] == 13 { end -= 1 }
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let trimmed = text.trimmingBlanks
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                let separator: Character = text.contains(";") && !text.contains(",") ? ";" : ","
                lines.append((lineNumber, text.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingBlanks }))
            }
            i += 1
            start = i
        }
        guard let header = lines.first else {
            throw .badData(path: path, line: nil, column: nil, found: "an empty file", expected: "a header row onset_s,offset_s,side and one row per leg movement")
        }
        let names = header.fields.map { $0.lowercased() }
        guard let onsetColumn = names.firstIndex(of: "onset_s"), let offsetColumn = names.firstIndex(of: "offset_s"),
            let sideColumn = names.firstIndex(of: "side")
        else {
            throw .badData(
                path: path, line: header.number, column: nil, found: "header \"\(header.fields.joined(separator: ","))\"",
                expected: "a header row naming onset_s, offset_s and side")
        }
        let deviationColumn = names.firstIndex(of: "peak_deviation_mg")
        var movements: [LegMovement] = []
        var deviations: [Double?] = []
        for row in lines.dropFirst() {
            func field(_ column: Int, _ what: String) throws(EvaluationError) -> String {
                guard column < row.fields.count else {
                    throw .badData(path: path, line: row.number, column: column + 1, found: "\(row.fields.count) fields", expected: "a \(what) in column \(column + 1)")
                }
                return row.fields[column]
            }
            let onsetText = try field(onsetColumn, "onset in seconds")
            let offsetText = try field(offsetColumn, "offset in seconds")
            let sideText = try field(sideColumn, "side (L or R)")
            guard let onset = Double(onsetText), onset.isFinite, onset >= 0 else {
                throw .badData(path: path, line: row.number, column: onsetColumn + 1, found: "\"\(onsetText)\"", expected: "an onset in seconds (a non-negative number)")
            }
            guard let offset = Double(offsetText), offset.isFinite, offset >= onset else {
                throw .badData(path: path, line: row.number, column: offsetColumn + 1, found: "\"\(offsetText)\"", expected: "an offset in seconds, not before the onset \(onsetText)")
            }
            let side: LegSide
            switch sideText.lowercased() {
            case "l", "left": side = .left
            case "r", "right": side = .right
            default:
                throw .badData(path: path, line: row.number, column: sideColumn + 1, found: "\"\(sideText)\"", expected: "a side: L, R, left or right")
            }
            movements.append(LegMovement(side: side, onsetS: onset, offsetS: offset))
            if let column = deviationColumn {
                // A short row (the empty last field dropped) or an empty field: unknown.
                let text = column < row.fields.count ? row.fields[column] : ""
                if text.isEmpty {
                    deviations.append(nil)
                } else if let value = Double(text), value.isFinite, value >= 0 {
                    deviations.append(value)
                } else {
                    throw .badData(
                        path: path, line: row.number, column: column + 1, found: "\"\(text)\"",
                        expected: "a peak deviation in milli-g (a non-negative number) or an empty field")
                }
            }
        }
        return EventSet(
            source: path, movements: movements,
            peakDeviationsMg: deviationColumn != nil && deviations.contains { $0 != nil } ? deviations : nil)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
