import PLMCore
/// GENEActiv PC-software CSV export: the 100-line `Key,Value` header, then data.
extension _LayoutDetector {
    // MARK: - GENEActiv

    static func geneActivPlan(prefix: _FilePrefix, options: ReadOptions, path: String) throws -> _ParsePlan {
        let lines = prefix.lines
        var plan = _ParsePlan(layout: .geneactiv, reason: "", dataStartLine: 0)
        let syntax = _TimeSyntax.pattern(.geneactiv)
        guard let dataIndex = lines.indices.first(where: { index in
            let fields = lines[index].split(separator: ",", omittingEmptySubsequences: false)
            return fields.count >= 4 && parse(pattern: syntax, text: String(fields[0]), decimalMark: 0x2E) != nil
        }) else {
            throw ReadError(
                kind: .malformedData, path: path, found: "no data row ('yyyy-MM-dd HH:mm:ss:SSS,x,y,z,...') in the first \(lines.count) lines",
                expected: "a GENEActiv CSV export (100 header lines, then data)", hint: prefix.excerpt())
        }
        plan.dataStartLine = dataIndex
        var values: [String: String] = [:]
        for line in lines[0..<dataIndex] {
            guard let comma = line.firstIndex(of: ",") else { continue }
            let key = line[..<comma]._trimming(" ").lowercased()
            let value = String(line[line.index(after: comma)...])._trimming(" ,")
            if values[key] == nil { values[key] = value }
        }
        if let frequency = values["measurement frequency"], let rate = leadingNumber(frequency), rate > 0 {
            plan.declaredRateHz = rate
        }
        if let zone = values["time zone"], let offset = parseZone(zone) {
            plan.clockOffsetS = offset
        }
        if let start = values["start time"], let stamp = parse(pattern: syntax, text: start, decimalMark: 0x2E) {
            plan.headerStart = RecordingClockTime(secondsSince1970: _seconds(fromNanoseconds: stamp.localNs), utcOffsetS: plan.clockOffsetS)
            plan.metadata.append(("headerStart", plan.headerStart?.iso8601 ?? start))
        }
        for (key, name) in [
            ("device type", "device"), ("device unique serial code", "serialNumber"), ("device firmware version", "firmware"),
            ("device location code", "deviceLocation"), ("measurement range", "measurementRange"), ("time zone", "timeZone"),
        ] {
            if let value = values[key], !value.isEmpty { plan.metadata.append((name, value)) }
        }
        plan.timeColumn = 0
        (plan.xColumn, plan.yColumn, plan.zColumn) = (1, 2, 3)
        plan.timeSyntax = syntax
        if let columns = options.columns { try apply(columns: columns, to: &plan, path: path) }
        if let format = options.timeFormat { plan.timeSyntax = try compile(format, path: path) }
        plan.unitSource = "GENEActiv CSV exports are in g"
        let rateText = plan.declaredRateHz.map { "\(DecimalText.short($0)) Hz" } ?? "no rate"
        plan.reason = "'Device Type,GENEActiv' key-value header of \(dataIndex) lines (\(rateText)"
            + (plan.clockOffsetS.map { ", time zone \(RecordingClockTime.offsetText($0))" } ?? "")
            + "); data rows 'yyyy-MM-dd HH:mm:ss:SSS,x,y,z,...' from line \(dataIndex + 1)"
        return plan
    }
}
