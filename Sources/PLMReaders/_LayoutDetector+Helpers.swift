/// Shared pieces of layout detection: column names, units, time syntaxes, line shapes.
extension _LayoutDetector {
    // MARK: - Helpers

    static func unknown(prefix: _FilePrefix, path: String, found: String) -> ReadError {
        ReadError(
            kind: .unknownLayout, path: path, found: found,
            expected: "an ActiGraph, GENEActiv or Axivity export, or a CSV whose header names time, x, y and z",
            hint: "describe the file with options, for example:\n"
                + "  --format generic --columns time,x,y,z --time-format unix-s --units g --delimiter ',' --skip-lines 0\n"
                + "  (--columns takes one role per column: time, x, y, z, or - to skip; --rate HZ when there is no time column)\n"
                + prefix.excerpt())
    }

    static func apply(columns: [ColumnRole], to plan: inout _ParsePlan, path: String) throws {
        guard let x = columns.firstIndex(of: .x), let y = columns.firstIndex(of: .y), let z = columns.firstIndex(of: .z) else {
            throw ReadError(kind: .unknownLayout, path: path, found: "--columns without x, y and z", expected: "one x, one y and one z column")
        }
        (plan.xColumn, plan.yColumn, plan.zColumn) = (x, y, z)
        plan.timeColumn = columns.firstIndex(of: .time)
        if plan.timeColumn == nil { plan.timeSyntax = nil }
    }

    static func compile(_ format: TimeFormat, path: String) throws -> _TimeSyntax {
        switch format {
        case .iso8601: return .pattern(.iso8601)
        case .unixSeconds: return .unixSeconds
        case .unixMilliseconds: return .unixMilliseconds
        case .excelDays: return .excelDays
        case .pattern(let text):
            guard let pattern = _TimePattern.strptime(text) else {
                throw ReadError(
                    kind: .unknownLayout, path: path, found: "time format '\(text)'",
                    expected: "a strptime pattern with %Y (or %y), %m (or %b) and %d; %H %M %S %f %z allowed")
            }
            return .pattern(pattern)
        }
    }

    /// Recognises a time field: ISO 8601, GENEActiv's colon milliseconds, unix seconds or
    /// milliseconds, Excel days, or slash/dash/dot dates (day-first when a first number > 12
    /// is seen in `samples`, month-first otherwise).
    static func detectTimeSyntax(_ field: String, decimalMark: UInt8, samples: [String]) -> _TimeSyntax? {
        let text = field._trimming(" \"")
        let all = samples.isEmpty ? [text] : samples.map { $0._trimming(" \"") }
        func fitsAll(_ syntax: _TimeSyntax) -> Bool { all.allSatisfy { parse(pattern: syntax, text: $0, decimalMark: decimalMark) != nil } }
        for syntax in [_TimeSyntax.pattern(.iso8601), .pattern(.geneactiv)] where fitsAll(syntax) { return syntax }
        let numberText = decimalMark == 0x2C ? text._replacing(",", ".") : text
        if let value = Double(numberText) {
            let wholeDigits = numberText.prefix { $0 != "." && $0 != "e" && $0 != "E" }.filter(\.isNumber).count
            let exponent = numberText.contains("e") || numberText.contains("E")
            if value >= 1e8 && value < 1e10 && (wholeDigits == 9 || wholeDigits == 10 || exponent) { return .unixSeconds }
            if value >= 1e11 && value < 1e13 && (wholeDigits == 12 || wholeDigits == 13 || exponent) { return .unixMilliseconds }
            if value >= 20_000 && value < 80_000 && numberText.contains(".") { return .excelDays }
            return nil
        }
        let firstNumbers = all.compactMap { line -> Int? in Int(line.prefix { $0.isNumber }) }
        let dayFirst = firstNumbers.contains { $0 > 12 && $0 <= 31 }
        let formats = dayFirst
            ? ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy"] : ["M/d/yyyy", "yyyy/M/d", "M-d-yyyy", "d.M.yyyy"]
        for format in formats {
            if let pattern = _TimePattern.actiLife(dateFormat: format, withTime: true), fitsAll(.pattern(pattern)) {
                return .pattern(pattern)
            }
        }
        return nil
    }

