import PLMCore
extension _HTMLContext {
    /// One key-figure card.
    struct Figure {
        var id: String
        /// JSON path of the value, e.g. `indices.plmIndex`.
        var key: String
        /// The value as the JSON writes it (`null` when unknown).
        var jsonValue: String
        /// The value as shown.
        var shown: String
        var unit: String
        var label: String
        var detail: String
        var primary = false
        var unknown = false
        /// Several counts shown together (JSON path, value), each its own element with
        /// `data-key` and `data-value`; the card itself then has no `data-key`.
        var parts: [(String, Int)] = []
    }

    static func number(_ id: String, _ key: String, _ value: Double?, decimals: Int, unit: String, label: String, detail: String) -> Figure {
        Figure(
            id: id, key: key, jsonValue: value.map(DecimalText.json) ?? "null",
            shown: value.map { DecimalText.fixed($0, decimals) } ?? "not known", unit: value == nil ? "" : unit,
            label: label, detail: detail, unknown: value == nil)
    }

    static func count(_ id: String, _ key: String, _ value: Int, label: String, detail: String) -> Figure {
        Figure(id: id, key: key, jsonValue: String(value), shown: String(value), unit: "", label: label, detail: detail)
    }

    /// The figures of the key-figures section, in display order: the PLM index first.
    var keyFigures: [Figure] {
        let i = report.indices
        let hours = DecimalText.fixed(i.validHours, 2)
        let basisWords: String
        switch i.hoursBasis {
        case .timeInBed: basisWords = "per hour in bed (sleep not recorded)"
        case .validTimeInBed: basisWords = "per hour of valid time in bed (sleep not recorded)"
        case .totalSleepTime: basisWords = "per hour of sleep"
        }
        var primary = Self.number(
            "kf-plmIndex", "indices.plmIndex", i.plmIndex, decimals: 1, unit: "/h", label: "PLM index",
            detail: "\(i.plmCount) PLMs in \(hours) h, \(basisWords)")
        primary.primary = true
        var figures: [Figure] = [primary]
        let sleepUnknown = "needs a sleep record (hypnogram)"
        figures.append(Self.number(
            "kf-plmsIndex", "indices.plmsIndex", i.plmsIndex, decimals: 1, unit: "/h", label: "PLMS index",
            detail: i.plmsIndex == nil ? sleepUnknown : "\(i.plmsCount.map(String.init) ?? "-") PLMs in \(i.totalSleepHours.map { DecimalText.fixed($0, 2) } ?? "-") h of sleep"))
        figures.append(Self.number(
            "kf-plmwIndex", "indices.plmwIndex", i.plmwIndex, decimals: 1, unit: "/h", label: "PLMW index",
            detail: i.plmwIndex == nil ? sleepUnknown : "\(i.plmwCount.map(String.init) ?? "-") PLMs in \(i.wakeHours.map { DecimalText.fixed($0, 2) } ?? "-") h of wake"))
        figures.append(Self.number(
            "kf-periodicityIndex", "indices.periodicityIndex", i.periodicityIndex, decimals: 2, unit: "",
            label: "Periodicity index",
            detail: "Ferri 2006, 0-1; share of IMIs in runs of 3+ within 10-90 s"))
        figures.append(Self.number(
            "kf-lmIndex", "indices.lmIndex", i.lmIndex, decimals: 1, unit: "/h", label: "LM index",
            detail: "\(i.lmCount) leg movements"))
        figures.append(Self.number(
            "kf-clmIndex", "indices.clmIndex", i.clmIndex, decimals: 1, unit: "/h", label: "CLM index",
            detail: "\(i.clmCount) candidate leg movements"))
        figures.append(Self.count(
            "kf-seriesCount", "indices.seriesCount", i.seriesCount, label: "PLM series",
            detail: seriesDetail))
        var severity = Figure(
            id: "kf-severity", key: "severity.band", jsonValue: report.severity.band ?? "null",
            shown: report.severity.bandText, unit: "", label: "Severity band",
            detail: "\(report.severity.bandDescription), \(report.severity.source)")
        severity.unknown = report.severity.band == nil
        figures.append(severity)
        figures.append(Self.number(
            "kf-nonRespiratoryPLMIndex", "indices.nonRespiratoryPLMIndex", i.nonRespiratoryPLMIndex, decimals: 1,
            unit: "/h", label: "Non-respiratory PLM index",
            detail: i.nonRespiratoryPLMIndex == nil ? "needs respiratory event annotations" : "series re-run without CLMs near respiratory events"))
        figures.append(Self.number(
            "kf-shortIMICLMIndex", "indices.shortIMICLMIndex", i.shortIMICLMIndex, decimals: 1, unit: "/h",
            label: "Short-IMI CLM index", detail: "CLMs less than 10 s after the previous one"))
        figures.append(Self.number(
            "kf-isolatedCLMIndex", "indices.isolatedCLMIndex", i.isolatedCLMIndex, decimals: 1, unit: "/h",
            label: "Isolated CLM index", detail: "CLMs neither in a series nor short-IMI"))
        figures.append(Self.number(
            "kf-plmToClmRatio", "indices.plmToClmRatio", i.plmToClmRatio, decimals: 2, unit: "",
            label: "PLM / CLM ratio", detail: "share of CLMs that are periodic (not the periodicity index)"))
        var split = Figure(
            id: "kf-split", key: "", jsonValue: "", shown: "", unit: "CLMs", label: "Left / right / bilateral",
            detail: "LMs: left \(i.leftLMCount), right \(i.rightLMCount)")
        split.parts = [
            ("indices.leftCLMCount", i.leftCLMCount), ("indices.rightCLMCount", i.rightCLMCount),
            ("indices.bilateralCLMCount", i.bilateralCLMCount),
        ]
        figures.append(split)
        figures.append(Self.number(
            "kf-asymmetry", "indices.asymmetry", i.asymmetry, decimals: 2, unit: "",
            label: "Left-right asymmetry", detail: "(left - right) / (left + right) LMs, -1 to 1"))
        return figures
    }

