import PLMCore

/// The pieces of the night plot (``writeNight(_:)``), drawn in this order: the hour grid, the
/// time outside the analysis window, the series bands, the lights and sleep lanes, each leg, the
/// candidate-movement lanes and the time axis.
extension _HTMLContext {
    /// Vertical lines at the ticks, behind everything else.
    func writeHourGrid(_ x: inout _XMLWriter, _ f: NightFrame, _ ticks: [Tick]) {
        for tick in ticks {
            x.empty("line", [
                ("x1", _svg(f.px(tick.s))), ("x2", _svg(f.px(tick.s))), ("y1", _svg(f.legsTop - 4)),
                ("y2", _svg(f.axisY)), ("stroke", _HTMLStyle.grid), ("stroke-width", "0.8"),
            ])
        }
    }

    /// The drawn time before and after the analysis window, shaded.
    func writeOutsideWindow(_ x: inout _XMLWriter, _ f: NightFrame) {
        let w = report.analysisWindow
        for (a, b) in [(f.t0, w.startS), (w.endS, f.t1)] where b > a {
            x.open("rect", [
                ("class", "outside-window"), ("x", _svg(f.px(a))), ("y", _svg(f.legsTop - 4)),
                ("width", _svg(f.px(b) - f.px(a))), ("height", _svg(f.lanesBottom - f.legsTop + 4)),
                ("fill", "url(#pat-outside)"),
            ])
            x.element("title", [], "outside the analysis window")
            x.close("rect")
        }
    }

    /// One numbered band per PLM series, behind the events.
    func writeSeriesBands(_ x: inout _XMLWriter, _ f: NightFrame) {
        for s in report.series {
            let x0 = f.px(s.startS), x1 = max(f.px(s.endS), x0 + 1.5)
            x.open("rect", [
                ("class", "series-band"), ("data-series", String(s.number)), ("x", _svg(x0)),
                ("y", _svg(f.legsTop - 4)), ("width", _svg(x1 - x0)), ("height", _svg(f.lanesBottom - f.legsTop + 4)),
                ("fill", _HTMLStyle.series), ("fill-opacity", "0.22"), ("stroke", _HTMLStyle.series), ("stroke-width", "0.6"),
            ])
            x.element("title", [], "series \(s.number): \(clockTime(s.startS))-\(clockTime(s.endS)), \(s.count) PLMs, median IMI \(DecimalText.fixed(s.medianIMIS, 1)) s")
            x.close("rect")
            if x1 - x0 >= 14 {
                x.element("text", [("x", _svg((x0 + x1) / 2)), ("y", _svg(f.legsTop - 7)), ("font-size", "9"), ("text-anchor", "middle"), ("fill", "#8a5a00")], String(s.number))
            }
        }
    }

    /// The lights-off bar with its two dashed markers, or a note that no lights times were given.
    func writeLightsLane(_ x: inout _XMLWriter, _ f: NightFrame) {
        typealias L = NightLayout
        x.element("text", [("x", "4"), ("y", _svg(L.lightsTop + 9)), ("font-size", "11"), ("fill", _HTMLStyle.muted)], "Lights off")
        guard let lights = traces?.lightsWindow else {
            x.element("text", [("x", _svg(L.left)), ("y", _svg(L.lightsTop + 9)), ("font-size", "10"), ("fill", _HTMLStyle.muted)],
                "lights times not given: the analysis window is shaded where it ends")
            return
        }
        x.empty("rect", [
            ("class", "lights-off"), ("x", _svg(f.px(lights.startS))), ("y", _svg(L.lightsTop)),
            ("width", _svg(max(1, f.px(lights.endS) - f.px(lights.startS)))), ("height", _svg(L.lightsHeight)), ("fill", "#1a1a1a"),
        ])
        let offX = f.px(lights.startS), onX = f.px(lights.endS)
        let offAnchor = offX < L.left + 110 ? "start" : "end"
        let onAnchor = onX > L.width - L.right - 110 ? "end" : "start"
        for (s, word, anchor) in [(lights.startS, "lights off", offAnchor), (lights.endS, "lights on", onAnchor)] {
            x.empty("line", [
                ("class", "lights-marker"), ("x1", _svg(f.px(s))), ("x2", _svg(f.px(s))), ("y1", _svg(L.lightsTop)),
                ("y2", _svg(f.axisY)), ("stroke", "#1a1a1a"), ("stroke-width", "1"), ("stroke-dasharray", "4 3"),
            ])
            x.element("text", [
                ("x", _svg(f.px(s) + (anchor == "end" ? -3 : 3))), ("y", _svg(L.lightsTop - 4)), ("font-size", "10"),
                ("text-anchor", anchor),
            ], "\(word) \(clockTime(s))")
        }
    }

