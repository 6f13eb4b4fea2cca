import PLMCore
/// Recognises a file's layout from its first lines and turns it into a `_ParsePlan`.
///
/// Detection order (first match wins), each tested on the first lines only:
/// 1. count/epoch exports (ActiLife epoch files, Actiwatch, Actical, UK Biobank summaries): refused;
/// 2. ActiGraph: line 1 contains "File Created By ActiGraph";
/// 3. GENEActiv: a `Device Type,GENEActiv` key within the first lines;
/// 4. Empatica E4 `ACC.csv`: two rows of three equal numbers (start unix time, rate), then integers;
/// 5. Axivity: no header, rows of unix seconds or `yyyy-MM-dd HH:mm:ss.fff` then 3 or 6 numbers
///    (also omconvert's `Time,Accel-X (g),...` header);
/// 6. generic: a header row naming time (optional) and x, y, z columns, or a headerless
///    `time,x,y,z` with a recognisable time field, or the options' description.
enum _LayoutDetector {
    /// Highest rate accepted from a header or the options, Hz (accelerometers sample at
    /// 10-3200 Hz; the bound keeps sample-count arithmetic finite).
    static let maximumRateHz = 100_000.0

    static func plan(prefix: _FilePrefix, options: ReadOptions, path: String) throws -> _ParsePlan {
        guard prefix.lines.contains(where: { !$0._trimming(" ,;\t").isEmpty }) else {
            throw ReadError(kind: .malformedData, path: path, found: "an empty file", expected: "CSV rows of acceleration")
        }
        try refuseCountFiles(prefix: prefix, path: path)
        var plan: _ParsePlan
        let first = prefix.lines.first?.lowercased() ?? ""
        switch options.format {
        case .actigraph:
            plan = try actiGraphPlan(prefix: prefix, options: options, path: path)
        case .geneactiv:
            plan = try geneActivPlan(prefix: prefix, options: options, path: path)
        case .axivity:
            plan = try genericPlan(prefix: prefix, options: options, path: path, layout: .axivity)
        case .generic:
            plan = try genericPlan(prefix: prefix, options: options, path: path, layout: .generic)
        case .auto, .cwa, .geneactivBin, .gt3x:  // binary layouts are decoded before any text parsing
            if first.contains("file created by actigraph") {
                plan = try actiGraphPlan(prefix: prefix, options: options, path: path)
            } else if prefix.lines.prefix(5).contains(where: { $0.lowercased().hasPrefix("device type,geneactiv") }) {
                plan = try geneActivPlan(prefix: prefix, options: options, path: path)
            } else if let empatica = empaticaPlan(prefix: prefix, options: options) {
                plan = empatica
            } else {
                plan = try genericPlan(prefix: prefix, options: options, path: path, layout: nil)
            }
        }
        if let units = options.units {
            plan.unit = units
            plan.unitSource = "--units \(units.argumentSpelling)"
            plan.unitGivenByUser = true
        }
        if let offset = options.utcOffsetS { plan.clockOffsetS = offset }
        if let rate = options.rateHz, plan.timeColumn == nil { plan.fixedRateHz = rate }
        if plan.timeColumn == nil && plan.fixedRateHz == nil {
            throw ReadError(
                kind: .unknownLayout, path: path, found: "no time column and no rate in the file",
                expected: "a sampling rate for a file without timestamps",
                hint: "give the rate with --rate HZ (e.g. --rate 100).\n" + prefix.excerpt())
        }
        for rate in [plan.fixedRateHz, plan.declaredRateHz].compactMap({ $0 }) where !(rate > 0 && rate <= maximumRateHz) {
            throw ReadError(
                kind: .unknownLayout, path: path, found: "a sampling rate of \(rate) Hz",
                expected: "a rate above 0 and at most \(DecimalText.short(maximumRateHz)) Hz")
        }
        return plan
    }

    // MARK: - Count/epoch files

    /// Refuses the epoch/count exports that are not raw acceleration.
    static func refuseCountFiles(prefix: _FilePrefix, path: String) throws {
        let head = prefix.lines.prefix(20).map { $0.lowercased() }
        func refuse(_ what: String, line: Int? = nil) -> ReadError {
            ReadError(
                kind: .notRawAcceleration, path: path, line: line,
                found: "\(what): it holds activity counts per epoch, not raw acceleration",
                expected: "raw acceleration samples (tens of samples per second, in g)",
                hint: "PLM scoring needs the raw signal: export the raw data (for ActiLife: a RAW CSV whose header says "
                    + "'Epoch Period (hh:mm:ss) 00:00:00'), or give the device's raw file exported to CSV.")
        }
        if let first = head.first {
            if first.contains("actical") { throw refuse("an Actical epoch export", line: 1) }
            if first.contains("actiware") || first.contains("actiwatch") { throw refuse("an Actiwatch/Actiware epoch export", line: 1) }
            if first.hasPrefix("acceleration (mg)") && first.contains("samplerate") {
                throw refuse("a UK Biobank acceleration summary (one value per epoch)", line: 1)
            }
        }
        if head.contains(where: { $0.contains("actiware") || $0.contains("actical list export") }) {
            throw refuse("an Actiwatch/Actical epoch export")
        }
        if let line = prefix.lines.prefix(60).firstIndex(where: { $0.lowercased().contains("epoch-by-epoch") || $0.lowercased().hasPrefix("epoch#") }) {
            throw refuse("an epoch-by-epoch export", line: line + 1)
        }
        // Actiwatch .AWD: identity, start date (01-Oct-2009), start time (17:00), epoch code, then counts.
        if prefix.lines.count > 4, parse(pattern: .pattern(_TimePattern.actiLife(dateFormat: "d-MMM-yyyy", withTime: false) ?? .iso8601),
            text: prefix.lines[1]._trimming(" "), decimalMark: 0x2E) != nil,
            prefix.lines[2]._trimming(" ").count == 5, prefix.lines[2].contains(":")
        {
            throw refuse("an Actiwatch .AWD epoch file (start date, start time and epoch code, then counts)", line: 2)
        }
    }
}
