import Foundation
import PLMCore

/// PLMs per hour and the two IMI histograms.
extension _HTMLContext {
    func writeDistributions(_ x: inout _XMLWriter) {
        let d = report.distributions
        x.open("section", [("class", "distributions"), ("id", "distributions")])
        x.element("h2", [], "Over the night and between movements")
        x.open("div", [("class", "charts")])

        x.open("div", [("class", "chart")])
        x.element("h3", [], "PLMs in each hour of the analysis window")
        let windowEnd = report.analysisWindow.endS
        let hourLabels = d.plmsPerHour.map { hour -> String in
            let length = (min(windowEnd, hour.hourStartS + 3600) - hour.hourStartS) / 60
            guard length.isFinite else { return clockTime(hour.hourStartS) }
            let minutes = Int(min(60, max(0, length)).rounded(.down))
            return minutes < 60 ? "\(clockTime(hour.hourStartS)) (\(max(0, minutes)) min)" : clockTime(hour.hourStartS)
        }
        let hourBars = d.plmsPerHour.map { Double($0.count) }
        writeBarChart(
            &x, id: "plms-per-hour", values: hourBars, categoryLabels: hourLabels, fill: _HTMLStyle.periodic,
            xTitle: clock == nil ? "hour starting at (h since start)" : "hour starting at (clock time)",
            yTitle: "PLMs", valueLabels: true)
        x.close("div")

        x.open("div", [("class", "chart")])
        x.element("h3", [], "Summary of the IMIs")
        x.open("table", [("id", "imi-summary")])
        let imis = report.candidateMovements.compactMap(\.imiS)
        let within = imis.filter { $0 >= 10 && $0 <= 90 }.count
        let shortCount = imis.filter { $0 < 10 }.count
        let rows: [(String, String)] = [
            ("Measured IMIs between consecutive CLMs", String(imis.count)),
            ("of which shorter than 10 s", String(shortCount)),
            ("of which within 10-90 s", String(within)),
            ("Mean ln(IMI), IMIs within 10-90 s", d.lnIMIMean.map { "\(DecimalText.fixed($0, 2)) (= \(DecimalText.fixed(Foundation.exp($0), 1)) s)" } ?? "-"),
            ("SD of ln(IMI), IMIs within 10-90 s", d.lnIMISD.map { DecimalText.fixed($0, 2) } ?? "-"),
        ]
        for (label, value) in rows {
            x.open("tr")
            x.element("td", [], label)
            x.element("td", [("class", "num")], value)
            x.close("tr")
        }
        x.close("table")
        x.element("p", [("class", "small")],
            "In restless legs syndrome the IMIs usually form a broad peak at 15-30 s; movements tied to breathing events tend to "
                + "cluster near 4, 24 and 42 s, and very short IMIs (below 10 s) do not count towards series.")
        x.close("div")

        x.open("div", [("class", "chart")])
        x.element("h3", [], "IMI histogram (2-s bins, IMIs below 90 s)")
        writeHistogram(
            &x, id: "imi-histogram", histogram: d.imiHistogram, fill: _HTMLStyle.imiBars, xTitle: "IMI (s)",
            tickStep: 10, marks: [(ClinicalThresholds.seriesIMIBoundsS.lower, "10 s"), (ClinicalThresholds.seriesIMIBoundsS.upper, "90 s")])
        x.close("div")

        x.open("div", [("class", "chart")])
        x.element("h3", [], "ln(IMI) histogram (0.1 bins)")
        writeHistogram(
            &x, id: "lnimi-histogram", histogram: d.lnIMIHistogram, fill: _HTMLStyle.lnIMIBars,
            xTitle: "ln(IMI / 1 s)", tickStep: 0.5,
            marks: [(Foundation.log(ClinicalThresholds.seriesIMIBoundsS.lower), "10 s"), (Foundation.log(ClinicalThresholds.seriesIMIBoundsS.upper), "90 s")])
        x.close("div")

        x.close("div")
        x.close("section")
    }