    /// The sleep lane, only when a hypnogram was given.
    func writeSleepLane(_ x: inout _XMLWriter, _ f: NightFrame) {
        typealias L = NightLayout
        guard let sleepSpans = traces?.sleepSpans else { return }
        let top = L.lightsTop + L.lightsHeight + 6
        x.element("text", [("x", "4"), ("y", _svg(top + 9)), ("font-size", "11"), ("fill", _HTMLStyle.muted)], "Asleep")
        x.empty("rect", [("x", _svg(L.left)), ("y", _svg(top)), ("width", _svg(L.plotWidth)), ("height", _svg(L.lightsHeight)), ("fill", "none"), ("stroke", "#bdbdbd"), ("stroke-width", "0.6")])
        for span in sleepSpans where span.endS > f.t0 && span.startS < f.t1 {
            x.empty("rect", [
                ("class", "sleep"), ("x", _svg(f.px(span.startS))), ("y", _svg(top)),
                ("width", _svg(max(0.8, f.px(span.endS) - f.px(span.startS)))), ("height", _svg(L.lightsHeight)), ("fill", _HTMLStyle.sleep),
            ])
        }
    }

    /// One leg: its labels and y axis, the excluded time, the activity trace and a mark per LM.
    func writeLeg(_ x: inout _XMLWriter, _ f: NightFrame, side: LegSide, top: Double, columns: [Double], yTop: Double) {
        typealias L = NightLayout
        let base = top + L.traceHeight
        let unit = traces?.legs.first?.unit ?? "g"
        x.element("text", [("x", "4"), ("y", _svg(top + 13)), ("font-size", "12"), ("font-weight", "bold")], "\(side.rawValue.capitalized) leg")
        x.element("text", [("x", "4"), ("y", _svg(top + 26)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], "activity, \(unit)")
        x.element("text", [("x", "4"), ("y", _svg(base + 11)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], "LMs")
        x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.left)), ("y1", _svg(top)), ("y2", _svg(base)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
        for (value, label) in [(0.0, "0"), (yTop / 2, _Axis.label(yTop / 2)), (yTop, _Axis.label(yTop))] {
            let y = base - value / yTop * L.traceHeight
            x.empty("line", [("x1", _svg(L.left - 3)), ("x2", _svg(L.left)), ("y1", _svg(y)), ("y2", _svg(y)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
            x.element("text", [("x", _svg(L.left - 5)), ("y", _svg(y + 3)), ("font-size", "9"), ("text-anchor", "end")], label)
        }
        x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(base)), ("y2", _svg(base)), ("stroke", "#9e9e9e"), ("stroke-width", "0.6")])
        for span in excludedSpans(side) where span.span.endS > f.t0 && span.span.startS < f.t1 {
            let x0 = f.px(span.span.startS), x1 = max(f.px(span.span.endS), x0 + 1)
            x.open("rect", [
                ("class", "excluded"), ("data-kind", span.kind), ("x", _svg(x0)), ("y", _svg(top)),
                ("width", _svg(x1 - x0)), ("height", _svg(L.traceHeight + L.lmLaneHeight)), ("fill", "url(#pat-excluded)"),
            ])
            x.element("title", [], "\(span.kind): \(clockTime(span.span.startS))-\(clockTime(span.span.endS)), excluded")
            x.close("rect")
        }
        let path = tracePath(columns, base: base, height: L.traceHeight, yTop: yTop)
        if !path.isEmpty {
            x.empty("path", [("class", "activity"), ("d", path), ("fill", "#b3b3b3"), ("stroke", "#4d4d4d"), ("stroke-width", "0.5")])
        }
        for lm in report.legMovements where lm.side == side {
            x.empty("rect", [
                ("class", "lm-mark"), ("data-onset-s", DecimalText.json(lm.onsetS)), ("x", _svg(f.px(lm.onsetS))),
                ("y", _svg(base + 2)), ("width", _svg(max(1.2, (lm.offsetS - lm.onsetS) * f.scale))), ("height", _svg(L.lmLaneHeight - 4)),
                ("fill", lm.shorterThanMinimum ? "#9e9e9e" : _HTMLStyle.ink),
            ])
        }
    }

    /// The three candidate lanes (PLM, CLM not periodic, not a CLM) with one mark per candidate.
    func writeCandidateLanes(_ x: inout _XMLWriter, _ f: NightFrame) {
        typealias L = NightLayout
        for (i, name) in ["PLM", "CLM, not periodic", "not a CLM"].enumerated() {
            let y = f.lanesTop + Double(i) * L.laneHeight
            x.element("text", [("x", "4"), ("y", _svg(y + 11)), ("font-size", "9.5"), ("fill", _HTMLStyle.muted)], name)
            x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(y + L.laneHeight / 2)), ("y2", _svg(y + L.laneHeight / 2)), ("stroke", "#ececec"), ("stroke-width", "0.6")])
        }
        for cm in report.candidateMovements {
            let cx = f.px(cm.onsetS)
            let onset = DecimalText.json(cm.onsetS)
            if cm.periodic {
                let cy = f.lanesTop + L.laneHeight / 2
                x.empty("path", [
                    ("class", "cm-mark plm"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("d", "M\(_svg(cx)),\(_svg(cy - 4.5))L\(_svg(cx + 4)),\(_svg(cy + 3.5))L\(_svg(cx - 4)),\(_svg(cy + 3.5))Z"),
                    ("fill", _HTMLStyle.periodic), ("fill-opacity", "0.85"),
                ])
            } else if cm.isCandidate {
                let cy = f.lanesTop + 1.5 * L.laneHeight
                x.empty("circle", [
                    ("class", "cm-mark clm"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("cx", _svg(cx)), ("cy", _svg(cy)), ("r", "3.2"), ("fill", "none"),
                    ("stroke", _HTMLStyle.nonPeriodic), ("stroke-width", "1.3"),
                ])
            } else {
                let cy = f.lanesTop + 2.5 * L.laneHeight
                x.empty("path", [
                    ("class", "cm-mark other"), ("data-onset-s", onset), ("data-side", cm.side.rawValue),
                    ("d", "M\(_svg(cx - 3)),\(_svg(cy - 3))L\(_svg(cx + 3)),\(_svg(cy + 3))M\(_svg(cx - 3)),\(_svg(cy + 3))L\(_svg(cx + 3)),\(_svg(cy - 3))"),
                    ("stroke", _HTMLStyle.nonCandidate), ("stroke-width", "1.2"), ("fill", "none"),
                ])
            }
        }
    }

    /// The time axis: ticks, clock labels and the axis title.
    func writeTimeAxis(_ x: inout _XMLWriter, _ f: NightFrame, _ ticks: [Tick]) {
        typealias L = NightLayout
        x.empty("line", [("x1", _svg(L.left)), ("x2", _svg(L.width - L.right)), ("y1", _svg(f.axisY)), ("y2", _svg(f.axisY)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
        for tick in ticks {
            x.empty("line", [("x1", _svg(f.px(tick.s))), ("x2", _svg(f.px(tick.s))), ("y1", _svg(f.axisY)), ("y2", _svg(f.axisY + 4)), ("stroke", _HTMLStyle.ink), ("stroke-width", "0.8")])
            if tick.labelled {
                x.element("text", [("x", _svg(f.px(tick.s))), ("y", _svg(f.axisY + 15)), ("font-size", "10"), ("text-anchor", "middle")], clockTime(tick.s))
            }
        }
        x.element("text", [("x", _svg(L.left + L.plotWidth / 2)), ("y", _svg(f.axisY + 31)), ("font-size", "10.5"), ("text-anchor", "middle"), ("fill", _HTMLStyle.muted)],
            clock == nil ? "time since the recording start (h:mm)" : "clock time on the recording's clock (hh:mm)")
    }
}
