import PLMCore
/// The HTML night report: one self-contained XHTML-compatible file (inline CSS and SVG, no
/// scripts, no network assets) for a laptop screen and A4 print.
///
/// Sections: header (identifiers, dates, window, rules, software), a one-sentence result, key
/// figures with the severity scale, the whole night per leg, the night hour by hour, PLMs per
/// hour, an IMI summary, the IMI and ln(IMI) histograms, the series table, data quality, a
/// plain-language note, and the settings. Nothing in it depends on the time of the run, so the
/// same report gives the same bytes.
///
/// For tests and tools the figures carry machine-readable attributes: every key-figure element
/// has `id="kf-NAME"`, `data-key` (its JSON path, e.g. `indices.plmIndex`) and `data-value` (the
/// value exactly as the JSON writes it, or `null`); every leg movement in the night plot is one
/// element of class `lm-mark`, every candidate movement one element of class `cm-mark`.
public enum HTMLReport {
    /// The HTML text of `report`.
    /// - Parameters:
    ///   - report: The report.
    ///   - traces: Activity traces, excluded spans and the lights window for the night plot;
    ///     without them the plot shows the events only.
    /// - Complexity: O(events + trace bins).
    public static func render(_ report: PLMReport, traces: NightTraces? = nil) -> String {
        let context = _HTMLContext(report: report, traces: traces)
        var x = _XMLWriter(capacity: 200_000)
        x.openPage(title: context.title)
        context.writeHeader(&x)
        x.newline()
        context.writeKeyFigures(&x)
        x.newline()
        context.writeNight(&x)
        x.newline()
        context.writeRaster(&x)
        x.newline()
        context.writeDistributions(&x)
        x.newline()
        context.writeSeriesTable(&x)
        x.newline()
        context.writeQuality(&x)
        x.newline()
        context.writeNote(&x)
        x.newline()
        context.writeSettings(&x)
        x.newline()
        context.writeFooter(&x)
        x.close("main")
        x.close("body")
        x.close("html")
        x.newline()
        return x.text
    }
}

extension PLMReport {
    /// The HTML report (see ``HTMLReport``).
    public func html(traces: NightTraces? = nil) -> String { HTMLReport.render(self, traces: traces) }
}

extension _XMLWriter {
    /// The document's start up to the open `<main>`: doctype, head with the report style, body.
    mutating func openPage(title: String) {
        raw("<!DOCTYPE html>\n")
        open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")])
        newline()
        open("head")
        empty("meta", [("charset", "utf-8")])
        empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        element("title", [], title)
        open("style")
        raw(_HTMLStyle.css)
        close("style")
        close("head")
        newline()
        open("body")
        open("main")
    }
}

/// What the section writers share: the report, the traces, and the recording clock.
struct _HTMLContext {
    let report: PLMReport
    let traces: NightTraces?
    let clock: _RecordingClock?

    init(report: PLMReport, traces: NightTraces?) {
        self.report = report
        self.traces = traces
        self.clock = _RecordingClock(iso: report.recording.start)
    }

    var title: String {
        let date = clock.map { String($0.readable(report.analysisWindow.startS).prefix(10)) }
            ?? (report.recording.start.isEmpty ? "(date not in the files)" : report.recording.start)
        return "PLM night report \(date)"
    }

