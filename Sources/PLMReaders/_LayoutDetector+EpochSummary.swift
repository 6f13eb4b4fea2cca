import PLMCore
/// Epoch and summary exports named for what they are: a header of per-epoch measures (ENMO,
/// ranges, counts, activity index) is not raw acceleration, whatever else the file looks like.
extension _LayoutDetector {
    /// Header names (lower case, letters and digits only) of per-epoch measures written by the
    /// usual epoch exports:
    /// - GGIR part 1 (`ENMO`, `LFENMO`, `BFEN`, `HFEN`, `HFENplus`, `MAD`, `anglex/y/z`, `EN`),
    /// - biobankAccelerometerAnalysis (`enmoTrunc`, `enmoAbove0`, `xRange`..`zRange`, `xStd`..,
    ///   `clipsBeforeCalibr`, `rawSamples`),
    /// - ActiLife counts (`Vector Magnitude`, `Steps`, `Inclinometer ...`; not `Axis1`..`Axis3`, which
    ///   some raw exports name their axes: count files with only those fail the raw-rate check),
    /// - the activity index (Bai et al. 2016: `AI`, `activityIndex`).
    static let epochSummaryNames: Set<String> = [
        "enmo", "enmotrunc", "enmoabove0", "lfenmo", "bfen", "hfen", "hfenplus", "mad", "anglex", "angley", "anglez",
        "xrange", "yrange", "zrange", "xstd", "ystd", "zstd", "clipsbeforecalibr", "clipsaftercalibr", "rawsamples",
        "axis1counts", "vm", "vectormagnitude", "vectormagnitudecounts", "steps", "counts",
        "activitycounts", "activity", "ai", "activityindex", "inclinometeroff", "inclinometerstanding",
    ]

    /// Throws `.notRawAcceleration` naming the file an epoch summary when its header has a
    /// per-epoch measure: "an epoch summary (5 s epochs of enmoTrunc, xRange, ...), not raw samples".
    /// The epoch length is the step between the first two data rows' times, when they parse.
    static func refuseEpochSummary(
        names: [String], lines: [String], dataStartLine: Int, headerLine: Int, delimiter: Character, decimalMark: UInt8,
        path: String
    ) throws {
        func key(_ name: String) -> String { String(name.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let measures = names.filter { epochSummaryNames.contains(key($0)) }
        guard !measures.isEmpty else { return }
        var listed = measures.prefix(3).joined(separator: ", ")
        if measures.count > 3 { listed += " ..." }
        let epoch = epochLengthS(names: names, lines: lines, from: dataStartLine, delimiter: delimiter, decimalMark: decimalMark)
        let epochText = epoch.map { "\(DecimalText.short($0)) s epochs" } ?? "epochs"
        throw ReadError(
            kind: .notRawAcceleration, path: path, line: headerLine,
            found: "an epoch summary (\(epochText) of \(listed)), not raw samples",
            expected: "raw acceleration samples (tens of samples per second, in g)",
            hint: "PLM scoring needs the raw signal: give the raw file the summary was made from "
                + "(GGIR and biobankAccelerometerAnalysis read .cwa/.gt3x/.bin; export it to CSV with the device's software).")
    }

    /// Seconds between the first two data rows, read from the column whose name says time.
    private static func epochLengthS(
        names: [String], lines: [String], from: Int, delimiter: Character, decimalMark: UInt8
    ) -> Double? {
        guard let column = names.firstIndex(where: { ["time", "timestamp", "datetime", "date time"].contains($0.lowercased()) }) else {
            return nil
        }
        // biobankAccelerometerAnalysis appends the zone name: "2014-05-07 13:29:50.000+0100 [Europe/London]".
        let samples = dataFields(lines: lines, from: from, column: column, delimiter: delimiter).prefix(2).map { text in
            text.firstIndex(of: "[").map { String(text[..<$0])._trimming(" ") } ?? text
        }
        guard samples.count == 2, let syntax = detectTimeSyntax(samples[0], decimalMark: decimalMark, samples: Array(samples)),
            let first = parse(pattern: syntax, text: samples[0], decimalMark: decimalMark),
            let second = parse(pattern: syntax, text: samples[1], decimalMark: decimalMark)
        else { return nil }
        let stepS = Double(second.instantNs(defaultOffsetS: 0) &- first.instantNs(defaultOffsetS: 0)) * 1e-9
        return stepS > 0 ? stepS : nil
    }
}
