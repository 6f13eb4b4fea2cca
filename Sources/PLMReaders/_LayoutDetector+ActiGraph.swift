import PLMCore
/// ActiGraph ActiLife raw CSV: the 10-line header, the optional column-header line and Timestamp column.
extension _LayoutDetector {
    // MARK: - ActiGraph

    static func actiGraphPlan(prefix: _FilePrefix, options: ReadOptions, path: String) throws -> _ParsePlan {
        let lines = prefix.lines.map { stripPadding($0) }
        guard let first = lines.first, first.lowercased().contains("created by actigraph") else {
            throw ReadError(
                kind: .malformedData, path: path, line: 1, found: "'\(clip(prefix.lines.first ?? ""))'",
                expected: "an ActiLife header line '------------ Data File Created By ActiGraph ...'",
                hint: prefix.excerpt())
        }
        guard let dashIndex = lines.indices.dropFirst().prefix(15).first(where: { isDashLine(lines[$0]) }) else {
            throw ReadError(
                kind: .malformedData, path: path, found: "no '-----' line ending the ActiLife header",
                expected: "a 10-line ActiLife header closed by a line of dashes", hint: prefix.excerpt())
        }
        var plan = _ParsePlan(layout: .actigraph, reason: "", dataStartLine: dashIndex + 1)
        let header = ActiLifeHeader(lines: lines[1..<dashIndex])
        let (dateFormat, epoch) = try actiLifeFacts(&plan, firstLine: first, header: header, prefix: prefix, path: path)
        let startNote = actiLifeHeaderStart(&plan, header: header, dateFormat: dateFormat)
        let (dataIndex, columnsNote) = try actiLifeColumns(&plan, lines: lines, options: options, prefix: prefix, path: path)
        let timeNote = try actiLifeTimeSyntax(&plan, lines: lines, dataIndex: dataIndex, dateFormat: dateFormat, options: options, path: path)
        let rateText = plan.declaredRateHz.map { "\(DecimalText.short($0)) Hz" } ?? "no rate"
        plan.reason = "line 1 reads 'Data File Created By ActiGraph' (ActiLife raw CSV, \(rateText), Epoch Period \(epoch ?? "absent")); "
            + "\(columnsNote); \(timeNote)\(startNote)"
        plan.unitSource = "ActiLife raw exports are in g"
        return plan
    }

    /// The lines of an ActiLife header between its first line and the dashes (indices are the
    /// file's line indices).
    struct ActiLifeHeader {
        var lines: ArraySlice<String>
        /// The value after `key` (and any ':' or spaces) on the first line starting with it.
        func value(_ key: String) -> String? {
            for line in lines where line.lowercased().hasPrefix(key.lowercased()) {
                var rest = line.dropFirst(key.count)
                while let c = rest.first, c == ":" || c == " " { rest = rest.dropFirst() }
                return String(rest)._trimming(" ")
            }
            return nil
        }
    }

