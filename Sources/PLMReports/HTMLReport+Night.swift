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

    /// Where things go on the night plot: the time range and the rows, in SVG user units.
    struct NightFrame {
        typealias L = NightLayout
        /// The time range drawn, seconds (``nightRange()``).
        var t0: Double, t1: Double
        /// SVG units per second.
        var scale: Double
        /// Top of the first leg's trace (below the lights lane, and the sleep lane when drawn).
        var legsTop: Double
        /// Height of one leg's trace, LM lane and gap.
        var legBlock: Double
        /// Top of the three candidate lanes, their bottom, the time axis and the whole plot's height.
        var lanesTop: Double, lanesBottom: Double, axisY: Double, height: Double

        init(t0: Double, t1: Double, legCount: Int, hasSleepLane: Bool) {
            self.t0 = t0
            self.t1 = t1
            scale = L.plotWidth / (t1 - t0)
            legsTop = L.firstLegTop + (hasSleepLane ? 16 : 0)
            legBlock = L.traceHeight + L.lmLaneHeight + L.legGap
            lanesTop = legsTop + Double(legCount) * legBlock
            lanesBottom = lanesTop + 3 * L.laneHeight
            axisY = lanesBottom + 8
            height = axisY + 40
        }

        /// The x of a time, clamped to the range (NaN at its start).
        func px(_ s: Double) -> Double { L.left + (min(max(s.isNaN ? t0 : s, t0), t1) - t0) * scale }
    }

    func writeNight(_ x: inout _XMLWriter) {
        typealias L = NightLayout
        let (t0, t1) = nightRange()
        var sides: [LegSideKey] = report.recording.legs.map { LegSideKey($0.side) }
        for lm in report.legMovements where !sides.contains(LegSideKey(lm.side)) { sides.append(LegSideKey(lm.side)) }
        if sides.isEmpty { sides = [LegSideKey(.left)] }
        sides.sort { $0.rank < $1.rank }
        let frame = NightFrame(t0: t0, t1: t1, legCount: sides.count, hasSleepLane: traces?.sleepSpans != nil)

        // Shared activity scale: the 98th percentile of the drawn columns, rounded up, so that a
        // few spikes do not flatten every movement; taller columns are cut at the top.
        let columns = sides.map { side in traceColumns(side.side, t0: t0, t1: t1, count: Int(L.plotWidth)) }
        var finite = columns.flatMap { $0 }.filter { $0.isFinite && $0 > 0 }
        finite.sort()
        let robustTop = finite.isEmpty ? 1 : finite[min(finite.count - 1, Int(Double(finite.count) * 0.98))]
        let yTop = _Axis.niceCeiling(robustTop)

        x.open("section", [("class", "night"), ("id", "night")])
        x.element("h2", [], "The whole night")
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"), ("id", "night-plot"),
            ("viewBox", "0 0 \(_svg(L.width)) \(_svg(frame.height))"), ("role", "img"),
            ("aria-label", "Leg activity, leg movements and PLM series over the night"),
        ])
        x.raw(Self.patternDefs)
        let ticks = hourTicks(t0: t0, t1: t1, pixelsPerSecond: frame.scale)
        writeHourGrid(&x, frame, ticks)
        writeOutsideWindow(&x, frame)
        writeSeriesBands(&x, frame)
        writeLightsLane(&x, frame)
        writeSleepLane(&x, frame)
        for (k, side) in sides.enumerated() {
            writeLeg(&x, frame, side: side.side, top: frame.legsTop + Double(k) * frame.legBlock, columns: columns[k], yTop: yTop)
        }
        writeCandidateLanes(&x, frame)
        writeTimeAxis(&x, frame, ticks)
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
