import PLMCore

/// The "whole night at a glance" plot: per leg the activity trace with every LM marked and the
/// excluded time shaded, the candidate movements in three lanes (PLM / non-periodic CLM / not a
/// CLM), series as bands, the lights window, and a clock-time axis.
extension _HTMLContext {
    /// Plot geometry in SVG user units.
    struct NightLayout {
        static let width = 1000.0
        static let left = 104.0
        static let right = 14.0
        static let lightsTop = 24.0
        static let lightsHeight = 10.0
        static let firstLegTop = 46.0
        static let traceHeight = 62.0
        static let lmLaneHeight = 14.0
        static let legGap = 12.0
        static let laneHeight = 15.0
        static var plotWidth: Double { width - left - right }
    }

    /// The time range drawn: the analysis window and every event, padded by 1 %.
    func nightRange() -> (Double, Double) {
        // Only finite times within +-10^10 s (about 300 years) take part, so that one odd value
        // cannot blow the axis up; everything is drawn clamped to the range.
        func usable(_ v: Double) -> Bool { v.isFinite && v.magnitude < 1e10 }
        var times: [Double] = [report.analysisWindow.startS, report.analysisWindow.endS]
        for lm in report.legMovements { times += [lm.onsetS, lm.offsetS] }
        for cm in report.candidateMovements { times += [cm.onsetS, cm.offsetS] }
        if let lights = traces?.lightsWindow { times += [lights.startS, lights.endS] }
        let finite = times.filter(usable)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 3600
        if !(hi > lo) { hi = lo + 3600 }
        let pad = (hi - lo) * 0.01
        return (lo - pad, hi + pad)
    }

