import PLMCore

/// "The night hour by hour": one row per clock hour, left-leg LMs above the midline and
/// right-leg LMs below, PLMs marked with triangles on the midline, series as bands. At this
/// scale (about 4 s per pixel) the rhythm of a PLM series is visible as evenly spaced ticks.
extension _HTMLContext {
    /// Raster geometry in SVG user units.
    struct RasterLayout {
        static let width = 1000.0
        static let left = 62.0
        static let right = 14.0
        static let top = 26.0
        static let rowHeight = 36.0
        static var plotWidth: Double { width - left - right }
        /// SVG units per second (one row is one hour).
        static var pixelsPerSecond: Double { plotWidth / 3600 }
    }

    func writeRaster(_ x: inout _XMLWriter) {
        typealias L = RasterLayout
        let (r0, r1) = nightRange()
        let rowStarts = hourRows(from: r0, to: r1)
        guard !rowStarts.isEmpty else { return }
        let width = L.width, left = L.left, top = L.top, rowHeight = L.rowHeight
        let plotW = L.plotWidth
        let height = top + Double(rowStarts.count) * rowHeight + 34
        let pxPerS = L.pixelsPerSecond

        x.open("section", [("class", "raster"), ("id", "raster")])
        x.element("h2", [], "The night hour by hour")
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", "raster-plot"),
            ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"),
            ("aria-label", "Leg movements hour by hour; left leg above, right leg below each line"),
        ])
        // minute ticks on top and bottom
        let bottom = top + Double(rowStarts.count) * rowHeight
        for minute in stride(from: 0, through: 60, by: 5) {
            let gx = left + Double(minute) * 60 * pxPerS
            x.empty("line", [("x1", _svg(gx)), ("x2", _svg(gx)), ("y1", _svg(top)), ("y2", _svg(bottom)), ("stroke", minute % 15 == 0 ? "#cfcfcf" : "#ececec"), ("stroke-width", "0.7")])
            if minute % 10 == 0 {
                for y in [top - 6, bottom + 13] {
                    x.element("text", [("x", _svg(gx)), ("y", _svg(y)), ("font-size", "9.5"), ("text-anchor", "middle")], String(minute))
                }
            }
        }
        x.element("text", [("x", _svg(left + plotW / 2)), ("y", _svg(bottom + 28)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)],
            "minutes into the hour; each row one hour (L = left leg above the line, R = right leg below)")

        for (k, rowStart) in rowStarts.enumerated() {
            writeRasterRow(&x, rowStart: rowStart, top: top + Double(k) * rowHeight)
        }
        x.close("svg")
        x.element("p", [("class", "small")],
            "Black ticks: leg movements (grey: shorter than 0.5 s). Orange triangles on the line: PLMs. Orange bands: PLM series. "
                + "Hatched: excluded time on that leg. Dotted: outside the analysis window.")
        x.close("section")
    }

    /// One hour's row: its clock label, the time outside the window, series bands, excluded
    /// time per leg, the LMs (left above the line, right below) and the PLMs on the line.
    func writeRasterRow(_ x: inout _XMLWriter, rowStart: Double, top y0: Double) {
        typealias L = RasterLayout
        let left = L.left, plotW = L.plotWidth, rowHeight = L.rowHeight, pxPerS = L.pixelsPerSecond
        let w = report.analysisWindow
        let mid = y0 + rowHeight / 2
        let rowEnd = rowStart + 3600
        func px(_ s: Double) -> Double { left + (min(max(s.isNaN ? rowStart : s, rowStart), rowEnd) - rowStart) * pxPerS }
        func inRow(_ a: Double, _ b: Double) -> Bool { b > rowStart && a < rowEnd }
        x.element("text", [("x", _svg(left - 8)), ("y", _svg(mid + 4)), ("font-size", "11"), ("text-anchor", "end"), ("font-weight", "bold")], clockTime(rowStart))
        x.element("text", [("x", _svg(left - 2)), ("y", _svg(y0 + 12)), ("font-size", "7.5"), ("text-anchor", "end"), ("fill", _HTMLStyle.muted)], "L")
        x.element("text", [("x", _svg(left - 2)), ("y", _svg(y0 + rowHeight - 5)), ("font-size", "7.5"), ("text-anchor", "end"), ("fill", _HTMLStyle.muted)], "R")
        // outside the window
        for (a, b) in [(rowStart, min(rowEnd, w.startS)), (max(rowStart, w.endS), rowEnd)] where b > a {
            x.empty("rect", [("x", _svg(px(a))), ("y", _svg(y0 + 2)), ("width", _svg(px(b) - px(a))), ("height", _svg(rowHeight - 4)), ("fill", "url(#pat-outside)")])
        }
        for s in report.series where inRow(s.startS, s.endS) {
            x.empty("rect", [
                ("x", _svg(px(s.startS))), ("y", _svg(y0 + 2)), ("width", _svg(max(1.5, px(s.endS) - px(s.startS)))),
                ("height", _svg(rowHeight - 4)), ("fill", _HTMLStyle.series), ("fill-opacity", "0.22"),
            ])
        }
        for (i, side) in [LegSide.left, .right].enumerated() {
            let laneTop = i == 0 ? y0 + 3 : mid + 3
            for span in excludedSpans(side) where inRow(span.span.startS, span.span.endS) {
                x.empty("rect", [("class", "excluded"), ("x", _svg(px(span.span.startS))), ("y", _svg(laneTop)), ("width", _svg(max(1, px(span.span.endS) - px(span.span.startS)))), ("height", _svg(rowHeight / 2 - 6)), ("fill", "url(#pat-excluded)")])
            }
        }
        x.empty("line", [("x1", _svg(left)), ("x2", _svg(left + plotW)), ("y1", _svg(mid)), ("y2", _svg(mid)), ("stroke", "#bdbdbd"), ("stroke-width", "0.6")])
        x.empty("line", [("x1", _svg(left)), ("x2", _svg(left + plotW)), ("y1", _svg(y0 + rowHeight)), ("y2", _svg(y0 + rowHeight)), ("stroke", "#8a8a8a"), ("stroke-width", "0.6")])
        for lm in report.legMovements where lm.onsetS >= rowStart && lm.onsetS < rowEnd {
            let laneTop = lm.side == .left ? y0 + 4 : mid + 2
            x.empty("rect", [
                ("class", "raster-lm"), ("x", _svg(px(lm.onsetS))), ("y", _svg(laneTop)),
                ("width", _svg(max(1, min(lm.offsetS, rowEnd) * pxPerS - lm.onsetS * pxPerS))), ("height", _svg(rowHeight / 2 - 6)),
                ("fill", lm.shorterThanMinimum ? "#9e9e9e" : _HTMLStyle.ink),
            ])
        }
        for cm in report.candidateMovements where cm.periodic && cm.onsetS >= rowStart && cm.onsetS < rowEnd {
            let cx = px(cm.onsetS)
            x.empty("path", [
                ("class", "raster-plm"),
                ("d", "M\(_svg(cx - 2.6)),\(_svg(mid - 2.6))L\(_svg(cx + 2.6)),\(_svg(mid - 2.6))L\(_svg(cx)),\(_svg(mid + 2.4))Z"),
                ("fill", _HTMLStyle.periodic), ("stroke", "#ffffff"), ("stroke-width", "0.4"),
            ])
        }
    }

    /// Starts of the rows: whole clock hours (or whole hours since the start without a clock)
    /// from the hour containing `t0` to the one containing `t1`; at most 48 rows.
    func hourRows(from t0: Double, to t1: Double) -> [Double] {
        guard t1 > t0, t0.isFinite, t1.isFinite else { return [] }
        let firstWhole = clock?.nextWholeHour(atOrAfter: t0) ?? (t0 / 3600).rounded(.up) * 3600
        var start = firstWhole > t0 ? firstWhole - 3600 : firstWhole
        var rows: [Double] = []
        while start < t1, rows.count < 48 {
            rows.append(start)
            start += 3600
        }
        return rows
    }
}
