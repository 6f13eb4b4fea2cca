/// Generic and Axivity CSV: header names and units rows, or headerless numeric rows, or options.
extension _LayoutDetector {
    // MARK: - Generic and Axivity

    /// Reads a header row naming the columns (and a units row), or a headerless numeric layout.
    /// `layout` is nil under `--format auto` (Axivity is then recognised from the rows).
    static func genericPlan(prefix: _FilePrefix, options: ReadOptions, path: String, layout: RecordingLayout?) throws -> _ParsePlan {
        let lines = prefix.lines
        var index = options.skipLines ?? 0
        var notes: [String] = []
        if index > 0 { notes.append("skipped \(index) lines (--skip-lines)") }
        let marks = try separators(lines: lines, index: &index, notes: &notes, options: options, prefix: prefix, path: path)
        let (delimiter, decimal) = (marks.delimiter, marks.decimal)
        var plan = _ParsePlan(layout: layout ?? .generic, reason: "", dataStartLine: index)
        plan.delimiter = marks.delimiterByte
        plan.decimalMark = marks.decimalByte
        let delimiterName = delimiter == "\t" ? "tab" : "'\(delimiter)'"
        let decimalByte = marks.decimalByte

        // Header row and units rows.
        var headerNames: [String]?
        var unitRows: [[String]] = []
        if !looksLikeData(lines[index], delimiter: Character(delimiter), decimalMark: Character(decimal)) {
            headerNames = splitFields(lines[index], delimiter)
            notes.append("header row \(index + 1) '\(clip(lines[index], 80))'")
            index += 1
            // Epoch summaries and counts (GGIR, biobankAccelerometerAnalysis, ActiLife, activity index).
            if let names = headerNames, options.columns == nil {
                try refuseEpochSummary(
                    names: names, lines: lines, dataStartLine: index, headerLine: index,
                    delimiter: Character(delimiter), decimalMark: decimalByte, path: path)
            }
            while index < lines.count, !lines[index]._trimming(" ,;\t").isEmpty,
                !looksLikeData(lines[index], delimiter: Character(delimiter), decimalMark: Character(decimal)), unitRows.count < 3
            {
                unitRows.append(splitFields(lines[index], delimiter))
                notes.append("units/description row \(index + 1)")
                index += 1
            }
            while index < lines.count && lines[index]._trimming(" ,;\t").isEmpty { index += 1 }
            plan.dataStartLine = index
        }
        guard index < lines.count else {
            throw ReadError(kind: .malformedData, path: path, found: "a header without data rows", expected: "data rows after the header", hint: prefix.excerpt())
        }
        let firstFields = splitFields(lines[index], delimiter)

        try genericColumns(
            &plan, headerNames: headerNames, unitRowCount: unitRows.count, firstFields: firstFields, layout: layout,
            notes: &notes, options: options, prefix: prefix, path: path)
        try genericTimeSyntax(&plan, lines: lines, unitRows: unitRows, delimiter: Character(delimiter), options: options, prefix: prefix, path: path)
        // Units: header names such as "Accel-X (g)", or a units row.
        if let names = headerNames, let unit = unitFromText(names[safe: plan.xColumn] ?? "") {
            plan.unit = unit
            plan.unitSource = "the column name '\(names[safe: plan.xColumn] ?? "")'"
        }
        if let unitsRow = unitRows.last, let unit = unitFromText(unitsRow[safe: plan.xColumn] ?? "") {
            plan.unit = unit
            plan.unitSource = "the units row ('\(unitsRow[safe: plan.xColumn] ?? "")')"
        }
        if plan.unitSource == "the layout's unit (g)" { plan.unitSource = "assumed g (no unit in the file)" }

        // Layout name and reason.
        let timeText = plan.timeSyntax.map { "time as \($0.text)" } ?? "no time column"
        let isAxivityLike: Bool = {
            guard headerNames == nil, options.columns == nil, plan.timeColumn == 0, firstFields.count == 4 || firstFields.count == 7 else { return false }
            switch plan.timeSyntax {
            case .unixSeconds?: return true
            case .pattern(let p)? where p == .iso8601: return true
            default: return false
            }
        }()
        if layout == nil && isAxivityLike {
            plan.layout = .axivity
            plan.reason = "no header; rows of \(firstFields.count) fields, \(timeText) then x,y,z"
                + (firstFields.count == 7 ? " and 3 gyroscope columns (AX6, ignored)" : "")
                + ": the Axivity cwa-convert/OmGui CSV layout"
        } else {
            let what = plan.layout == .axivity ? "Axivity CSV" : "generic CSV"
            plan.reason = "\(what): " + (notes + ["\(delimiterName)-delimited", timeText, "x,y,z in columns \(plan.xColumn + 1),\(plan.yColumn + 1),\(plan.zColumn + 1)"]).joined(separator: "; ")
        }
        if firstFields.count == 7 && plan.layout == .axivity { plan.metadata.append(("columns", "7 (AX6: gyroscope ignored)")) }
        return plan
    }