    func writeKeyFigures(_ x: inout _XMLWriter) {
        x.open("section", [("class", "key-figures"), ("id", "key-figures")])
        x.element("h2", [], "Key figures")
        x.element("p", [("class", "verdict"), ("id", "verdict")], verdict)
        x.open("div", [("class", "figures")])
        for f in keyFigures {
            var cls = "figure"
            if f.primary { cls += " primary" }
            if f.unknown { cls += " unknown" }
            let attributes = f.parts.isEmpty ? [("class", cls), ("id", f.id), ("data-key", f.key), ("data-value", f.jsonValue)] : [("class", cls), ("id", f.id)]
            x.open("div", attributes)
            x.element("div", [("class", "label")], f.label)
            x.open("div", [("class", "value")])
            x.characters(f.shown)
            for (n, part) in f.parts.enumerated() {
                if n > 0 { x.element("span", [("class", "sep")], " / ") }
                x.element("span", [("class", "part"), ("data-key", part.0), ("data-value", String(part.1))], String(part.1))
            }
            if !f.unit.isEmpty { x.element("span", [("class", "unit")], f.unit) }
            x.close("div")
            x.element("div", [("class", "detail")], f.detail)
            x.close("div")
        }
        x.close("div")
        writeSeverityScale(&x)
        x.close("section")
    }

    /// The series card's detail: the rule, and the mean and longest series when known.
    var seriesDetail: String {
        let i = report.indices
        // AASM series allow IMIs from 5 s (AASM 2007 manual); WASM 2016 from 10 s.
        let isAASM = report.settings["rules"]?.description.lowercased().hasPrefix("aasm") == true
        let lower = isAASM ? ClinicalThresholds.aasmSeriesIMIMinimumS : ClinicalThresholds.seriesIMIBoundsS.lower
        var text = "runs of \(ClinicalThresholds.minimumSeriesLength) or more \(isAASM ? "LMs" : "CLMs") "
            + "\(DecimalText.json(lower))-\(DecimalText.json(ClinicalThresholds.seriesIMIBoundsS.upper)) s apart"
        if let mean = i.meanSeriesLength, let longest = i.maxSeriesLength {
            text += "; mean \(DecimalText.fixed(mean, 1)), longest \(longest) PLMs"
        }
        return text
    }

