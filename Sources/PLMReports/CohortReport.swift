import Foundation
import PLMCore

/// The cohort page of a batch (`DIR/cohort.html`): how the PLM index is distributed over the
/// recordings, how many fall in each severity band, and which recordings failed and why.
///
/// One self-contained XHTML-compatible file in the style of the night report (same style sheet,
/// inline SVG, no scripts). Nothing in it depends on the time of the run. The histogram's bars
/// carry `data-count` and `data-from`/`data-to` (their edges, per hour) for tests and tools.
public struct CohortReport: Sendable {
    /// One scored night.
    public struct Night: Sendable, Equatable {
        public var recordingID: String
        public var night: Int
        /// PLMs per hour; nil when the night had no valid hours.
        public var plmIndex: Double?
        public var severityBand: String?
        public init(recordingID: String, night: Int, plmIndex: Double?, severityBand: String?) {
            self.recordingID = recordingID
            self.night = night
            self.plmIndex = plmIndex
            self.severityBand = severityBand
        }
    }

    /// One failed recording.
    public struct Failure: Sendable, Equatable {
        public var recordingID: String
        public var exitClass: String
        public var message: String
        public init(recordingID: String, exitClass: String, message: String) {
            self.recordingID = recordingID
            self.exitClass = exitClass
            self.message = message
        }
    }

    /// Width of a histogram bin, PLMs per hour.
    public static let binWidthPerHour = 5.0

    public var title: String
    public var nights: [Night]
    public var failures: [Failure]
    /// Recordings done, those without a night included (a recording in which no night was found);
    /// nil counts the recordings of ``nights``.
    public var doneRecordingCount: Int?

    public init(title: String, nights: [Night], failures: [Failure], doneRecordingCount: Int? = nil) {
        self.title = title
        self.nights = nights
        self.failures = failures
        self.doneRecordingCount = doneRecordingCount
    }

    /// Counts of PLM indices in bins of ``binWidthPerHour`` from 0 up to the bin holding the largest
    /// index (at least three bins); a value on an edge goes to the bin above it.
    public func histogram() -> [Int] {
        let values = nights.compactMap(\.plmIndex).filter { $0.isFinite && $0 >= 0 }
        let top = values.max() ?? 0
        let binCount = max(3, Int((top / Self.binWidthPerHour).rounded(.down)) + 1)
        var counts = Array(repeating: 0, count: binCount)
        for v in values { counts[min(binCount - 1, Int((v / Self.binWidthPerHour).rounded(.down)))] += 1 }
        return counts
    }

    /// The page's HTML text.
    public func html() -> String {
        var x = _XMLWriter(capacity: 20_000)
        x.raw("<!DOCTYPE html>\n")
        x.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")])
        x.open("head")
        x.empty("meta", [("charset", "utf-8")])
        x.element("title", [], title)
        x.open("style")
        x.raw(_HTMLStyle.css)
        x.close("style")
        x.close("head")
        x.newline()
        x.open("body")
        x.open("main")
        x.open("header", [("class", "report")])
        x.element("h1", [], title)
        let scored = nights.compactMap(\.plmIndex).count
        let withNights = Set(nights.map(\.recordingID)).count
        let done = max(withNights, doneRecordingCount ?? withNights)
        let withoutNights = done > withNights ? "; \(done - withNights) with no night found" : ""
        x.element("p", [("id", "cohort-counts")],
            "\(done) recordings done (\(nights.count) nights, \(scored) with a PLM index\(withoutNights)), \(failures.count) failed.")
        x.close("header")
        x.newline()
        writeHistogram(&x)
        x.newline()
        writeBands(&x)
        x.newline()
        writeFailures(&x)
        x.element("p", [("class", "small")],
            "PLM index per hour in bed unless a hypnogram was given; a screening estimate from ankle accelerometers, not a polysomnographic diagnosis.")
        x.close("main")
        x.close("body")
        x.close("html")
        x.newline()
        return x.text
    }