    /// The rate, device and software from line 1 and the header; refuses epoch (count) files.
    /// - Returns: the declared date format and the Epoch Period, if given.
    static func actiLifeFacts(
        _ plan: inout _ParsePlan, firstLine first: String, header: ActiLifeHeader, prefix: _FilePrefix, path: String
    ) throws -> (dateFormat: String, epoch: String?) {
        let words = first.split(separator: " ").map(String.init)
        var device: String?
        if let by = words.firstIndex(where: { $0.lowercased() == "actigraph" }), by + 1 < words.count,
            !words[by + 1].lowercased().hasPrefix("actilife")
        {
            device = words[by + 1]
        }
        var dateFormat = "M/d/yyyy"
        if let f = words.firstIndex(of: "format"), f + 1 < words.count { dateFormat = words[f + 1] }
        if let at = words.lastIndex(of: "at"), at + 2 < words.count, words[at + 2].lowercased() == "hz",
            let rate = Double(words[at + 1]), rate > 0
        {
            plan.declaredRateHz = rate
        }
        let epoch = header.value("Epoch Period (hh:mm:ss)")
        if let epoch, epoch != "00:00:00" {
            throw ReadError(
                kind: .notRawAcceleration, path: path, line: (header.lines.firstIndex { $0.hasPrefix("Epoch Period") } ?? 4) + 1,
                found: "an ActiLife epoch file (Epoch Period \(epoch)): it holds activity counts per epoch, not raw acceleration",
                expected: "an ActiLife RAW export ('Epoch Period (hh:mm:ss) 00:00:00', '... at NN Hz' in line 1)",
                hint: "PLM scoring needs the raw signal: export RAW data from ActiLife (or give the .gt3x exported to a raw CSV).")
        }
        if epoch == nil && plan.declaredRateHz == nil {
            throw ReadError(
                kind: .notRawAcceleration, path: path, line: 1,
                found: "an ActiLife header with neither 'at NN Hz' nor 'Epoch Period 00:00:00': it holds activity counts per epoch, not raw acceleration",
                expected: "an ActiLife RAW export", hint: prefix.excerpt())
        }
        plan.fixedRateHz = plan.declaredRateHz
        if let device { plan.metadata.append(("device", "ActiGraph " + device)) }
        if let serial = header.value("Serial Number") { plan.metadata.append(("serialNumber", serial)) }
        if let f = words.firstIndex(where: { $0.hasPrefix("Firmware") }), f + 1 < words.count {
            plan.metadata.append(("firmware", words[f + 1]))
        }
        if let a = words.firstIndex(where: { $0 == "ActiLife" }), a + 1 < words.count {
            plan.metadata.append(("software", "ActiLife " + words[a + 1]))
        }
        plan.metadata.append(("declaredDateFormat", dateFormat))
        if let battery = header.value("Current Battery Voltage"), let mode = battery._split(by: "Mode =").dropFirst().first {
            plan.metadata.append(("mode", mode._trimming(" ")))
        }

        return (dateFormat, epoch)
    }

    /// The header's Start Date and Time, in the declared date format or whatever format it is
    /// really in. - Returns: a note for the reason when it was not the declared one.
    static func actiLifeHeaderStart(_ plan: inout _ParsePlan, header: ActiLifeHeader, dateFormat: String) -> String {
        var startNote = ""
        if let dateText = header.value("Start Date"), let timeText = header.value("Start Time") {
            let text = dateText + " " + timeText
            var candidates = [dateFormat]
            candidates += alternativeDateFormats.filter { $0 != dateFormat }
            for (index, format) in candidates.enumerated() {
                guard let pattern = _TimePattern.actiLife(dateFormat: format, withTime: true),
                    let stamp = parse(pattern: .pattern(pattern), text: text, decimalMark: 0x2E)
                else { continue }
                plan.headerStart = RecordingClockTime(secondsSince1970: _seconds(fromNanoseconds: stamp.localNs), utcOffsetS: nil)
                if index > 0 { startNote = "; header Start Date '\(dateText)' is not in the declared format \(dateFormat), read as \(format)" }
                break
            }
            if let start = plan.headerStart { plan.metadata.append(("headerStart", start.iso8601)) }
        }

        return startNote
    }

