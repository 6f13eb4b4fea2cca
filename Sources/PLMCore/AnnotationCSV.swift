/// The one reader of the small annotation CSV files (leg movement events, respiratory events,
/// arousals, hypnograms): no quoting (they hold numbers and short codes), a UTF-8 byte-order mark,
/// CRLF line ends, blank lines and `#` comment lines allowed; fields separated by commas, or by
/// semicolons or tabs when a line has no comma.
public enum AnnotationCSV {
    /// One non-blank, non-comment line split into fields trimmed of spaces and tabs.
    public struct Row: Sendable, Hashable {
        /// 1-based line number in the file.
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// A data error: where (line, 1-based column and its header name), what was found, what was expected.
    public struct DataError: Error, Sendable, Hashable {
        public var line: Int
        public var column: Int?
        public var columnName: String?
        public var found: String
        public var expected: String

        public init(line: Int, column: Int? = nil, columnName: String? = nil, found: String, expected: String) {
            self.line = line
            self.column = column
            self.columnName = columnName
            self.found = found
            self.expected = expected
        }
    }

    /// Splits bytes into rows.
    /// - Throws: ``DataError`` for a line that is not UTF-8.
    public static func rows(_ bytes: [UInt8]) throws(DataError) -> [Row] {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var rows: [Row] = []
        var lineNumber = 0
        var i = start
        while i <= bytes.count {
            var j = i
            while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
            lineNumber += 1
            var end = j
            if end > i && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end > i {
                guard let text = String(validating: bytes[i..<end], as: UTF8.self) else {
                    throw DataError(line: lineNumber, found: "bytes that are not UTF-8 text", expected: "a UTF-8 text line")
                }
                let trimmed = trimmingBlanks(Substring(text))
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                    let separator: Character = trimmed.contains(",") ? "," : (trimmed.contains(";") ? ";" : "\t")
                    let fields = trimmed.split(separator: separator, omittingEmptySubsequences: false).map {
                        String(trimmingBlanks($0))
                    }
                    rows.append(Row(line: lineNumber, fields: fields))
                }
            }
            i = j + 1
        }
        return rows
    }

    /// The column of the first of `names` in `header` (case-insensitive), or nil.
    public static func column(_ header: [String], _ names: [String]) -> Int? {
        let lower = header.map { $0.lowercased() }
        for n in names { if let k = lower.firstIndex(of: n) { return k } }
        return nil
    }

    /// Field `column` of `row` through `convert`; a ``DataError`` naming line, column, the found
    /// text and `expected` when the row is too short or the field does not convert.
    public static func field<T>(
        _ row: Row, _ column: Int, header: [String], expected: String, _ convert: (String) -> T?
    ) throws(DataError) -> T {
        let name = column < header.count ? header[column] : nil
        guard column < row.fields.count else {
            throw DataError(
                line: row.line, column: column + 1, columnName: name,
                found: "\(row.fields.count) field\(row.fields.count == 1 ? "" : "s")", expected: "\(header.count) fields")
        }
        let text = row.fields[column]
        guard let value = convert(text) else {
            throw DataError(
                line: row.line, column: column + 1, columnName: name, found: text.isEmpty ? "an empty field" : "'\(text)'",
                expected: expected)
        }
        return value
    }

    /// A number of seconds within ±``TimeSpan/largestTimeMagnitudeS``, or nil.
    public static func seconds(_ text: String) -> Double? {
        guard let value = Double(text), TimeSpan.isAcceptableTime(value) else { return nil }
        return value
    }

    /// What ``seconds(_:)`` accepts, for messages.
    public static let secondsExpectation = "a number of seconds within ±10^9"

    private static func trimmingBlanks(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

/// The one parser of the leg movement events CSV that `plm score` scores and `plm evaluate`
/// takes as a reference: a header naming `onset_s` (or `onset`), `offset_s` (or `offset`) and
/// `side` (or `leg`) in any order and case, other columns ignored; then one movement per line,
/// times in seconds since the recording start (negative allowed, within ±10^9 s), side `L`, `R`,
/// `left` or `right`. Any separator and layout ``AnnotationCSV`` reads.
public enum LegMovementCSV {
    /// Parses the bytes of an events file.
    /// - Throws: ``AnnotationCSV/DataError`` naming the line, column, found text and expectation.
    /// - Complexity: O(n) in the file size.
    public static func parse(_ bytes: [UInt8]) throws(AnnotationCSV.DataError) -> [LegMovement] {
        try parseWithPeakDeviations(bytes).movements
    }

    /// Parses the bytes of an events file and its optional `peak_deviation_mg` column (each
    /// movement's peak deviation from rest in milli-g; an empty field or a short row is unknown).
    /// `peakDeviationsMg` is nil when the column is absent or every value is unknown, otherwise it
    /// has one entry per movement. Every row is a movement whatever other columns (such as
    /// `kind`) say.
    /// - Throws: ``AnnotationCSV/DataError`` naming the line, column, found text and expectation.
    public static func parseWithPeakDeviations(
        _ bytes: [UInt8]
    ) throws(AnnotationCSV.DataError) -> (movements: [LegMovement], peakDeviationsMg: [Double?]?) {
        let rows = try AnnotationCSV.rows(bytes)
        let headerText = "a header line 'onset_s,offset_s,side'"
        guard let header = rows.first else { throw AnnotationCSV.DataError(line: 1, found: "an empty file", expected: headerText) }
        guard let first = header.fields.first, Double(first) == nil else {
            throw AnnotationCSV.DataError(line: header.line, column: 1, found: "'\(header.fields.first ?? "")'", expected: headerText)
        }
        let names = header.fields
        func require(_ wanted: [String]) throws(AnnotationCSV.DataError) -> Int {
            guard let k = AnnotationCSV.column(names, wanted) else {
                throw AnnotationCSV.DataError(
                    line: header.line, found: "header '\(names.joined(separator: ","))'", expected: "a column named '\(wanted[0])'")
            }
            return k
        }
        let onsetColumn = try require(["onset_s", "onset"])
        let offsetColumn = try require(["offset_s", "offset"])
        let sideColumn = try require(["side", "leg"])
        let deviationColumn = AnnotationCSV.column(names, ["peak_deviation_mg"])
        var movements: [LegMovement] = []
        var deviations: [Double?] = []
        movements.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            let seconds = AnnotationCSV.secondsExpectation
            let onset = try AnnotationCSV.field(row, onsetColumn, header: names, expected: seconds, AnnotationCSV.seconds)
            let offset = try AnnotationCSV.field(row, offsetColumn, header: names, expected: seconds, AnnotationCSV.seconds)
            let side = try AnnotationCSV.field(row, sideColumn, header: names, expected: "L or R") { text -> LegSide? in
                switch text.lowercased() {
                case "l", "left": return .left
                case "r", "right": return .right
                default: return nil
                }
            }
            guard offset >= onset else {
                throw AnnotationCSV.DataError(
                    line: row.line, column: offsetColumn + 1, columnName: names[offsetColumn], found: "'\(row.fields[offsetColumn])'",
                    expected: "an offset at or after the onset \(row.fields[onsetColumn])")
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
                    throw AnnotationCSV.DataError(
                        line: row.line, column: column + 1, columnName: names[column], found: "'\(text)'",
                        expected: "a peak deviation in milli-g (a non-negative number) or an empty field")
                }
            }
        }
        return (movements, deviations.contains { $0 != nil } ? deviations : nil)
    }
}