    private func writeHistogram(_ x: inout _XMLWriter) {
        let counts = histogram()
        x.open("section", [("id", "plm-index-distribution")])
        x.element("h2", [], "PLM index over the recordings (bins of \(DecimalText.json(Self.binWidthPerHour))/h)")
        let width = 720.0, height = 260.0, left = 44.0, right = 14.0, top = 16.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let yTop = _Axis.niceCeiling(Double(max(counts.max() ?? 0, 1)))
        let ticks = _Axis.ticks(top: yTop, target: 4).filter { $0 == $0.rounded() }  // counts: whole numbers only
        let yMax = max(ticks.last ?? yTop, yTop)
        let slot = plotW / Double(counts.count)
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", "plm-index-histogram"),
            ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"), ("aria-label", "recordings per PLM index bin"),
        ])
        for tick in ticks {
            let y = top + plotH - tick / yMax * plotH
            x.empty("line", [("x1", _svg(left)), ("x2", _svg(width - right)), ("y1", _svg(y)), ("y2", _svg(y)), ("stroke", _HTMLStyle.grid)])
            x.element("text", [("x", _svg(left - 4)), ("y", _svg(y + 3)), ("font-size", "9.5"), ("text-anchor", "end")], _Axis.label(tick))
        }
        for (i, count) in counts.enumerated() {
            let from = Double(i) * Self.binWidthPerHour
            let h = Double(count) / yMax * plotH
            let x0 = left + Double(i) * slot
            x.open("rect", [
                ("class", "bar"), ("data-count", String(count)), ("data-from", DecimalText.json(from)),
                ("data-to", DecimalText.json(from + Self.binWidthPerHour)), ("x", _svg(x0 + 1)), ("y", _svg(top + plotH - h)),
                ("width", _svg(max(1, slot - 2))), ("height", _svg(h)), ("fill", _HTMLStyle.periodic), ("stroke", _HTMLStyle.ink),
                ("stroke-width", "0.5"),
            ])
            x.element("title", [], "\(DecimalText.json(from))-\(DecimalText.json(from + Self.binWidthPerHour))/h: \(count)")
            x.close("rect")
            x.element("text", [("x", _svg(x0)), ("y", _svg(top + plotH + 13)), ("font-size", "9.5"), ("text-anchor", "middle")], DecimalText.json(from))
        }
        let lastEdge = Double(counts.count) * Self.binWidthPerHour
        x.element("text", [("x", _svg(left + plotW)), ("y", _svg(top + plotH + 13)), ("font-size", "9.5"), ("text-anchor", "middle")], DecimalText.json(lastEdge))
        x.element("text", [("x", "12"), ("y", _svg(top + plotH / 2)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted),
            ("transform", "rotate(-90 12 \(_svg(top + plotH / 2)))")], "nights")
        let threshold = ClinicalThresholds.adultPLMSIndexPerHour
        let xt = left + threshold / Self.binWidthPerHour * slot
        x.empty("line", [("x1", _svg(xt)), ("x2", _svg(xt)), ("y1", _svg(top)), ("y2", _svg(top + plotH)), ("stroke", _HTMLStyle.ink), ("stroke-dasharray", "4 3")])
        x.element("text", [("x", _svg(xt + 3)), ("y", _svg(top + 9)), ("font-size", "9.5")], "\(DecimalText.json(threshold))/h")
        x.element("text", [("x", _svg(left + plotW / 2)), ("y", _svg(height - 8)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)], "PLM index (/h)")
        x.close("svg")
        x.close("section")
    }

    private func writeBands(_ x: inout _XMLWriter) {
        var counts: [String: Int] = [:]
        for night in nights { counts[night.severityBand ?? "unknown", default: 0] += 1 }
        x.open("section", [("id", "severity-bands")])
        x.element("h2", [], "Nights per severity band")
        x.open("table")
        x.open("tr")
        x.element("th", [], "band")
        x.element("th", [], "nights")
        x.close("tr")
        for band in counts.keys.sorted() {
            x.open("tr")
            x.element("td", [], band)
            x.element("td", [("class", "num")], String(counts[band] ?? 0))
            x.close("tr")
        }
        x.close("table")
        x.close("section")
    }

    private func writeFailures(_ x: inout _XMLWriter) {
        x.open("section", [("id", "failures")])
        x.element("h2", [], "Failed recordings (\(failures.count))")
        if failures.isEmpty {
            x.element("p", [], "None.")
        } else {
            x.open("table")
            x.open("tr")
            for head in ["recording", "class", "message"] { x.element("th", [], head) }
            x.close("tr")
            for failure in failures {
                x.open("tr", [("class", "failure")])
                x.element("td", [], failure.recordingID)
                x.element("td", [], failure.exitClass)
                x.element("td", [], failure.message)
                x.close("tr")
            }
            x.close("table")
        }
        x.close("section")
    }
}
