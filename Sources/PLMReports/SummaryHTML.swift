import PLMCore

/// The HTML summary of a multi-night recording (`summary.html`): one self-contained page in the
/// night report's style (inline CSS and SVG, no scripts): the nights in plain words, a table of
/// nights linking to each night's report, the PLM index and PLMS estimate per night against the
/// 5/15/25/50 bands, and an actogram-style overview (one row per day, 24 h).
///
/// For tests: every night row has class `night-row` and `data-date`; every plotted index is an
/// element of class `plm-dot` or `plms-dot` with `data-value`; every actogram row has class
/// `day-row` and `data-date`; every PLM mark class `plm-mark`.
public enum SummaryHTML {
    /// Severity band edges drawn behind the per-night plot, per hour (ICSD-1 normal < 5, mild 5-24,
    /// moderate 25-49, severe >= 50; 15 = ICSD-3 adult PLMD threshold, ``ClinicalThresholds``).
    public static let bandEdgesPerHour: [Double] = [5, ClinicalThresholds.adultPLMSIndexPerHour, 25, 50]

    /// The page.
    public static func render(_ summary: NightsSummary, overview: RecordingOverview?) -> String {
        let clock = _RecordingClock(iso: summary.recording.start)
        var x = _XMLWriter(capacity: 200_000)
        x.openPage(title: "PLM summary: \(summary.nights.count) night(s)")
        x.open("header", [("class", "report")])
        x.open("h1")
        x.characters("Periodic limb movements ")
        x.element("span", [("class", "sub")], "over \(summary.nights.count) night(s)")
        x.close("h1")
        x.element("p", [("class", "small")], "Recording from \(clock?.readable(0) ?? "(no clock)"); files: "
            + summary.recording.legs.map { "\($0.side.rawValue) \($0.path)" }.joined(separator: ", "))
        x.element("div", [("class", "screening")], "SCREENING ESTIMATE FROM ANKLE ACCELEROMETERS, NOT A DIAGNOSIS")
        x.close("header")
        x.newline()
        x.element("p", [("class", "verdict"), ("id", "verdict")], verdict(summary))
        writeTable(summary, clock: clock, into: &x)
        x.newline()
        writeIndexPlot(summary, into: &x)
        x.newline()
        if let overview { writeActogram(summary, overview: overview, clock: clock, into: &x) }
        x.newline()
        writePeriods(summary, clock: clock, into: &x)
        x.element(
            "footer", [],
            "\(summary.tool.name) \(summary.tool.version) · \(summary.schema) · nights found from the shank's "
                + "orientation and movement (docs/nights.md); the PLMS index estimate counts PLMs in estimated sleep, "
                + "and quiet wake cannot be told from sleep by any accelerometer.")
        x.close("main")
        x.close("body")
        x.close("html")
        x.newline()
        return x.text
    }

    /// The nights in plain words.
    static func verdict(_ summary: NightsSummary) -> String {
        let s = summary.summary
        guard s.nightCount > 0 else { return "No night was found in this recording: nothing was scored." }
        let t = DecimalText.fixed(s.thresholdPerHour, 0)
        var text = "\(s.nightsAtOrAboveThreshold) of \(s.nightCount) night(s) reached \(t) or more PLMs per hour in bed"
        if let perWeek = s.nightsAtOrAboveThresholdPerWeek {
            text += ", about \(DecimalText.fixed(perWeek, 1)) nights a week"
        }
        if let median = s.plmIndex.median { text += "; median PLM index \(DecimalText.fixed(median, 1))/h" }
        if let plms = s.plmsIndexEstimate.median { text += ", median PLMS index estimate \(DecimalText.fixed(plms, 1))/h" }
        text += ". Leaflets advise seeing a doctor when leg jerks disturb sleep more than 3 nights a week."
        return text
    }

    static func number(_ v: Double?, _ decimals: Int = 1) -> String { v.map { DecimalText.fixed($0, decimals) } ?? "-" }

    static func writeTable(_ summary: NightsSummary, clock: _RecordingClock?, into x: inout _XMLWriter) {
        x.element("h2", [], "Nights")
        x.open("table", [("id", "nights")])
        x.open("tr")
        for h in ["Night", "Window", "In bed", "Sleep (estimate)", "Efficiency", "PLM index /h", "PLMS est. /h", "PLMW est. /h", "Severity", "Valid h", "One leg h"] {
            x.element("th", [], h)
        }
        x.close("tr")
        for night in summary.nights {
            x.open("tr", [("class", "night-row"), ("data-date", night.date)])
            x.open("td")
            let page = night.report.hasSuffix(".json") ? String(night.report.dropLast(5)) + ".html" : night.report
            x.element("a", [("href", page)], night.date)
            x.close("td")
            x.element("td", [], night.windowSource)
            let bed = (clock?.hourMinute(night.inBed.startS) ?? "") + "-" + (clock?.hourMinute(night.inBed.endS) ?? "")
            x.element("td", [], bed)
            x.element("td", [("class", "num")], number(night.sleep.totalSleepHours) + " h")
            x.element("td", [("class", "num")], number(night.sleep.sleepEfficiency * 100, 0) + " %")
            x.element("td", [("class", "num")], number(night.indices.report.plmIndex))
            x.element("td", [("class", "num")], number(night.indices.plmsIndexEstimate))
            x.element("td", [("class", "num")], number(night.indices.plmwIndexEstimate))
            x.element("td", [], night.severity.band ?? "-")
            x.element("td", [("class", "num")], number(night.quality.validHours))
            x.element("td", [("class", "num")], number(night.quality.scoredFromOneLegOnlyHours, 2))
            x.close("tr")
        }
        x.close("table")
    }

    static func writePeriods(_ summary: NightsSummary, clock: _RecordingClock?, into x: inout _XMLWriter) {
        x.element("h2", [], "Not scored")
        func list(_ name: String, _ spans: [(startS: Double, endS: Double, note: String)]) {
            let text = spans.isEmpty ? "none"
                : spans.map {
                    (clock?.readable($0.startS) ?? "\($0.startS) s") + " to " + (clock?.hourMinute($0.endS) ?? "\($0.endS) s")
                        + $0.note
                }
                .joined(separator: "; ")
            x.element("p", [], "\(name): \(text)")
        }
        func plain(_ spans: [NightsSummary.Span]) -> [(startS: Double, endS: Double, note: String)] {
            spans.map { ($0.startS, $0.endS, "") }
        }
        list("Naps", plain(summary.naps))
        list("No sensor worn", summary.nonWear.filter(\.excluded).map { ($0.startS, $0.endS, "") })
        list("Lying awake (legs up, not in bed)", plain(summary.lyingAwake))
        let oneLeg = summary.nonWear.filter { !$0.excluded }
        if !oneLeg.isEmpty {
            // Not under "Not scored": inside a night the worn leg is scored alone over this time.
            x.element("h2", [], "Scored from one leg")
            list(
                "One sensor not worn (the worn leg analysed alone)",
                oneLeg.map { ($0.startS, $0.endS, " (" + $0.legs.map(\.rawValue).joined(separator: ", ") + ")") })
        }
    }
}