    /// The column-header line (names mapped to columns), or straight to data (columns by position).
    /// - Returns: the first data line and a note for the reason.
    static func actiLifeColumns(
        _ plan: inout _ParsePlan, lines: [String], options: ReadOptions, prefix: _FilePrefix, path: String
    ) throws -> (dataIndex: Int, note: String) {
        var dataIndex = plan.dataStartLine
        while dataIndex < lines.count && lines[dataIndex]._trimming(" ,").isEmpty { dataIndex += 1 }
        guard dataIndex < lines.count else {
            throw ReadError(kind: .malformedData, path: path, found: "an ActiLife header without data rows", expected: "data rows after the header")
        }
        var columnsNote = "no column-header line"
        if !looksLikeData(lines[dataIndex], delimiter: ",", decimalMark: ".") {
            let names = lines[dataIndex].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let mapping = mapColumnNames(names) else {
                throw ReadError(
                    kind: .malformedData, path: path, line: dataIndex + 1, found: "column names '\(clip(lines[dataIndex]))'",
                    expected: "x, y and z acceleration columns (e.g. 'Accelerometer X' or 'Axis1')", hint: prefix.excerpt(from: dataIndex - 1, count: 3))
            }
            plan.timeColumn = mapping.time
            (plan.xColumn, plan.yColumn, plan.zColumn) = (mapping.x, mapping.y, mapping.z)
            columnsNote = "column header '\(clip(lines[dataIndex], 80))'"
            dataIndex += 1
            plan.dataStartLine = dataIndex
        } else {
            let fields = lines[dataIndex].split(separator: ",", omittingEmptySubsequences: false)
            if fields.count >= 4, let f = fields.first, f.contains("/") || f.contains(":") || f.dropFirst().contains("-") {
                plan.timeColumn = 0
                (plan.xColumn, plan.yColumn, plan.zColumn) = (1, 2, 3)
            }
        }
        if let columns = options.columns { try apply(columns: columns, to: &plan, path: path) }

        return (dataIndex, columnsNote)
    }

    /// The Timestamp column's syntax: `--time-format`, the declared date format, another
    /// ActiLife date format, or recognised. - Returns: a note for the reason.
    static func actiLifeTimeSyntax(
        _ plan: inout _ParsePlan, lines: [String], dataIndex: Int, dateFormat: String, options: ReadOptions, path: String
    ) throws -> String {
        var timeNote = "no Timestamp column: times from the header's Start Date/Time and the rate"
        if let timeColumn = plan.timeColumn {
            let sampleFields = dataFields(lines: lines, from: dataIndex, column: timeColumn, delimiter: ",")
            if let format = options.timeFormat {
                plan.timeSyntax = try compile(format, path: path)
                timeNote = "Timestamp column read as \(plan.timeSyntax?.text ?? "")"
            } else {
                var chosen: (_TimeSyntax, String)?
                for (index, format) in ([dateFormat] + alternativeDateFormats.filter { $0 != dateFormat }).enumerated() {
                    guard let pattern = _TimePattern.actiLife(dateFormat: format, withTime: true) else { continue }
                    if sampleFields.allSatisfy({ parse(pattern: .pattern(pattern), text: $0, decimalMark: 0x2E) != nil }) {
                        chosen = (.pattern(pattern), index == 0 ? "" : " (the declared \(dateFormat) does not match them)")
                        break
                    }
                }
                if chosen == nil, let first = sampleFields.first, let detected = detectTimeSyntax(first, decimalMark: 0x2E, samples: sampleFields) {
                    chosen = (detected, " (the declared \(dateFormat) does not match them)")
                }
                guard let chosen else {
                    throw ReadError(
                        kind: .malformedData, path: path, line: dataIndex + 1, column: timeColumn + 1,
                        found: "timestamp '\(sampleFields.first ?? "")'",
                        expected: "a date and time in the declared format \(dateFormat) H:mm:ss.fff",
                        hint: "give the layout with --time-format (e.g. --time-format '%m/%d/%Y %H:%M:%S.%f').")
                }
                plan.timeSyntax = chosen.0
                timeNote = "Timestamp column read as \(chosen.0.text)\(chosen.1); data timestamps trusted over the header start"
            }
        }
        return timeNote
    }

    /// Date layouts tried when the one an ActiLife header declares does not fit.
    static let alternativeDateFormats = ["M/d/yyyy", "d/M/yyyy", "M-d-yyyy", "d-M-yyyy", "yyyy-M-d", "yyyy/M/d", "d.M.yyyy"]
}