    func writeNight(_ x: inout _XMLWriter) {
        typealias L = NightLayout
        let (t0, t1) = nightRange()
        let scale = L.plotWidth / (t1 - t0)
        func px(_ s: Double) -> Double { L.left + (min(max(s.isNaN ? t0 : s, t0), t1) - t0) * scale }

        var sides: [LegSideKey] = report.recording.legs.map { LegSideKey($0.side) }
        for lm in report.legMovements where !sides.contains(LegSideKey(lm.side)) { sides.append(LegSideKey(lm.side)) }
        if sides.isEmpty { sides = [LegSideKey(.left)] }
        sides.sort { $0.rank < $1.rank }
        let sleepSpans = traces?.sleepSpans
        let legsTop = L.firstLegTop + (sleepSpans == nil ? 0 : 16)
        let legBlock = L.traceHeight + L.lmLaneHeight + L.legGap
        let lanesTop = legsTop + Double(sides.count) * legBlock
        let lanesBottom = lanesTop + 3 * L.laneHeight
        let axisY = lanesBottom + 8
        let height = axisY + 40

        // Shared activity scale: the 98th percentile of the drawn columns, rounded up, so that a
        // few spikes do not flatten every movement; taller columns are cut at the top.
        let columns = sides.map { side in traceColumns(side.side, t0: t0, t1: t1, count: Int(L.plotWidth)) }
        var finite = columns.flatMap { $0 }.filter { $0.isFinite && $0 > 0 }
        finite.sort()
        let robustTop = finite.isEmpty ? 1 : finite[min(finite.count - 1, Int(Double(finite.count) * 0.98))]
        let yTop = _Axis.niceCeiling(robustTop)
        let unit = traces?.legs.first?.unit ?? "g"

        x.open("section", [("class", "night"), ("id", "night")])
        x.element("h2", [], "The whole night")
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", "night-plot"),
            ("viewBox", "0 0 \(_svg(L.width)) \(_svg(height))"), ("role", "img"),
            ("aria-label", "Leg activity, leg movements and PLM series over the night"),
        ])
        x.raw(Self.patternDefs)

        // Hour grid and axis ticks.
        let ticks = hourTicks(t0: t0, t1: t1, pixelsPerSecond: scale)
        for tick in ticks {
            x.empty("line", [
                ("x1", _svg(px(tick.s))), ("x2", _svg(px(tick.s))), ("y1", _svg(legsTop - 4)),
                ("y2", _svg(axisY)), ("stroke", _HTMLStyle.grid), ("stroke-width", "0.8"),
            ])
        }

        // Outside the analysis window.
        let w = report.analysisWindow
        for (a, b) in [(t0, w.startS), (w.endS, t1)] where b > a {
            x.open("rect", [
                ("class", "outside-window"), ("x", _svg(px(a))), ("y", _svg(legsTop - 4)),
                ("width", _svg(px(b) - px(a))), ("height", _svg(lanesBottom - legsTop + 4)),
                ("fill", "url(#pat-outside)"),
            ])
            x.element("title", [], "outside the analysis window")
            x.close("rect")
        }

        // Series bands behind the events.
        for s in report.series {
            let x0 = px(s.startS), x1 = max(px(s.endS), x0 + 1.5)
            x.open("rect", [
                ("class", "series-band"), ("data-series", String(s.number)), ("x", _svg(x0)),
                ("y", _svg(legsTop - 4)), ("width", _svg(x1 - x0)), ("height", _svg(lanesBottom - legsTop + 4)),
                ("fill", _HTMLStyle.series), ("fill-opacity", "0.22"), ("stroke", _HTMLStyle.series), ("stroke-width", "0.6"),
            ])
            x.element("title", [], "series \(s.number): \(clockTime(s.startS))-\(clockTime(s.endS)), \(s.count) PLMs, median IMI \(DecimalText.fixed(s.medianIMIS, 1)) s")
            x.close("rect")
            if x1 - x0 >= 14 {
                x.element("text", [("x", _svg((x0 + x1) / 2)), ("y", _svg(legsTop - 7)), ("font-size", "9"), ("text-anchor", "middle"), ("fill", "#8a5a00")], String(s.number))
            }
        }

        // Lights lane.
        x.element("text", [("x", "4"), ("y", _svg(L.lightsTop + 9)), ("font-size", "11"), ("fill", _HTMLStyle.muted)], "Lights off")
        if let lights = traces?.lightsWindow {
            x.empty("rect", [
                ("class", "lights-off"), ("x", _svg(px(lights.startS))), ("y", _svg(L.lightsTop)),
                ("width", _svg(max(1, px(lights.endS) - px(lights.startS)))), ("height", _svg(L.lightsHeight)), ("fill", "#1a1a1a"),
            ])
            let offX = px(lights.startS), onX = px(lights.endS)
            let offAnchor = offX < L.left + 110 ? "start" : "end"
            let onAnchor = onX > L.width - L.right - 110 ? "end" : "start"
            for (s, word, anchor) in [(lights.startS, "lights off", offAnchor), (lights.endS, "lights on", onAnchor)] {
                x.empty("line", [
                    ("class", "lights-marker"), ("x1", _svg(px(s))), ("x2", _svg(px(s))), ("y1", _svg(L.lightsTop)),
                    ("y2", _svg(axisY)), ("stroke", "#1a1a1a"), ("stroke-width", "1"), ("stroke-dasharray", "4 3"),
                ])
                x.element("text", [
                    ("x", _svg(px(s) + (anchor == "end" ? -3 : 3))), ("y", _svg(L.lightsTop - 4)), ("font-size", "10"),
                    ("text-anchor", anchor),
                ], "\(word) \(clockTime(s))")
            }
        } else {
            x.element("text", [("x", _svg(L.left)), ("y", _svg(L.lightsTop + 9)), ("font-size", "10"), ("fill", _HTMLStyle.muted)],
                "lights times not given: the analysis window is shaded where it ends")
        }

        // Sleep lane (only when a hypnogram was given).
        if let sleepSpans {
            let top = L.lightsTop + L.lightsHeight + 6
            x.element("text", [("x", "4"), ("y", _svg(top + 9)), ("font-size", "11"), ("fill", _HTMLStyle.muted)], "Asleep")
            x.empty("rect", [("x", _svg(L.left)), ("y", _svg(top)), ("width", _svg(L.plotWidth)), ("height", _svg(L.lightsHeight)), ("fill", "none"), ("stroke", "#bdbdbd"), ("stroke-width", "0.6")])
            for span in sleepSpans where span.endS > t0 && span.startS < t1 {
                x.empty("rect", [
                    ("class", "sleep"), ("x", _svg(px(span.startS))), ("y", _svg(top)),
                    ("width", _svg(max(0.8, px(span.endS) - px(span.startS)))), ("height", _svg(L.lightsHeight)), ("fill", _HTMLStyle.sleep),
                ])
            }
        }

        // Legs.
        for (k, side) in sides.enumerated() {
            let top = legsTop + Double(k) * legBlock
            let base = top + L.traceHeight
            x.element("text", [("x", "4"), ("y", _svg(top + 13)), ("font-size", "12"), ("font-weight", "bold")], "\(side.side.rawValue.capitalized) leg")
            x.element("text", [("x", "4"), ("y", _svg(top + 26)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], "activity, \(unit)")
            x.element("text", [("x", "4"), ("y", _svg(base + 11)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], "LMs")
            // y axis
            x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.left)), ("y1", _svg(top)), ("y2", _svg(base)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
            for (value, label) in [(0.0, "0"), (yTop / 2, _Axis.label(yTop / 2)), (yTop, _Axis.label(yTop))] {
                let y = base - value / yTop * L.traceHeight
                x.empty("line", [("x1", _svg(L.left - 3)), ("x2", _svg(L.left)), ("y1", _svg(y)), ("y2", _svg(y)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
                x.element("text", [("x", _svg(L.left - 5)), ("y", _svg(y + 3)), ("font-size", "9"), ("text-anchor", "end")], label)
            }
            x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(base)), ("y2", _svg(base)), ("stroke", "#9e9e9e"), ("stroke-width", "0.6")])
            // excluded time
            for span in excludedSpans(side.side) where span.span.endS > t0 && span.span.startS < t1 {
                let x0 = px(span.span.startS), x1 = max(px(span.span.endS), x0 + 1)
                x.open("rect", [
                    ("class", "excluded"), ("data-kind", span.kind), ("x", _svg(x0)), ("y", _svg(top)),
                    ("width", _svg(x1 - x0)), ("height", _svg(L.traceHeight + L.lmLaneHeight)), ("fill", "url(#pat-excluded)"),
                ])
                x.element("title", [], "\(span.kind): \(clockTime(span.span.startS))-\(clockTime(span.span.endS)), excluded")
                x.close("rect")
            }
            // trace
            let path = tracePath(columns[k], base: base, height: L.traceHeight, yTop: yTop)
            if !path.isEmpty {
                x.empty("path", [("class", "activity"), ("d", path), ("fill", "#b3b3b3"), ("stroke", "#4d4d4d"), ("stroke-width", "0.5")])
            }
            // one mark per LM
            for lm in report.legMovements where lm.side == side.side {
                let x0 = px(lm.onsetS)
                let w = max(1.2, (lm.offsetS - lm.onsetS) * scale)
                x.empty("rect", [
                    ("class", "lm-mark"), ("data-onset-s", DecimalText.json(lm.onsetS)), ("x", _svg(x0)),
                    ("y", _svg(base + 2)), ("width", _svg(w)), ("height", _svg(L.lmLaneHeight - 4)),
                    ("fill", lm.shorterThanMinimum ? "#9e9e9e" : _HTMLStyle.ink),
                ])
            }
        }

        // Candidate movement lanes.
        let laneNames = ["PLM", "CLM, not periodic", "not a CLM"]
        for (i, name) in laneNames.enumerated() {
            let y = lanesTop + Double(i) * L.laneHeight
            x.element("text", [("x", "4"), ("y", _svg(y + 11)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], name)
            x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(y + L.laneHeight / 2)), ("y2", _svg(y + L.laneHeight / 2)), ("stroke", "#ececec"), ("stroke-width", "0.6")])
        }
        for cm in report.candidateMovements {
            let cx = px(cm.onsetS)
            let onset = DecimalText.json(cm.onsetS)
            if cm.periodic {
                let cy = lanesTop + L.laneHeight / 2
                x.empty("path", [
                    ("class", "cm-mark plm"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("d", "M\(_svg(cx)),\(_svg(cy - 4.5))L\(_svg(cx + 4)),\(_svg(cy + 3.5))L\(_svg(cx - 4)),\(_svg(cy + 3.5))Z"),
                    ("fill", _HTMLStyle.periodic), ("fill-opacity", "0.85"),
                ])
            } else if cm.isCandidate {
                let cy = lanesTop + 1.5 * L.laneHeight
                x.empty("circle", [
                    ("class", "cm-mark clm"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("cx", _svg(cx)), ("cy", _svg(cy)), ("r", "3.2"), ("fill", "none"),
                    ("stroke", _HTMLStyle.nonPeriodic), ("stroke-width", "1.3"),
                ])
            } else {
                let cy = lanesTop + 2.5 * L.laneHeight
                x.empty("path", [
                    ("class", "cm-mark other"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("d", "M\(_svg(cx - 3)),\(_svg(cy - 3))L\(_svg(cx + 3)),\(_svg(cy + 3))M\(_svg(cx - 3)),\(_svg(cy + 3))L\(_svg(cx + 3)),\(_svg(cy - 3))"),
                    ("stroke", _HTMLStyle.nonCandidate), ("stroke-width", "1.2"), ("fill", "none"),
                ])
            }
        }

        // Time axis.
        x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(axisY)), ("y2", _svg(axisY)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
        for tick in ticks {
            x.empty("line", [("x1", _svg(px(tick.s))), ("x2", _svg(px(tick.s))), ("y1", _svg(axisY)), ("y2", _svg(axisY + 4)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
            if tick.labelled {
                x.element("text", [("x", _svg(px(tick.s))), ("y", _svg(axisY + 15)), ("font-size", "10"), ("text-anchor", "middle")], clockTime(tick.s))
            }
        }
        x.element("text", [("x", _svg(L.left + L.plotWidth / 2)), ("y", _svg(axisY + 31)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)],
            clock == nil ? "time since the recording start (h:mm)" : "clock time on the recording's clock (hh:mm)")
        x.close("svg")
        writeNightLegend(&x)
        x.close("section")
    }

    /// The legend under the night plot, as small inline symbols with words.
    func writeNightLegend(_ x: inout _XMLWriter) {
        let items: [(String, String)] = [
            ("<path d='M1,11L4,6L7,9L10,2L13,8L16,5L17,11Z' fill='#b3b3b3' stroke='#4d4d4d' stroke-width='0.6'/>", "activity (largest movement signal per interval)"),
            ("<rect x='7' y='2' width='2.5' height='10' fill='#1a1a1a'/>", "leg movement (LM); grey: shorter than 0.5 s"),
            ("<path d='M9,2L14,11L4,11Z' fill='\(_HTMLStyle.periodic)'/>", "PLM (periodic CLM)"),
            ("<circle cx='9' cy='7' r='3.6' fill='none' stroke='\(_HTMLStyle.nonPeriodic)' stroke-width='1.4'/>", "CLM, not periodic"),
            ("<path d='M5,3L13,11M5,11L13,3' stroke='\(_HTMLStyle.nonCandidate)' stroke-width='1.4'/>", "candidate movement that is not a CLM"),
            ("<rect x='1' y='1' width='16' height='12' fill='\(_HTMLStyle.series)' fill-opacity='0.3' stroke='\(_HTMLStyle.series)'/>", "PLM series (numbered)"),
            ("<rect x='1' y='1' width='16' height='12' fill='url(#pat-excluded)' stroke='#8a8a8a' stroke-width='0.5'/>", "excluded: gap, fill or clipping"),
            ("<rect x='1' y='1' width='16' height='12' fill='url(#pat-outside)' stroke='#8a8a8a' stroke-width='0.5'/>", "outside the analysis window"),
        ] + (traces?.sleepSpans == nil ? [] : [("<rect x='1' y='3' width='16' height='8' fill='\(_HTMLStyle.sleep)'/>", "asleep (from the hypnogram)")])
        x.open("div", [("class", "legend")])
        for (symbol, words) in items {
            x.open("span")
            x.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"14\" viewBox=\"0 0 18 14\">\(symbol)</svg>")
            x.characters(words)
            x.close("span")
        }
        x.close("div")
    }

    /// Fill patterns shared by the night plot and its legend (ids are unique in the document).
    static let patternDefs = """
        <defs><pattern id="pat-excluded" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#e3e3e3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="2.2"/></pattern>\
        <pattern id="pat-outside" width="4" height="4" patternUnits="userSpaceOnUse">\
        <rect width="4" height="4" fill="#f1f1f1" fill-opacity="0.8"/><circle cx="2" cy="2" r="0.7" fill="#a0a0a0"/></pattern></defs>
        """

    /// The excluded spans of a leg: from the traces when given, otherwise the report's excluded defects.
    func excludedSpans(_ side: LegSide) -> [NightTraces.ExcludedSpan] {
        if let trace = traces?.legs.first(where: { $0.side == side }) { return trace.excluded }
        return report.recording.legs.filter { $0.side == side }.flatMap { leg in
            leg.defects.filter(\.excluded).map { NightTraces.ExcludedSpan(span: $0.span, kind: $0.kind) }
        }
    }

    /// The leg's activity reduced to `count` pixel columns over `[t0, t1)` by taking the largest
    /// value per column; NaN where no bin falls (or only NaN bins fall).
    func traceColumns(_ side: LegSide, t0: Double, t1: Double, count: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        guard let trace = traces?.legs.first(where: { $0.side == side }), trace.binWidthS > 0, trace.binWidthS.isFinite,
            trace.startS.isFinite, t1 > t0, (t1 - t0).isFinite
        else { return out }
        let perColumn = (t1 - t0) / Double(count)
        for (i, v) in trace.values.enumerated() where v.isFinite {
            let centre = trace.startS + (Double(i) + 0.5) * trace.binWidthS
            let position = ((centre - t0) / perColumn).rounded(.down)
            guard position >= 0, position < Double(count) else { continue }
            let c = Int(position)
            let value = Double(v)
            if !(out[c] >= value) { out[c] = value }
        }
        return out
    }

    /// An SVG path filling the area under the columns, one subpath per run of finite columns.
    func tracePath(_ columns: [Double], base: Double, height: Double, yTop: Double) -> String {
        typealias L = NightLayout
        let columnWidth = L.plotWidth / Double(max(1, columns.count))
        var d = ""
        var runStart: Int? = nil
        func close(_ end: Int) {
            d += "L\(_svg(L.left + Double(end) * columnWidth)),\(_svg(base))Z"
        }
        for (c, v) in columns.enumerated() {
            if v.isFinite {
                let y = base - min(max(v, 0), yTop) / yTop * height
                let xs = L.left + Double(c) * columnWidth
                if runStart == nil {
                    runStart = c
                    d += "M\(_svg(xs)),\(_svg(base))"
                }
                d += "L\(_svg(xs)),\(_svg(y))L\(_svg(xs + columnWidth)),\(_svg(y))"
            } else if runStart != nil {
                close(c)
                runStart = nil
            }
        }
        if runStart != nil { close(columns.count) }
        return d
    }

    struct Tick {
        var s: Double
        var labelled: Bool
    }

    /// Ticks at round clock times (or round times since the start without a clock): the finest
    /// of 10 min, 15 min, 30 min, 1 h, 2 h, 3 h, 6 h that leaves at least 64 units between
    /// labels; every tick labelled.
    func hourTicks(t0: Double, t1: Double, pixelsPerSecond: Double) -> [Tick] {
        let steps = [600, 900, 1800, 3600, 7200, 10_800, 21_600]
        let step = steps.first { Double($0) * pixelsPerSecond >= 64 } ?? 43_200
        let first = clock?.nextMultiple(ofSeconds: step, atOrAfter: t0) ?? (t0 / Double(step)).rounded(.up) * Double(step)
        var ticks: [Tick] = []
        var k = 0
        while first + Double(k * step) <= t1, k < 500 {
            ticks.append(Tick(s: first + Double(k * step), labelled: true))
            k += 1
        }
        return ticks
    }
}

/// A leg side that sorts left before right.
struct LegSideKey: Equatable {
    let side: LegSide
    init(_ side: LegSide) { self.side = side }
    var rank: Int { side == .left ? 0 : 1 }
}