    static func parse(pattern: _TimeSyntax, text: String, decimalMark: UInt8) -> _ParsedStamp? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return pattern.parse(base, base + buffer.count - 1, decimalMark: decimalMark)
        }
    }

    /// Time unit named in a units row: `ms` -> unix milliseconds, `s` -> unix seconds.
    static func timeUnit(_ text: String) -> _TimeSyntax? {
        switch text._trimming(" \"").lowercased() {
        case "ms", "milliseconds", "[ms]", "(ms)": .unixMilliseconds
        case "s", "seconds", "[s]", "(s)": .unixSeconds
        default: nil
        }
    }

    /// An acceleration unit written in a header name (`Accel-X (g)`, `x [mg]`) or a units row.
    static func unitFromText(_ raw: String) -> AccelerationUnit? {
        let text = raw._trimming(" \"").lowercased()
        if let unit = unitWord(text) { return unit }
        if let open = text.lastIndex(where: { $0 == "(" || $0 == "[" }), text.hasSuffix(")") || text.hasSuffix("]") {
            return unitWord(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
        }
        return nil
    }

    static func unitWord(_ text: String) -> AccelerationUnit? {
        let compact = text.filter { $0 != " " }
        switch compact {
        case "g": return .g
        case "mg", "milli-g", "millig": return .milliG
        case "m/s^2", "m/(s^2)", "m/s2", "m/s²", "m*s^-2", "ms^-2", "m/sec^2": return .metresPerSecondSquared
        default: return nil
        }
    }

    /// Finds time and x, y, z columns from header names.
    static func mapColumnNames(_ rawNames: [String]) -> (time: Int?, x: Int, y: Int, z: Int)? {
        var time: Int?
        var axes: [Int?] = [nil, nil, nil]
        for (index, raw) in rawNames.enumerated() {
            var name = raw._trimming(" \"").lowercased()
            if let open = name.firstIndex(where: { $0 == "(" || $0 == "[" }) { name = String(name[..<open]) }
            let tokens = name.split { !($0.isLetter || $0.isNumber) }.map(String.init)
            let compact = tokens.joined()
            let timeWords: Set<String> = ["date", "datetime", "t", "zeit", "datum", "fecha", "heure", "tijd", "epoch", "unix"]
            if time == nil && (tokens.contains { $0.contains("time") || timeWords.contains($0) }) {
                time = index
                continue
            }
            let isGyroOrOther = tokens.contains { $0.hasPrefix("gyr") || $0.hasPrefix("mag") || $0.hasPrefix("temp") || $0.hasPrefix("lux") }
            if isGyroOrOther { continue }
            for (axis, letter) in ["x", "y", "z"].enumerated() where axes[axis] == nil {
                let named = compact == letter || compact == "axis\(axis + 1)" || compact == "\(letter)axis"
                    || compact == "a\(letter)" || compact == "acc\(letter)" || compact == "accel\(letter)"
                    || (tokens.contains(letter) && tokens.contains { $0.hasPrefix("acc") })
                    || (tokens.count > 1 && tokens.last == letter)
                if named { axes[axis] = index }
            }
        }
        guard let x = axes[0], let y = axes[1], let z = axes[2] else { return nil }
        return (time, x, y, z)
    }

    /// Whether a line looks like a data row: at least three fields that are numbers (or times).
    static func looksLikeData(_ line: String, delimiter: Character, decimalMark: Character) -> Bool {
        let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
        var numeric = 0
        for field in fields {
            var text = field._trimming(" \"")
            if decimalMark == "," { text = text._replacing(",", ".") }
            if Double(text) != nil || text.isEmpty || text.lowercased() == "nan" {
                numeric += 1
            } else if parse(pattern: .pattern(.iso8601), text: text, decimalMark: 0x2E) != nil
                || text.first?.isNumber == true && (text.contains("/") || text.contains(":"))
            {
                numeric += 1
            }
        }
        let emptyFields = fields.filter { $0._trimming(" ").isEmpty }.count
        guard numeric >= 3, numeric >= fields.count - 1 - emptyFields / 2 else { return false }
        return fields.contains { (field: Substring) -> Bool in Double(field._trimming(" \"")) != nil || field.contains(",") }
    }

    /// Time fields of up to 20 data lines from `from`.
    static func dataFields(lines: [String], from: Int, column: Int, delimiter: Character) -> [String] {
        var out: [String] = []
        for line in lines[min(from, lines.count)...] where !line._trimming(" ,;\t").isEmpty {
            let fields = line.split(separator: delimiter, omittingEmptySubsequences: false)
            if column < fields.count { out.append(String(fields[column])._trimming(" \"")) }
            if out.count >= 20 { break }
        }
        return out
    }

    static func splitFields(_ line: String, _ delimiter: String) -> [String] {
        line.split(separator: Character(delimiter), omittingEmptySubsequences: false).map { String($0)._trimming(" \"") }
    }

    /// An ActiLife header line without its `,,,` padding.
    static func stripPadding(_ line: String) -> String {
        var s = Substring(line)
        while let last = s.last, last == "," || last == " " || last == "\r" { s = s.dropLast() }
        return String(s)
    }

    static func isDashLine(_ line: String) -> Bool { line.count >= 10 && line.allSatisfy { $0 == "-" } }

    /// `GMT +01:00`, `UTC-05:30`, `+0100`, as seconds east of UTC.
    static func parseZone(_ text: String) -> Int? {
        let compact = text.filter { $0 != " " }.uppercased()
        guard let signIndex = compact.firstIndex(where: { $0 == "+" || $0 == "-" }) else {
            return compact == "GMT" || compact == "UTC" || compact == "Z" ? 0 : nil
        }
        let sign = compact[signIndex] == "-" ? -1 : 1
        let digits = compact[compact.index(after: signIndex)...].filter(\.isNumber)
        guard let value = Int(digits) else { return nil }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        guard hours <= 18, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    static func leadingNumber(_ text: String) -> Double? {
        Double(String(text._trimming(" ").prefix { $0.isNumber || $0 == "." }))
    }

    static func clip(_ text: String, _ length: Int = 100) -> String {
        text.count > length ? String(text.prefix(length)) + "..." : text
    }
}