    /// The field delimiter and decimal mark: from the options, an Excel "sep=" line (skipped,
    /// `index` moves past it and blank lines), or the first row; "0,123;0,456" numbers give a
    /// decimal comma.
    static func separators(
        lines: [String], index: inout Int, notes: inout [String], options: ReadOptions, prefix: _FilePrefix, path: String
    ) throws -> (delimiter: String, decimal: String, delimiterByte: UInt8, decimalByte: UInt8) {
        var delimiterText: String? = options.delimiter.map { String($0) }
        // Excel's "sep=;" line.
        if index < lines.count, lines[index]._trimming("\" ").lowercased().hasPrefix("sep="), lines[index]._trimming("\" ").count >= 5 {
            let sep = lines[index]._trimming("\" ").dropFirst(4).first.map { String($0) }
            if delimiterText == nil { delimiterText = sep }
            notes.append("'\(lines[index])' line")
            index += 1
        }
        while index < lines.count && lines[index]._trimming(" ,;\t").isEmpty { index += 1 }
        guard index < lines.count else {
            throw ReadError(kind: .malformedData, path: path, found: "no rows after the skipped lines", expected: "CSV rows of acceleration", hint: prefix.excerpt())
        }
        let delimiter: String = delimiterText ?? {
            let line = lines[index]
            if line.contains(";") { return ";" }
            if line.contains("\t") { return "\t" }
            return ","
        }()
        guard delimiter.utf8.count == 1, let delimiterByte = delimiter.utf8.first else {
            throw ReadError(kind: .unknownLayout, path: path, found: "delimiter '\(delimiter)'", expected: "a one-byte delimiter such as , ; or tab")
        }
        var decimal = options.decimalMark.map { String($0) } ?? "."
        if options.decimalMark == nil && delimiter != "," {
            // "0,123;0,456" style numbers.
            let probe = lines[index...].dropFirst().prefix(3) + [lines[index]]
            if probe.contains(where: { line in
                line.split(separator: Character(delimiter)).contains { (field: Substring) -> Bool in
                    field.contains(",") && !field.contains(".") && Double(field._replacing(",", ".")) != nil
                }
            }) {
                decimal = ","
            }
        }
        guard decimal.utf8.count == 1, let decimalByte = decimal.utf8.first, decimalByte != delimiterByte else {
            throw ReadError(
                kind: .unknownLayout, path: path, found: "decimal mark '\(decimal)' with delimiter '\(delimiter)'",
                expected: "a one-byte decimal mark ('.' or ',') other than the delimiter")
        }
        return (delimiter, decimal, delimiterByte, decimalByte)
    }

    /// The x, y, z (and time) columns: from `--columns`, the header's names, or their position.
    static func genericColumns(
        _ plan: inout _ParsePlan, headerNames: [String]?, unitRowCount: Int, firstFields: [String], layout: RecordingLayout?,
        notes: inout [String], options: ReadOptions, prefix: _FilePrefix, path: String
    ) throws {
        let lines = prefix.lines
        let decimalByte = plan.decimalMark
        if let columns = options.columns {
            try apply(columns: columns, to: &plan, path: path)
            notes.append("columns from --columns")
        } else if let names = headerNames {
            guard let mapping = mapColumnNames(names) else {
                throw unknown(prefix: prefix, path: path, found: "a header row whose names do not say which columns are x, y and z: '\(clip(lines[plan.dataStartLine - 1 - unitRowCount]))'")
            }
            plan.timeColumn = mapping.time
            (plan.xColumn, plan.yColumn, plan.zColumn) = (mapping.x, mapping.y, mapping.z)
            if layout == nil, names.count >= 4,
                names.prefix(4).map({ $0._trimming(" \"") }) == ["Time", "Accel-X (g)", "Accel-Y (g)", "Accel-Z (g)"]
            {
                plan.layout = .axivity
            }
        } else if firstFields.count == 3 {
            notes.append("3 numeric columns read as x,y,z (no time column)")
        } else if firstFields.count >= 4, detectTimeSyntax(firstFields[0], decimalMark: decimalByte, samples: []) != nil {
            plan.timeColumn = 0
            (plan.xColumn, plan.yColumn, plan.zColumn) = (1, 2, 3)
        } else {
            throw unknown(prefix: prefix, path: path, found: "rows of \(firstFields.count) fields without a header naming them and no recognisable time in the first field")
        }

    }

    /// The time column's syntax: `--time-format`, the units row, or recognised from the first rows.
    static func genericTimeSyntax(
        _ plan: inout _ParsePlan, lines: [String], unitRows: [[String]], delimiter: Character, options: ReadOptions,
        prefix: _FilePrefix, path: String
    ) throws {
        let decimalByte = plan.decimalMark
        if let timeColumn = plan.timeColumn {
            let samples = dataFields(lines: lines, from: plan.dataStartLine, column: timeColumn, delimiter: delimiter)
            if let format = options.timeFormat {
                plan.timeSyntax = try compile(format, path: path)
            } else if let unitsRow = unitRows.last, timeColumn < unitsRow.count, let unitSyntax = timeUnit(unitsRow[timeColumn]),
                let first = samples.first, unitSyntax.parse(first, decimalMark: decimalByte) != nil
            {
                plan.timeSyntax = unitSyntax
            } else if let first = samples.first, let syntax = detectTimeSyntax(first, decimalMark: decimalByte, samples: samples) {
                plan.timeSyntax = syntax
            } else {
                throw ReadError(
                    kind: .unknownLayout, path: path, line: plan.dataStartLine + 1, column: timeColumn + 1,
                    found: "time '\(samples.first ?? "")' in a format the reader does not recognise",
                    expected: "ISO 8601, unix seconds/milliseconds, Excel days or a layout given with --time-format",
                    hint: "describe it with --time-format, e.g. --time-format '%d.%m.%Y %H:%M:%S.%f' (or unix-s, unix-ms, excel).\n" + prefix.excerpt())
            }
        }

    }
}