    /// One plain sentence with the result and how it compares with the usual clinical threshold.
    var verdict: String {
        let i = report.indices
        guard let plmIndex = i.plmIndex else {
            return "The PLM index could not be computed: no valid recording time was left in the analysis window."
        }
        let adult = ClinicalThresholds.adultPLMSIndexPerHour
        let value = DecimalText.fixed(plmIndex, 1)
        let band = report.severity.band.map { " (\($0) band)" } ?? ""
        let side = plmIndex > adult ? "above" : "not above"
        if perHourOfSleep {
            return "\(value) periodic limb movements per hour of sleep\(band): \(side) the \(DecimalText.json(adult)) per hour "
                + "at which specialists usually consider PLM disorder in adults. A screening estimate, not a diagnosis."
        }
        return "\(value) periodic limb movements per hour in bed\(band): \(side) \(DecimalText.json(adult)) per hour, the level "
            + "at which specialists usually consider PLM disorder in adults (that level is per hour of sleep, which was not "
            + "recorded here). A screening estimate, not a diagnosis."
    }

    /// A horizontal scale of the severity bands with the PLM index marked on it.
    func writeSeverityScale(_ x: inout _XMLWriter) {
        let s = report.severity
        let value = report.indices.plmIndex ?? .nan
        let lastEdge = s.edges.last ?? 50
        let top = max(lastEdge * 1.4, value.isFinite ? value * 1.1 : 0, 1)
        let width = 1000.0, left = 130.0, right = 20.0, barY = 26.0, barH = 22.0
        let plotW = width - left - right
        func px(_ v: Double) -> Double { left + min(max(v, 0), top) / top * plotW }
        x.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot severity"), ("id", "severity-scale"),
            ("viewBox", "0 0 \(_svg(width)) 84"), ("role", "img"),
            ("aria-label", "PLM index on the severity scale"),
        ])
        x.element("text", [("x", "0"), ("y", _svg(barY + 15)), ("font-size", "13"), ("font-weight", "bold")], "PLM index /h")
        var bounds: [Double] = [0]
        bounds.append(contentsOf: s.edges)
        bounds.append(top)
        for band in 0..<(bounds.count - 1) {
            let x0 = px(bounds[band]), x1 = px(bounds[band + 1])
            guard x1 > x0 else { continue }
            let fill = _HTMLStyle.severityFills[min(band, _HTMLStyle.severityFills.count - 1)]
            x.empty("rect", [
                ("x", _svg(x0)), ("y", _svg(barY)), ("width", _svg(x1 - x0)), ("height", _svg(barH)),
                ("fill", fill), ("stroke", "#1a1a1a"), ("stroke-width", "0.6"),
            ])
            let name = band < s.bandNames.count ? s.bandNames[band] : ""
            let dark = band >= 3
            x.element("text", [
                ("x", _svg((x0 + x1) / 2)), ("y", _svg(barY + 15)), ("font-size", "12"), ("text-anchor", "middle"),
                ("fill", dark ? "#ffffff" : "#1a1a1a"),
            ], name)
        }
        for edge in s.edges {
            x.element("text", [("x", _svg(px(edge))), ("y", _svg(barY + barH + 14)), ("font-size", "11"), ("text-anchor", "middle")], DecimalText.json(edge))
        }
        x.element("text", [("x", _svg(px(0))), ("y", _svg(barY + barH + 14)), ("font-size", "11"), ("text-anchor", "middle")], "0")
        if value.isFinite {
            let mx = px(value)
            x.empty("path", [
                ("d", "M\(_svg(mx - 7)),\(_svg(barY - 12))L\(_svg(mx + 7)),\(_svg(barY - 12))L\(_svg(mx)),\(_svg(barY - 1))Z"),
                ("fill", "#1a1a1a"),
            ])
            x.empty("line", [("x1", _svg(mx)), ("x2", _svg(mx)), ("y1", _svg(barY)), ("y2", _svg(barY + barH)), ("stroke", "#1a1a1a"), ("stroke-width", "2.5")])
            let anchor = mx > width - 160 ? "end" : "start"
            x.element("text", [
                ("x", _svg(anchor == "end" ? mx - 10 : mx + 10)), ("y", _svg(barY - 3)), ("font-size", "12"),
                ("font-weight", "bold"), ("text-anchor", anchor),
            ], "\(DecimalText.fixed(value, 1)) /h")
        }
        x.element("text", [("x", _svg(width - right)), ("y", "80"), ("font-size", "11"), ("text-anchor", "end"), ("fill", _HTMLStyle.muted)],
            "bands: \(s.source). \(s.note)")
        x.close("svg")
    }
}