    /// `HH:MM` on the recording clock, or hours and minutes since the start (`+1:05`) without one.
    func clockTime(_ s: Double) -> String {
        if let clock { return clock.hourMinute(s) }
        guard s.isFinite, s.magnitude < 1e12 else { return "-" }
        let minutes = Int((s / 60).rounded(.down))
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return "\(sign)\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }

    /// `YYYY-MM-DD HH:MM:SS` on the recording clock, or seconds.
    func readableTime(_ s: Double) -> String {
        clock?.readable(s) ?? "\(DecimalText.fixed(s, 1)) s"
    }

    /// Whether indices are per hour of sleep.
    var perHourOfSleep: Bool { report.indices.hoursBasis == .totalSleepTime }

    // MARK: Header

    func writeHeader(_ x: inout _XMLWriter) {
        let r = report
        x.open("header", [("class", "report")])
        x.open("h1")
        // "in sleep" only when sleep was recorded: without a hypnogram the index counts wake too.
        x.characters(perHourOfSleep ? "Periodic limb movements in sleep " : "Periodic limb movements ")
        x.element("span", [("class", "sub")], "night of \(title.replacingPrefix("PLM night report ", with: ""))")
        x.close("h1")
        x.open("dl", [("class", "meta")])
        var rows: [(String, String)] = []
        let identifiers = identifierList()
        rows.append(("Subject / recording", identifiers.isEmpty ? "not given in the files" : identifiers.joined(separator: "; ")))
        rows.append(("Recording start", r.recording.start.isEmpty ? "not in the files" : r.recording.start))
        let w = r.analysisWindow
        rows.append(("Analysis window", "\(readableTime(w.startS)) to \(readableTime(w.endS)) (\(DecimalText.fixed(w.timeInBedHours, 2)) h)"))
        rows.append(("Rule profile", r.settings["rules"]?.description ?? "not stated"))
        for leg in r.recording.legs {
            let rate = DecimalText.trimmed(leg.sampleRateHz, decimals: 2) ?? "-"
            rows.append(("\(leg.side.rawValue.capitalized) leg file", "\(leg.path) (\(leg.layout), \(rate) Hz, \(leg.samples) samples)"))
        }
        rows.append(("Software", "\(r.tool.name) \(r.tool.version), report \(r.schema)"))
        for (label, value) in rows {
            x.element("dt", [], label)
            x.element("dd", [], value)
        }
        x.close("dl")
        x.element("div", [("class", "screening")], "Screening estimate from ankle accelerometers, not a polysomnography diagnosis")
        x.close("header")
    }

    /// Words that mark a header entry as an identifier of the subject, device or recording.
    static let identifierWords: Set<String> = ["subject", "participant", "patient", "serial", "device", "recording", "id", "code", "study", "site", "visit"]

    /// Whether a metadata name is an identifier (any of its words, split at spaces, `_`, `-`,
    /// `.` and lower-to-upper case changes, is one of ``identifierWords``).
    static func isIdentifier(_ name: String) -> Bool {
        var words: [String] = []
        var current = ""
        var previousIsLower = false
        for ch in name {
            if ch == " " || ch == "_" || ch == "-" || ch == "." || ch == ":" {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousIsLower = false
                continue
            }
            if ch.isUppercase && previousIsLower {
                words.append(current)
                current = ""
            }
            current.append(ch)
            previousIsLower = ch.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words.contains { identifierWords.contains($0.lowercased()) }
    }

    /// Header entries as text: a name whose value is the same on every leg once (`subject: P-01`),
    /// otherwise with each leg's value (`device: left AX6 #1, right AX6 #2`). Names in sorted order.
    /// - Parameter identifiers: true for the identifier entries only, false for all the others.
    func identifierList(identifiers: Bool = true) -> [String] {
        var names: [String] = []
        for leg in report.recording.legs {
            for entry in leg.metadata.entries where !names.contains(entry.name) && Self.isIdentifier(entry.name) == identifiers {
                names.append(entry.name)
            }
        }
        names.sort(by: _SortKey.less)
        return names.map { name in
            let values = report.recording.legs.compactMap { leg in leg.metadata[name].map { (leg.side, $0) } }
            let distinct = values.map(\.1).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if distinct.count == 1 && values.count == report.recording.legs.count { return "\(name): \(distinct[0])" }
            return "\(name): " + values.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        }
    }

    // MARK: Footer

    func writeFooter(_ x: inout _XMLWriter) {
        x.open("footer")
        x.characters(
            "Written by \(report.tool.name) \(report.tool.version). Times are on the recording's clock; "
                + "the numbers here are those of the JSON report (\(report.schema)) of the same run.")
        x.close("footer")
    }
}

extension String {
    /// The string without `prefix` when it starts with it, with `replacement` in its place.
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