    /// A vertical bar chart with one bar per category.
    func writeBarChart(
        _ x: inout _XMLWriter, id: String, values: [Double], categoryLabels: [String], fill: String,
        xTitle: String, yTitle: String, valueLabels: Bool
    ) {
        let width = 480.0, height = 230.0, left = 44.0, right = 10.0, top = 14.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let top_ = _Axis.niceCeiling(max(values.max() ?? 0, 1))
        let ticks = _Axis.ticks(top: top_, target: 4)
        let yMax = max(ticks.last ?? top_, top_)
        let n = max(values.count, 1)
        let slot = min(plotW / Double(n), 64)
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", id),
            ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"), ("aria-label", yTitle + " per category"),
        ])
        writeYAxis(&x, ticks: ticks, yMax: yMax, left: left, right: width - right, top: top, plotH: plotH, title: yTitle)
        let labelEvery = slot >= 34 ? 1 : slot >= 17 ? 2 : 4
        for (i, v) in values.enumerated() {
            let h = v / yMax * plotH
            let x0 = left + Double(i) * slot + slot * 0.15
            x.open("rect", [
                ("class", "bar"), ("data-value", DecimalText.json(v)), ("x", _svg(x0)), ("y", _svg(top + plotH - h)),
                ("width", _svg(slot * 0.7)), ("height", _svg(h)), ("fill", fill), ("stroke", "#1a1a1a"), ("stroke-width", "0.5"),
            ])
            x.element("title", [], "\(i < categoryLabels.count ? categoryLabels[i] : ""): \(DecimalText.json(v))")
            x.close("rect")
            if valueLabels && slot >= 16 {
                x.element("text", [("x", _svg(x0 + slot * 0.35)), ("y", _svg(top + plotH - h - 3)), ("font-size", "9"), ("text-anchor", "middle")], DecimalText.json(v))
            }
            if i % labelEvery == 0, i < categoryLabels.count {
                x.element("text", [("x", _svg(x0 + slot * 0.35)), ("y", _svg(top + plotH + 13)), ("font-size", "9.5"), ("text-anchor", "middle")], categoryLabels[i])
            }
        }
        if values.isEmpty {
            x.element("text", [("x", _svg(left + plotW / 2)), ("y", _svg(top + plotH / 2)), ("font-size", "11"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)], "no hours in the analysis window")
        }
        x.element("text", [("x", _svg(left + plotW / 2)), ("y", _svg(height - 8)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)], xTitle)
        x.close("svg")
    }

    /// A histogram over its bin edges with vertical reference lines at `marks`.
    func writeHistogram(
        _ x: inout _XMLWriter, id: String, histogram: PLMReport.Histogram, fill: String, xTitle: String,
        tickStep: Double, marks: [(Double, String)]
    ) {
        let width = 480.0, height = 230.0, left = 44.0, right = 14.0, top = 16.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let lo = histogram.binEdges.first ?? 0
        let hi = histogram.binEdges.last ?? 1
        let span = hi > lo ? hi - lo : 1
        func px(_ v: Double) -> Double { left + (v - lo) / span * plotW }
        let maxCount = Double(histogram.counts.max() ?? 0)
        let yMaxRaw = _Axis.niceCeiling(max(maxCount, 1))
        let ticks = _Axis.ticks(top: yMaxRaw, target: 4)
        let yMax = max(ticks.last ?? yMaxRaw, yMaxRaw)
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", id),
            ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"), ("aria-label", "histogram of " + xTitle),
        ])
        writeYAxis(&x, ticks: ticks, yMax: yMax, left: left, right: width - right, top: top, plotH: plotH, title: "IMIs")
        let bins = min(histogram.counts.count, max(0, histogram.binEdges.count - 1))
        for i in 0..<bins {
            let c = Double(histogram.counts[i])
            guard c > 0 else { continue }
            let x0 = px(histogram.binEdges[i]), x1 = px(histogram.binEdges[i + 1])
            let h = c / yMax * plotH
            x.open("rect", [
                ("class", "bar"), ("data-value", String(histogram.counts[i])), ("x", _svg(x0)), ("y", _svg(top + plotH - h)),
                ("width", _svg(max(0.5, x1 - x0 - 0.6))), ("height", _svg(h)), ("fill", fill), ("stroke", "#1a1a1a"), ("stroke-width", "0.4"),
            ])
            x.element("title", [], "\(DecimalText.json(histogram.binEdges[i]))-\(DecimalText.json(histogram.binEdges[i + 1])): \(histogram.counts[i])")
            x.close("rect")
        }
        // x axis
        x.empty("line", [("x1", _svg(left)), ("x2", _svg(left + plotW)), ("y1", _svg(top + plotH)), ("y2", _svg(top + plotH)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
        var t = (lo / tickStep).rounded(.up) * tickStep
        var k = 0
        while t <= hi + 1e-9, k < 200 {
            x.empty("line", [("x1", _svg(px(t))), ("x2", _svg(px(t))), ("y1", _svg(top + plotH)), ("y2", _svg(top + plotH + 4)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
            x.element("text", [("x", _svg(px(t))), ("y", _svg(top + plotH + 14)), ("font-size", "9.5"), ("text-anchor", "middle")], _Axis.label(t))
            k += 1
            t = (lo / tickStep).rounded(.up) * tickStep + Double(k) * tickStep
        }
        for (value, label) in marks where value >= lo - 1e-9 && value <= hi + 1e-9 {
            let mx = min(px(value), left + plotW - 0.5)
            x.empty("line", [
                ("class", "bound"), ("x1", _svg(mx)), ("x2", _svg(mx)), ("y1", _svg(top - 4)), ("y2", _svg(top + plotH)),
                ("stroke", "#1a1a1a"), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3"),
            ])
            let anchor = mx > left + plotW - 30 ? "end" : "start"
            x.element("text", [("x", _svg(anchor == "end" ? mx - 3 : mx + 3)), ("y", _svg(top + 6)), ("font-size", "10"), ("text-anchor", anchor)], label)
        }
        x.element("text", [("x", _svg(left + plotW / 2)), ("y", _svg(height - 8)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)], xTitle)
        x.close("svg")
    }

    /// Horizontal grid lines with count labels, and the rotated y title.
    func writeYAxis(_ x: inout _XMLWriter, ticks: [Double], yMax: Double, left: Double, right: Double, top: Double, plotH: Double, title: String) {
        for tick in ticks {
            let y = top + plotH - tick / yMax * plotH
            x.empty("line", [("x1", _svg(left)), ("x2", _svg(right)), ("y1", _svg(y)), ("y2", _svg(y)), ("stroke", _HTMLStyle.grid), ("stroke-width", "0.7")])
            x.element("text", [("x", _svg(left - 5)), ("y", _svg(y + 3)), ("font-size", "9.5"), ("text-anchor", "end")], _Axis.label(tick))
        }
        x.empty("line", [("x1", _svg(left)), ("x2", _svg(left)), ("y1", _svg(top)), ("y2", _svg(top + plotH)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
        let cy = top + plotH / 2
        x.element("text", [("x", "11"), ("y", _svg(cy)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted), ("transform", "rotate(-90 11 \(_svg(cy)))")], title)
    }
}
