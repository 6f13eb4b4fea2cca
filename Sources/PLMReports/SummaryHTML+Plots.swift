import PLMCore

/// The summary page's two figures: indices per night, and the actogram overview.
extension SummaryHTML {
    /// PLM index (dots) and PLMS estimate (diamonds) per night, over the severity bands.
    static func writeIndexPlot(_ summary: NightsSummary, into x: inout _XMLWriter) {
        x.element("h2", [], "PLM index per night")
        let nights = summary.nights
        guard !nights.isEmpty else {
            x.element("p", [("class", "small")], "No night to plot.")
            return
        }
        let width = 1100.0, height = 260.0, left = 50.0, right = 20.0, top = 10.0, bottom = 30.0
        let values = nights.flatMap { [$0.indices.report.plmIndex, $0.indices.plmsIndexEstimate].compactMap { $0 } }
        let top50 = bandEdgesPerHour.last ?? 50
        let maxY = max(top50 * 1.2, (values.max() ?? 0) * 1.1)
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - min(v, maxY) / maxY) }
        let step = (width - left - right) / Double(nights.count)
        func xPos(_ k: Int) -> Double { left + step * (Double(k) + 0.5) }
        x.open("svg", [("class", "plot"), ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"),
            ("aria-label", "PLM index and PLMS index estimate per night")])
        let bounds = [0] + bandEdgesPerHour + [maxY]
        for band in 0..<(bounds.count - 1) {
            let fill = _HTMLStyle.severityFills[min(band, _HTMLStyle.severityFills.count - 1)]
            x.empty("rect", [("x", _svg(left)), ("y", _svg(y(bounds[band + 1]))), ("width", _svg(width - left - right)),
                ("height", _svg(max(0, y(bounds[band]) - y(bounds[band + 1])))), ("fill", fill), ("opacity", "0.45")])
        }
        for edge in bandEdgesPerHour {
            x.element("text", [("x", _svg(left - 6)), ("y", _svg(y(edge) + 4)), ("text-anchor", "end"), ("font-size", "11")],
                DecimalText.fixed(edge, 0))
        }
        for (k, night) in nights.enumerated() {
            x.element("text", [("x", _svg(xPos(k))), ("y", _svg(height - 10)), ("text-anchor", "middle"), ("font-size", "11")], night.date)
            if let v = night.indices.report.plmIndex {
                x.empty("circle", [("class", "plm-dot"), ("data-value", DecimalText.json(v)), ("cx", _svg(xPos(k) - 6)),
                    ("cy", _svg(y(v))), ("r", "5"), ("fill", _HTMLStyle.ink)])
            }
            if let v = night.indices.plmsIndexEstimate {
                let cx = xPos(k) + 6, cy = y(v)
                x.empty("polygon", [("class", "plms-dot"), ("data-value", DecimalText.json(v)),
                    ("points", "\(_svg(cx)),\(_svg(cy - 6)) \(_svg(cx + 6)),\(_svg(cy)) \(_svg(cx)),\(_svg(cy + 6)) \(_svg(cx - 6)),\(_svg(cy))"),
                    ("fill", _HTMLStyle.periodic)])
            }
        }
        x.close("svg")
        x.element("p", [("class", "legend")], "● PLM index per hour in bed   ◆ PLMS index estimate per hour of estimated sleep   bands: 5 / 15 / 25 / 50 per hour")
    }

    /// One row per calendar day from 00:00 to 24:00: activity bars (5-min bins), in bed, sleep
    /// estimate, non-wear, and PLMs as ticks.
    static func writeActogram(
        _ summary: NightsSummary, overview: RecordingOverview, clock: _RecordingClock?, into x: inout _XMLWriter
    ) {
        x.element("h2", [], "Overview, one row per day")
        let minuteCount = overview.movingSeconds.count
        guard minuteCount > 0 else { return }
        // Minute of the day at which the recording starts (0 without a clock: rows from the start).
        let startMinuteOfDay = clock.map { Int((($0.startMillis / 60_000) % 1440 + 1440) % 1440) } ?? 0
        let totalMinutes = startMinuteOfDay + minuteCount
        let rows = (totalMinutes + 1439) / 1440
        let width = 1100.0, labelW = 90.0, rowH = 34.0, axisH = 18.0
        let plotW = width - labelW - 10
        let height = axisH + rowH * Double(rows)
        func xOf(_ minuteOfDay: Double) -> Double { labelW + plotW * minuteOfDay / 1440 }
        x.open("svg", [("class", "plot"), ("viewBox", "0 0 \(_svg(width)) \(_svg(height))"), ("role", "img"),
            ("aria-label", "Actogram: activity, in bed, sleep estimate, non-wear and PLMs per day")])
        for hour in stride(from: 0, through: 24, by: 3) {
            x.element("text", [("x", _svg(xOf(Double(hour * 60)))), ("y", "12"), ("text-anchor", "middle"), ("font-size", "10")],
                "\(hour < 10 ? "0" : "")\(hour):00")
        }
        for row in 0..<rows {
            let top = axisH + rowH * Double(row)
            let firstMinute = row * 1440 - startMinuteOfDay  // recording minute at this row's 00:00
            let label = clock?.readable(Double(max(0, firstMinute)) * 60).prefix(10).description ?? "day \(row + 1)"
            x.open("g", [("class", "day-row"), ("data-date", label)])
            x.element("text", [("x", "0"), ("y", _svg(top + rowH / 2 + 4)), ("font-size", "11")], label)
            writeSpans(overview.inBed, firstMinute: firstMinute, top: top, height: rowH - 4, fill: "#e8e8e8", into: &x, xOf: xOf)
            writeSpans(overview.asleep, firstMinute: firstMinute, top: top + rowH - 12, height: 8, fill: _HTMLStyle.sleep, into: &x, xOf: xOf)
            // Non-wear from the summary's pieces, as the text lists them: no sensor worn fills the
            // row; one sensor off (the other leg analysed alone) is a thin bar below the top bars.
            let rowStart = Double(firstMinute) * 60
            func bar(_ startS: Double, _ endS: Double, kind: String, y: Double, height: Double, fill: String) {
                let a = max(0, (startS - rowStart) / 60), b = min(1440, (endS - rowStart) / 60)
                guard b > a else { return }
                x.empty("rect", [("class", kind), ("x", _svg(xOf(a))), ("y", _svg(y)), ("width", _svg(xOf(b) - xOf(a))),
                    ("height", _svg(height)), ("fill", fill)])
            }
            for piece in summary.nonWear {
                if piece.excluded {
                    bar(piece.startS, piece.endS, kind: "non-wear", y: top, height: rowH - 4, fill: "#bdbdbd")
                } else {
                    bar(piece.startS, piece.endS, kind: "one-leg-off", y: top + 5, height: 3, fill: "#757575")
                }
            }
            // Naps and lying awake (sofa): thin bars at the top of the row.
            for (spans, fill, kind) in [(summary.naps, _HTMLStyle.lnIMIBars, "nap"), (summary.lyingAwake, _HTMLStyle.series, "lying-awake")] {
                for span in spans { bar(span.startS, span.endS, kind: kind, y: top, height: 4, fill: fill) }
            }
            // Activity: the largest moving-second count in each 5-min bin.
            for bin in 0..<288 {
                var peak = 0
                for m in (firstMinute + bin * 5)..<(firstMinute + bin * 5 + 5) where m >= 0 && m < minuteCount {
                    peak = max(peak, overview.movingSeconds[m])
                }
                guard peak > 0 else { continue }
                let h = (rowH - 14) * Double(min(peak, 60)) / 60
                x.empty("rect", [("x", _svg(xOf(Double(bin * 5)))), ("y", _svg(top + rowH - 14 - h)),
                    ("width", _svg(plotW / 288)), ("height", _svg(h)), ("fill", _HTMLStyle.trace)])
            }
            let rowStartS = Double(firstMinute) * 60
            for onset in overview.plmOnsetsS where onset >= rowStartS && onset < rowStartS + 86_400 {
                x.empty("rect", [("class", "plm-mark"), ("x", _svg(xOf((onset - rowStartS) / 60))), ("y", _svg(top + rowH - 4)),
                    ("width", "1"), ("height", "4"), ("fill", _HTMLStyle.periodic)])
            }
            x.close("g")
        }
        x.close("svg")
        x.element("p", [("class", "legend")],
            "grey bars: movement (5-min peak of moving seconds)   light grey: in bed (scored night)   blue: sleep estimate   "
                + "dark grey: no sensor worn   thin dark line: one sensor off (the other leg analysed alone)   orange ticks: PLMs   "
                + "green top bar: nap   yellow top bar: lying awake (legs up)")
    }

    /// Runs of `flags` within one day row as rectangles.
    private static func writeSpans(
        _ flags: [Bool], firstMinute: Int, top: Double, height: Double, fill: String, into x: inout _XMLWriter,
        xOf: (Double) -> Double
    ) {
        var start: Int?
        for m in 0...1440 {
            let k = firstMinute + m
            let on = m < 1440 && k >= 0 && k < flags.count && flags[k]
            if on, start == nil { start = m }
            if !on, let s = start {
                x.empty("rect", [("x", _svg(xOf(Double(s)))), ("y", _svg(top)), ("width", _svg(xOf(Double(m)) - xOf(Double(s)))),
                    ("height", _svg(height)), ("fill", fill)])
                start = nil
            }
        }
    }
}
